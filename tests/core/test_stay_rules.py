"""Hand-worked cases of the stay calculator's counting functions (``passage.core.stay.calc``).

Rule under test: Regulation (EU) 2016/399 Art. 6(1)-(2), "90 days in any 180-day period,
which entails considering the 180-day period preceding each day of stay", entry and exit
days both counted; and a maximum stay per entry. Each expected number was worked by hand;
the comment shows the arithmetic.
"""

from __future__ import annotations

from datetime import date

import pytest

from passage.core.stay import (
    SCHENGEN_SHORT_STAY,
    InvalidDocumentError,
    InvalidRuleError,
    InvalidStayError,
    MaxStayRule,
    OverlappingStaysError,
    Permit,
    RollingWindowRule,
    Stay,
    StayError,
    Visa,
    authorised_stay,
    authorised_until,
    days_used,
    overstay_days,
)

D = date
R90 = SCHENGEN_SHORT_STAY


def s(entry: str, exit_: str | None) -> Stay:
    return Stay(D.fromisoformat(entry), None if exit_ is None else D.fromisoformat(exit_))


@pytest.mark.parametrize(
    ("stays", "on", "used"),
    [
        # no history at all
        ([], "2025-06-01", 0),
        # same-day entry and exit is one day (Art. 6(2))
        ([s("2025-05-02", "2025-05-02")], "2025-06-01", 1),
        # one long stay: 1 Jan - 31 May 2025 = 31+28+31+30+31 = 151 days, all in the window
        ([s("2025-01-01", "2025-05-31")], "2025-05-31", 151),
        # straddling the window's start: the window ending 15 Mar 2025 starts 17 Sep 2024,
        # so of 1 Sep - 31 Oct only 17 Sep - 31 Oct counts: 14 + 31 = 45
        ([s("2024-09-01", "2024-10-31")], "2025-03-15", 45),
        # three short trips of 10 days
        (
            [
                s("2025-01-01", "2025-01-10"),
                s("2025-02-01", "2025-02-10"),
                s("2025-03-01", "2025-03-10"),
            ],
            "2025-03-10",
            30,
        ),
        # in any order
        (
            [
                s("2025-03-01", "2025-03-10"),
                s("2025-01-01", "2025-01-10"),
                s("2025-02-01", "2025-02-10"),
            ],
            "2025-03-10",
            30,
        ),
        # leap year: the window ending 1 Mar 2024 starts 4 Sep 2023 (27+31+30+31+31+29+1 = 180)
        ([s("2023-09-03", "2023-09-05")], "2024-03-01", 2),
        # the same dates a year later: the window ending 1 Mar 2025 starts 3 Sep 2024
        ([s("2024-09-03", "2024-09-05")], "2025-03-01", 3),
        # a stay across 29 Feb: 28 Feb, 29 Feb, 1 Mar
        ([s("2024-02-28", "2024-03-01")], "2024-03-10", 3),
        # an open stay runs through `on`: 1 Jan - 1 Feb = 32 days
        ([s("2025-01-01", None)], "2025-02-01", 32),
        # a multi-year open stay fills the whole window
        ([s("2020-01-01", None)], "2025-01-01", 180),
        # exit and re-entry on the same day: the day counts once (10 + 10 - 1)
        ([s("2025-01-01", "2025-01-10"), s("2025-01-10", "2025-01-19")], "2025-02-01", 19),
        # stays and parts of stays after `on` are ignored
        ([s("2025-01-01", "2025-01-31"), s("2025-03-01", "2025-03-05")], "2025-01-10", 10),
        # the window ends on `on`: a stay that ended just before the window is out
        ([s("2024-01-01", "2024-06-01")], "2024-11-28", 0),
    ],
)
def test_days_used(stays: list[Stay], on: str, used: int) -> None:
    assert days_used(stays, D.fromisoformat(on), 180) == used


