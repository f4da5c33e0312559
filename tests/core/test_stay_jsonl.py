"""The ``passage stay`` JSON-lines contract, DESIGN.md §5, exactly as outside checks call it.

Input ``{"id", "on", "rule": {"max_days", "window_days"}, "stays": [{"entry", "exit"}]}``,
output ``{"id", "days_used", "days_remaining", "authorised_until", "overstay_days"}``; a
line that cannot be used gives ``{"id", "error": "<field>: <message>"}`` and the stream
goes on.
"""

from __future__ import annotations

import io
import json

import pytest

from passage.core.stay import run_stay, run_stay_jsonl, stay_record

RULE = {"max_days": 90, "window_days": 180}


def line(**fields: object) -> str:
    record: dict[str, object] = {"id": "t", "on": "2025-06-01", "rule": RULE, "stays": []}
    record.update(fields)
    return json.dumps(record)


def run(*lines: str) -> list[dict[str, object]]:
    return [json.loads(out) for out in run_stay_jsonl(lines)]


@pytest.mark.parametrize(
    ("on", "stays", "expected"),
    [
        ("2025-06-01", [], (0, 90, "2025-08-29", 0)),
        # same-day entry and exit: one day
        ("2025-06-01", [{"entry": "2025-05-02", "exit": "2025-05-02"}], (1, 89, "2025-08-28", 0)),
        # an open stay runs through `on`: 1 Jan - 1 Feb = 32 days, continues to 31 Mar
        ("2025-02-01", [{"entry": "2025-01-01", "exit": None}], (32, 58, "2025-03-31", 0)),
        # exactly at the limit while present
        ("2025-03-31", [{"entry": "2025-01-01", "exit": None}], (90, 0, "2025-03-31", 0)),
        # over the limit: 95 days, 5 of them over
        ("2025-04-05", [{"entry": "2025-01-01", "exit": None}], (95, 0, None, 5)),
        # left after exactly 90 days, back the next day: may not start a stay
        ("2025-04-01", [{"entry": "2025-01-01", "exit": "2025-03-31"}], (90, 0, None, 0)),
        # days leaving the window let a stay go on (1 Oct - 29 Dec 2024 = 90 days)
        ("2025-03-30", [{"entry": "2024-10-01", "exit": "2024-12-29"}], (89, 1, "2025-06-27", 0)),
        # leap year: the window ending 1 Mar 2024 starts 4 Sep 2023 and holds 4-5 Sep; those
        # leave it by 3 Mar, so the stay runs 90 days: 1 Mar - 29 May 2024 (31 + 30 + 29)
        ("2024-03-01", [{"entry": "2023-09-03", "exit": "2023-09-05"}], (2, 88, "2024-05-29", 0)),
        # a multi-year open stay
        ("2024-12-31", [{"entry": "2020-01-01", "exit": None}], (180, 0, None, 1827 - 90)),
        # a missing exit key is an open stay, as null
        ("2025-02-01", [{"entry": "2025-01-01"}], (32, 58, "2025-03-31", 0)),
        # stays in any order, touching on a same-day exit and re-entry: 19 days used, so
        # 71 from 1 Feb (day 20 of 90) to 12 Apr, before January leaves the window
        (
            "2025-02-01",
            [
                {"entry": "2025-01-10", "exit": "2025-01-19"},
                {"entry": "2025-01-01", "exit": "2025-01-10"},
            ],
            (19, 71, "2025-04-12", 0),
        ),
    ],
)
def test_contract(on: str, stays: list[dict[str, object]], expected: tuple[object, ...]) -> None:
    [out] = run(line(on=on, stays=stays))
    assert list(out) == ["id", "days_used", "days_remaining", "authorised_until", "overstay_days"]
    assert out["id"] == "t"
    assert (
        out["days_used"],
        out["days_remaining"],
        out["authorised_until"],
        out["overstay_days"],
    ) == expected


def test_other_windows_and_a_rule_that_never_binds() -> None:
    [a, b] = run(
        line(
            on="2025-01-10",
            rule={"max_days": 5, "window_days": 7},
            stays=[{"entry": "2025-01-01", "exit": None}],
        ),
        line(rule={"max_days": 7, "window_days": 7}, stays=[{"entry": "2025-01-01", "exit": None}]),
    )
    # presence 1-10 Jan in a 5-in-7 rule: days 6-10 each see 6 or 7 days in their window
    assert (a["days_used"], a["days_remaining"], a["authorised_until"], a["overstay_days"]) == (
        7,
        0,
        None,
        5,
    )
    assert b["authorised_until"] == "9999-12-31"


