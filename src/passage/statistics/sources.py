"""Where facts come from: a small registry of sources, each reading from its own bookmark.

A source is one function ``refresh(position, cutoff) -> (position, rows_read)``. It
reads what changed since ``position`` (its own, opaque bookmark, stored as JSON), up to
``cutoff`` (now minus a settling delay, so that a transaction still open when the
refresh runs is not skipped), writes its facts, and returns the new position. The
refresh runs each source in its own transaction with its bookmark, so facts and
bookmark move together or not at all.

The ``screening`` source (alert screening, passage.alerts) is registered here too.
Protection figures are *not* a source: they never become facts, and the dashboard
reads them only through ``passage.protection.statistics.aggregates`` (suppressed there).

Two ways of keeping counts right when records change (crossings are immutable, but
amendments correct them and secondary inspections decide them later):

- new rows are *added*: one GROUP BY over the rows stored since the bookmark;
- a change to an already counted row marks its *slice* (crossing point and month)
  dirty; a dirty slice is deleted and counted again from the rows, as they now stand.
  Recounting is idempotent, so a slice counted twice is still right.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, ExtractYear, Substr, TruncDate, TruncMonth
from django.utils import timezone

from passage.alerts.choices import HitStatus
from passage.alerts.models import ScreeningHit, ScreeningResult
from passage.crossings.choices import Decision, InspectionStatus
from passage.crossings.models import Amendment, Crossing
from passage.reference.models import BorderCrossingPoint
from passage.stay.models import OverstayCase

from .choices import age_band
from .models import Bookmark, Cube, Fact

Key = tuple[str, dt.date, str, str, str, str, str, str]

#: The bookmark holding the day before which counts are final (``services.freeze_before``):
#: a retention purge deleted rows they were counted from, so no recount may touch them.
FROZEN = "_frozen"


def _unfrozen(facts: QuerySet[Fact]) -> QuerySet[Fact]:
    frozen = frozen_before()
    return facts if frozen is None else facts.filter(day__gte=frozen)


def frozen_before() -> dt.date | None:
    position = Bookmark.objects.filter(source=FROZEN).values_list("position", flat=True).first()
    day = (position or {}).get("before")
    return dt.date.fromisoformat(day) if day else None


Refresh = Callable[[dict[str, Any], dt.datetime], tuple[dict[str, Any], int]]


@dataclass(frozen=True)
class Source:
    name: str
    cubes: frozenset[str]
    refresh: Refresh
    description: str = ""


SOURCES: dict[str, Source] = {}


def register(
    name: str, cubes: Iterable[str], description: str = ""
) -> Callable[[Refresh], Refresh]:
    def add(refresh: Refresh) -> Refresh:
        SOURCES[name] = Source(name, frozenset(cubes), refresh, description)
        return refresh

    return add


def registered_cubes() -> set[str]:
    return {cube for source in SOURCES.values() for cube in source.cubes}


# --- writing facts ---------------------------------------------------------------------

_COLUMNS = (
    "cube",
    "day",
    "crossing_point",
    "direction",
    "nationality",
    "category",
    "sex",
    "age_band",
)


def add_facts(counts: Counter[Key]) -> int:
    """Add ``counts`` to the stored facts (insert, or add to the existing count)."""
    rows = [
        (*key[:1], connection.ops.adapt_datefield_value(key[1]), *key[2:], n)
        for key, n in counts.items()
        if n
    ]
    if not rows:
        return 0
    table = Fact._meta.db_table
    columns = ", ".join(_COLUMNS)
    marks = ", ".join(["%s"] * (len(_COLUMNS) + 1))
    sql = (
        f"INSERT INTO {table} ({columns}, count) VALUES ({marks}) "  # noqa: S608 - constant names
        f"ON CONFLICT ({columns}) DO UPDATE SET count = {table}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])
    return len(rows)


# --- crossings -------------------------------------------------------------------------

CROSSING_CUBES = frozenset({Cube.DAILY, Cube.NATIONALITY, Cube.PEOPLE, Cube.PURPOSE, Cube.REFUSAL})


def _grouped(values: Any) -> list[dict[str, Any]]:
    """Rows of a ``values()`` query counted per group (no ordering: it would group too)."""
    return list(values.annotate(n=Count("pk")).order_by())


def _decided_by_cutoff(cutoff: dt.datetime, outcome: str | None = None) -> Q:
    q = Q(
        decision=Decision.SECONDARY,
        inspection__status=InspectionStatus.DECIDED,
        inspection__decided_at__lte=cutoff,
    )
    if outcome is not None:
        q &= Q(inspection__outcome=outcome)
    return q


class _SQLiteLocalDate(Func):
    """``date(at, '+N minutes'[, 'start of month'])``: SQLite's own date functions.

    Django's ``TruncDate`` on SQLite calls a Python function for every row, which
    dominates a fill of millions of rows; in a time zone without daylight saving time
    the local day is a fixed shift of UTC, which SQLite computes natively.
    """

    output_field = DateField()

    def __init__(self, expression: Any, minutes: int, month: bool = False) -> None:
        modifiers = f"'{minutes:+d} minutes'" + (", 'start of month'" if month else "")
        super().__init__(expression, template=f"date(%(expressions)s, {modifiers})")


def _fixed_offset_minutes() -> int | None:
    """The current time zone's offset from UTC in minutes, if it never changes."""
    tz = timezone.get_current_timezone()
    offsets = {
        dt.datetime(year, month, 1, tzinfo=tz).utcoffset()
        for year in range(2000, 2040, 3)
        for month in (1, 4, 7, 10)
    }
    if len(offsets) != 1:
        return None
    offset = offsets.pop()
    return None if offset is None else int(offset.total_seconds() // 60)


def _calendar(field: str) -> tuple[Any, Any, Any]:
    """Local day, first day of the month and year of a datetime column, as expressions."""
    minutes = _fixed_offset_minutes() if connection.vendor == "sqlite" else None
    if minutes is None:
        return (
            TruncDate(field),
            TruncMonth(field, output_field=DateField()),
            ExtractYear(field),
        )
    year = Cast(Substr(_SQLiteLocalDate(F(field), minutes), 1, 4), IntegerField())
    return (
        _SQLiteLocalDate(F(field), minutes),
        _SQLiteLocalDate(F(field), minutes, month=True),
        year,
    )


def count_crossings(
    crossings: QuerySet[Crossing], cutoff: dt.datetime, *, amended: bool
) -> Counter[Key]:
    """The facts of every crossing cube for ``crossings``, with values as they stand at
    ``cutoff``: the secondary inspection's outcome once decided, the purpose as last
    amended (``amended=False`` skips the amendment look-up where none can apply)."""
    points = dict(BorderCrossingPoint.objects.values_list("pk", "code"))
    decision = Case(
        When(_decided_by_cutoff(cutoff), then=F("inspection__outcome")),
        default=F("decision"),
        output_field=CharField(),
    )
    day, month, year = _calendar("at")
    rows = crossings.annotate(
        d=day, m=month, nat=Coalesce(F("traveller__nationality_id"), Value(""))
    )
    counts: Counter[Key] = Counter()
    decided = rows.annotate(eff=decision)
    for r in _grouped(decided.values("d", "crossing_point_id", "direction", "nat", "eff")):
        key = (
            Cube.NATIONALITY,
            r["d"],
            points[r["crossing_point_id"]],
            r["direction"],
            r["nat"],
            r["eff"],
            "",
            "",
        )
        counts[key] += r["n"]
        # The daily cube is the same count without nationality: rolled up, not re-read.
        counts[(Cube.DAILY, *key[1:4], "", *key[5:])] += r["n"]
    people = rows.annotate(age=year - F("traveller__birth_year"), sx=F("traveller__sex")).values(
        "m", "crossing_point_id", "direction", "nat", "sx", "age"
    )
    for r in _grouped(people):
        key = (
            Cube.PEOPLE,
            r["m"],
            points[r["crossing_point_id"]],
            r["direction"],
            r["nat"],
            "",
            r["sx"] or "X",
            age_band(r["age"]),
        )
        counts[key] += r["n"]
    purpose: Any = F("purpose")
    if amended:
        latest = (
            Amendment.objects.filter(
                crossing=OuterRef("pk"), changes__has_key="purpose", at__lte=cutoff
            )
            .order_by("-at", "-id")
            .annotate(after=KT("changes__purpose__1"))
            .values("after")[:1]
        )
        purpose = Coalesce(Subquery(latest, output_field=CharField()), F("purpose"))
    for r in _grouped(
        rows.annotate(p=purpose).values("m", "crossing_point_id", "direction", "nat", "p")
    ):
        key = (
            Cube.PURPOSE,
            r["m"],
            points[r["crossing_point_id"]],
            r["direction"],
            r["nat"],
            r["p"],
            "",
            "",
        )
        counts[key] += r["n"]
    refused_here = rows.filter(decision=Decision.REFUSED).values(
        "d", "crossing_point_id", "direction", "nat", g=F("refusal_grounds")
    )
    refused_later = rows.filter(_decided_by_cutoff(cutoff, Decision.REFUSED)).values(
        "d", "crossing_point_id", "direction", "nat", g=F("inspection__outcome_grounds")
    )
    for query in (refused_here, refused_later):
        for r in _grouped(query):
            key = (
                Cube.REFUSAL,
                r["d"],
                points[r["crossing_point_id"]],
                r["direction"],
                r["nat"],
                r["g"] or "",
                "",
                "",
            )
            counts[key] += r["n"]
    return counts


def _month_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = day.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end, dt.time.min, tzinfo=tz),
    )