@pytest.mark.parametrize(
    ("stays", "on", "until"),
    [
        # first stay: 90 days counting the entry day
        ([], "2025-01-01", "2025-03-31"),
        # 30 days used (1-30 Jan): 60 more from 1 Mar, and Jan is still in the window on 29 Apr
        ([s("2025-01-01", "2025-01-30")], "2025-03-01", "2025-04-29"),
        # open stay from 1 Jan: continuous presence reaches 90 days on 31 Mar
        ([s("2025-01-01", None)], "2025-02-01", "2025-03-31"),
        # exactly at the limit on `on` while present: may stay that day, not the next
        ([s("2025-01-01", "2025-03-31")], "2025-03-31", "2025-03-31"),
        # days leave the window as time advances: 1 Oct - 29 Dec 2024 (90 days). On 30 Mar
        # 2025 the window holds 2 Oct - 29 Dec (89) + 30 Mar = 90; each later day drops one
        # old day and adds one new, until the old days are gone (the window ending 27 Jun
        # starts 30 Dec): then 30 Mar - 27 Jun = 90 days.
        ([s("2024-10-01", "2024-12-29")], "2025-03-30", "2025-06-27"),
        # leap year: 1 Feb 2024 + 89 days = 30 Apr 2024 (29+31+30 = 90 with 1 Feb)
        ([], "2024-02-01", "2024-04-30"),
    ],
)
def test_authorised_until(stays: list[Stay], on: str, until: str) -> None:
    assert authorised_until(stays, D.fromisoformat(on), R90) == D.fromisoformat(until)


@pytest.mark.parametrize(
    ("stays", "on"),
    [
        # 90 days used (1 Oct - 29 Dec 2024), none has left the window by 10 Jan
        ([s("2024-10-01", "2024-12-29")], "2025-01-10"),
        # present and over the limit
        ([s("2025-01-01", None)], "2025-04-01"),
        # left on day 90 and came back the next day
        ([s("2025-01-01", "2025-03-31")], "2025-04-01"),
    ],
)
def test_authorised_until_none_when_the_rule_is_already_exceeded(
    stays: list[Stay], on: str
) -> None:
    assert authorised_until(stays, D.fromisoformat(on), R90) is None
    assert authorised_stay(stays, D.fromisoformat(on), R90) == 0


def test_authorised_stay_counts_on_itself() -> None:
    assert authorised_stay([], D(2025, 1, 1), R90) == 90
    assert authorised_stay([s("2025-01-01", "2025-01-30")], D(2025, 3, 1), R90) == 60


def test_a_rule_that_never_binds() -> None:
    """max_days == window_days: every day is allowed, so the stay is unbounded."""
    rule = RollingWindowRule(30, 30)
    assert authorised_until([s("2020-01-01", None)], D(2025, 1, 1), rule) == D.max
    assert overstay_days([s("2020-01-01", None)], D(2025, 1, 1), rule) == 0


def test_near_the_end_of_the_calendar() -> None:
    assert authorised_until([], D(9999, 12, 1), R90) == D.max


@pytest.mark.parametrize(
    ("stays", "on", "over"),
    [
        # exactly 90 days: no overstay
        ([s("2025-01-01", "2025-03-31")], "2025-06-01", 0),
        # 91 days: the 91st (1 Apr) is over
        ([s("2025-01-01", "2025-04-01")], "2025-06-01", 1),
        # 1 Jan - 31 May 2025 = 151 days: days 91-151 (1 Apr - 31 May) = 61
        ([s("2025-01-01", "2025-05-31")], "2025-05-31", 61),
        # counted only up to `on`: 1 Jan - 5 Apr open = 95 days, 5 over
        ([s("2025-01-01", None)], "2025-04-05", 5),
        # 100 days (1 Jan - 10 Apr), then 1 - 10 Jun: the window ending 1 Jun starts 4 Dec
        # and still holds all 100 days, so each June day is over too: 10 + 10
        ([s("2025-01-01", "2025-04-10"), s("2025-06-01", "2025-06-10")], "2025-06-30", 20),
        # 100 days, then a trip once they have left the window: only the first 10 are over
        ([s("2025-01-01", "2025-04-10"), s("2025-10-01", "2025-10-10")], "2025-10-31", 10),
        # a five-year open stay: 1827 days of presence, 90 lawful
        ([s("2020-01-01", None)], "2024-12-31", 1827 - 90),
    ],
)
def test_overstay_days(stays: list[Stay], on: str, over: int) -> None:
    assert overstay_days(stays, D.fromisoformat(on), R90) == over


