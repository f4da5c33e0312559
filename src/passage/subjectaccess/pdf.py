"""The person's file as a PDF, in the active language (decision 0125).

ReportLab lays the pages out. It draws glyphs in the order given and does not join
Arabic letters, so every piece of text goes through the one function ``_visual()``:
``arabic_reshaper`` picks each Arabic letter's joined form, and ``python-bidi`` (the
Unicode bidirectional algorithm) puts mixed Arabic and Latin runs in display order.
The bidi algorithm works on one displayed line, so text is broken into lines first, in
logical order, by ``_wrap()``, and each line is then reordered: a wrapped Arabic
paragraph keeps its first words on its first line.

DejaVu Sans has the Latin, Cyrillic and Arabic glyphs; it is found where Debian's
fonts-dejavu-core puts it (``PASSAGE_PDF_FONT_DIR`` overrides). In Arabic the page runs
right to left: text aligned right, table columns in reverse order.
"""

from __future__ import annotations

import functools
import io
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import arabic_reshaper
from bidi.algorithm import get_display
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
FONT, BOLD = "PassageSans", "PassageSans-Bold"
SIZE = 8
PAGE_WIDTH = A4[0] - 30 * mm


def font_path(name: str) -> Path:
    """A DejaVu font file (``DejaVuSans.ttf``): Latin, Cyrillic and Arabic glyphs."""
    folders = (
        [Path(os.environ["PASSAGE_PDF_FONT_DIR"])] if "PASSAGE_PDF_FONT_DIR" in os.environ else []
    )
    for folder in [*folders, *FONT_DIRS]:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"{name} not found: install fonts-dejavu-core")


