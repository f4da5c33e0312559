"""Hypothesis properties of the stay calculator, against a day-by-day reference.

The reference below walks every day and recounts every window from scratch: it is the
rule of Regulation (EU) 2016/399 Art. 6(1)-(2) read literally ("considering the 180-day
period preceding each day of stay", entry and exit days counted). Small windows keep it
fast; the fast functions use the same code whatever the window.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from passage.core.stay import (
    MaxStayRule,
    Outcome,
    RollingWindowRule,
    Stay,
    assess_entry,
    assess_exit,
    authorised_until,
    days_used,
    overstay_days,
    run_stay_jsonl,
)

BASE = date(2023, 12, 1)  # histories cross 29 Feb 2024
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def histories(draw: st.DrawFn) -> list[Stay]:
    """Non-overlapping stays; a gap of 0 is an exit and a re-entry on the same day."""
    stays: list[Stay] = []
    cursor = BASE + timedelta(days=draw(st.integers(0, 40)))
    for _ in range(draw(st.integers(0, 6))):
        entry = cursor + timedelta(days=draw(st.integers(0, 40)))
        exit_ = entry + timedelta(days=draw(st.integers(0, 50)))
        stays.append(Stay(entry, exit_))
        cursor = exit_
    open_last: bool = draw(st.booleans())
    if stays and open_last:
        stays[-1] = Stay(stays[-1].entry, None)
    shuffled: list[Stay] = draw(st.permutations(stays))
    return shuffled


rules = st.integers(1, 60).flatmap(
    lambda w: st.builds(RollingWindowRule, st.integers(1, w), st.just(w))
)
days = st.integers(0, 420).map(lambda n: BASE + timedelta(days=n))


def presence(stays: list[Stay], on: date) -> set[int]:
    out: set[int] = set()
    for stay in stays:
        end = on if stay.exit is None else min(stay.exit, on)
        out.update(range(stay.entry.toordinal(), end.toordinal() + 1))
    return out


def load(present: set[int], day: int, window: int) -> int:
    return sum(1 for d in range(day - window + 1, day + 1) if d in present)


def reference(stays: list[Stay], on: date, rule: RollingWindowRule) -> tuple[int, date | None, int]:
    """days_used, authorised_until, overstay_days, one day at a time."""
    m, w = rule.max_days, rule.window_days
    present = presence(stays, on)
    o = on.toordinal()
    used = load(present, o, w)
    over = sum(1 for d in present if load(present, d, w) > m)
    hypothetical = {d for d in present if d < o}
    until: date | None = None
    day = o
    while True:
        hypothetical.add(day)
        if load(hypothetical, day, w) > m:
            break
        until = date.fromordinal(day)
        if day > o + 2 * w:  # only a rule with max_days == window_days gets here
            return used, date.max, over
        day += 1
    return used, until, over


@SETTINGS
@given(histories(), days, rules)
def test_fast_functions_agree_with_the_day_by_day_reference(
    stays: list[Stay], on: date, rule: RollingWindowRule
) -> None:
    """Every definition of DESIGN.md §5, computed both ways."""
    expected = reference(stays, on, rule)
    got = (
        days_used(stays, on, rule.window_days),
        authorised_until(stays, on, rule),
        overstay_days(stays, on, rule),
    )
    assert got == expected


@SETTINGS
@given(histories(), days, rules)
def test_days_used_never_exceeds_the_window(
    stays: list[Stay], on: date, rule: RollingWindowRule
) -> None:
    used = days_used(stays, on, rule.window_days)
    assert 0 <= used <= rule.window_days


@SETTINGS
@given(histories(), days, rules, st.data())
def test_adding_a_trip_never_decreases_days_used(
    stays: list[Stay], on: date, rule: RollingWindowRule, data: st.DataObject
) -> None:
    """Dropping any one stay from a history never increases days used or overstay days."""
    if not stays:
        return
    i = data.draw(st.integers(0, len(stays) - 1))
    fewer = stays[:i] + stays[i + 1 :]
    assert days_used(fewer, on, rule.window_days) <= days_used(stays, on, rule.window_days)
    assert overstay_days(fewer, on, rule) <= overstay_days(stays, on, rule)


@SETTINGS
@given(histories(), days, rules)
def test_authorised_until_never_yields_a_stay_that_breaks_the_rule(
    stays: list[Stay], on: date, rule: RollingWindowRule
) -> None:
    """Staying every day from `on` to authorised_until keeps every window within the rule,
    and one more day would break it."""
    until = authorised_until(stays, on, rule)
    if until is None or until == date.max:
        return
    o, u = on.toordinal(), until.toordinal()
    present = {d for d in presence(stays, on) if d < o} | set(range(o, u + 2))
    assert all(load(present, d, rule.window_days) <= rule.max_days for d in range(o, u + 1))
    assert load(present, u + 1, rule.window_days) > rule.max_days


@SETTINGS
@given(histories(), days, rules)
def test_exit_overstay_matches_the_reference(
    stays: list[Stay], on: date, rule: RollingWindowRule
) -> None:
    """At exit, the overstay days are the days of the stay being closed whose window breaks the rule."""
    current = [s for s in stays if s.entry <= on and (s.exit is None or s.exit >= on)]
    a = assess_exit(stays, on, [rule])
    if not current:
        assert a.outcome is Outcome.CANNOT_TELL
        return
    present = presence(stays, on)
    first = max(s.entry for s in current).toordinal()
    expected = sum(
        1
        for d in range(first, on.toordinal() + 1)
        if load(present, d, rule.window_days) > rule.max_days
    )
    assert a.overstay_days == expected
    assert a.outcome is (Outcome.OVERSTAYED if expected else Outcome.AUTHORISED)


@SETTINGS
@given(histories(), days, rules)
def test_entry_agrees_with_authorised_until(
    stays: list[Stay], on: date, rule: RollingWindowRule
) -> None:
    """assess_entry on closed earlier stays gives the same last day as authorised_until."""
    before = [s for s in stays if s.exit is not None and s.exit <= on and s.entry < on]
    a = assess_entry(before, on, [rule])
    until = authorised_until(before, on, rule)
    assert a.authorised_until == until
    assert (a.outcome is Outcome.REFUSED) == (until is None) == (a.days_remaining == 0)


@SETTINGS
@given(histories(), days, st.integers(1, 60))
def test_max_stay_rule_against_the_reference(stays: list[Stay], on: date, max_days: int) -> None:
    rule = MaxStayRule(max_days)
    over = 0
    for stay in stays:
        end = on if stay.exit is None else min(stay.exit, on)
        over += sum(
            1
            for n, _ in enumerate(range(stay.entry.toordinal(), end.toordinal() + 1))
            if n >= max_days
        )
    assert overstay_days(stays, on, rule) == over


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_any_line_gives_exactly_one_json_line(text: str) -> None:
    """Garbage in gives an error line, never an exception, and blank lines give nothing."""
    lines = list(run_stay_jsonl([text]))
    assert len(lines) == (1 if text.strip() else 0)