def test_max_stay_rule() -> None:
    """A maximum stay per entry, the entry day being day 1."""
    rule = MaxStayRule(30)
    assert authorised_until([], D(2025, 1, 1), rule) == D(2025, 1, 30)
    assert authorised_until([s("2025-01-01", None)], D(2025, 1, 20), rule) == D(2025, 1, 30)
    assert authorised_until([s("2025-01-01", None)], D(2025, 2, 5), rule) is None
    assert overstay_days([s("2025-01-01", None)], D(2025, 2, 5), rule) == 6
    assert (
        overstay_days([s("2025-01-01", "2025-02-02"), s("2025-03-01", None)], D(2025, 4, 5), rule)
        == 3 + 6
    )
    # a new entry starts a new count, even on the day of the last exit ("border run")
    assert authorised_until(
        [s("2025-01-01", "2025-01-30"), s("2025-01-30", None)], D(2025, 2, 1), rule
    ) == D(2025, 2, 28)


@pytest.mark.parametrize(
    ("make", "error", "field"),
    [
        (lambda: Stay(D(2025, 1, 2), D(2025, 1, 1)), InvalidStayError, "exit"),
        (lambda: Stay("2025-01-01", None), InvalidStayError, "entry"),  # type: ignore[arg-type]
        (lambda: RollingWindowRule(200, 180), InvalidRuleError, "max_days"),
        (lambda: RollingWindowRule(0, 180), InvalidRuleError, "max_days"),
        (lambda: RollingWindowRule(90, -180), InvalidRuleError, "window_days"),
        (lambda: RollingWindowRule(True, 180), InvalidRuleError, "max_days"),
        (lambda: MaxStayRule(0), InvalidRuleError, "max_days"),
        (lambda: days_used([], D(2025, 1, 1), 0), InvalidRuleError, "window_days"),
        (lambda: authorised_until([], D(2025, 1, 1), 90), InvalidRuleError, "rule"),  # type: ignore[arg-type]
        (
            lambda: days_used(
                [s("2025-01-01", "2025-01-10"), s("2025-01-05", "2025-01-20")], D(2025, 2, 1), 180
            ),
            OverlappingStaysError,
            "stays[1]",
        ),
        (
            lambda: days_used([s("2025-03-01", None), s("2025-01-01", None)], D(2025, 4, 1), 180),
            OverlappingStaysError,
            "stays[0]",
        ),
        (lambda: Visa(D(2025, 2, 1), D(2025, 1, 1)), InvalidDocumentError, "valid_until"),
        (
            lambda: Visa(D(2025, 1, 1), D(2025, 2, 1), entries_allowed=3),
            InvalidDocumentError,
            "entries_allowed",
        ),
        (
            lambda: Visa(D(2025, 1, 1), D(2025, 2, 1), duration_days=0),
            InvalidDocumentError,
            "duration_days",
        ),
        (
            lambda: Visa(D(2025, 1, 1), D(2025, 2, 1), entries_used=-1),
            InvalidDocumentError,
            "entries_used",
        ),
        (lambda: Permit("tourist", D(2025, 1, 1), D(2025, 2, 1)), InvalidDocumentError, "kind"),  # type: ignore[arg-type]
        (lambda: Permit("work", D(2025, 2, 1), D(2025, 1, 1)), InvalidDocumentError, "valid_until"),
    ],
)
def test_bad_input_raises_naming_the_field(
    make: object, error: type[StayError], field: str
) -> None:
    with pytest.raises(error) as raised:
        make()  # type: ignore[operator]
    assert raised.value.field == field
    assert isinstance(raised.value, ValueError)
    assert str(raised.value).startswith(f"{field}: ")
