"""The dashboards' summaries (``FlowDay``, ``FlowRoute``, ``FlowRouteMonth``) agree with
the counts they summarise, whichever way the counts came in, and the dashboard's
figures over any date range are those of the raw counts."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

import pytest

from passage.displacement import demo, queries, services
from passage.displacement.imports import import_file
from passage.displacement.models import FlowCount, FlowDay, FlowRoute, FlowRouteMonth

from .conftest import count_row

pytestmark = pytest.mark.django_db

SUMMED = services.SUMMED


def _raw_days() -> dict[tuple[Any, ...], tuple[int, ...]]:
    sums: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0] * (len(SUMMED) + 1))
    for c in FlowCount.objects.all():
        row = sums[(c.point_id, c.day, c.direction)]
        row[0] += 1
        for i, name in enumerate(SUMMED, 1):
            row[i] += getattr(c, name)
    return {k: tuple(v) for k, v in sums.items()}


def _raw_routes(month: bool) -> dict[tuple[Any, ...], int]:
    sums: dict[tuple[Any, ...], int] = defaultdict(int)
    for c in FlowCount.objects.all():
        day = c.day.replace(day=1) if month else c.day
        sums[(c.point_id, day, c.origin, c.destination)] += c.total
    return dict(sums)


def _summaries() -> tuple[dict[Any, Any], dict[Any, Any], dict[Any, Any]]:
    days = {
        (d.point_id, d.day, d.direction): (d.counts, *(getattr(d, n) for n in SUMMED))
        for d in FlowDay.objects.all()
    }
    routes = {
        (r.point_id, r.day, r.origin, r.destination): r.total for r in FlowRoute.objects.all()
    }
    months = {
        (r.point_id, r.month, r.origin, r.destination): r.total
        for r in FlowRouteMonth.objects.all()
    }
    return days, routes, months


def test_the_summaries_agree_with_the_counts_from_pages_imports_and_a_rebuild(field):
    # Across a month's end, so days and months both have more than one row.
    rows = demo.kobo_counts(["FMP-FORD", "FMP-MARSH"], dt.date(2026, 10, 27), 10, seed=5)
    import_file(field.enumerator, json.dumps(rows).encode(), "counts.json")
    # One on a day and route the import already holds, one on a new one.
    first = rows[0]
    same = {k: first[k] for k in ("point", "day", "direction", "origin", "destination")}
    services.record(field.enumerator, "flow_count", count_row(**same), "page-1")
    services.record(field.enumerator, "flow_count", count_row(day="2026-12-01"), "page-2")
    # A second file touching the same keys again.
    more = demo.kobo_counts(["FMP-FORD"], dt.date(2026, 10, 30), 3, seed=6)
    import_file(field.enumerator, json.dumps(more).encode(), "more.json")
    expected = (_raw_days(), _raw_routes(month=False), _raw_routes(month=True))
    assert FlowCount.objects.count() == len(rows) + 2 + len(more)
    assert _summaries() == expected
    assert len(expected[2]) < len(expected[1])  # months are coarser than days
    services.rebuild_summary(None)
    assert _summaries() == expected


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-10-27", "2026-11-05"),  # two part months
        ("2026-11-01", "2026-11-30"),  # one whole month
        ("2026-10-31", "2026-12-01"),  # a day, a whole month, a day
        ("2026-11-03", "2026-11-03"),  # one day
        ("2026-10-01", "2026-12-31"),  # whole months only
        ("2026-11-15", "2026-11-20"),  # inside one month
    ],
)
def test_origin_destination_over_any_range_is_that_of_the_raw_counts(field, start, end):
    rows = demo.kobo_counts(["FMP-FORD", "FMP-MARSH"], dt.date(2026, 10, 25), 45, seed=7)
    import_file(field.enumerator, json.dumps(rows).encode(), "counts.json")
    f = queries.Filters(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    raw: dict[tuple[str, ...], int] = defaultdict(int)
    for c in FlowCount.objects.filter(day__gte=f.start, day__lte=f.end):
        raw[(c.origin, c.destination)] += c.total
    assert raw
    assert dict(queries.route_totals(field.analyst, f, ("origin", "destination"))) == raw
    one = queries.Filters(f.start, f.end, point="FMP-MARSH")
    marsh: dict[tuple[str, ...], int] = defaultdict(int)
    for c in FlowCount.objects.filter(day__gte=f.start, day__lte=f.end, point_id="FMP-MARSH"):
        marsh[(c.destination,)] += c.total
    assert dict(queries.route_totals(field.analyst, one, ("destination",))) == marsh
