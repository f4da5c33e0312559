"""Write the displacement app's XLSForm files (src/passage/displacement/forms/*.xlsx).

The .xlsx files are what ships and what KoboToolbox and ODK take; this script is how
they were made, kept so that a change is made here and the files written again:

    .venv/bin/python scripts/xlsforms.py

Choice names must stay those of ``passage.displacement.choices`` (a test checks).
"""

from __future__ import annotations

import sys
from pathlib import Path

import xlsxwriter

VERSION = "2026120301"
OUT = Path(__file__).resolve().parent.parent / "src/passage/displacement/forms"

CHOICES = {
    "direction": [("in", "Inbound"), ("out", "Outbound")],
    "transport": [
        ("foot", "On foot"),
        ("bus", "Bus"),
        ("car", "Car"),
        ("truck", "Truck"),
        ("boat", "Boat"),
        ("animal", "Animal"),
        ("other", "Other"),
    ],
    "consent": [("yes", "Yes, agrees to answer"), ("no", "No")],
    "sex": [("F", "Female"), ("M", "Male"), ("X", "Other or not said")],
    "age_band": [("0-17", "0-17"), ("18-59", "18-59"), ("60+", "60 or older")],
    "reason": [
        ("conflict", "Conflict or violence"),
        ("disaster", "Natural disaster"),
        ("economic", "Economic reasons"),
        ("family", "Family reunification"),
        ("services", "Access to services"),
        ("other", "Other"),
    ],
    "intention": [
        ("stay", "Stay at the destination"),
        ("return", "Return home"),
        ("onward", "Move on to another country"),
        ("undecided", "Undecided"),
    ],
    "need": [
        ("food", "Food"),
        ("water", "Water"),
        ("shelter", "Shelter"),
        ("health", "Health care"),
        ("cash", "Cash"),
        ("documents", "Documents"),
        ("protection", "Protection"),
        ("none", "None"),
    ],
    "arrival_period": [
        ("last_month", "In the last month"),
        ("last_3_months", "One to three months ago"),
        ("earlier", "More than three months ago"),
    ],
    "reason_main": [
        ("conflict", "Conflict or violence"),
        ("disaster", "Natural disaster"),
        ("economic", "Economic reasons"),
        ("family", "Family reunification"),
        ("services", "Access to services"),
        ("other", "Other"),
    ],
    "adequacy": [
        ("adequate", "Adequate"),
        ("partial", "Partly adequate"),
        ("inadequate", "Inadequate"),
        ("none", "None"),
    ],
    "yes_no": [("yes", "Yes"), ("no", "No")],
}
CODE = "regex(., '^[A-Z0-9-]{2,32}$')"
CODE_MSG = "A code in capitals: a P-code, a point or site code, or a country code"
COUNT = ". >= 0 and . <= 100000"

# type, name, label, required, relevant, constraint, constraint message
Q = tuple[str, str, str, str, str, str, str]


def version_row() -> Q:
    return ("calculate", "form_version", "", "", "", "", "")


def counts(names: list[tuple[str, str]]) -> list[Q]:
    return [("integer", n, label, "yes", "", COUNT, "0 to 100,000") for n, label in names]


