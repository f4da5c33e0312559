"""`passage screen --list FILE`, exactly as DESIGN.md §5 describes it."""

from __future__ import annotations

import json
import subprocess
import sys

ENTRIES = [
    {
        "id": "w1",
        "names": ["Mohammed Abdel Rahman AL-SAYED"],
        "birth_date": "1975-06-01",
        "nationality": "SDN",
    },
    {
        "id": "w2",
        "names": ["Ivan Petrovich SIDOROV", "Ivan Sidorov"],
        "birth_date": "1969",
        "nationality": None,
    },
    {"id": "d1", "names": ["Selam Tesfaye"], "document_number": "EP9988776", "birth_date": None},
]


def screen(tmp_path, queries, *args):
    listing = tmp_path / "list.jsonl"
    listing.write_text("\n".join(json.dumps(e) for e in ENTRIES) + "\n{broken\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "passage.site.cli", "screen", "--list", str(listing), *args],
        input="\n".join(json.dumps(q) for q in queries) + "\n",
        capture_output=True,
        text=True,
        check=False,
    )


def test_hits_best_first_with_explanations(tmp_path):
    result = screen(
        tmp_path,
        [
            {
                "id": "q1",
                "names": ["Mohamed Abdelrahman Al Sayed"],
                "birth_date": "1976-06-01",
                "nationality": "SDN",
            },
            {"id": "q2", "names": ["Jane Smith"], "birth_date": "1990-01-01"},
        ],
    )
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["id"] == "q1" and first["hits"][0]["entry_id"] == "w1"
    assert 0 <= first["hits"][0]["score"] <= 1 and first["hits"][0]["explanation"]
    assert second == {"id": "q2", "hits": []}
    assert '"source": "list"' in result.stderr  # the broken list line, reported apart


def test_cyrillic_query_finds_latin_listed_name(tmp_path):
    result = screen(tmp_path, [{"id": "q", "names": ["Иван Сидоров"], "birth_date": "1969-04-02"}])
    hits = json.loads(result.stdout)["hits"]
    assert hits and hits[0]["entry_id"] == "w2"


def test_threshold_is_checked(tmp_path):
    result = screen(tmp_path, [], "--threshold", "3")
    assert result.returncode != 0 and "--threshold" in result.stderr
