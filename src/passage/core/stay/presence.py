"""Days of presence as ordinal intervals, counted in O(log n) with running totals.

Internal to ``passage.core.stay``. A history of *n* stays becomes at most *n* disjoint
intervals of day ordinals (``date.toordinal()``), so counting the days in any window is a
binary search and a subtraction, whatever the length of the stays: no loop over days.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import pairwise

from ..text import Text
from .errors import OverlappingStaysError
from .model import Stay

MAX_ORDINAL = date.max.toordinal()


class Presence:
    """Sorted, disjoint, non-adjacent inclusive intervals ``[start, end]`` of day ordinals.

    >>> p = Presence([(10, 12), (13, 14), (20, 20)])
    >>> p.intervals, p.count(11, 20), p.count(15, 19)
    ([(10, 14), (20, 20)], 5, 0)
    """

    __slots__ = ("_before", "_ends", "_starts")

    def __init__(self, intervals: Iterable[tuple[int, int]]) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(intervals):
            if end < start:
                continue
            if ends and start <= ends[-1] + 1:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        before = [0]
        for start, end in zip(starts, ends, strict=True):
            before.append(before[-1] + end - start + 1)
        self._starts = starts
        self._ends = ends
        self._before = before

    @property
    def intervals(self) -> list[tuple[int, int]]:
        return list(zip(self._starts, self._ends, strict=True))

    def upto(self, day: int) -> int:
        """Days of presence on or before ``day``."""
        i = bisect_right(self._starts, day) - 1
        if i < 0:
            return 0
        return self._before[i] + min(self._ends[i], day) - self._starts[i] + 1

    def count(self, first: int, last: int) -> int:
        """Days of presence from ``first`` to ``last``, both included (0 if empty)."""
        if last < first:
            return 0
        return self.upto(last) - self.upto(first - 1)

    def __contains__(self, day: int) -> bool:
        i = bisect_right(self._starts, day) - 1
        return i >= 0 and day <= self._ends[i]


def _end(stay: Stay) -> int:
    return MAX_ORDINAL + 1 if stay.exit is None else stay.exit.toordinal()


def ordered(stays: Iterable[Stay]) -> list[tuple[int, Stay]]:
    """The stays sorted by entry with their original index; raise if two overlap.

    An exit and a re-entry on the same day do not overlap (the day counts once). A stay
    with no exit followed by any other stay does: an exit is missing.
    """
    # Same-day stays sort before a longer stay entered that day: exit and re-entry.
    indexed = sorted(enumerate(stays), key=lambda pair: (pair[1].entry, _end(pair[1]), pair[0]))
    for (i, prev), (j, cur) in pairwise(indexed):
        if prev.exit is None:
            raise OverlappingStaysError(
                f"stays[{j}]",
                Text(
                    "enters on {entry} after stays[{i}], which entered on {previous} "
                    "and has no exit",
                    entry=cur.entry,
                    i=i,
                    previous=prev.entry,
                ),
                cur,
            )
        if cur.entry < prev.exit:
            raise OverlappingStaysError(
                f"stays[{j}]",
                Text(
                    "{entry} to {exit} overlaps stays[{i}] {previous_entry} to {previous_exit}",
                    entry=cur.entry,
                    exit=cur.exit or Text("open"),
                    i=i,
                    previous_entry=prev.entry,
                    previous_exit=prev.exit,
                ),
                cur,
            )
    return indexed


def intervals(stays: Iterable[Stay], through: int) -> list[tuple[int, int]]:
    """Ordinal intervals of the stays cut at day ``through``; an open stay runs to it."""
    out: list[tuple[int, int]] = []
    for stay in stays:
        start = stay.entry.toordinal()
        end = through if stay.exit is None else min(stay.exit.toordinal(), through)
        if start <= end:
            out.append((start, end))
    return out


def subtract(
    spans: Sequence[tuple[int, int]], holes: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``spans`` with every day of ``holes`` removed (both lists of inclusive intervals).

    >>> subtract([(1, 10)], [(3, 4), (8, 12)])
    [(1, 2), (5, 7)]
    """
    out: list[tuple[int, int]] = []
    merged = Presence(holes).intervals
    for start, end in spans:
        cursor = start
        for h_start, h_end in merged:
            if h_end < cursor or h_start > end:
                continue
            if h_start > cursor:
                out.append((cursor, h_start - 1))
            cursor = max(cursor, h_end + 1)
            if cursor > end:
                break
        if cursor <= end:
            out.append((cursor, end))
    return out
