"""The undated offset by list size (decision 206): a traveller without a birth date meets
every near-namesake on the list, and a tenfold list holds tenfold of them."""

from __future__ import annotations

import pytest

from passage.core.screening import ScreeningIndex, make_entry, make_query, make_subject
from passage.core.screening.calibration import (
    KINDS,
    LIST_SIZES,
    UNDATED_SIZES,
    calibrate,
    offset_for_size,
)
from passage.core.screening.evidence import parse_birth_date
from passage.core.screening.fitted import FITTED
from passage.core.screening.scoring import score_subjects

SIZES = (1e5, 0.07, 1e6, 0.10)


def test_the_offset_is_the_fitted_one_at_each_fitted_size() -> None:
    assert offset_for_size(SIZES, 100_000) == pytest.approx(0.07)
    assert offset_for_size(SIZES, 1_000_000) == pytest.approx(0.10)


def test_between_fitted_sizes_the_offset_is_linear_in_log10_of_the_size() -> None:
    assert offset_for_size(SIZES, 10**5.5) == pytest.approx(0.085)
    assert offset_for_size(SIZES, 200_000) == pytest.approx(0.07 + 0.03 * 0.30103, abs=1e-6)
    three = (1e4, 0.0, 1e5, 0.1, 1e6, 0.1)
    assert offset_for_size(three, 10**4.5) == pytest.approx(0.05)
    assert offset_for_size(three, 10**5.5) == pytest.approx(0.1)


def test_outside_the_fitted_sizes_the_offset_is_the_nearest_ones() -> None:
    for n in (0, 1, 5, 10_000, 99_999):
        assert offset_for_size(SIZES, n) == pytest.approx(0.07)
    for n in (1_000_001, 10**7, 10**9):
        assert offset_for_size(SIZES, n) == pytest.approx(0.10)
    assert offset_for_size((1e5, 0.07), 10**7) == pytest.approx(0.07)


def test_calibrate_takes_the_offset_of_the_list_size_and_grades_it_as_before() -> None:
    table = {"latin": (10.0, -8.0), "undated": (0.1, 0.05, -6.0, -2.0), UNDATED_SIZES: SIZES}
    # No list size: the undated entry's own offset (0.1).
    assert calibrate("latin", 0.9, table, undated=True) == pytest.approx(0.8)
    assert calibrate("latin", 0.9, table, undated=True, entries=1e5) == pytest.approx(0.83)
    assert calibrate("latin", 0.9, table, undated=True, entries=1e6) == pytest.approx(0.80)
    assert calibrate("latin", 0.9, table, undated=True, entries=1e8) == pytest.approx(0.80)
    # Graded by chance namesakes (half way: half the offset) and extra parts as before.
    half = calibrate("latin", 0.9, table, undated=True, chance=1e-4, entries=1e6)
    assert half == pytest.approx(0.85)
    extra = calibrate("latin", 0.9, table, undated=True, chance=1e-9, extra=1, entries=1e6)
    assert extra == pytest.approx(0.85)
    # With a birth date nothing comes off, whatever the size.
    assert calibrate("latin", 0.9, table, entries=1e6) == pytest.approx(0.9)


def test_a_score_on_a_list_of_n_entries_loses_the_offset_of_that_size() -> None:
    table = {"latin": (10.0, -8.0), "undated": (0.05,), UNDATED_SIZES: (10.0, 0.05, 1000.0, 0.25)}
    query = make_subject(["Maria Lopez"], None, None, "")
    entry = make_subject(["Maria Lopez"], None, None, "")
    raw = score_subjects(query, entry, calibration={})
    assert raw is not None
    for n, offset in ((5, 0.05), (10, 0.05), (100, 0.15), (1000, 0.25), (50_000, 0.25)):
        scored = score_subjects(query, entry, calibration=table, entries=n)
        assert scored is not None
        assert scored.score == pytest.approx(raw.score - offset)
        assert scored.explanation()["calibration"]["undated_offset"] == pytest.approx(offset)


