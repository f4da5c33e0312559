"""The yearly transparency report: what the border authority did with people's data.

Every count is published through the statistics' one disclosure path: each section is a
``statistics.queries.Table``, which hides small counts (``PASSAGE_STATS_MIN_CELL``) and
whatever would give them back (``passage.core.disclosure``, decision 0021). Nothing in
the report names a person (decision 0131).

Sections whose records belong to apps that may not be installed (identity links,
subject-access requests, purge runs) are described in ``OPTIONAL``: switch one on, or
correct it when its app lands, by editing its entry. While its model is absent the
section counts 0 and says why.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db.models import Count, DateTimeField, F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passage.alerts.choices import HitStatus
from passage.alerts.models import ScreeningHit
from passage.core.problems import ProblemError
from passage.protection.models import Referral, Service
from passage.reference.models import BorderCrossingPoint, RefusalGround
from passage.statistics.exports import neutral
from passage.statistics.models import Cube, Fact
from passage.statistics.queries import Table, min_cell
from passage.stay.choices import OverstayStatus
from passage.stay.models import OverstayCase

WITHHELD = "x"
FIRST_YEAR = 2000


@dataclass
class Section:
    table: Table
    note: str = ""
    available: bool = True

    @property
    def key(self) -> str:
        return self.table.key

    @property
    def row_totals(self) -> bool:
        """Whether each row's total is published (a table of one column needs none)."""
        return self.table.additive and len(self.table.columns) > 1

    @property
    def column_totals(self) -> bool:
        return self.table.additive and len(self.table.rows) > 1

    def total_row(self) -> list[int | None]:
        p = self.table.published
        return [*p.column_totals, *([p.total] if self.row_totals else [])]


@dataclass(frozen=True)
class Column:
    """One count of an optional section: rows matching ``where``, counted, or the sum of
    ``summed`` (a number field), or of the values of ``summed_json`` (a JSON object of
    counts, added up here)."""

    code: str
    label: Any
    where: Q = field(default_factory=Q)
    summed: str = ""
    summed_json: str = ""


@dataclass(frozen=True)
class OptionalSource:
    """A count over a model another app provides, once that app is installed."""

    key: str
    title: Any
    model: str  # "app_label.ModelName"
    day_field: str  # the date or time that places a record in a year
    columns: tuple[Column, ...]
    absent: Any = ""


# The names below are those of the identity, subject-access and retention apps as their
# branches define them (issue 20 and 22); check them when those apps change.
OPTIONAL: tuple[OptionalSource, ...] = (
    OptionalSource(
        "identity_links",
        gettext_lazy("Identity links confirmed"),
        "identity.Link",
        "decided_at",
        (
            Column(
                "confirmed",
                gettext_lazy("Confirmed (same person)"),
                Q(state="decided", decision="same"),
            ),
        ),
        absent=gettext_lazy("Identity links are not recorded by this installation yet."),
    ),
    OptionalSource(
        "requests",
        gettext_lazy("Requests from people about their own data"),
        "subjectaccess.SubjectRequest",
        "received_on",
        (
            Column("received", gettext_lazy("Requests received")),
            Column(
                "answered_in_time",
                gettext_lazy("Answered in time"),
                Q(answered_on__isnull=False, answered_on__lte=F("due_on")),
            ),
        ),
        absent=gettext_lazy("Requests are not recorded by this installation yet."),
    ),
    OptionalSource(
        "purged",
        gettext_lazy("Records purged under the retention schedule"),
        "retention.PurgeRun",
        "finished_at",
        (
            Column(
                "records", gettext_lazy("Records purged"), Q(dry_run=False), summed_json="counts"
            ),
            Column(
                "people",
                gettext_lazy("People whose records were purged"),
                Q(dry_run=False),
                summed="persons",
            ),
        ),
        absent=gettext_lazy("Purge runs are not recorded by this installation yet."),
    ),
)


def parse_year(raw: Any) -> int:
    try:
        year = int(str(raw or "").strip())
    except ValueError:
        raise ProblemError({"year": "a year as YYYY"}) from None
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year:
        raise ProblemError({"year": f"from {FIRST_YEAR} to {this_year}"})
    return year


