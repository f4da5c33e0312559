"""Protection figures for the statistics dashboard: aggregates only, small cells suppressed.

``aggregates(start, end)`` is the only way protection data leaves this app for
statistics. It counts, per calendar month (UTC) and crossing point:

- ``indicator_categories``: protection flags with at least one indicator of each category
  (asks for protection, child, specific needs, trafficking);
- ``referral_statuses``: referrals by their current status;
- ``households``: households registered in emergency mode, and the people in them.

Disclosure control (REFERENCE.md, humanitarian practice): a count from 1 to 4 is never
published; it is ``None`` with ``suppressed: True``. When a month and crossing point
has exactly one suppressed cell among several, the next smallest cell of that group is
suppressed too (secondary suppression), so a total published elsewhere cannot reveal
it. Zero cells are simply absent. No row names a person, a provider or a code below
the category.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth

from .models import Assessment, Household, Referral

THRESHOLD = 5


def _range(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    begin = dt.datetime.combine(start, dt.time.min, tzinfo=dt.UTC)
    stop = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    return begin, stop


def suppress(rows: list[dict[str, Any]], key: str = "count") -> list[dict[str, Any]]:
    """Primary and secondary suppression of ``rows[key]`` within each month and post.

    >>> out = suppress([{"month": "2026-01", "crossing_point": "A", "k": "x", "count": 3},
    ...                 {"month": "2026-01", "crossing_point": "A", "k": "y", "count": 9},
    ...                 {"month": "2026-01", "crossing_point": "A", "k": "z", "count": 40}])
    >>> [r["count"] for r in out]
    [None, None, 40]
    """
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        row["suppressed"] = 0 < row[key] < THRESHOLD
        groups[(row["month"], row["crossing_point"])].append(row)
    for group in groups.values():
        hidden = [r for r in group if r["suppressed"]]
        shown = sorted((r for r in group if not r["suppressed"]), key=lambda r: r[key])
        if len(hidden) == 1 and shown:
            shown[0]["suppressed"] = True
    for row in rows:
        if row["suppressed"]:
            row[key] = None
    return rows


def _month(value: dt.datetime | dt.date) -> str:
    return f"{value.year:04d}-{value.month:02d}"


def aggregates(start: dt.date, end: dt.date) -> dict[str, Any]:
    """Protection counts from ``start`` to ``end`` (both days included, UTC)."""
    begin, stop = _range(start, end)
    through: Any = Assessment.indicators.through
    categories = (
        through.objects.filter(assessment__created_at__gte=begin, assessment__created_at__lt=stop)
        .annotate(
            month=TruncMonth("assessment__created_at", tzinfo=dt.UTC),
            point=F("assessment__crossing_point__code"),
            category=F("indicator__category"),
        )
        .values("month", "point", "category")
        .annotate(count=Count("assessment", distinct=True))
        .order_by("month", "point", "category")
    )
    statuses = (
        Referral.objects.filter(created_at__gte=begin, created_at__lt=stop)
        .annotate(month=TruncMonth("created_at", tzinfo=dt.UTC), point=F("crossing_point__code"))
        .values("month", "point", "status")
        .annotate(count=Count("id"))
        .order_by("month", "point", "status")
    )
    households = (
        Household.objects.filter(registered_at__gte=begin, registered_at__lt=stop)
        .annotate(month=TruncMonth("registered_at", tzinfo=dt.UTC), point=F("crossing_point__code"))
        .values("month", "point")
        .annotate(count=Count("id"), people=Sum("size"))
        .order_by("month", "point")
    )
    household_rows = suppress(
        [
            {
                "month": _month(r["month"]),
                "crossing_point": r["point"],
                "count": r["count"],
                "people": r["people"],
            }
            for r in households
        ]
    )
    for row in household_rows:
        if row["suppressed"] or row["people"] < THRESHOLD:
            row["people"] = None
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "threshold": THRESHOLD,
        "indicator_categories": suppress(
            [
                {
                    "month": _month(r["month"]),
                    "crossing_point": r["point"],
                    "category": r["category"],
                    "count": r["count"],
                }
                for r in categories
            ]
        ),
        "referral_statuses": suppress(
            [
                {
                    "month": _month(r["month"]),
                    "crossing_point": r["point"],
                    "status": r["status"],
                    "count": r["count"],
                }
                for r in statuses
            ]
        ),
        "households": household_rows,
    }
