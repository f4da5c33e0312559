"""The dashboards' figures, read from the flow summaries (``FlowDay`` per point, day and
direction; ``FlowRoute`` and ``FlowRouteMonth`` per origin and destination) and the
assessments, every count through ``passage.core.disclosure`` before anyone sees it.

Each figure is a ``Figure``: labels and the ``SuppressedTable`` that may be published.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Max, QuerySet, Sum
from django.utils import timezone

from passage.accounts.models import User
from passage.core.disclosure import SuppressedTable, suppress, suppress_series
from passage.core.displacement import AGE_BANDS, AGE_SEX, VULNERABILITIES
from passage.core.problems import ProblemError
from passage.reference.models import AdminArea, Country

from .models import FlowDay, FlowMonitoringPoint, FlowRoute, FlowRouteMonth, SiteAssessment

MAX_DAYS = 366 * 3
OD_SIZE = 8  # origins and destinations shown; the rest are "other"


def min_cell() -> int:
    return int(getattr(settings, "PASSAGE_STATS_MIN_CELL", 5))


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date
    point: str = ""

    def query(self) -> str:
        from urllib.parse import urlencode

        return urlencode(
            {"start": self.start.isoformat(), "end": self.end.isoformat(), "point": self.point}
        )


def parse_filters(params: Mapping[str, str], user: User) -> Filters:
    today = timezone.localdate()
    problems: dict[str, str] = {}
    values: dict[str, dt.date] = {}
    for name, default in (("start", today - dt.timedelta(days=91)), ("end", today)):
        text = (params.get(name) or "").strip()
        try:
            values[name] = dt.date.fromisoformat(text) if text else default
        except ValueError:
            problems[name] = "a date (YYYY-MM-DD)"
    point = (params.get("point") or "").strip().upper()[:24]
    if point and not FlowMonitoringPoint.objects.restrict(user).filter(pk=point).exists():
        problems["point"] = "not one of your flow monitoring points"
    if not problems:
        if values["end"] < values["start"]:
            problems["end"] = "before the start"
        elif (values["end"] - values["start"]).days > MAX_DAYS:
            problems["end"] = f"at most {MAX_DAYS} days after the start"
    if problems:
        raise ProblemError(problems)
    return Filters(values["start"], values["end"], point)


@dataclass
class Figure:
    rows: list[tuple[str, str]]  # (code, label)
    columns: list[tuple[str, str]]
    published: SuppressedTable
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.rows or not self.published.total

    def display_rows(self) -> list[tuple[str, str, list[int | None], int | None]]:
        p = self.published
        return [
            (code, label, p.cells[i], p.row_totals[i]) for i, (code, label) in enumerate(self.rows)
        ]


def flows(user: User, f: Filters) -> QuerySet[FlowDay]:
    found = FlowDay.objects.restrict(user).filter(day__gte=f.start, day__lte=f.end)
    if f.point:
        found = found.filter(point_id=f.point)
    return found


def _month_after(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def route_totals(user: User, f: Filters, fields: tuple[str, ...]) -> dict[tuple[str, ...], int]:
    """People counted per ``fields`` (origin, destination) between the filter's dates:
    the whole calendar months from ``FlowRouteMonth``, the days at either edge from
    ``FlowRoute``, so a year costs twelve months' rows, not 365 days'."""
    first_month = f.start if f.start.day == 1 else _month_after(f.start)
    day_after = f.end + dt.timedelta(days=1)
    after_last = day_after if day_after.day == 1 else f.end.replace(day=1)
    parts: list[QuerySet[Any]] = []
    if first_month < after_last:
        parts.append(
            FlowRouteMonth.objects.restrict(user).filter(
                month__gte=first_month, month__lt=after_last
            )
        )
        edges = [(f.start, first_month), (after_last, f.end + dt.timedelta(days=1))]
    else:
        edges = [(f.start, f.end + dt.timedelta(days=1))]
    for since, before in edges:
        if since < before:
            parts.append(FlowRoute.objects.restrict(user).filter(day__gte=since, day__lt=before))
    sums: dict[tuple[str, ...], int] = defaultdict(int)
    for qs in parts:
        if f.point:
            qs = qs.filter(point_id=f.point)
        for r in qs.values(*fields).annotate(n=Sum("total")).order_by():
            sums[tuple(r[name] for name in fields)] += r["n"]
    return sums


def _figure(
    rows: list[tuple[str, str]], columns: list[tuple[str, str]], values: list[list[int]]
) -> Figure:
    published = suppress(values, min_cell()) if rows and columns else suppress([], min_cell())
    return Figure(rows, columns, published)


def place_names() -> dict[str, str]:
    names = dict(AdminArea.objects.values_list("pcode", "name"))
    return names


def over_time(user: User, f: Filters) -> Figure:
    """People counted per week (rows) and point (columns)."""
    sums: dict[tuple[dt.date, str], int] = defaultdict(int)
    for r in flows(user, f).values("day", "point_id").annotate(n=Sum("total")).order_by():
        week = r["day"] - dt.timedelta(days=r["day"].weekday())
        sums[(week, r["point_id"])] += r["n"]
    weeks = sorted({w for w, _p in sums})
    points = sorted({p for _w, p in sums})
    names = dict(FlowMonitoringPoint.objects.filter(pk__in=points).values_list("code", "name"))
    return _figure(
        [(w.isoformat(), w.isoformat()) for w in weeks],
        [(p, names.get(p, p)) for p in points],
        [[sums.get((w, p), 0) for p in points] for w in weeks],
    )


def pyramid(user: User, f: Filters) -> Figure:
    """People by age band (rows, oldest first, as a pyramid is drawn) and sex."""
    sums = flows(user, f).aggregate(**{name: Sum(name) for name, _s, _b in AGE_SEX})
    by = {(band, sex): sums[name] or 0 for name, sex, band in AGE_SEX}
    bands = list(reversed(AGE_BANDS))
    figure = _figure(
        [(b, b) for b in bands],
        [("F", "F"), ("M", "M")],
        [[by[(b, "F")], by[(b, "M")]] for b in bands],
    )
    widest = max((v or 0 for row in figure.published.cells for v in row), default=0)
    figure.extra["widest"] = widest
    return figure


def origin_destination(user: User, f: Filters) -> Figure:
    sums = route_totals(user, f, ("origin", "destination"))
    by_origin: dict[str, int] = defaultdict(int)
    by_dest: dict[str, int] = defaultdict(int)
    for (o, d), n in sums.items():
        by_origin[o] += n
        by_dest[d] += n
    top_o = sorted(by_origin, key=lambda k: -by_origin[k])[:OD_SIZE]
    top_d = sorted(by_dest, key=lambda k: -by_dest[k])[:OD_SIZE]
    other = "other"
    rows_keys = top_o + ([other] if len(by_origin) > OD_SIZE else [])
    cols_keys = top_d + ([other] if len(by_dest) > OD_SIZE else [])
    grid = {(o, d): 0 for o in rows_keys for d in cols_keys}
    for (o, d), n in sums.items():
        grid[(o if o in top_o else other, d if d in top_d else other)] += n
    names = place_names() | dict(Country.objects.values_list("icao_code", "name"))
    names[other] = "Other"

    def label(code: str) -> str:
        return f"{names.get(code, code)} ({code})" if code != other else str(names[other])

    return _figure(
        [(o, label(o)) for o in rows_keys],
        [(d, label(d)) for d in cols_keys],
        [[grid[(o, d)] for d in cols_keys] for o in rows_keys],
    )


def vulnerabilities(user: User, f: Filters) -> Figure:
    sums = flows(user, f).aggregate(**{name: Sum(name) for name in VULNERABILITIES})
    values = [sums[name] or 0 for name in VULNERABILITIES]
    return Figure(
        [(name, name) for name in VULNERABILITIES],
        [("people", "people")],
        suppress_series(values, min_cell()),
    )


def by_point(user: User, f: Filters) -> Figure:
    sums = dict(
        flows(user, f).values("point_id").annotate(n=Sum("total")).values_list("point_id", "n")
    )
    points = list(FlowMonitoringPoint.objects.restrict(user).filter(pk__in=list(sums)))
    return Figure(
        [(p.code, p.name) for p in points],
        [("people", "people")],
        suppress_series([sums[p.code] for p in points], min_cell()),
        {"points": points},
    )


def arrivals_by_area(user: User, f: Filters) -> Figure:
    """People counted going to each level-1 area (destinations rolled up by P-code)."""
    level1 = dict(AdminArea.objects.filter(level=1).values_list("pcode", "name"))
    sums: dict[str, int] = dict.fromkeys(level1, 0)
    for (destination,), n in route_totals(user, f, ("destination",)).items():
        for pcode in level1:
            if destination.startswith(pcode):
                sums[pcode] += n
                break
    codes = sorted(level1)
    return Figure(
        [(c, level1[c]) for c in codes],
        [("people", "people")],
        suppress_series([sums[c] for c in codes], min_cell()),
    )


def sites(user: User) -> list[SiteAssessment]:
    """The latest assessment of each site the user may see (figures of whole camps)."""
    latest = (
        SiteAssessment.objects.restrict(user)
        .values("site_id")
        .annotate(last=Max("day"))
        .values_list("site_id", "last")
    )
    wanted = dict(latest)
    found = SiteAssessment.objects.restrict(user).select_related("site")
    return [a for a in found.filter(site_id__in=list(wanted)) if a.day == wanted[a.site_id]]
