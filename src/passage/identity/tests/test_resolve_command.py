"""`passage identity resolve FILE.jsonl` (DESIGN.md §5): one line per record, never a crash."""

from __future__ import annotations

import io
import json
from pathlib import Path

from django.core.management import call_command


def _run(path: Path) -> tuple[list[dict[str, str]], str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("identity", "resolve", str(path), stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_resolve_links_variants_and_lists_bad_records(tmp_path: Path) -> None:
    lines = [
        {
            "record_id": "a1",
            "surname": "MOHAMED",
            "given_names": "ALI HASSAN",
            "birth_date": "1980-03-04",
            "sex": "M",
            "nationality": "EGY",
            "issuing_state": "EGY",
            "document_number": "A1234567",
        },
        {
            "record_id": "a2",
            "surname": "MUHAMMAD",
            "given_names": "ALI HASAN",
            "birth_date": "1980-04-03",
            "sex": "M",
            "nationality": "EGY",
            "issuing_state": "EGY",
            "document_number": "A7654321",
        },
        {
            "record_id": "b1",
            "surname": "MOHAMED",
            "given_names": "ALI HASSAN",
            "birth_date": "1955-07-19",
            "sex": "M",
            "nationality": "EGY",
            "issuing_state": "EGY",
            "document_number": "A0000001",
        },
        {
            "record_id": "d1",
            "surname": "",
            "given_names": "X\u0000",
            "birth_date": "1980-02-30",
            "sex": "Q",
            "nationality": "ZZZ",
        },
        {"surname": "NO ID"},
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n{not json\n[1]\n")
    rows, err = _run(path)
    persons = {row["record_id"]: row["person_id"] for row in rows}
    assert list(persons) == ["a1", "a2", "b1", "d1"]
    assert persons["a1"] == persons["a2"] != persons["b1"]
    assert persons["d1"] == "d1"
    for expected in (
        "line 6: not JSON",
        "line 7: not a JSON object",
        "record 5: record_id: missing",
        "record d1: birth_date: not a date",
        "record d1: nationality: unknown country code ZZZ",
        "record d1: document_number: missing",
    ):
        assert expected in err


def test_empty_file_prints_nothing(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("")
    assert _run(path) == ([], "")
