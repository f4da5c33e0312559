"""Red "two documents of one issuer valid at once" when issue dates are unknown
(decision 0164): a document recorded on a day was issued by then, so it is read as valid
from no later than that day; nothing is guessed from the expiry alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from passage.identity.engine import Colour, Resolver, default_model_path, prepare
from passage.identity.engine.synthetic import population

from .test_engine import _record as engine_record

RED = "two documents of one issuer valid at once for one identity"


def _record(rid: str, number: str, **fields: str) -> dict[str, str]:
    return engine_record(rid, document_number=number, **fields)


def _pair(a: dict[str, str], b: dict[str, str]):
    (pair,) = Resolver(default_model_path()).score(prepare([a, b]))
    return pair


def test_without_issue_dates_or_recording_days_two_documents_are_never_red() -> None:
    """Two expiry dates alone say nothing of when the documents were valid: a standard
    validity length would be a guess. The pair takes its colour from its weight."""
    pair = _pair(
        _record("a", "A1110000", valid_until="2030-01-01"),
        _record("b", "B2220000", valid_until="2031-06-01"),
    )
    assert pair.colour is not Colour.RED
    assert pair.levels["document"] == "unknown"


def test_two_documents_both_recorded_while_both_run_for_years_are_red() -> None:
    """Recorded in 2024 and 2025, valid until 2030 and 2031: both were surely valid from
    2025 to 2030, more than a year, whatever their issue dates."""
    pair = _pair(
        _record("a", "A1110000", valid_until="2030-01-01", first_seen="2024-02-01"),
        _record("b", "B2220000", valid_until="2031-06-01", first_seen="2025-03-01"),
    )
    assert (pair.colour, pair.reason) == (Colour.RED, RED)
    # The renewal level is not read from the recording day (decision 0158).
    assert pair.levels["document"] == "unknown"


def test_a_new_passport_first_recorded_as_the_old_one_ran_out_is_not_red() -> None:
    """The renewal first seen eight months before the old passport expired: the overlap
    known is under a year, as for a renewal issued early."""
    pair = _pair(
        _record("a", "A1110000", valid_until="2026-01-01", first_seen="2017-05-01"),
        _record("b", "B2220000", valid_until="2035-04-01", first_seen="2025-05-01"),
    )
    assert pair.colour is not Colour.RED


def test_a_known_issue_date_is_read_first_and_a_recording_day_only_where_it_lacks() -> None:
    old = _record("a", "A1110000", valid_until="2030-01-01", first_seen="2029-06-01")
    new = _record("b", "B2220000", valid_until="2031-06-01", first_seen="2025-03-01")
    assert _pair(old, new).colour is not Colour.RED  # known together from 2029-06 only
    old["valid_from"] = "2020-01-01"  # issued long before it was first recorded
    assert _pair(old, new).colour is Colour.RED  # together from 2025-03 (b recorded)


@pytest.mark.parametrize("days_earlier", [0, 1, 200, 3000])
def test_an_issue_date_learnt_later_never_takes_a_red_away(days_earlier: int) -> None:
    """A document is issued on or before the day it is first recorded, so the overlap
    read without issue dates is never longer than the true one: a pair red on recording
    days stays red once the issue dates (on or before them) are known."""
    seen_a, seen_b = dt.date(2024, 2, 1), dt.date(2025, 3, 1)
    a = _record("a", "A1110000", valid_until="2030-01-01", first_seen=seen_a.isoformat())
    b = _record("b", "B2220000", valid_until="2031-06-01", first_seen=seen_b.isoformat())
    assert _pair(a, b).colour is Colour.RED
    a["valid_from"] = (seen_a - dt.timedelta(days=days_earlier)).isoformat()
    b["valid_from"] = (seen_b - dt.timedelta(days=days_earlier)).isoformat()
    assert _pair(a, b).colour is Colour.RED


def test_a_recording_day_that_is_not_a_date_is_listed_and_read_as_unknown() -> None:
    prepared = prepare([_record("a", "A1110000", first_seen="2024-13-01")])
    assert prepared.rows[0]["first_seen"] is None
    assert prepared.problems["a"] == ["first_seen: not a date"]


def test_stored_rows_written_before_first_seen_are_still_read(tmp_path: Path) -> None:
    """Rows stored by a full run before decision 0164 have no first_seen column: the
    incremental run reads them as unknown."""
    import pyarrow.parquet as pq

    from passage.identity.engine.model import prepared_table

    records, _truth = population(120, seed=6)
    cut = len(records) * 4 // 5
    stored, new = prepare(records[:cut]), prepare(records[cut:])
    table = prepared_table(stored)
    pq.write_table(table, tmp_path / "rows-new.parquet")
    pq.write_table(table.drop_columns(["first_seen"]), tmp_path / "rows-old.parquet")
    resolver = Resolver(default_model_path())

    def scored(path: Path) -> dict[tuple[str, str], tuple[float, Colour | None]]:
        return {(p.left, p.right): (p.weight, p.colour) for p in resolver.score_new(new, [path])}

    with_column = scored(tmp_path / "rows-new.parquet")
    assert len(with_column) > 10
    assert scored(tmp_path / "rows-old.parquet") == with_column