def _position_q(position: list[str] | None, *, after: bool) -> Q:
    """Crossings after (or up to and including) a (recorded_at, id) position."""
    if not position:
        return Q() if after else Q(pk__in=[])
    recorded = dt.datetime.fromisoformat(position[0])
    if after:
        return Q(recorded_at__gt=recorded) | Q(recorded_at=recorded, id__gt=position[1])
    return Q(recorded_at__lt=recorded) | Q(recorded_at=recorded, id__lte=position[1])


@register(
    "crossings",
    CROSSING_CUBES,
    "entries and exits, with amendments and secondary-inspection decisions",
)
def refresh_crossings(position: dict[str, Any], cutoff: dt.datetime) -> tuple[dict[str, Any], int]:
    last: list[str] | None = position.get("last")
    changes_since = position.get("changes")
    fresh = Crossing.objects.filter(_position_q(last, after=True), recorded_at__lte=cutoff)
    top = fresh.order_by("-recorded_at", "-id").values_list("recorded_at", "id").first()
    rows = 0
    if top is not None:
        new_last = [top[0].isoformat(), str(top[1])]
        batch = fresh.filter(_position_q(new_last, after=False))
        counts = count_crossings(batch, cutoff, amended=False)
        rows = sum(n for key, n in counts.items() if key[0] == Cube.DAILY)
        add_facts(counts)
        last = new_last
    # Changes to crossings: amendments and decisions since the last run.
    amendments = Amendment.objects.filter(at__lte=cutoff)
    decisions = Crossing.objects.filter(
        inspection__decided_at__lte=cutoff, inspection__status=InspectionStatus.DECIDED
    )
    if changes_since:
        since = dt.datetime.fromisoformat(changes_since)
        amendments = amendments.filter(at__gt=since)
        decisions = decisions.filter(inspection__decided_at__gt=since)
    else:
        # From scratch, every decided inspection was counted with its outcome already.
        decisions = decisions.none()
    counted = _position_q(last, after=False)
    touched = set(
        Crossing.objects.filter(counted, pk__in=amendments.values("crossing_id")).values_list(
            "crossing_point_id", "at"
        )
    ) | set(decisions.filter(counted).values_list("crossing_point_id", "at"))
    slices = {(point, timezone.localdate(at).replace(day=1)) for point, at in touched}
    _recount_slices(slices, last, cutoff)
    return {"last": last, "changes": cutoff.isoformat()}, rows


