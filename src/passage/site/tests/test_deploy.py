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


def test_without_a_configured_key_a_private_random_one_is_kept(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "passage.site.settings", "PASSAGE_DEBUG": "0"}
    env.pop("PASSAGE_SECRET_KEY", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env["PASSAGE_VAR_DIR"] = str(tmp_path)
    command = [sys.executable, "-m", "passage.site.cli", "diffsettings", "--all"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    key_file = tmp_path / "secret_key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    key = key_file.read_text().strip()
    assert len(key) >= 50 and f"SECRET_KEY = '{key}'" in first
    second = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    assert f"SECRET_KEY = '{key}'" in second
