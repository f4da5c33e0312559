"""Decision 0125: time three PDF libraries on the same right-to-left Arabic table.

Each renders ``N`` rows of five cells (a date and time, a login, an Arabic action label,
a record type, an Arabic refusal ground with a Latin code) as one table in an Arabic,
right-to-left page with DejaVu Sans, and writes ``/tmp/pdf-<library>.pdf`` to look at
(``pdftoppm -png``). Only ReportLab (with arabic-reshaper and python-bidi) is a
dependency; install the others to measure them (``pip install fpdf2 uharfbuzz
weasyprint``; WeasyPrint needs Debian's Pango).

    python scripts/measure_pdf_libraries.py [N] [reportlab] [fpdf2] [weasyprint]
"""

from __future__ import annotations

import io
import sys
import time

ROW = [
    "2026-11-13 04:15",
    "officer",
    "تم الإنشاء",
    "crossings.crossing",
    "رفض — E لا يملك وثائق مناسبة",
]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def weasyprint(n: int) -> bytes:
    from weasyprint import HTML

    cells = "".join(f"<td>{c}</td>" for c in ROW)
    html = (
        "<html dir='rtl' lang='ar'><style>body{font-family:'DejaVu Sans';font-size:9pt}"
        f"td{{border:1px solid #999}}</style><body><table>{('<tr>' + cells + '</tr>') * n}"
        "</table></body></html>"
    )
    return HTML(string=html).write_pdf()


def reportlab(n: int) -> bytes:
    import arabic_reshaper
    from bidi.algorithm import get_display
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(TTFont("d", FONT))
    row = [get_display(arabic_reshaper.reshape(c), base_dir="R") for c in reversed(ROW)]
    table = Table([list(row) for _ in range(n)])
    table.setStyle(
        TableStyle([("FONT", (0, 0), (-1, -1), "d", 8), ("ALIGN", (0, 0), (-1, -1), "RIGHT")])
    )
    out = io.BytesIO()
    SimpleDocTemplate(out).build([table])
    return out.getvalue()


def fpdf2(n: int) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("d", "", FONT)
    pdf.set_font("d", size=8)
    pdf.set_text_shaping(use_shaping_engine=True, direction="rtl")
    pdf.add_page()
    with pdf.table(first_row_as_headings=False, text_align="R") as table:
        for _ in range(n):
            row = table.row()
            for cell in reversed(ROW):
                row.cell(cell)
    return bytes(pdf.output())


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    for name in sys.argv[2:] or ["reportlab", "fpdf2", "weasyprint"]:
        render = {"reportlab": reportlab, "fpdf2": fpdf2, "weasyprint": weasyprint}[name]
        start = time.perf_counter()
        pdf = render(n)
        elapsed = time.perf_counter() - start
        with open(f"/tmp/pdf-{name}.pdf", "wb") as f:
            f.write(pdf)
        print(
            f"{name}: {n} rows x 5 cells, Arabic, right to left: {elapsed * 1000:.0f} ms, {len(pdf)} bytes"
        )
