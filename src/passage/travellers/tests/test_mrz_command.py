"""`passage mrz parse` and `passage mrz make`, exactly as DESIGN.md §5 describes them."""

from __future__ import annotations

import json
import subprocess
import sys

SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
)


def passage(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "passage.site.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def test_parse_writes_one_json_object_per_document():
    result = passage("mrz", "parse", stdin=SPECIMEN + "\n\nthis is not an mrz\n")
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert (
        first["format"] == "TD3"
        and first["surname"] == "ERIKSSON"
        and first["given_names"] == "ANNA MARIA"
    )
    assert first["birth_date"] == "1974-08-12" and first["valid"] is True
    assert second["valid"] is False and second["errors"]


def test_make_builds_what_parse_accepts():
    made = passage(
        "mrz",
        "make",
        "--format",
        "TD2",
        "--surname",
        "Ould Ahmed",
        "--given-names",
        "Mariam",
        "--document-number",
        "MR1234567",
        "--issuing-state",
        "MRT",
        "--birth-date",
        "1988-05-01",
        "--sex",
        "F",
        "--expiry-date",
        "2030-05-01",
    )
    assert made.returncode == 0, made.stderr
    parsed = json.loads(passage("mrz", "parse", stdin=made.stdout).stdout)
    assert parsed["valid"] and parsed["format"] == "TD2" and parsed["surname"] == "OULD AHMED"


def test_make_names_a_missing_field():
    result = passage("mrz", "make", "--surname", "X")
    assert result.returncode != 0
    assert "--document-number" in result.stderr