def _recount_slices(
    slices: set[tuple[Any, dt.date]], last: list[str] | None, cutoff: dt.datetime
) -> None:
    codes = dict(BorderCrossingPoint.objects.values_list("pk", "code"))
    frozen = frozen_before()
    for point, month in sorted(slices, key=lambda s: (s[1], str(s[0]))):
        if frozen is not None and month < frozen:
            continue  # final: a purge deleted rows of this month (decision 0121)
        start, end = _month_bounds(month)
        code = codes[point]
        Fact.objects.filter(
            cube__in=CROSSING_CUBES,
            crossing_point=code,
            day__gte=start.date(),
            day__lt=end.date(),
        ).delete()
        crossings = Crossing.objects.filter(
            _position_q(last, after=False), crossing_point_id=point, at__gte=start, at__lt=end
        )
        add_facts(count_crossings(crossings, cutoff, amended=True))


# --- overstays -------------------------------------------------------------------------


@register(
    "overstays",
    {Cube.OVERSTAY},
    "overstay cases (stay app), by the first day over the authorised stay",
)
def refresh_overstays(position: dict[str, Any], cutoff: dt.datetime) -> tuple[dict[str, Any], int]:
    """Cases change status (reviewed, closed by an exit); a changed case's day is recounted."""
    since = position.get("changes")
    cases = OverstayCase.objects.all()
    if since:
        moment = dt.datetime.fromisoformat(since)
        changed = cases.filter(
            Q(detected_at__gt=moment) | Q(reviewed_at__gt=moment) | Q(exit__recorded_at__gt=moment)
        )
        days = sorted(set(changed.values_list("authorised_until", flat=True)))
    else:
        _unfrozen(Fact.objects.filter(cube=Cube.OVERSTAY)).delete()
        days = sorted(set(cases.values_list("authorised_until", flat=True)))
    if (frozen := frozen_before()) is not None:  # final counts (decision 0121)
        days = [d for d in days if d + dt.timedelta(days=1) >= frozen]
    points = dict(BorderCrossingPoint.objects.values_list("pk", "code"))
    rows = 0
    for start in range(0, len(days), 500):
        chunk = days[start : start + 500]
        Fact.objects.filter(
            cube=Cube.OVERSTAY, day__in=[d + dt.timedelta(days=1) for d in chunk]
        ).delete()
        counts: Counter[Key] = Counter()
        grouped = (
            cases.filter(authorised_until__in=chunk)
            .values("authorised_until", "entry__crossing_point_id", "status")
            .annotate(
                nat=Coalesce(F("entry__traveller__nationality_id"), Value("")),
                n=Count("pk"),
            )
            .order_by()
        )
        for r in grouped:
            key = (
                Cube.OVERSTAY,
                r["authorised_until"] + dt.timedelta(days=1),
                points[r["entry__crossing_point_id"]],
                "",
                r["nat"],
                r["status"],
                "",
                "",
            )
            counts[key] += r["n"]
            rows += r["n"]
        add_facts(counts)
    return {"changes": cutoff.isoformat()}, rows


