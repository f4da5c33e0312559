"""The ``passage stay`` JSON-lines contract (DESIGN.md §5), as pure functions.

Each input line is one travel history::

    {"id": …, "on": "YYYY-MM-DD", "rule": {"max_days": N, "window_days": M},
     "stays": [{"entry": "YYYY-MM-DD", "exit": "YYYY-MM-DD" | null}, …]}

and gives one output line, keys in this order::

    {"id": …, "days_used": …, "days_remaining": …, "authorised_until": "YYYY-MM-DD" | null,
     "overstay_days": …}

- ``days_used``: days of presence in the ``window_days`` days ending on ``on``, entry and
  exit days both counted, an open stay running through ``on``
  (:func:`~passage.core.stay.days_used`);
- ``days_remaining``: ``max_days - days_used``, never below 0;
- ``authorised_until``: the last day of a stay that continues, or starts, on ``on``
  without ever exceeding the rule; ``null`` when even ``on`` would exceed it
  (:func:`~passage.core.stay.authorised_until`); ``"9999-12-31"`` when
  ``max_days == window_days`` (the rule never binds);
- ``overstay_days``: days of presence up to ``on`` whose window exceeds ``max_days``
  (:func:`~passage.core.stay.overstay_days`).

Stays are in any order; parts of stays after ``on`` are ignored. A stay and the next may
share a day (exit and re-entry on the same day: the day counts once).

A line that cannot be used does not stop the stream: it gives
``{"id": …, "error": "<field>: <message>"}`` — ``id`` as given, or ``null`` when the line
is not a JSON object or has no ``id`` — with ``field`` in the input's notation
(``on``, ``rule.max_days``, ``stays[2].exit``). That covers lines that are not JSON,
missing or mistyped keys, dates not written ``YYYY-MM-DD``, non-positive numbers,
``max_days`` above ``window_days``, an exit before its entry and overlapping stays.
Blank lines are skipped. A stay without an ``exit`` key is open, as with ``null``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TextIO

from .calc import presence_until, rolling_last_day, rolling_overstay
from .errors import MalformedInputError, StayError
from .model import RollingWindowRule, Stay

__all__ = ["run_stay", "run_stay_jsonl", "stay_record"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _show(value: object) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def _date(value: object, name: str, *, nullable: bool = False) -> date | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise MalformedInputError(
            name, f"must be a date written YYYY-MM-DD, not {_show(value)}", value
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise MalformedInputError(name, f"{value} is not a day of the calendar", value) from None


def _days(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise MalformedInputError(
            name, f"must be a whole number of days, not {_show(value)}", value
        )
    return value


def _parse(record: dict[str, object]) -> tuple[date, RollingWindowRule, list[Stay]]:
    for key in ("on", "rule", "stays"):
        if key not in record:
            raise MalformedInputError(key, "missing")
    on = _date(record["on"], "on")
    assert on is not None
    rule_in = record["rule"]
    if not isinstance(rule_in, dict):
        raise MalformedInputError(
            "rule", "must be an object with max_days and window_days", rule_in
        )
    for key in ("max_days", "window_days"):
        if key not in rule_in:
            raise MalformedInputError(f"rule.{key}", "missing")
    try:
        rule = RollingWindowRule(
            _days(rule_in["max_days"], "rule.max_days"),
            _days(rule_in["window_days"], "rule.window_days"),
        )
    except MalformedInputError:
        raise
    except StayError as error:
        raise MalformedInputError(f"rule.{error.field}", error.message, error.value) from None
    stays_in = record["stays"]
    if not isinstance(stays_in, list):
        raise MalformedInputError("stays", "must be a list of stays", stays_in)
    stays: list[Stay] = []
    for i, item in enumerate(stays_in):
        if not isinstance(item, dict):
            raise MalformedInputError(f"stays[{i}]", "must be an object with entry and exit", item)
        if "entry" not in item:
            raise MalformedInputError(f"stays[{i}].entry", "missing")
        entry = _date(item["entry"], f"stays[{i}].entry")
        exit_ = _date(item.get("exit"), f"stays[{i}].exit", nullable=True)
        assert entry is not None
        try:
            stays.append(Stay(entry, exit_))
        except StayError as error:
            raise MalformedInputError(
                f"stays[{i}].{error.field}", error.message, error.value
            ) from None
    return on, rule, stays


def stay_record(record: object) -> dict[str, object]:
    """The output object for one parsed input object (a ``dict``), per DESIGN.md §5.

    Never raises for bad input: it returns ``{"id", "error"}`` instead.

    >>> stay_record({"id": "a", "on": "2025-03-01", "rule": {"max_days": 90, "window_days": 180},
    ...              "stays": [{"entry": "2025-01-01", "exit": None}]})
    {'id': 'a', 'days_used': 60, 'days_remaining': 30, 'authorised_until': '2025-03-31', 'overstay_days': 0}
    >>> stay_record({"id": 7, "on": "2025-02-30", "rule": {}, "stays": []})
    {'id': 7, 'error': 'on: 2025-02-30 is not a day of the calendar'}
    """
    if not isinstance(record, dict):
        return {"id": None, "error": "line: must be a JSON object"}
    ident = record.get("id")
    try:
        if "id" not in record:
            raise MalformedInputError("id", "missing")
        on, rule, stays = _parse(record)
        end = on.toordinal()
        presence = presence_until(stays, end)
    except StayError as error:
        return {"id": ident, "error": str(error)}
    used = presence.count(end - rule.window_days + 1, end)
    until = rolling_last_day(presence, end, rule)
    return {
        "id": ident,
        "days_used": used,
        "days_remaining": max(0, rule.max_days - used),
        "authorised_until": None if until is None else date.fromordinal(until).isoformat(),
        "overstay_days": rolling_overstay(presence, rule),
    }


def _outputs(lines: Iterable[str]) -> Iterator[dict[str, object]]:
    for line in lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield {
                "id": None,
                "error": f"line: not valid JSON ({error.msg} at column {error.colno})",
            }
        except RecursionError:
            yield {"id": None, "error": "line: nested too deeply"}
        else:
            yield stay_record(record)


def run_stay_jsonl(lines: Iterable[str]) -> Iterator[str]:
    """``passage stay``: one JSON output line (no newline) per non-blank input line.

    >>> list(run_stay_jsonl(['{"id": 1, "on": "2024-03-01", "rule": {"max_days": 90, '
    ...     '"window_days": 180}, "stays": [{"entry": "2024-02-28", "exit": "2024-03-01"}]}',
    ...     '', 'not json']))
    ['{"id": 1, "days_used": 3, "days_remaining": 87, "authorised_until": "2024-05-27", "overstay_days": 0}', '{"id": null, "error": "line: not valid JSON (Expecting value at column 1)"}']
    """
    for out in _outputs(lines):
        yield json.dumps(out, ensure_ascii=False)


def run_stay(infile: TextIO, outfile: TextIO) -> int:
    """Read histories from ``infile``, write one line each to ``outfile``; return the error count.

    This is the whole of the ``passage stay`` command: ``run_stay(sys.stdin, sys.stdout)``.
    """
    errors = 0
    for out in _outputs(infile):
        errors += "error" in out
        outfile.write(json.dumps(out, ensure_ascii=False) + "\n")
    return errors
