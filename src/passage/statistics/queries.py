"""Tables for the dashboard, the report, the exports and the API — read from facts only.

Every table is built from ``Fact`` rows (never crossings) and published through
``passage.core.disclosure.suppress``: a count below ``PASSAGE_STATS_MIN_CELL`` and any
count or total that would give one back are withheld (``None``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from passage.accounts.models import User
from passage.alerts.choices import AlertAction, HitStatus, ScreeningOutcome
from passage.core.disclosure import SuppressedTable, suppress
from passage.core.problems import ProblemError
from passage.crossings.choices import Decision, Direction, Purpose
from passage.crossings.models import Crossing
from passage.identity.services import persons_of_travellers
from passage.protection import statistics as protection_statistics
from passage.protection.choices import IndicatorCategory, ReferralStatus
from passage.reference.models import BorderCrossingPoint, Country, RefusalGround
from passage.reference.names import country_name
from passage.stay.choices import OverstayStatus
from passage.travellers.choices import Sex

from .choices import AGE_BANDS, UNKNOWN_AGE, Period
from .models import MONTHLY_CUBES, Cube, Fact
from .sources import registered_cubes

MAX_DAYS = 3 * 366 + 1


def min_cell() -> int:
    return int(getattr(settings, "PASSAGE_STATS_MIN_CELL", 5))


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date
    period: str
    points: tuple[str, ...]  # crossing points in scope: the chosen one, or all the user's
    post: str = ""
    nationality: str = ""

    def as_params(self) -> dict[str, str]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "period": self.period,
            "post": self.post,
            "nationality": self.nationality,
        }

    def describe(self) -> str:
        parts = [f"{self.start.isoformat()} to {self.end.isoformat()}"]
        parts.append(self.post or _("all crossing points in scope"))
        parts.append(self.nationality or _("all nationalities"))
        return ", ".join(parts)


def parse_filters(params: Mapping[str, str], user: User | AnonymousUser) -> Filters:
    """Filters from query parameters; a bad value raises ``ProblemError`` naming the field."""
    problems: dict[str, str] = {}
    allowed = tuple(
        BorderCrossingPoint.objects.restrict(user).order_by("code").values_list("code", flat=True)
    )
    latest = (
        Fact.objects.filter(cube=Cube.DAILY).aggregate(m=Max("day"))["m"] or timezone.localdate()
    )

    def date(name: str, default: dt.date) -> dt.date:
        raw = (params.get(name) or "").strip()
        if not raw:
            return default
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            problems[name] = "a date as YYYY-MM-DD"
            return default

    end = date("end", latest)
    start = date("start", (end - dt.timedelta(days=364)).replace(day=1))
    if start > end:
        problems["start"] = "after the end of the period"
    elif (end - start).days > MAX_DAYS:
        problems["start"] = "the period may span at most three years"
    period = params.get("period") or Period.MONTH
    if period not in Period.values:
        problems["period"] = "day, week or month"
    post = (params.get("post") or "").strip().upper()
    if post and post not in allowed:
        problems["post"] = f"{post!r} is not a crossing point in your scope"
    nationality = (params.get("nationality") or "").strip().upper()
    if nationality and not Country.objects.filter(icao_code=nationality).exists():
        problems["nationality"] = f"{nationality!r} is not a known country code"
    if problems:
        raise ProblemError(problems)
    return Filters(
        start=start,
        end=end,
        period=period,
        points=(post,) if post else allowed,
        post=post,
        nationality=nationality,
    )


@dataclass
class Table:
    """Counts with labelled rows and columns, and what may be published of them."""

    key: str
    title: str
    row_header: str
    rows: list[tuple[str, str]]  # (code, label)
    columns: list[tuple[str, str]]
    values: list[list[int]]
    chart: str = "bar"
    note: str = ""
    hxl_rows: tuple[str, ...] = ("#meta+code",)
    hxl_columns: tuple[str, ...] = ()
    # A long table whose rows are separate groups (no column totals are published):
    # each row is protected on its own, with its row total.
    by_row: bool = False
    with_net: bool = False
    # False when the columns count different things (crossings, hits, verdicts): no
    # row or grand total is published, since a sum of them means nothing.
    additive: bool = True
    # False when the cells are distinct counts (documents, persons): one person in two
    # rows (entered, left) is still one person, so no column or grand total is
    # published either.
    rows_additive: bool = True
    published: SuppressedTable = field(init=False)

    @property
    def column_totals_shown(self) -> bool:
        return not self.by_row and self.rows_additive

    def __post_init__(self) -> None:
        if not self.rows or not self.columns:
            self.published = suppress([], min_cell())
        elif self.by_row:
            self.published = _suppress_rows(self.values, min_cell())
        else:
            self.published = suppress(self.values, min_cell())

    @property
    def empty(self) -> bool:
        return not self.rows or not any(any(r) for r in self.values)

    def chart_data(self) -> dict[str, Any]:
        """What the chart draws: published values, and where a value is withheld
        (``withheld[i]``), so the chart marks it as withheld instead of drawing nothing
        (an empty bar reads as zero)."""
        series = [
            {
                "label": str(label),
                "data": [row[j] for row in self.published.cells],
                "withheld": [row[j] is None for row in self.published.cells],
            }
            for j, (_code, label) in enumerate(self.columns)
        ]
        if self.with_net:
            net = self.net()
            series.append(
                {
                    "label": str(_("Net flow (entries minus exits)")),
                    "data": net,
                    "withheld": [v is None for v in net],
                }
            )
        return {
            "kind": self.chart,
            "labels": [str(label) for _code, label in self.rows],
            "series": series,
            "withheld_label": str(_("Withheld (not published)")),
        }

    @property
    def any_withheld(self) -> bool:
        return any(v is None for row in self.published.cells for v in row)

    def net(self) -> list[int | None]:
        """Entries minus exits per row, where both are published (flows tables)."""
        return [
            None if row[0] is None or row[1] is None else row[0] - row[1]
            for row in self.published.cells
        ]

    def display_rows_with_net(
        self,
    ) -> list[tuple[str, str, list[int | None], int | None, int | None]]:
        nets = self.net() if self.with_net else [None] * len(self.rows)
        return [(*row, net) for row, net in zip(self.display_rows(), nets, strict=True)]

    def display_rows(self) -> list[tuple[str, str, list[int | None], int | None]]:
        return [
            (code, label, self.published.cells[i], self.published.row_totals[i])
            for i, (code, label) in enumerate(self.rows)
        ]


def _suppress_rows(values: list[list[int]], threshold: int) -> SuppressedTable:
    cells: list[list[int | None]] = []
    totals: list[int | None] = []
    for row in values:
        one = suppress([row], threshold)
        cells.append(one.cells[0])
        totals.append(one.row_totals[0])
    return SuppressedTable(
        cells=cells,
        row_totals=totals,
        column_totals=[None] * (len(values[0]) if values else 0),
        total=None,
        threshold=threshold,
    )


def _facts(cube: str, f: Filters) -> QuerySet[Fact]:
    start, end = f.start, f.end
    if cube in MONTHLY_CUBES:
        start = start.replace(day=1)
    qs = Fact.objects.filter(cube=cube, day__gte=start, day__lte=end, crossing_point__in=f.points)
    if f.nationality:
        qs = qs.filter(nationality=f.nationality)
    return qs


def _flow_cube(f: Filters) -> str:
    return Cube.NATIONALITY if f.nationality else Cube.DAILY


def _sums(qs: QuerySet[Fact], *dims: str) -> dict[tuple[Any, ...], int]:
    out: dict[tuple[Any, ...], int] = defaultdict(int)
    for row in qs.values(*dims).annotate(n=Sum("count")).order_by():
        out[tuple(row[d] for d in dims)] += int(row["n"] or 0)
    return out


def bucket(day: dt.date, period: str) -> str:
    """The label of the period holding ``day``.

    >>> bucket(dt.date(2026, 1, 1), "week"), bucket(dt.date(2026, 1, 31), "month")
    ('2026-W01', '2026-01')
    """
    if period == Period.DAY:
        return day.isoformat()
    if period == Period.WEEK:
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def buckets(f: Filters) -> list[str]:
    out: list[str] = []
    day = f.start
    while day <= f.end:
        label = bucket(day, f.period)
        if not out or out[-1] != label:
            out.append(label)
        day += dt.timedelta(days=1)
    return out


def _grid(
    sums: Mapping[tuple[Any, ...], int], rows: Iterable[str], columns: Iterable[str]
) -> list[list[int]]:
    columns = list(columns)
    return [[sums.get((r, c), 0) for c in columns] for r in rows]


def _directions() -> list[tuple[str, str]]:
    return [(Direction.ENTRY.value, _("Entries")), (Direction.EXIT.value, _("Exits"))]


def flows(f: Filters) -> Table:
    raw = _sums(_facts(_flow_cube(f), f), "day", "direction")
    sums: dict[tuple[str, str], int] = defaultdict(int)
    for (day, direction), n in raw.items():
        sums[(bucket(day, f.period), direction)] += n
    labels = buckets(f)
    columns = _directions()
    return Table(
        "flows",
        _("Entries and exits over time"),
        _("Period"),
        [(b, b) for b in labels],
        columns,
        _grid(sums, labels, [c for c, _l in columns]),
        chart="line",
        note=_("Net flow: entries minus exits, where both are published."),
        hxl_rows=("#date",),
        hxl_columns=("#affected+entries", "#affected+exits"),
        with_net=True,
    )


def by_point(f: Filters) -> Table:
    sums = _sums(_facts(_flow_cube(f), f), "crossing_point", "direction")
    names = dict(BorderCrossingPoint.objects.filter(code__in=f.points).values_list("code", "name"))
    codes = sorted(f.points)
    columns = _directions()
    return Table(
        "points",
        _("Entries and exits by crossing point"),
        _("Crossing point"),
        [(c, f"{names.get(c, c)} ({c})") for c in codes],
        columns,
        _grid(sums, codes, [c for c, _l in columns]),
        hxl_rows=("#loc+code",),
        hxl_columns=("#affected+entries", "#affected+exits"),
    )


def nationalities(f: Filters, top: int = 10) -> Table:
    sums = _sums(_facts(Cube.NATIONALITY, f), "nationality", "direction")
    totals: dict[str, int] = defaultdict(int)
    for (nat, _d), n in sums.items():
        totals[nat] += n
    ranked = sorted(totals, key=lambda n: (-totals[n], n))
    shown, rest = ranked[:top], ranked[top:]
    names = {
        code: country_name(alpha2, name)
        for code, alpha2, name in Country.objects.filter(icao_code__in=shown).values_list(
            "icao_code", "iso_alpha2", "name"
        )
    }
    columns = _directions()
    values = _grid(sums, shown, [c for c, _l in columns])
    rows = [(n, f"{names.get(n, n)} ({n})" if n else _("Unknown")) for n in shown]
    if rest:
        values.append([sum(sums.get((n, c), 0) for n in rest) for c, _l in columns])
        rows.append(("*", _("All other nationalities")))
    return Table(
        "nationalities",
        _("Top nationalities"),
        _("Nationality"),
        rows,
        columns,
        values,
        chart="hbar",
        hxl_rows=("#country+code",),
        hxl_columns=("#affected+entries", "#affected+exits"),
    )


def pyramid(f: Filters) -> Table:
    sums = _sums(_facts(Cube.PEOPLE, f), "age_band", "sex")
    bands = [*AGE_BANDS, UNKNOWN_AGE]
    columns = [
        (Sex.MALE.value, _("Male")),
        (Sex.FEMALE.value, _("Female")),
        (Sex.UNSPECIFIED.value, _("Unspecified")),
    ]
    labels = {UNKNOWN_AGE: _("Unknown age")}
    return Table(
        "pyramid",
        _("Crossings by age and sex"),
        _("Age"),
        [(b, labels.get(b, b)) for b in reversed(bands)],
        columns,
        _grid(sums, list(reversed(bands)), [c for c, _l in columns]),
        chart="pyramid",
        note=_("By month: the months the period touches are counted whole."),
        hxl_rows=("#affected+age",),
        hxl_columns=("#affected+m", "#affected+f", "#affected+x"),
    )


def decisions(f: Filters) -> Table:
    sums = _sums(_facts(_flow_cube(f), f), "crossing_point", "category")
    codes = sorted(f.points)
    columns = [(d.value, str(d.label)) for d in Decision]
    return Table(
        "decisions",
        _("Decisions by crossing point"),
        _("Crossing point"),
        [(c, c) for c in codes],
        columns,
        _grid(sums, codes, [c for c, _l in columns]),
        note=_(
            "Sent to secondary inspection: not yet decided; decided ones count as admitted or refused."
        ),
        hxl_rows=("#loc+code",),
        hxl_columns=tuple(f"#affected+{d.value}" for d in Decision),
    )


def refusals(f: Filters) -> Table:
    sums = _sums(_facts(Cube.REFUSAL, f), "category", "direction")
    names = dict(RefusalGround.objects.values_list("code", "label"))
    grounds = sorted({g for g, _d in sums})
    columns = _directions()
    return Table(
        "refusals",
        _("Refusals by ground"),
        _("Ground"),
        [(g, f"{g} {names.get(g, '')}".strip()) for g in grounds],
        columns,
        _grid(sums, grounds, [c for c, _l in columns]),
        chart="hbar",
        note=_("A refusal on two grounds counts under each."),
        hxl_rows=("#reason+code",),
        hxl_columns=("#affected+entries", "#affected+exits"),
    )


def purposes(f: Filters) -> Table:
    sums = _sums(_facts(Cube.PURPOSE, f), "category", "direction")
    columns = _directions()
    codes = [p.value for p in Purpose]
    return Table(
        "purposes",
        _("Crossings by purpose"),
        _("Purpose"),
        [(p.value, str(p.label)) for p in Purpose],
        columns,
        _grid(sums, codes, [c for c, _l in columns]),
        chart="hbar",
        note=_("By month: the months the period touches are counted whole."),
        hxl_rows=("#indicator+purpose",),
        hxl_columns=("#affected+entries", "#affected+exits"),
    )


def overstays(f: Filters) -> Table:
    raw = _sums(_facts(Cube.OVERSTAY, f), "day", "category")
    sums: dict[tuple[str, str], int] = defaultdict(int)
    for (day, status), n in raw.items():
        sums[(bucket(day, f.period), status)] += n
    labels = buckets(f)
    columns = [(s.value, str(s.label)) for s in OverstayStatus]
    return Table(
        "overstays",
        _("Overstays by first day over the authorised stay"),
        _("Period"),
        [(b, b) for b in labels],
        columns,
        _grid(sums, labels, [c for c, _l in columns]),
        note=_(
            "Cases found by the overstay report, by their status now; the crossing point is the one of entry."
        ),
        hxl_rows=("#date",),
        hxl_columns=tuple(f"#affected+{s.value}" for s in OverstayStatus),
    )


SCREENING_COLUMNS = (
    [f"outcome:{o}" for o in ("clear", "referred", "no_lists", "unavailable")]
    + [f"hit:{a}" for a in ("refuse", "arrest", "notify", "monitor")]
    + [f"verdict:{v}" for v in ("true_match", "false_positive", "suppressed")]
)


def _screening_label(category: str) -> str:

    prefix, _sep, value = category.partition(":")
    if prefix == "outcome":
        return _("Screened: %(outcome)s") % {"outcome": ScreeningOutcome(value).label}
    if prefix == "hit":
        return _("Hits: %(action)s") % {"action": AlertAction(value).label}
    return _("Verdict: %(status)s") % {"status": HitStatus(value).label}


def screening(f: Filters) -> Table | None:
    """Screening outcomes, hits and verdicts per crossing point, once a screening source
    is registered (alerts app); ``None`` until then."""
    if "screening" not in registered_cubes():
        return None
    sums = _sums(_facts(Cube.SCREENING, f), "crossing_point", "category")
    codes = sorted(f.points)
    present = {c for _p, c in sums}
    categories = [c for c in SCREENING_COLUMNS if c in present]
    categories += sorted(present - set(categories))
    return Table(
        "screening",
        _("Screening hits and outcomes"),
        _("Crossing point"),
        [(c, c) for c in codes],
        [(c, _screening_label(c)) for c in categories],
        _grid(sums, codes, categories),
        note=_(
            "By day of crossing. A hit is a listed entry found at or above the matching "
            "threshold; its verdict is counted once a reviewer has decided it."
        ),
        additive=False,
    )


def hit_rates(table: Table | None) -> list[dict[str, Any]]:
    """Per crossing point: the share of screened crossings referred, and of reviewed hits
    found to be true matches, from published (suppressed) counts only."""
    if table is None or table.empty:
        return []
    cells = table.published.cells
    col = {code: j for j, (code, _label) in enumerate(table.columns)}
    outcomes = [j for code, j in col.items() if code.startswith("outcome:")]
    rates = []
    for i, (code, _label) in enumerate(table.rows):
        row = cells[i]
        screened_cells = [row[j] for j in outcomes]
        screened = None if None in screened_cells else sum(c or 0 for c in screened_cells)
        referred = row[col["outcome:referred"]] if "outcome:referred" in col else 0
        true = row[col["verdict:true_match"]] if "verdict:true_match" in col else 0
        false = row[col["verdict:false_positive"]] if "verdict:false_positive" in col else 0
        reviewed = None if true is None or false is None else true + false
        rates.append(
            {
                "crossing_point": code,
                "screened": screened,
                "referred": _rate(referred, screened),
                "precision": _rate(true, reviewed),
            }
        )
    return [r for r in rates if r["screened"]]


def _rate(part: int | None, whole: int | None) -> str | None:
    """A percentage; ``None`` (withheld) when either count is withheld."""
    if part is None or whole is None:
        return None
    if not whole:
        return str(_("none reviewed yet"))
    return f"{100 * part / whole:.1f} %"


def hxl_people(f: Filters) -> Table:
    """The long table for HXL: month, crossing point, direction and nationality, by sex."""
    sums = _sums(_facts(Cube.PEOPLE, f), "day", "crossing_point", "direction", "nationality", "sex")
    keys = sorted({k[:4] for k in sums}, key=lambda k: (k[0], k[1], k[2], k[3]))
    columns = [(Sex.MALE.value, "m"), (Sex.FEMALE.value, "f"), (Sex.UNSPECIFIED.value, "x")]
    values = [[sums.get((*k, c), 0) for c, _l in columns] for k in keys]
    return Table(
        "people",
        _("Crossings by month, crossing point, direction, nationality and sex"),
        "",
        [("|".join([k[0].isoformat(), k[1], k[2], k[3]]), "") for k in keys],
        columns,
        values,
        hxl_columns=("#affected+m", "#affected+f", "#affected+x"),
        by_row=True,
    )


def protection(f: Filters) -> tuple[dict[str, Any], list[tuple[str, list[dict[str, Any]], str]]]:
    """Protection figures for the dashboard, from ``passage.protection.statistics.aggregates``
    only: counts already suppressed there, never a person; kept to the crossing points in scope.
    """

    data = protection_statistics.aggregates(f.start, f.end)
    points = set(f.points)

    def rows(name: str, label_key: str | None, labels: Any = None) -> list[dict[str, Any]]:
        # A code is shown by its choice's label, in the reader's language.
        words = dict(labels.choices) if labels is not None else {}
        return [
            {
                **r,
                "label": words.get(r[label_key], r[label_key]) if label_key else r.get("people"),
            }
            for r in data[name]
            if r["crossing_point"] in points
        ]

    return data, [
        (
            _("Protection flags by indicator category"),
            rows("indicator_categories", "category", IndicatorCategory),
            _("Category"),
        ),
        (
            _("Referrals by current status"),
            rows("referral_statuses", "status", ReferralStatus),
            _("Status"),
        ),
        (
            _("Households registered in emergency mode"),
            rows("households", None),
            _("People in them"),
        ),
    ]


def persons(f: Filters) -> Table:
    """Crossings, documents and persons by direction: a person is one traveller, or the
    travellers a supervisor confirmed are one (identity links), so a traveller who came
    on a renewed or a second passport counts once. Distinct counts cannot be added up
    from daily facts, so this table is counted from the crossings of the period (two
    grouped queries, and the few travellers in confirmed links)."""
    crossings = Crossing.objects.filter(
        crossing_point__code__in=f.points, at__date__gte=f.start, at__date__lte=f.end
    )
    if f.nationality:
        crossings = crossings.filter(traveller__nationality_id=f.nationality)
    counted = {
        row["direction"]: row
        for row in crossings.values("direction").annotate(
            crossings=Count("id"),
            documents=Count("document_id", distinct=True),
            travellers=Count("traveller_id", distinct=True),
        )
    }
    person_of = persons_of_travellers()
    # travellers of one person counted apart above: count the person once per direction
    seen: dict[str, set[tuple[Any, Any]]] = defaultdict(set)
    if person_of:
        for direction, traveller in (
            crossings.filter(traveller_id__in=list(person_of))
            .values_list("direction", "traveller_id")
            .distinct()
        ):
            seen[direction].add((person_of[traveller], traveller))
    directions = _directions()
    values = []
    for code, _label in directions:
        row: Mapping[str, Any] = counted.get(code, {})
        joined = seen.get(code, set())
        extra = len(joined) - len({person for person, _t in joined})
        travellers = int(row.get("travellers", 0))
        values.append(
            [int(row.get("crossings", 0)), int(row.get("documents", 0)), travellers - extra]
        )
    return Table(
        "persons",
        _("Crossings, documents and persons"),
        _("Direction"),
        directions,
        [("crossings", _("Crossings")), ("documents", _("Documents")), ("persons", _("Persons"))],
        values,
        note=_(
            "A person is counted once however many documents they crossed with, once a "
            "supervisor confirmed the documents are one person's."
        ),
        additive=False,
        rows_additive=False,
        hxl_rows=("#indicator+direction",),
        hxl_columns=("#indicator+crossings", "#indicator+documents", "#affected+persons"),
    )


BUILDERS = {
    "flows": flows,
    "points": by_point,
    "nationalities": nationalities,
    "pyramid": pyramid,
    "decisions": decisions,
    "refusals": refusals,
    "purposes": purposes,
    "overstays": overstays,
    "persons": persons,
}


def dashboard(f: Filters) -> list[Table]:
    return [build(f) for build in BUILDERS.values()]


def table(key: str, f: Filters) -> Table:
    if key == "people":
        return hxl_people(f)
    if key not in BUILDERS:
        raise ProblemError({"table": f"one of {', '.join([*BUILDERS, 'people'])}"})
    return BUILDERS[key](f)