# --- screening (alerts app) --------------------------------------------------------------

#: Categories of the screening cube: ``outcome:<outcome>`` per screened crossing,
#: ``hit:<action>`` per hit, ``verdict:<status>`` per reviewed hit.
VERDICTS = (HitStatus.TRUE_MATCH, HitStatus.FALSE_POSITIVE, HitStatus.SUPPRESSED)


def count_screening(days: list[dt.date], cutoff: dt.datetime) -> Counter[Key]:
    """Screening facts for crossings on ``days`` (local day of the crossing), as at ``cutoff``."""
    counts: Counter[Key] = Counter()
    if not days:
        return counts
    points = dict(BorderCrossingPoint.objects.values_list("pk", "code"))
    day = _calendar("crossing__at")[0]
    # The span of the days as a range on the crossing's time: without it SQLite walked
    # every crossing (by the post-and-time index, to group) to find the few screened.
    tz = timezone.get_current_timezone()
    span = Q(
        crossing__at__gte=dt.datetime.combine(min(days), dt.time.min, tzinfo=tz),
        crossing__at__lt=dt.datetime.combine(
            max(days) + dt.timedelta(days=1), dt.time.min, tzinfo=tz
        ),
    )
    results = (
        ScreeningResult.objects.filter(span, created_at__lte=cutoff)
        .annotate(d=day)
        .filter(d__in=days)
        .values("d", "crossing__crossing_point_id", c=F("outcome"))
    )
    hits = (
        ScreeningHit.objects.filter(span, created_at__lte=cutoff).annotate(d=day).filter(d__in=days)
    )
    actions = hits.values("d", "crossing__crossing_point_id", c=F("action"))
    verdicts = hits.filter(status__in=VERDICTS, decided_at__lte=cutoff).values(
        "d", "crossing__crossing_point_id", c=F("status")
    )
    # A suppressed hit is decided by its suppression, not by a reviewer: no decided_at.
    suppressed = hits.filter(status=HitStatus.SUPPRESSED, decided_at__isnull=True).values(
        "d", "crossing__crossing_point_id", c=F("status")
    )
    for prefix, query in (
        ("outcome", results),
        ("hit", actions),
        ("verdict", verdicts),
        ("verdict", suppressed),
    ):
        for r in _grouped(query):
            key = (
                Cube.SCREENING,
                r["d"],
                points[r["crossing__crossing_point_id"]],
                "",
                "",
                f"{prefix}:{r['c']}",
                "",
                "",
            )
            counts[key] += r["n"]
    return counts


