"""Production settings pass Django's deployment checklist."""

from __future__ import annotations

import os
import subprocess
import sys


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "passage.site.settings",
        "PASSAGE_SECRET_KEY": "a-production-like-secret-" + "q8#Zp2@" * 8,
        "PASSAGE_DEBUG": "0",
        "PASSAGE_ALLOWED_HOSTS": "passage.example.gov",
        "PASSAGE_VAR_DIR": str(tmp_path),
    }
    env.pop("PASSAGE_SECURE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "-m", "passage.site.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "passage.site.settings", "PASSAGE_DEBUG": "0"}
    env.pop("PASSAGE_SECRET_KEY", None)
    env["PASSAGE_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "passage.site.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "PASSAGE_SECRET_KEY must be set" in result.stderr
