"""The person's file as a PDF, in the active language (decision 0125).

fpdf2 lays the pages out; its text shaping (HarfBuzz, through uharfbuzz) joins Arabic
letters and its bidirectional algorithm orders mixed Arabic and Latin runs. DejaVu Sans
has the Arabic glyphs; it is the one font used, found where Debian's fonts-dejavu-core
puts it (``PASSAGE_PDF_FONT`` overrides). In Arabic the whole page runs right to left:
text aligned right and table columns in reverse order.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import TableCellFillMode
from fpdf.fonts import FontFace

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


def font_path(bold: bool = False) -> Path:
    """DejaVu Sans (or ``PASSAGE_PDF_FONT``): a font with Latin, Cyrillic and Arabic."""
    override = os.environ.get("PASSAGE_PDF_FONT")
    if override and not bold:
        return Path(override)
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(
        f"{name} not found in {', '.join(map(str, FONT_DIRS))}: install fonts-dejavu-core"
    )


class _Pdf(FPDF):
    def __init__(self, rtl: bool, title: str) -> None:
        super().__init__(format="A4")
        self.rtl = rtl
        self.title_text = title
        self.add_font("dejavu", "", str(font_path()))
        self.add_font("dejavu", "B", str(font_path(bold=True)))
        self.set_font("dejavu", size=9)
        self.set_text_shaping(
            use_shaping_engine=True, direction="rtl" if rtl else "ltr", script=None, language=None
        )
        self.set_auto_page_break(True, margin=15)
        self.set_title(title)
        self.set_creator("Passage")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("dejavu", size=7)
        self.cell(0, 5, f"{self.title_text} — {self.page_no()}/{{nb}}", align="C")

    @property
    def align(self) -> str:
        return "R" if self.rtl else "L"

    def heading(self, text: str) -> None:
        self.ln(2)
        self.set_font("dejavu", "B", 11)
        self.multi_cell(0, 6, text, align=self.align, new_x="LMARGIN", new_y="NEXT")
        self.set_font("dejavu", size=9)

    def para(self, text: str) -> None:
        self.multi_cell(0, 5, text or "—", align=self.align, new_x="LMARGIN", new_y="NEXT")

    def pairs(self, rows: list[tuple[str, Any]]) -> None:
        self.rows(
            None,
            [[label, "" if value is None else str(value)] for label, value in rows],
            widths=(60, 130),
        )

    def rows(self, header: list[str] | None, body: list[list[str]], widths: Any = None) -> None:
        if not body:
            self.para(_("None."))
            return
        order = (lambda r: list(reversed(r))) if self.rtl else (lambda r: list(r))
        col_widths = order(widths) if widths else None
        with self.table(
            col_widths=col_widths,
            text_align=self.align,
            first_row_as_headings=header is not None,
            cell_fill_mode=TableCellFillMode.ROWS,
            cell_fill_color=245,
            line_height=4.5,
            headings_style=FontFace(emphasis="BOLD", fill_color=225),
        ) as table:
            for row in ([header] if header else []) + body:
                cells = table.row()
                for value in order(row):
                    cells.cell(value or "")


def _label(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("label") or value.get("code") or "")
    return "" if value is None else str(value)


def render(data: dict[str, Any]) -> bytes:
    """The PDF of ``person_file()``'s answer (or ``no_such_person()``'s)."""
    rtl = get_language_bidi()
    pdf = _Pdf(rtl, _("A person's own file"))
    pdf.add_page()
    pdf.set_font("dejavu", "B", 15)
    pdf.multi_cell(0, 8, _("A person's own file"), align=pdf.align, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", size=9)
    pdf.para(
        _("Everything Passage holds on this person, as of %(when)s.")
        % {"when": data["generated_at"]}
    )
    request = data.get("request")
    if request and request.get("received_on"):
        pdf.pairs(
            [
                (_("Request"), request["id"]),
                (_("Received on"), request["received_on"]),
                (_("Answer due by"), request["due_on"]),
            ]
        )
    person = data.get("person")
    if person is None:
        pdf.heading(_("No such person"))
        pdf.para(data["message"])
        pdf.pairs([(str(k), str(v)) for k, v in data.get("lookup", {}).items()])
        return bytes(pdf.output())

    pdf.heading(_("Person"))
    pdf.pairs(
        [
            (_("Surname"), person["surname"]),
            (_("Given names"), person["given_names"]),
            (_("Surname (own script)"), person["surname_own_script"]),
            (_("Given names (own script)"), person["given_names_own_script"]),
            (_("Sex"), _label(person["sex"])),
            (_("Date of birth"), person["birth_date"]),
            (_("Nationality"), person["nationality"]),
            (_("First recorded"), person["recorded_at"]),
        ]
    )
    pdf.heading(_("Documents"))
    pdf.rows(
        [_("Type"), _("Issuing state"), _("Number"), _("Expiry date")],
        [
            [_label(d["type"]), d["issuing_state"], d["number"], d["expiry_date"] or ""]
            for d in data["documents"]
        ],
    )
    pdf.heading(_("Crossings (%(count)s)") % {"count": len(data["crossings"])})
    body = []
    for c in data["crossings"]:
        decision = _label(c["effective_decision"])
        grounds = "; ".join(f"{g['code']} {g['label']}" for g in c["refusal_grounds"])
        if c["secondary_inspection"] and c["secondary_inspection"]["grounds"]:
            grounds = "; ".join(
                f"{g['code']} {g['label']}" for g in c["secondary_inspection"]["grounds"]
            )
        screening = c["screening"]
        checked = _label(screening["outcome"]) if screening and screening["outcome"] else ""
        extra = [_("Amended: %(reason)s") % {"reason": a["reason"]} for a in c["amendments"]]
        body.append(
            [
                c["at"][:16].replace("T", " "),
                _label(c["direction"]),
                c["crossing_point"]["code"],
                decision + (f" — {grounds}" if grounds else ""),
                checked,
                "\n".join(extra),
            ]
        )
    pdf.rows(
        [
            _("When"),
            _("Direction"),
            _("Post"),
            _("Decision and grounds"),
            _("Alert check"),
            _("Amendments"),
        ],
        body,
        widths=(24, 16, 18, 50, 30, 42),
    )
    pdf.para(" ".join(data["withheld"]))

    stay = data["stay"]
    pdf.heading(_("Stay calculation"))
    pdf.pairs(
        [
            (_("As of"), stay["as_of"]),
            (_("Rule"), stay["rule"] or "—"),
            (_("Days used"), stay["days_used"]),
            (_("Days remaining"), stay["days_remaining"]),
            (_("Could stay until"), stay["authorised_until"] or "—"),
        ]
    )
    pdf.heading(_("Overstay cases"))
    pdf.rows(
        [_("Authorised until"), _("Status"), _("Days over"), _("Note")],
        [
            [o["authorised_until"], _label(o["status"]), str(o["days_over"]), o["review_note"]]
            for o in data["overstay_cases"]
        ],
    )
    pdf.heading(_("Passenger lists"))
    pdf.rows(
        [_("Flight"), _("Day"), _("From"), _("To")],
        [[p["flight"], p["flight_date"], p["from"], p["to"]] for p in data["passenger_lists"]],
    )
    protection = data["protection"]
    pdf.heading(_("Protection records"))
    if protection["status"] == "none":
        pdf.para(_("None."))
    elif protection["status"] == "released":
        pdf.para(_("Released by a protection officer: %(note)s") % {"note": protection["note"]})
        pdf.rows(
            [_("When"), _("Indicators"), _("Status"), _("Referrals")],
            [
                [
                    r.get("at") or "",
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
        pdf.para(protection["message"])
    pdf.heading(_("Requests"))
    pdf.rows(
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
    pdf.heading(_("Who read or changed these records"))
    pdf.rows(
        [_("When"), _("Who"), _("What"), _("Record"), _("Why")],
        [
            [e["at"][:16].replace("T", " "), e["who"], _label(e["action"]), e["record"], e["why"]]
            for e in data["audit"]
        ],
        widths=(26, 26, 30, 36, 62),
    )
    return bytes(pdf.output())