def _year(year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (
        dt.datetime(year, 1, 1, tzinfo=tz),
        dt.datetime(year + 1, 1, 1, tzinfo=tz),
    )


def _grid(sums: dict[tuple[str, str], int], rows: list[str], columns: list[str]) -> list[list[int]]:
    return [[sums.get((r, c), 0) for c in columns] for r in rows]


def _points() -> dict[str, str]:
    return dict(BorderCrossingPoint.objects.order_by("code").values_list("code", "name"))


def refusals(year: int) -> Section:
    """Refusals by ground and crossing point, from the statistics' facts (by day of the
    decision, as the dashboard counts them)."""
    sums: dict[tuple[str, str], int] = defaultdict(int)
    facts = Fact.objects.filter(
        cube=Cube.REFUSAL, day__gte=dt.date(year, 1, 1), day__lte=dt.date(year, 12, 31)
    )
    for row in facts.values("category", "crossing_point").annotate(n=Sum("count")).order_by():
        sums[(row["category"], row["crossing_point"])] += int(row["n"] or 0)
    names = dict(RefusalGround.objects.values_list("code", "label"))
    grounds = sorted({g for g, _p in sums})
    points = sorted({p for _g, p in sums})
    return Section(
        Table(
            "refusals",
            _("Refusals by ground and crossing point"),
            _("Ground"),
            [(g, f"{g} {names.get(g, '')}".strip()) for g in grounds],
            [(p, p) for p in points],
            _grid(sums, grounds, points),
            hxl_rows=("#reason+code",),
        ),
        _("A refusal on two grounds counts under each. As of the last refresh of the statistics."),
    )


def referrals(year: int) -> Section:
    begin, end = _year(year)
    counts = dict(
        Referral.objects.filter(created_at__gte=begin, created_at__lt=end)
        .values("service")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("service", "n")
    )
    services = list(Service.objects.order_by("order", "code").values_list("code", "label"))
    return Section(
        Table(
            "referrals",
            _("Referrals to protection services by kind"),
            _("Service"),
            [(code, str(label)) for code, label in services],
            [("referrals", _("Referrals"))],
            [[counts.get(code, 0)] for code, _l in services],
            hxl_rows=("#service+code",),
        ),
        _("Referrals made in the year, whatever became of them."),
    )


def _by_point(
    queryset: QuerySet[Any], point: str, status: str, columns: Sequence[tuple[str, tuple[str, ...]]]
) -> tuple[list[str], list[list[int]]]:
    sums: dict[tuple[str, str], int] = defaultdict(int)
    for row in queryset.values(point, status).annotate(n=Count("pk")).order_by():
        for code, statuses in columns:
            if row[status] in statuses:
                sums[(row[point], code)] += int(row["n"])
    points = sorted({p for p, _c in sums})
    return points, _grid(sums, points, [c for c, _s in columns])


def alert_hits(year: int) -> Section:
    begin, end = _year(year)
    columns = [
        ("confirmed", (HitStatus.TRUE_MATCH.value,)),
        ("dismissed", (HitStatus.FALSE_POSITIVE.value, HitStatus.SUPPRESSED.value)),
    ]
    decided = ScreeningHit.objects.filter(decided_at__gte=begin, decided_at__lt=end)
    points, values = _by_point(decided, "crossing__crossing_point__code", "status", columns)
    return Section(
        Table(
            "alert_hits",
            _("Alert-list hits confirmed and dismissed"),
            _("Crossing point"),
            [(p, p) for p in points],
            [("confirmed", _("Confirmed (true match)")), ("dismissed", _("Dismissed"))],
            values,
            hxl_rows=("#loc+code",),
        ),
        _(
            "Hits decided in the year. Dismissed: found a false positive by a reviewer, or by "
            "a standing suppression of a known false positive."
        ),
    )


def overstays(year: int) -> Section:
    begin, end = _year(year)
    columns = [
        ("confirmed", (OverstayStatus.CONFIRMED.value,)),
        ("dismissed", (OverstayStatus.DISMISSED.value,)),
    ]
    reviewed = OverstayCase.objects.filter(reviewed_at__gte=begin, reviewed_at__lt=end)
    points, values = _by_point(reviewed, "entry__crossing_point__code", "status", columns)
    return Section(
        Table(
            "overstays",
            _("Overstay cases confirmed and dismissed"),
            _("Crossing point of entry"),
            [(p, p) for p in points],
            [("confirmed", _("Confirmed")), ("dismissed", _("Dismissed"))],
            values,
            hxl_rows=("#loc+code",),
        ),
        _("Cases reviewed by an officer in the year."),
    )


def _count(rows: QuerySet[Any], column: Column) -> int:
    if column.summed:
        return int(rows.aggregate(n=Sum(column.summed))["n"] or 0)
    if column.summed_json:
        return sum(
            int(v)
            for counts in rows.values_list(column.summed_json, flat=True)
            for v in (counts or {}).values()
        )
    return rows.count()


def optional(source: OptionalSource, year: int) -> Section:
    """One row of counts from ``source``'s model; 0 with a note while it is absent."""
    counts = [0] * len(source.columns)
    note, available = "", True
    try:
        model = apps.get_model(source.model)
    except (LookupError, ValueError):
        model, note, available = None, str(source.absent), False
    if model is not None:
        begin, end = _year(year)
        try:
            if isinstance(model._meta.get_field(source.day_field), DateTimeField):
                span: dict[str, dt.date] = {"gte": begin, "lt": end}
            else:  # a date: the calendar year
                span = {"gte": dt.date(year, 1, 1), "lte": dt.date(year, 12, 31)}
            in_year = model.objects.filter(
                **{f"{source.day_field}__{op}": value for op, value in span.items()}
            )
            counts = [_count(in_year.filter(c.where), c) for c in source.columns]
        except (FieldError, FieldDoesNotExist) as exc:
            # The app's model does not have the fields this entry expects: say so in the
            # report rather than publish a wrong zero silently.
            counts = [0] * len(source.columns)
            note, available = (
                _("Not counted: %(error)s (oversight.transparency.OPTIONAL)") % {"error": exc},
                False,
            )
    return Section(
        Table(
            source.key,
            str(source.title),
            "",
            [("all", _("All crossing points"))],
            [(c.code, str(c.label)) for c in source.columns],
            [counts],
            additive=False,
        ),
        note,
        available,
    )


BUILDERS: tuple[Callable[[int], Section], ...] = (refusals, referrals, alert_hits, overstays)


def report(year: int) -> list[Section]:
    return [*(build(year) for build in BUILDERS), *(optional(s, year) for s in OPTIONAL)]


def _cell(value: int | None) -> str | int:
    return WITHHELD if value is None else value


def metadata(year: int) -> list[tuple[str, str]]:
    return [
        (_("Title"), _("Transparency report %(year)d") % {"year": year}),
        (_("Period"), f"{year}-01-01 to {year}-12-31"),
        (_("Source"), _("Passage border management information system")),
        (
            _("Disclosure control"),
            _(
                "Counts from 1 to %(below)d are withheld, and so are further counts or totals "
                "that would let them be worked out (secondary suppression). Withheld values "
                "are shown as 'x' (empty in HXL)."
            )
            % {"below": min_cell() - 1},
        ),
        (_("Generated"), timezone.now().isoformat(timespec="seconds")),
    ]


def section_rows(section: Section) -> list[list[str | int]]:
    t = section.table
    p = t.published
    header: list[str | int] = [str(t.row_header), *(str(label) for _c, label in t.columns)]
    if section.row_totals:
        header.append(_("Total"))
    out: list[list[str | int]] = [header]
    for i, (code, label) in enumerate(t.rows):
        row: list[str | int] = [str(label or code), *(_cell(v) for v in p.cells[i])]
        if section.row_totals:
            row.append(_cell(p.row_totals[i]))
        out.append(row)
    if section.column_totals:
        out.append([_("Total"), *(_cell(v) for v in section.total_row())])
    return out


def to_csv(year: int, sections: list[Section]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for name, value in metadata(year):
        writer.writerow([neutral(name), neutral(value)])
    for section in sections:
        writer.writerow([])
        writer.writerow([neutral(str(section.table.title))])
        if section.note:
            writer.writerow([neutral(section.note)])
        for row in section_rows(section):
            writer.writerow([neutral(v) for v in row])
    return buffer.getvalue()


HXL_HEADER = (
    gettext_lazy("Year"),
    gettext_lazy("Table"),
    gettext_lazy("Row"),
    gettext_lazy("Column"),
    gettext_lazy("Count"),
)
HXL_TAGS = ("#date+year", "#indicator+code", "#meta+row", "#meta+column", "#indicator+value+num")


def to_hxl(year: int, sections: list[Section]) -> str:
    """One long HXL table: year, section, row code, column code, published count.

    A withheld count is an empty cell (HXL tools read it as missing); a section whose
    records this installation does not keep is left out.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(h) for h in HXL_HEADER])
    writer.writerow(HXL_TAGS)
    for section in sections:
        if not section.available:
            continue
        t = section.table
        for i, (row, _label) in enumerate(t.rows):
            for j, (column, _l) in enumerate(t.columns):
                value = t.published.cells[i][j]
                writer.writerow(
                    [
                        year,
                        neutral(t.key),
                        neutral(row),
                        neutral(column),
                        "" if value is None else value,
                    ]
                )
    return buffer.getvalue()


def to_xlsx(year: int, sections: list[Section]) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet(str(year))
    line = 0
    for name, value in metadata(year):
        sheet.write_string(line, 0, str(neutral(name)), bold)
        sheet.write_string(line, 1, str(neutral(value)))
        line += 1
    for section in sections:
        line += 1
        sheet.write_string(line, 0, str(neutral(str(section.table.title))), bold)
        line += 1
        if section.note:
            sheet.write_string(line, 0, str(neutral(section.note)))
            line += 1
        for i, row in enumerate(section_rows(section)):
            sheet.write_row(line, 0, [neutral(v) for v in row], bold if i == 0 else None)
            line += 1
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, 6, 16)
    book.close()
    return buffer.getvalue()


FORMATS: dict[str, tuple[str, Callable[[int, list[Section]], str | bytes]]] = {
    "csv": ("text/csv; charset=utf-8", to_csv),
    "hxl": ("text/csv; charset=utf-8", to_hxl),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", to_xlsx),
}


def filename(year: int, fmt: str) -> str:
    suffix = "hxl.csv" if fmt == "hxl" else fmt
    return f"passage-transparency-{year}.{suffix}"
