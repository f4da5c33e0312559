"""`passage stay`, exactly as DESIGN.md §5 describes it."""

from __future__ import annotations

import json
import subprocess
import sys

LINES = [
    # Open stay from 1 December through 1 March: 31 + 31 + 28 + 1 = 91 days, one too many.
    {
        "id": "open",
        "on": "2026-03-01",
        "rule": {"max_days": 90, "window_days": 180},
        "stays": [{"entry": "2025-12-01", "exit": None}],
    },
    # Nothing in the window: a new stay may last the whole 90 days, entry day counted.
    {"id": "new", "on": "2026-03-01", "rule": {"max_days": 90, "window_days": 180}, "stays": []},
]


def test_stay_reads_histories_and_writes_one_line_each():
    text = "\n".join(json.dumps(line) for line in LINES) + "\nnot json\n"
    result = subprocess.run(
        [sys.executable, "-m", "passage.site.cli", "stay"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0] == {
        "id": "open",
        "days_used": 91,
        "days_remaining": 0,
        "authorised_until": None,
        "overstay_days": 1,
    }
    assert out[1] == {
        "id": "new",
        "days_used": 0,
        "days_remaining": 90,
        "authorised_until": "2026-05-29",
        "overstay_days": 0,
    }
    assert out[2]["id"] is None and "error" in out[2]
