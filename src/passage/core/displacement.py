"""Displacement tracking rules that need no database: a flow count's arithmetic, and the
personal data that an anonymous survey's free text must not carry.

A flow count gives its people by age and sex in six groups (DTM flow monitoring's
children 0-17, adults 18-59 and elderly 60+, each female and male) and the vulnerable
people seen among them. Every vulnerable group is a part of an age-sex group, so none can
be larger than the part it belongs to:

>>> count_problems({"total": 10, "girls": 6, "boys": 6, "women": 0, "men": 0,
...                 "elderly_women": 0, "elderly_men": 0})["girls"]
'more children (12) than people (10)'
>>> count_problems(dict.fromkeys(GROUPS, 1) | {"total": 6})
{}

A survey is anonymous: its free text may not hold a name or a document number.
``personal_data`` says why a text looks like it does (or ``None``); the record is kept
but flagged, and its text never leaves in an export:

>>> personal_data("My name is Amal, I walked from the lakes")
'a name ("my name is")'
>>> personal_data("passport L898902C3 taken at the checkpoint")
'a document number'
>>> personal_data("walked three days with two children") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from .text import Text

# (field, sex, age band) in the order of a pyramid's rows, youngest first.
AGE_SEX: Final = (
    ("girls", "F", "0-17"),
    ("boys", "M", "0-17"),
    ("women", "F", "18-59"),
    ("men", "M", "18-59"),
    ("elderly_women", "F", "60+"),
    ("elderly_men", "M", "60+"),
)
GROUPS: Final = tuple(name for name, _sex, _band in AGE_SEX)
AGE_BANDS: Final = ("0-17", "18-59", "60+")
VULNERABILITIES: Final = (
    "unaccompanied_children",
    "pregnant_women",
    "elderly_alone",
    "disabled",
)
MAX_GROUP: Final = 100_000  # people counted in one period at one point, per group


def count_problems(values: Mapping[str, int]) -> dict[str, str]:
    """Why a flow count's figures cannot all be true, field by field (empty: they can)."""
    problems: dict[str, str] = {}
    total = values.get("total", 0)
    for name in (*GROUPS, *VULNERABILITIES, "total"):
        value = values.get(name, 0)
        if value < 0:
            problems[name] = Text("cannot be negative")
        elif value > MAX_GROUP:
            problems[name] = Text("at most {limit} in one count", limit=f"{MAX_GROUP:,}")
    if problems:
        return problems
    children = values.get("girls", 0) + values.get("boys", 0)
    females = values.get("girls", 0) + values.get("women", 0) + values.get("elderly_women", 0)
    elderly = values.get("elderly_women", 0) + values.get("elderly_men", 0)
    grouped = sum(values.get(name, 0) for name in GROUPS)
    if children > total:
        problems["girls"] = Text(
            "more children ({children}) than people ({total})", children=children, total=total
        )
    elif grouped != total:
        problems["total"] = Text(
            "the age and sex groups add up to {grouped}, not {total}", grouped=grouped, total=total
        )
    if total == 0:
        problems["total"] = Text("a count counts at least one person")
    if values.get("unaccompanied_children", 0) > children:
        problems["unaccompanied_children"] = Text(
            "more unaccompanied children ({n}) than children ({children})",
            n=values["unaccompanied_children"],
            children=children,
        )
    if values.get("pregnant_women", 0) > females:
        problems["pregnant_women"] = Text(
            "more pregnant women ({n}) than females ({females})",
            n=values["pregnant_women"],
            females=females,
        )
    if values.get("elderly_alone", 0) > elderly:
        problems["elderly_alone"] = Text(
            "more elderly people alone ({n}) than elderly ({elderly})",
            n=values["elderly_alone"],
            elderly=elderly,
        )
    if values.get("disabled", 0) > total:
        problems["disabled"] = Text(
            "more people with disabilities ({n}) than people", n=values["disabled"]
        )
    return problems


# Words that introduce a name, in the languages of the forms (en, fr, es, ar, pt).
_NAME_CUES: Final = (
    "my name is",
    "his name is",
    "her name is",
    "their name is",
    "name:",
    "named",
    "called",
    "je m'appelle",
    "il s'appelle",
    "elle s'appelle",
    "mon nom",
    "nom:",
    "nom :",
    "me llamo",
    "se llama",
    "mi nombre",
    "nombre:",
    "meu nome",
    "اسمي",
    "اسمه",
    "اسمها",
    "الاسم",
)
_TITLE = re.compile(r"\b(?:mr|mrs|ms|miss|mme|mlle|sr|sra|srta|dr)\.?\s+[A-Z\u00c0-\u024f]\w+")
# A document number: letters and digits mixed (passports: L898902C3), or a long run of
# digits (national identity numbers, phone numbers); short numbers (ages, days) are not.
_DOCUMENT = re.compile(r"\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{7,12}\b|\b\d{7,}\b")
_DOCUMENT_CUES: Final = (
    "passport",
    "passeport",
    "pasaporte",
    "passaporte",
    "id card",
    "carte d'identité",
    "cédula",
    "جواز",
    "بطاقة",
)


def personal_data(text: str) -> str | None:
    """What in ``text`` looks like a name or a document number, or ``None``.

    A heuristic that errs towards flagging: a flagged text is kept for the enumerator's
    supervisor to read at the point, never published."""
    if not text.strip():
        return None
    lowered = text.casefold()
    for cue in _NAME_CUES:
        if re.search(r"(?<!\w)" + re.escape(cue), lowered):
            return f'a name ("{cue}")'
    if _TITLE.search(text):
        return "a name (a title before a capitalised word)"
    if _DOCUMENT.search(text.upper()) and (
        _DOCUMENT.search(text) or any(cue in lowered for cue in _DOCUMENT_CUES)
    ):
        return "a document number"
    for cue in _DOCUMENT_CUES:
        if cue in lowered and re.search(r"\d{4,}", text):
            return "a document number"
    return None
