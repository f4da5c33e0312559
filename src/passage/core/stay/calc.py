"""The stay calculator's counting functions, one rule each.

Each function takes the stays as recorded (any order; overlapping stays raise
:class:`~passage.core.stay.errors.OverlappingStaysError`), the day assessed ``on``, and a
rule. Stays, or the parts of stays, after ``on`` are ignored, and an open stay runs
through ``on``. All counting is on day ordinals over intervals: the cost is
O(stays x log stays x log window) whatever the length of the stays.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .errors import InvalidRuleError
from .model import MaxStayRule, RollingWindowRule, Rule, Stay, _check_days
from .presence import MAX_ORDINAL, Presence, intervals, ordered

__all__ = ["authorised_stay", "authorised_until", "days_used", "overstay_days"]


def _check_rule(rule: object, name: str = "rule") -> Rule:
    if not isinstance(rule, MaxStayRule | RollingWindowRule):
        raise InvalidRuleError(
            name, f"must be a MaxStayRule or a RollingWindowRule, not {rule!r}", rule
        )
    return rule


def presence_until(stays: Iterable[Stay], on: int) -> Presence:
    """Days of presence up to and including day ordinal ``on`` (raises on overlaps)."""
    return Presence(intervals((stay for _, stay in ordered(stays)), on))


def rolling_last_day(p: Presence, start: int, rule: RollingWindowRule) -> int | None:
    """Last day of continuous presence from ``start`` keeping every window within the rule.

    Only the days of ``p`` before ``start`` count as history; from ``start`` on the
    traveller is assumed present every day. The window load on day *d*,
    ``p[d-W+1 .. start-1] + (d - start + 1)``, never decreases as *d* advances (a day
    added, at most one day dropped), so the first day over the limit is found by binary
    search within ``[start, start + W - 1]``, where the load reaches *W*.
    """
    m, w = rule.max_days, rule.window_days

    def load(day: int) -> int:
        return p.count(day - w + 1, start - 1) + day - start + 1

    if load(start) > m:
        return None
    if m >= w:
        return MAX_ORDINAL
    good, bad = start, start + w - 1
    while bad - good > 1:
        mid = (good + bad) // 2
        if load(mid) <= m:
            good = mid
        else:
            bad = mid
    return min(good, MAX_ORDINAL)


def rolling_first_excess(p: Presence, first: int, last: int, rule: RollingWindowRule) -> int | None:
    """First day in the run of presence ``[first, last]`` whose window exceeds the rule.

    Within a run of presence the load of the window ending on each day never decreases,
    so the days over the limit are a suffix of the run.
    """
    m, w = rule.max_days, rule.window_days

    def load(day: int) -> int:
        return p.count(day - w + 1, day)

    if load(last) <= m:
        return None
    good, bad = first - 1, last
    while bad - good > 1:
        mid = (good + bad) // 2
        if load(mid) > m:
            bad = mid
        else:
            good = mid
    return bad


def rolling_overstay(p: Presence, rule: RollingWindowRule) -> int:
    """Days of presence in ``p`` whose window (ending on that day) exceeds the rule."""
    total = 0
    for first, last in p.intervals:
        excess = rolling_first_excess(p, first, last, rule)
        if excess is not None:
            total += last - excess + 1
    return total


def _current_entry(stays: Iterable[Stay], on: date) -> date | None:
    """Entry of the stay the traveller is in on ``on`` (the latest, after a same-day re-entry)."""
    current: date | None = None
    for _, stay in ordered(stays):
        if stay.entry <= on and (stay.exit is None or stay.exit >= on):
            current = stay.entry
    return current


def days_used(stays: Iterable[Stay], on: date, window_days: int) -> int:
    """Days of presence in the ``window_days``-day period ending on ``on`` (inclusive).

    Regulation (EU) 2016/399 Art. 6(1)-(2): entry and exit days both count, a day counts
    once however many crossings it holds, an open stay runs through ``on``.

    >>> trips = [Stay(date(2024, 1, 1), date(2024, 1, 10)), Stay(date(2024, 3, 1), None)]
    >>> days_used(trips, date(2024, 3, 5), 180)
    15
    >>> days_used([Stay(date(2024, 5, 2), date(2024, 5, 2))], date(2024, 5, 2), 180)
    1
    """
    _check_days("window_days", window_days, InvalidRuleError)
    end = on.toordinal()
    return presence_until(stays, end).count(end - window_days + 1, end)


def authorised_until(stays: Iterable[Stay], on: date, rule: Rule) -> date | None:
    """The last day of a stay that continues, or starts, on ``on`` without breaking ``rule``.

    For a :class:`RollingWindowRule` (Regulation (EU) 2016/399 Art. 6(1); the EES
    calculator, Regulation (EU) 2017/2226 Art. 11): the largest day *D* ≥ ``on`` such that
    being present every day from ``on`` to *D* keeps the window ending on each of those
    days within ``max_days``, days leaving the window as time advances. For a
    :class:`MaxStayRule`: the entry day of the stay the traveller is in on ``on`` (or
    ``on`` itself) plus ``max_days - 1``. ``None`` when even ``on`` breaks the rule;
    ``date.max`` when the rule can never be broken (``max_days == window_days``).

    >>> authorised_until([], date(2025, 1, 1), RollingWindowRule(90, 180))
    datetime.date(2025, 3, 31)
    >>> past = [Stay(date(2024, 10, 1), date(2024, 12, 29))]  # 90 days
    >>> authorised_until(past, date(2025, 1, 10), RollingWindowRule(90, 180)) is None
    True
    >>> authorised_until(past, date(2025, 3, 30), RollingWindowRule(90, 180))
    datetime.date(2025, 6, 27)
    """
    rule = _check_rule(rule)
    stays = list(stays)
    if isinstance(rule, MaxStayRule):
        entry = _current_entry(stays, on) or on
        last = entry.toordinal() + rule.max_days - 1
        return None if last < on.toordinal() else date.fromordinal(min(last, MAX_ORDINAL))
    start = on.toordinal()
    until = rolling_last_day(presence_until(stays, start), start, rule)
    return None if until is None else date.fromordinal(until)


def authorised_stay(stays: Iterable[Stay], on: date, rule: Rule) -> int:
    """Days the traveller may still stay counting ``on`` itself: 0 when refused.

    The length of the stay ending on :func:`authorised_until`; ``date.max`` (a rule that
    never binds) gives the days up to 9999-12-31.

    >>> authorised_stay([], date(2025, 1, 1), RollingWindowRule(90, 180))
    90
    >>> authorised_stay([Stay(date(2025, 1, 1), None)], date(2025, 1, 20), MaxStayRule(30))
    11
    """
    until = authorised_until(stays, on, rule)
    return 0 if until is None else until.toordinal() - on.toordinal() + 1


def overstay_days(stays: Iterable[Stay], on: date, rule: Rule) -> int:
    """Days of presence up to ``on`` on which ``rule`` was broken.

    For a :class:`RollingWindowRule`, a day of presence *d* is an overstay day when the
    days of presence in the window ending on *d* exceed ``max_days`` (Regulation (EU)
    2016/399 Art. 6(1); the overstayer list of Regulation (EU) 2017/2226 Art. 12). For a
    :class:`MaxStayRule`, the days of each stay after its ``max_days``-th.

    >>> overstay_days([Stay(date(2025, 1, 1), date(2025, 4, 10))], date(2025, 6, 1),
    ...               RollingWindowRule(90, 180))
    10
    >>> overstay_days([Stay(date(2025, 1, 1), None)], date(2025, 1, 31), MaxStayRule(30))
    1
    """
    rule = _check_rule(rule)
    end = on.toordinal()
    if isinstance(rule, RollingWindowRule):
        return rolling_overstay(presence_until(stays, end), rule)
    total = 0
    for _, stay in ordered(stays):
        first = stay.entry.toordinal()
        last = end if stay.exit is None else min(stay.exit.toordinal(), end)
        total += max(0, last - (first + rule.max_days - 1))
    return total