FORMS: dict[str, tuple[str, list[Q], list[str]]] = {
    "flow_count": (
        "Flow monitoring: count",
        [
            version_row(),
            ("text", "point", "Flow monitoring point code", "yes", "", CODE, CODE_MSG),
            ("date", "day", "Day counted", "yes", "", "", ""),
            ("select_one direction", "direction", "Direction", "yes", "", "", ""),
            ("select_one transport", "transport", "Main means of transport", "yes", "", "", ""),
            ("text", "origin", "Coming from (P-code or country code)", "yes", "", CODE, CODE_MSG),
            ("text", "destination", "Going to (P-code or country code)", "yes", "", CODE, CODE_MSG),
            *counts(
                [
                    ("girls", "Girls (0-17)"),
                    ("boys", "Boys (0-17)"),
                    ("women", "Women (18-59)"),
                    ("men", "Men (18-59)"),
                    ("elderly_women", "Women (60+)"),
                    ("elderly_men", "Men (60+)"),
                    ("total", "People in all"),
                    ("unaccompanied_children", "Unaccompanied children seen"),
                    ("pregnant_women", "Pregnant women seen"),
                    ("elderly_alone", "Elderly people alone seen"),
                    ("disabled", "People with disabilities seen"),
                ]
            ),
        ],
        ["direction", "transport"],
    ),
    "flow_survey": (
        "Flow monitoring: survey (anonymous)",
        [
            version_row(),
            ("text", "point", "Flow monitoring point code", "yes", "", CODE, CODE_MSG),
            ("date", "day", "Day of the interview", "yes", "", "", ""),
            (
                "select_one consent",
                "consent",
                "Do you agree to answer a few questions? No name is asked.",
                "yes",
                "",
                "",
                "",
            ),
            ("select_one sex", "sex", "Sex", "yes", "${consent} = 'yes'", "", ""),
            ("select_one age_band", "age_band", "Age", "yes", "${consent} = 'yes'", "", ""),
            ("text", "nationality", "Nationality (country code)", "", "${consent} = 'yes'", "", ""),
            ("text", "origin", "Coming from", "", "${consent} = 'yes'", "", ""),
            ("text", "destination", "Going to", "", "${consent} = 'yes'", "", ""),
            (
                "select_multiple reason",
                "reasons",
                "Why are you moving?",
                "",
                "${consent} = 'yes'",
                "",
                "",
            ),
            (
                "select_one intention",
                "intention",
                "What do you intend?",
                "",
                "${consent} = 'yes'",
                "",
                "",
            ),
            (
                "select_multiple need",
                "needs",
                "What do you need most?",
                "",
                "${consent} = 'yes'",
                "",
                "",
            ),
            (
                "text",
                "remarks",
                "Remarks (never a name or a document number)",
                "",
                "${consent} = 'yes'",
                "string-length(.) <= 1000",
                "At most 1000 characters",
            ),
        ],
        [],
    ),
    "baseline": (
        "Mobility tracking: baseline assessment",
        [
            version_row(),
            ("text", "admin_area", "Admin area P-code", "yes", "", CODE, CODE_MSG),
            ("date", "day", "Day of the assessment", "yes", "", "", ""),
            *counts(
                [
                    ("idps", "Internally displaced persons present"),
                    ("returnees", "Returnees present"),
                    ("migrants", "Migrants present"),
                ]
            ),
            (
                "select_one arrival_period",
                "arrival_period",
                "When did most arrive?",
                "yes",
                "",
                "",
                "",
            ),
            (
                "select_one reason_main",
                "main_reason",
                "Main reason for displacement",
                "yes",
                "",
                "",
                "",
            ),
            (
                "integer",
                "informants",
                "Key informants interviewed",
                "yes",
                "",
                ". >= 1 and . <= 50",
                "1 to 50",
            ),
        ],
        [],
    ),
    "site": (
        "Site assessment (CCCM)",
        [
            version_row(),
            ("text", "site", "Site code", "yes", "", CODE, CODE_MSG),
            ("date", "day", "Day of the assessment", "yes", "", "", ""),
            *counts([("households", "Households"), ("individuals", "Individuals")]),
            ("select_one adequacy", "shelter", "Shelter", "yes", "", "", ""),
            ("select_one adequacy", "wash", "Water, sanitation and hygiene", "yes", "", "", ""),
            ("select_one adequacy", "health", "Health care", "yes", "", "", ""),
            (
                "select_one yes_no",
                "protection_services",
                "Protection services on site",
                "yes",
                "",
                "",
                "",
            ),
            ("text", "managed_by", "Site management agency", "", "", "", ""),
        ],
        [],
    ),
}


def write(kind: str) -> Path:
    title, questions, _ = FORMS[kind]
    path = OUT / f"{kind}.xlsx"
    book = xlsxwriter.Workbook(str(path))
    survey = book.add_worksheet("survey")
    survey.write_row(
        0,
        0,
        [
            "type",
            "name",
            "label",
            "required",
            "relevant",
            "constraint",
            "constraint_message",
            "calculation",
        ],
    )
    used: list[str] = []
    for i, (qtype, name, label, required, relevant, constraint, message) in enumerate(questions, 1):
        calculation = f"'{VERSION}'" if name == "form_version" else ""
        survey.write_row(
            i, 0, [qtype, name, label, required, relevant, constraint, message, calculation]
        )
        parts = qtype.split()
        if len(parts) == 2:
            used.append(parts[1])
    choices = book.add_worksheet("choices")
    choices.write_row(0, 0, ["list_name", "name", "label"])
    row = 1
    for list_name in dict.fromkeys(used):
        for name, label in CHOICES[list_name]:
            choices.write_row(row, 0, [list_name, name, label])
            row += 1
    settings = book.add_worksheet("settings")
    settings.write_row(0, 0, ["form_title", "form_id", "version"])
    settings.write_row(1, 0, [title, f"passage_{kind}", VERSION])
    book.close()
    return path


if __name__ == "__main__":
    for kind in FORMS:
        print(write(kind), file=sys.stdout)
