"""CSV, XLSX and HXL-tagged CSV of published tables, each with its metadata.

Only published values leave: a withheld count is written ``x`` (CSV, XLSX) or left
empty (HXL, where tools read an empty cell as missing).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from .queries import Filters, Table, min_cell
from .services import last_refreshed

WITHHELD = "x"
# A spreadsheet reads a cell beginning with one of these as a formula (OWASP "CSV
# injection"): a crossing-point name "=HYPERLINK(…)" became a live link.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral(value: str | int) -> str | int:
    r"""Text a spreadsheet shows as written: a formula-like start gets a leading quote.

    >>> neutral('=HYPERLINK("http://x")'), neutral("UTO-AIR"), neutral(-3), neutral("-")
    ('\'=HYPERLINK("http://x")', 'UTO-AIR', -3, '-')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and value != "-":
        return "'" + value
    return value


def _safe_rows(rows: Iterable[Iterable[str | int]]) -> list[list[str | int]]:
    return [[neutral(v) for v in row] for row in rows]


def metadata(tables: Iterable[Table], f: Filters) -> list[tuple[str, str]]:
    refreshed = last_refreshed()
    tables = list(tables)
    return [
        (_("Title"), "; ".join(str(t.title) for t in tables)),
        (_("Period"), f"{f.start.isoformat()} to {f.end.isoformat()} ({f.period})"),
        (_("Crossing points"), ", ".join(f.points) or "-"),
        (_("Nationality"), f.nationality or _("all")),
        (
            _("Source"),
            _(
                "Passage border management information system: entries and exits recorded at the crossing points; aggregates refreshed %(when)s"
            )
            % {"when": refreshed.isoformat(timespec="minutes") if refreshed else _("never")},
        ),
        (
            _("Definitions"),
            _(
                "A crossing is one entry or exit of one traveller. Day: calendar day in the "
                "country's time zone. Nationality: ICAO 9303 code of the traveller's "
                "nationality. Age: calendar year of the crossing minus year of birth. "
                "Decision: as it stands after any secondary inspection. Purpose: as declared, "
                "with corrections applied."
            ),
        ),
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


def _cell(value: int | None) -> str | int:
    return WITHHELD if value is None else value


def _rows(t: Table) -> list[list[str | int]]:
    """The table's rows, with a total column and row only where counts add up
    (``Table.additive``: not for distinct counts such as persons)."""
    total_column: list[str | int] = [_("Total")] if t.additive else []
    out: list[list[str | int]] = [
        [str(t.row_header), *(str(label) for _c, label in t.columns), *total_column]
    ]
    for code, label, cells, total in t.display_rows():
        totals: list[str | int] = [_cell(total)] if t.additive else []
        out.append([str(label or code), *(_cell(v) for v in cells), *totals])
    p = t.published
    if t.column_totals_shown:
        grand: list[str | int] = [_cell(p.total)] if t.additive else []
        out.append([_("Total"), *(_cell(v) for v in p.column_totals), *grand])
    return out


def to_csv(t: Table, f: Filters) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(_safe_rows(metadata([t], f)))
    writer.writerow([])
    writer.writerows(_safe_rows(_rows(t)))
    return buffer.getvalue()


class _NeutralWriter:
    """A csv writer whose every text cell goes through ``neutral``."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def writerow(self, row: Iterable[str | int]) -> None:
        self.writer.writerow([neutral(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[str | int]]) -> None:
        for row in rows:
            self.writerow(row)


def to_hxl(t: Table, f: Filters) -> str:
    """HXL-tagged CSV: metadata rows, the header row, the hashtag row, then the data.

    HXL readers look for the hashtag row in the first rows of the file and take the row
    above it as the header, so the metadata above does not get in their way.
    """
    buffer = io.StringIO()
    writer = _NeutralWriter(csv.writer(buffer))
    writer.writerows(metadata([t], f))
    writer.writerow([])
    if t.key == "people":
        writer.writerow(
            [
                _("Month"),
                _("Crossing point"),
                _("Direction"),
                _("Nationality"),
                _("Male"),
                _("Female"),
                _("Unspecified"),
                _("Total"),
            ]
        )
        writer.writerow(
            [
                "#date+month",
                "#loc+code",
                "#indicator+direction",
                "#country+code",
                *t.hxl_columns,
                "#affected+total",
            ]
        )
        for code, _label, cells, total in t.display_rows():
            month, point, direction, nationality = code.split("|")
            writer.writerow(
                [
                    month[:7],
                    point,
                    direction,
                    nationality,
                    *(("" if v is None else v) for v in cells),
                    "" if total is None else total,
                ]
            )
        return buffer.getvalue()
    total_column = [_("Total")] if t.additive else []
    writer.writerow([str(t.row_header), *(str(label) for _c, label in t.columns), *total_column])
    writer.writerow([*t.hxl_rows, *t.hxl_columns, *(["#affected+total"] if t.additive else [])])
    for code, _label, cells, total in t.display_rows():
        totals = (["" if total is None else total]) if t.additive else []
        writer.writerow([code, *(("" if v is None else v) for v in cells), *totals])
    return buffer.getvalue()


def to_xlsx(tables: list[Table], f: Filters) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    # Text stays text: no formulas, no links made from what a cell says.
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    bold = book.add_format({"bold": True})
    for t in tables:
        sheet = book.add_worksheet(t.key[:31])
        for i, row in enumerate(_rows(t)):
            sheet.write_row(i, 0, _safe_rows([row])[0], bold if i == 0 else None)
        sheet.set_column(0, 0, 28)
    meta = book.add_worksheet(_("About")[:31])
    for i, (name, value) in enumerate(metadata(tables, f)):
        meta.write_string(i, 0, str(neutral(name)), bold)
        meta.write_string(i, 1, str(neutral(value)))
    meta.set_column(0, 0, 22)
    meta.set_column(1, 1, 100)
    book.close()
    return buffer.getvalue()


def filename(key: str, f: Filters, ext: str) -> str:
    stamp = dt.date.today().isoformat()
    return f"passage-{key}-{f.start.isoformat()}-{f.end.isoformat()}-{stamp}.{ext}"