@functools.cache
def _register() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(font_path("DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(font_path("DejaVuSans-Bold.ttf"))))


def _shaped(text: str) -> str:
    return arabic_reshaper.reshape(text) if any("\u0600" <= ch <= "\u06ff" for ch in text) else text


# Dates, times and numbers read left to right inside Arabic text (2026-11-13, not
# 13-11-2026): each is embedded left to right (LRE ... PDF) before reordering; the
# algorithm drops the marks (UBA rule X9). python-bidi's pure-Python algorithm is used
# because it mirrors brackets (rule L4); its Rust-backed ``bidi.get_display`` did not.
_NUMBERS = re.compile(r"[0-9][0-9:./+-]*(?: [0-9][0-9:./+-]*)*")


def _visual(line: str, rtl: bool) -> str:
    """One displayed line: Arabic letters joined, runs in display order."""
    shaped = _shaped(line)
    if shaped == line and (not rtl or not any(ord(ch) > 0x58F for ch in line)):
        return line  # no right-to-left letters: the line reads as it is written
    embedded = _NUMBERS.sub(lambda m: f"\u202a{m.group(0)}\u202c", shaped)
    return str(get_display(embedded, base_dir="R" if rtl else "L"))


def _wrap(text: str, width: float, font: str = FONT, size: float = SIZE) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points, in logical order."""
    _register()  # the widths are the font's: measured only once it is known
    lines: list[str] = []
    for paragraph in (text or "").split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and pdfmetrics.stringWidth(_shaped(candidate), font, size) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


class _Builder:
    def __init__(self, rtl: bool) -> None:
        self.rtl = rtl
        self.story: list[Any] = []

    def _cell(self, text: Any, width: float, bold: bool = False) -> str:
        font = BOLD if bold else FONT
        lines = _wrap("" if text is None else str(text), width - 6, font)
        return "\n".join(_visual(line, self.rtl) for line in lines)

    def heading(self, text: str, size: float = 11) -> None:
        self.story.append(Spacer(1, 3 * mm))
        self.table([[text]], [PAGE_WIDTH], style="heading", size=size)

    def para(self, text: str) -> None:
        self.table([[text or "—"]], [PAGE_WIDTH], style="plain")

    def pairs(self, rows: list[tuple[str, Any]]) -> None:
        self.table([[label, value] for label, value in rows], [PAGE_WIDTH * 0.3, PAGE_WIDTH * 0.7])

    def rows(self, header: list[str], body: list[list[Any]], shares: Sequence[float] = ()) -> None:
        if not body:
            self.para(_("None."))
            return
        shares = shares or [1] * len(header)
        widths = [PAGE_WIDTH * s / sum(shares) for s in shares]
        self.table([header, *body], widths, style="header")

    def table(
        self, rows: list[list[Any]], widths: list[float], style: str = "grid", size: float = SIZE
    ) -> None:
        cells = [
            [
                self._cell(value, width, bold=style == "heading" or (style == "header" and i == 0))
                for value, width in zip(row, widths, strict=True)
            ]
            for i, row in enumerate(rows)
        ]
        if self.rtl:
            cells = [list(reversed(row)) for row in cells]
            widths = list(reversed(widths))
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), FONT, size),
            ("ALIGN", (0, 0), (-1, -1), "RIGHT" if self.rtl else "LEFT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEADING", (0, 0), (-1, -1), size * 1.25),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        if style == "heading":
            commands.append(("FONT", (0, 0), (-1, -1), BOLD, size))
        elif style in ("grid", "header"):
            commands += [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                (
                    "ROWBACKGROUNDS",
                    (0, 0),
                    (-1, -1),
                    [colors.white, colors.Color(0.96, 0.96, 0.96)],
                ),
            ]
        if style == "header":
            commands += [
                ("FONT", (0, 0), (-1, 0), BOLD, size),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
            ]
        table = Table(cells, colWidths=widths, repeatRows=1 if style == "header" else 0)
        table.setStyle(TableStyle(commands))
        self.story.append(table)


def _label(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("label") or value.get("code") or "")
    return "" if value is None else str(value)


def _when(value: str | None) -> str:
    return (value or "")[:16].replace("T", " ")


def render(data: dict[str, Any]) -> bytes:
    """The PDF of ``person_file()``'s answer (or ``no_such_person()``'s)."""
    _register()
    rtl = get_language_bidi()
    title = _("A person's own file")
    doc = _Builder(rtl)
    doc.heading(title, size=15)
    doc.para(
        _("Everything Passage holds on this person, as of %(when)s.")
        % {"when": _when(data["generated_at"])}
    )
    request = data.get("request")
    if request and request.get("received_on"):
        doc.pairs(
            [
                (_("Request"), request["id"]),
                (_("Received on"), request["received_on"]),
                (_("Answer due by"), request["due_on"]),
            ]
        )
    person = data.get("person")
    if person is None:
        doc.heading(_("No such person"))
        doc.para(data["message"])
        doc.pairs([(str(k), str(v)) for k, v in data.get("lookup", {}).items()])
    else:
        _person_sections(doc, data)
    out = io.BytesIO()

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.drawCentredString(A4[0] / 2, 8 * mm, _visual(f"{title} — {document.page}", rtl))
        canvas.restoreState()

    SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=12 * mm,
        bottomMargin=15 * mm,
        title=title,
        creator="Passage",
        lang="ar" if rtl else None,
    ).build(doc.story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def _person_sections(doc: _Builder, data: dict[str, Any]) -> None:
    person = data["person"]
    doc.heading(_("Person"))
    doc.pairs(
        [
            (_("Surname"), person["surname"]),
            (_("Given names"), person["given_names"]),
            (_("Surname (own script)"), person["surname_own_script"]),
            (_("Given names (own script)"), person["given_names_own_script"]),
            (_("Sex"), _label(person["sex"])),
            (_("Date of birth"), person["birth_date"]),
            (_("Nationality"), person["nationality"]),
            (_("First recorded"), _when(person["recorded_at"])),
            *(
                (_("Amendments"), _("Amended: %(reason)s") % {"reason": a["reason"]})
                for a in person.get("amendments", [])
            ),
        ]
    )
    doc.heading(_("Documents"))
    doc.rows(
        [_("Type"), _("Issuing state"), _("Number"), _("Date of issue"), _("Expiry date")],
        [
            [
                _label(d["type"]),
                d["issuing_state"],
                d["number"],
                d.get("issue_date") or "",
                d["expiry_date"] or "",
            ]
            for d in data["documents"]
        ],
    )
    doc.heading(_("Crossings (%(count)s)") % {"count": len(data["crossings"])})
    body = []
    for c in data["crossings"]:
        grounds = c["refusal_grounds"]
        if c["secondary_inspection"] and c["secondary_inspection"]["grounds"]:
            grounds = c["secondary_inspection"]["grounds"]
        decision = _label(c["effective_decision"])
        if grounds:
            decision += " — " + "; ".join(f"{g['code']} {g['label']}" for g in grounds)
        screening = c["screening"]
        body.append(
            [
                _when(c["at"]),
                _label(c["direction"]),
                c["crossing_point"]["code"],
                decision,
                _label(screening["outcome"]) if screening and screening["outcome"] else "",
                "\n".join(
                    _("Amended: %(reason)s") % {"reason": a["reason"]} for a in c["amendments"]
                ),
            ]
        )
    doc.rows(
        [
            _("When"),
            _("Direction"),
            _("Post"),
            _("Decision and grounds"),
            _("Alert check"),
            _("Amendments"),
        ],
        body,
        shares=(14, 9, 10, 30, 17, 20),
    )
    doc.para(" ".join(data["withheld"]))
    stay = data["stay"]
    doc.heading(_("Stay calculation"))
    doc.pairs(
        [
            (_("As of"), stay["as_of"]),
            (_("Rule"), stay["rule"] or "—"),
            (_("Days used"), stay["days_used"]),
            (_("Days remaining"), stay["days_remaining"]),
            (_("Could stay until"), stay["authorised_until"] or "—"),
        ]
    )
    doc.heading(_("Overstay cases"))
    doc.rows(
        [_("Authorised until"), _("Status"), _("Days over"), _("Note")],
        [
            [o["authorised_until"], _label(o["status"]), o["days_over"], o["review_note"]]
            for o in data["overstay_cases"]
        ],
    )
    doc.heading(_("Passenger lists"))
    doc.rows(
        [_("Flight"), _("Day"), _("From"), _("To")],
        [[p["flight"], p["flight_date"], p["from"], p["to"]] for p in data["passenger_lists"]],
    )
    protection = data["protection"]
    doc.heading(_("Protection records"))
    if protection["status"] == "none":
        doc.para(_("None."))
    elif protection["status"] == "released":
        doc.para(_("Released by a protection officer: %(note)s") % {"note": protection["note"]})
        doc.rows(
            [_("When"), _("Indicators"), _("Status"), _("Referrals")],
            [
                [
                    _when(r.get("at")),
                    ", ".join(r.get("indicators", [])),
                    _label(r.get("status")),
                    ", ".join(
                        f"{x['service']} ({_label(x['status'])})" for x in r.get("referrals", [])
                    ),
                ]
                for r in protection["records"]
            ],
        )
    else:
        doc.para(protection["message"])
    doc.heading(_("Requests"))
    doc.rows(
        [_("Kind"), _("Received on"), _("Outcome"), _("Reason"), _("Answered on")],
        [
            [
                _label(r["kind"]),
                r["received_on"],
                _label(r["outcome"]),
                r["decision_reason"],
                r["answered_on"] or "",
            ]
            for r in data["requests"]
        ],
    )
    doc.heading(_("Who read or changed these records"))
    doc.rows(
        [_("When"), _("Who"), _("What"), _("Record"), _("Why")],
        [
            [_when(e["at"]), e["who"], _label(e["action"]), e["record"], e["why"]]
            for e in data["audit"]
        ],
        shares=(14, 12, 16, 20, 38),
    )