@register(
    "screening",
    {Cube.SCREENING},
    "alert screening (alerts app): outcomes per crossing, hits by action, reviewers' verdicts",
)
def refresh_screening(position: dict[str, Any], cutoff: dt.datetime) -> tuple[dict[str, Any], int]:
    """Screening is stored with the crossing, and hits are decided later: every day
    touched since the bookmark (a new result or hit, a verdict) is counted again."""
    since = position.get("changes")
    day = _calendar("crossing__at")[0]
    results = ScreeningResult.objects.filter(created_at__lte=cutoff)
    hits = ScreeningHit.objects.filter(created_at__lte=cutoff)
    if since:
        moment = dt.datetime.fromisoformat(since)
        results = results.filter(created_at__gt=moment)
        hits = ScreeningHit.objects.filter(
            Q(created_at__gt=moment, created_at__lte=cutoff)
            | Q(decided_at__gt=moment, decided_at__lte=cutoff)
        )
    else:
        _unfrozen(Fact.objects.filter(cube=Cube.SCREENING)).delete()
    days = sorted(
        set(results.annotate(d=day).values_list("d", flat=True).distinct())
        | set(hits.annotate(d=day).values_list("d", flat=True).distinct())
    )
    if (frozen := frozen_before()) is not None:  # final counts (decision 0121)
        days = [d for d in days if d >= frozen]
    rows = 0
    for start in range(0, len(days), 200):
        chunk = days[start : start + 200]
        Fact.objects.filter(cube=Cube.SCREENING, day__in=chunk).delete()
        counts = count_screening(chunk, cutoff)
        rows += sum(n for key, n in counts.items() if key[5].startswith("outcome:"))
        add_facts(counts)
    return {"changes": cutoff.isoformat()}, rows


__all__ = ["SOURCES", "Source", "add_facts", "count_crossings", "register", "registered_cubes"]
