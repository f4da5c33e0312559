"""`passage passengers parse FILE...`, exactly as DESIGN.md §5 describes it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[4] / "tests" / "data" / "paxlst"
FIELDS = [
    "role",
    "surname",
    "given_names",
    "sex",
    "birth_date",
    "nationality",
    "document_type",
    "document_number",
    "document_expiry",
    "issuing_state",
    "flight",
    "embarkation",
    "disembarkation",
]


def passage(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "passage.site.cli", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_parse_writes_one_object_per_person_in_message_order():
    result = passage(
        "passengers",
        "parse",
        str(DATA / "own" / "ux123-d05b-passengers.edi"),
        str(DATA / "own" / "ux9-crew-d15b.edi"),
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["surname"] for r in rows] == [
        "O'NEILL",
        "GARCIA LOPEZ",
        "NGUYEN",
        "SILVA|SANTOS",
        "EL AMRANI",
    ]
    assert all(set(FIELDS) <= set(r) for r in rows)
    assert {k: rows[0][k] for k in FIELDS} == {
        "role": "passenger",
        "surname": "O'NEILL",
        "given_names": "ANNE MARIE",
        "sex": "F",
        "birth_date": "1985-02-14",
        "nationality": "IRL",
        "document_type": "P",
        "document_number": "PX1234567",
        "document_expiry": "2030-01-15",
        "issuing_state": "IRL",
        "flight": "UX123",
        "embarkation": "MAD",
        "disembarkation": "UTO",
    }
    assert rows[0]["seat"] == "14C"
    # No LOC+178/179 for this passenger: the flight's LOC+125/87 stand in.
    assert (rows[1]["embarkation"], rows[1]["disembarkation"]) == ("MAD", "UTO")
    assert rows[1]["document_type"] is None
    assert rows[3]["role"] == rows[4]["role"] == "crew"
    assert rows[4]["birth_date"] == "1977-11-20"


def test_a_malformed_message_exits_non_zero_naming_the_segment():
    result = passage("passengers", "parse", str(DATA / "gtas" / "airline2.edi"))
    assert result.returncode != 0
    assert result.stdout == ""
    assert "UNT (segment 114, line 114)" in result.stderr
    assert "airline2.edi" in result.stderr


def test_a_missing_file_is_named():
    result = passage("passengers", "parse", "/nonexistent/list.edi")
    assert result.returncode != 0
    assert "/nonexistent/list.edi" in result.stderr