@pytest.mark.parametrize(
    ("raw", "ident", "error"),
    [
        ("not json", None, "line: not valid JSON"),
        ("[1, 2]", None, "line: must be a JSON object"),
        (
            '{"on": "2025-01-01", "rule": {"max_days": 90, "window_days": 180}, "stays": []}',
            None,
            "id: missing",
        ),
        (line(on="2025/01/01"), "t", "on: must be a date written YYYY-MM-DD"),
        (line(on="2025-02-29"), "t", "on: 2025-02-29 is not a day of the calendar"),
        (line(on=None), "t", "on: must be a date"),
        (json.dumps({"id": 3, "rule": RULE, "stays": []}), 3, "on: missing"),
        (line(rule={"window_days": 180}), "t", "rule.max_days: missing"),
        (line(rule=[90, 180]), "t", "rule: must be an object"),
        (
            line(rule={"max_days": "90", "window_days": 180}),
            "t",
            "rule.max_days: must be a whole number",
        ),
        (
            line(rule={"max_days": 90.5, "window_days": 180}),
            "t",
            "rule.max_days: must be a whole number",
        ),
        (
            line(rule={"max_days": True, "window_days": 180}),
            "t",
            "rule.max_days: must be a whole number",
        ),
        (
            line(rule={"max_days": 90, "window_days": 0}),
            "t",
            "rule.window_days: must be a positive",
        ),
        (line(rule={"max_days": -1, "window_days": 180}), "t", "rule.max_days: must be a positive"),
        (
            line(rule={"max_days": 200, "window_days": 180}),
            "t",
            "rule.max_days: 200 is longer than the window",
        ),
        (line(stays={"entry": "2025-01-01"}), "t", "stays: must be a list"),
        (line(stays=["2025-01-01"]), "t", "stays[0]: must be an object"),
        (line(stays=[{"exit": "2025-01-01"}]), "t", "stays[0].entry: missing"),
        (
            line(stays=[{"entry": "2025-01-01", "exit": "1 Feb"}]),
            "t",
            "stays[0].exit: must be a date",
        ),
        (
            line(
                stays=[
                    {"entry": "2025-01-01", "exit": "2025-01-10"},
                    {"entry": "2025-02-10", "exit": "2025-02-01"},
                ]
            ),
            "t",
            "stays[1].exit: 2025-02-01 is before the entry 2025-02-10",
        ),
        (
            line(
                stays=[
                    {"entry": "2025-01-01", "exit": "2025-01-10"},
                    {"entry": "2025-01-05", "exit": None},
                ]
            ),
            "t",
            "stays[1]: 2025-01-05 to open overlaps stays[0]",
        ),
        (
            line(
                stays=[
                    {"entry": "2025-01-01", "exit": None},
                    {"entry": "2025-03-05", "exit": "2025-03-06"},
                ]
            ),
            "t",
            "stays[1]: enters on 2025-03-05 after stays[0]",
        ),
    ],
)
def test_malformed_lines_give_an_error_line(raw: str, ident: object, error: str) -> None:
    [out] = run(raw)
    assert list(out) == ["id", "error"]
    assert out["id"] == ident
    assert isinstance(out["error"], str) and out["error"].startswith(error), out["error"]


def test_the_stream_goes_on_after_errors_and_skips_blank_lines() -> None:
    outs = run(line(id=1), "{", "", "   ", line(id=2, on="x"), line(id=3))
    assert [o["id"] for o in outs] == [1, None, 2, 3]
    assert ["error" in o for o in outs] == [False, True, True, False]


def test_run_stay_reads_and_writes_text_streams() -> None:
    stdin = io.StringIO(line(id="a") + "\n" + "oops\n" + line(id="b") + "\n")
    stdout = io.StringIO()
    assert run_stay(stdin, stdout) == 1
    lines = stdout.getvalue().splitlines()
    assert len(lines) == 3 and all(json.loads(x) for x in lines)
    assert stdout.getvalue().endswith("\n")


def test_stay_record_never_raises() -> None:
    assert stay_record(None) == {"id": None, "error": "line: must be a JSON object"}
    assert stay_record({"id": [1]})["error"] == "on: missing"
