"""Flow counts as open data: CSV (with an HXL hashtag row) and XLSX, figures only.

One row per month, flow monitoring point and direction, with people by age and sex.
Each row's six groups and total are one small table put through disclosure control
(``passage.core.disclosure``): a count from 1 to the threshold is withheld, and so is
whatever would give it back. A withheld value is empty in the CSV (HXL tools read an
empty cell as missing) and ``x`` in the XLSX. Survey answers never leave, and their
remarks least of all.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import Any

from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from passage.accounts.models import User
from passage.core.disclosure import suppress
from passage.core.displacement import GROUPS
from passage.statistics.exports import neutral

from .models import FlowMonitoringPoint
from .queries import Filters, flows, min_cell

HEADER = [
    "Month",
    "Flow monitoring point",
    "Point name",
    "Admin area",
    "Direction",
    "Girls 0-17",
    "Boys 0-17",
    "Women 18-59",
    "Men 18-59",
    "Women 60+",
    "Men 60+",
    "People",
]
# HXL 1.1 hashtags and attributes (hxlstandard.org/standard/1-1final/dictionary).
HASHTAGS = [
    "#date+month",
    "#loc+code",
    "#loc+name",
    "#adm2+code",
    "#indicator+direction",
    "#affected+f+children",
    "#affected+m+children",
    "#affected+f+adults",
    "#affected+m+adults",
    "#affected+f+elderly",
    "#affected+m+elderly",
    "#affected+total",
]
WITHHELD = "x"


def rows(user: User, f: Filters) -> list[list[Any]]:
    """Data rows, each already through disclosure control (``None``: withheld)."""
    sums: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0] * len(GROUPS))
    qs = (
        flows(user, f)
        .annotate(month=TruncMonth("day"))
        .values("month", "point_id", "direction")
        .annotate(**{f"s_{g}": Sum(g) for g in GROUPS})
        .order_by("month", "point_id", "direction")
    )
    for found in qs:
        r: dict[str, Any] = dict(found)
        key = (str(r["month"])[:7], r["point_id"], r["direction"])
        for i, g in enumerate(GROUPS):
            sums[key][i] += r[f"s_{g}"] or 0
    points = {p.code: p for p in FlowMonitoringPoint.objects.filter(pk__in={k[1] for k in sums})}
    out = []
    for (month, code, direction), values in sorted(sums.items()):
        published = suppress([values], min_cell())
        point = points[code]
        out.append(
            [
                month,
                code,
                point.name,
                point.admin_area_id,
                direction,
                *published.cells[0],
                published.row_totals[0],
            ]
        )
    return out


def to_csv(user: User, f: Filters) -> str:
    """CSV with the header row, the HXL hashtag row, then the data."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerow(HASHTAGS)
    for row in rows(user, f):
        writer.writerow([neutral("" if v is None else v) for v in row])
    return buffer.getvalue()


def to_xlsx(user: User, f: Filters) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("flows")
    sheet.write_row(0, 0, HEADER, bold)
    sheet.write_row(1, 0, HASHTAGS)
    for i, row in enumerate(rows(user, f), start=2):
        sheet.write_row(i, 0, [neutral(WITHHELD if v is None else v) for v in row])
    about = book.add_worksheet("about")
    for i, (name, value) in enumerate(
        [
            ("Title", "People counted at flow monitoring points, by month, age and sex"),
            ("Period", f"{f.start.isoformat()} to {f.end.isoformat()}"),
            ("Point", f.point or "all"),
            (
                "Disclosure control",
                f"Counts from 1 to {min_cell() - 1} are withheld, and so are further counts "
                "that would let them be worked out; withheld values are 'x'.",
            ),
            ("Generated", timezone.now().isoformat(timespec="seconds")),
        ]
    ):
        about.write_string(i, 0, name, bold)
        about.write_string(i, 1, str(neutral(value)))
    book.close()
    return buffer.getvalue()
