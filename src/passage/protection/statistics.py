"""Protection figures for the statistics dashboard: aggregates only, small cells suppressed.

``aggregates(start, end)`` is the only way protection data leaves this app for
statistics. It counts, per calendar month (UTC) and crossing point:

- ``indicator_categories``: protection flags with at least one indicator of each category
  (asks for protection, child, specific needs, trafficking);
- ``referral_statuses``: referrals by their current status;
- ``households``: households registered in emergency mode, and the people in them.

Disclosure control goes through the one path every published figure takes,
``passage.core.disclosure`` (decision 0021), with the minimum cell of the country's
settings (``PASSAGE_STATS_MIN_CELL``, 5 by default): within each month and crossing
point, the rows form a series published with its total; a count from 1 to the minimum
less one is ``None`` with ``suppressed: True``, and further cells are withheld until no
hidden count can be worked out from the total. Zero cells are simply absent. No row
names a person, a provider or a code below the category.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth

from passage.core.disclosure import is_small, suppress_series

from .models import Assessment, Household, Referral


def min_cell() -> int:
    """The smallest count published (``PASSAGE_STATS_MIN_CELL``)."""
    return int(settings.PASSAGE_STATS_MIN_CELL)


def _range(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    begin = dt.datetime.combine(start, dt.time.min, tzinfo=dt.UTC)
    stop = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    return begin, stop


def suppress(
    rows: list[dict[str, Any]], key: str = "count", threshold: int | None = None
) -> list[dict[str, Any]]:
    """Primary and secondary suppression of ``rows[key]`` within each month and post,
    by ``passage.core.disclosure.suppress_series``.

    >>> out = suppress([{"month": "2026-01", "crossing_point": "A", "k": "x", "count": 3},
    ...                 {"month": "2026-01", "crossing_point": "A", "k": "y", "count": 9},
    ...                 {"month": "2026-01", "crossing_point": "A", "k": "z", "count": 40}],
    ...                threshold=5)
    >>> [r["count"] for r in out]
    [None, None, 40]
    """
    limit = min_cell() if threshold is None else threshold
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[(row["month"], row["crossing_point"])].append(row)
    for group in groups.values():
        table = suppress_series([row[key] for row in group], limit)
        for n, row in enumerate(group):
            row["suppressed"] = table.cells[n][0] is None or table.row_totals[n] is None
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
    threshold = min_cell()
    household_rows = suppress(
        [
            {
                "month": _month(r["month"]),
                "crossing_point": r["point"],
                "count": r["count"],
                "people": r["people"],
            }
            for r in households
        ],
        threshold=threshold,
    )
    for row in household_rows:
        if row["suppressed"] or is_small(row["people"], threshold):
            row["people"] = None
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "threshold": threshold,
        "indicator_categories": suppress(
            [
                {
                    "month": _month(r["month"]),
                    "crossing_point": r["point"],
                    "category": r["category"],
                    "count": r["count"],
                }
                for r in categories
            ],
            threshold=threshold,
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
            ],
            threshold=threshold,
        ),
        "households": household_rows,
    }