def test_an_index_applies_its_own_size() -> None:
    """A screening index scores with its ``n_entries``: 100 entries take the offset
    interpolated half way between 10 and 1,000 (flat entry: no chance grading)."""
    entries = [make_entry("M", ["Maria Lopez"], "1970-01-01")]
    entries += [make_entry(f"O{i}", [f"Omar Hassan{i:03d}"], "1980-01-01") for i in range(99)]
    index = ScreeningIndex.build(entries)
    assert index.n_entries == 100
    index.calibration = {
        "latin": (10.0, -8.0),
        "undated": (0.05,),
        UNDATED_SIZES: (10.0, 0.05, 1000.0, 0.25),
    }
    hits = index.screen(make_query("q", ["Maria Lopez"]), threshold=0.0)
    assert hits[0].entry_id == "M"
    cal = hits[0].explanation["calibration"]
    assert cal["undated"] is True and cal["undated_offset"] == pytest.approx(0.15)
    dated = index.screen(make_query("q", ["Maria Lopez"], "1970-01-01"), threshold=0.0)
    assert dated[0].explanation["calibration"]["undated_offset"] == 0.0


def test_a_longer_list_takes_its_list_offset_off_every_score() -> None:
    """Travellers with a date meet more namesakes on a longer list too: the ``list
    sizes`` offset comes off every score, dated or not, of any kind; none without a
    list size."""
    table = {
        "latin": (10.0, -8.0),
        "arabic": (12.0, -8.5),
        "undated": (0.1,),
        UNDATED_SIZES: SIZES,
        LIST_SIZES: (1e5, 0.0, 1e6, 0.02),
    }
    assert calibrate("latin", 0.9, table, entries=1e5) == pytest.approx(0.9)
    assert calibrate("latin", 0.9, table, entries=1e6) == pytest.approx(0.88)
    assert calibrate("latin", 0.9, table, entries=1e7) == pytest.approx(0.88)
    assert calibrate("latin", 0.9, table, entries=10**5.5) == pytest.approx(0.89)
    assert calibrate("latin", 0.9, table) == pytest.approx(0.9)
    arabic = calibrate("arabic", 0.8, table)
    assert calibrate("arabic", 0.8, table, entries=1e6) == pytest.approx(arabic - 0.02)
    both = calibrate("latin", 0.9, table, undated=True, entries=1e6)
    assert both == pytest.approx(0.9 - 0.10 - 0.02)
    query = make_subject(["Maria Lopez"], parse_birth_date("1970-01-01"), None, "")
    entry = make_subject(["Mariana Lopes Ruiz"], parse_birth_date("1970-01-01"), None, "")
    small = score_subjects(query, entry, calibration=table, entries=100_000)
    large = score_subjects(query, entry, calibration=table, entries=1_000_000)
    assert small is not None and large is not None and 0.02 < small.score < 1.0
    assert large.score == pytest.approx(small.score - 0.02)
    cal = large.explanation()["calibration"]
    assert cal["list_offset"] == pytest.approx(0.02) and cal["undated_offset"] == 0.0


def test_the_fitted_table_reads_its_sizes_ascending_and_agrees_with_its_offset() -> None:
    """The fitted ``undated_sizes`` (when fitted at several sizes) reach the table in
    ascending order, and the smallest fitted size's offset is the ``undated`` entry's."""
    sizes = FITTED.get("undated_sizes")
    if not sizes:
        pytest.skip("fitted at one list size")
    flat = KINDS[UNDATED_SIZES]
    ns = flat[0::2]
    assert list(ns) == sorted(ns) and len(ns) == len(sizes)  # type: ignore[arg-type]
    assert offset_for_size(flat, ns[0]) == pytest.approx(KINDS["undated"][0])
    listed = KINDS[LIST_SIZES]
    assert listed[0::2] == ns and listed[1] == 0.0  # none at the size the threshold is fitted
