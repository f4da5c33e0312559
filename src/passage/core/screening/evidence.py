"""Birth dates, nationalities and document numbers as evidence for or against a match.

Birth dates may be known to the year, the month or the day (``YYYY``, ``YYYY-MM``,
``YYYY-MM-DD``). :func:`compare_birth_dates` grades two of them; the adjustment is added to
the name score. A date one year off with its day and month intact is a common data-entry or
calendar-conversion slip, and as unlikely by chance as an exact date is (one day of the
year agrees): it counts for the match, as a day and month written the other way round
does (issue 17); a full date that
differs in more than one place is evidence of a different person, and dates years apart
are strong evidence:

================== =========================================== ==========
evidence           rule                                        adjustment
================== =========================================== ==========
exact              same year, month and day                    +0.08
day_month_swapped  same year, day and month exchanged          +0.05
year_match         same year and month, day unknown on a side  +0.03
year_match         same year, month unknown on one side        0
same_month         same year and month, another day            -0.06
same_year          same year, another month                    -0.15
one_year_off       years differ by one, month and day agree    +0.05
year_off_partial   years differ by one, day unknown on a side  -0.03
one_year_apart     years differ by one, month or day differ    -0.18
near               years differ by two or three                -0.30
far_apart          four to nine years apart                    -0.45
far_apart          ten years or more                           -0.60
unknown            either date missing                         0
================== =========================================== ==========

Nationality weighs lightly (+0.02 same, -0.04 different): people hold several and lists
record them loosely. Document numbers are compared after removing fillers and
punctuation; an identical number is decisive, one that differs only by characters OCR
confuses (``O``/``0``, ``I``/``1``, ``B``/``8``, ``S``/``5``, ``Z``/``2``) is strong.

>>> compare_birth_dates(parse_birth_date("1970-03-04"), parse_birth_date("1971-03-04")).kind
'one_year_off'
>>> compare_birth_dates(parse_birth_date("1970-03-04"), parse_birth_date("1970-04-03")).kind
'day_month_swapped'
>>> normalise_document_number("ab-12 34<<"), ocr_key("AB1234") == ocr_key("AC1234")
('AB1234', False)
>>> ocr_key("A81Z34") == ocr_key("AB1234")
True
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache
from typing import Final

from passage.core.codes import countries


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text


_DATE: Final = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_birth_date(value: str | None) -> PartialDate | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a :class:`PartialDate`; ``None`` stays ``None``.

    Raises ``ValueError`` naming the problem for anything else.

    >>> parse_birth_date("1970-02"), parse_birth_date(None)
    (PartialDate(year=1970, month=2, day=None), None)
    >>> parse_birth_date("1970-02-30")
    Traceback (most recent call last):
    ...
    ValueError: day 30 is not in 1970-02
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError("expected a string YYYY, YYYY-MM or YYYY-MM-DD")
    m = _DATE.fullmatch(value.strip())
    if not m:
        raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if year < 1800:
        raise ValueError(f"year {year} is out of range")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} is out of range")
    if (
        day is not None
        and month is not None
        and not 1 <= day <= calendar.monthrange(year, month)[1]
    ):
        raise ValueError(f"day {day} is not in {year:04d}-{month:02d}")
    return PartialDate(year, month, day)


@dataclass(frozen=True, slots=True)
class DateEvidence:
    """How two birth dates compare (see the module table)."""

    kind: str
    adjustment: float


_UNKNOWN: Final = DateEvidence("unknown", 0.0)


def compare_birth_dates(query: PartialDate | None, entry: PartialDate | None) -> DateEvidence:
    """Grade two birth dates per the module table."""
    if query is None or entry is None:
        return _UNKNOWN
    dy = abs(query.year - entry.year)
    months = query.month is not None and entry.month is not None
    days = months and query.day is not None and entry.day is not None
    if dy == 0:
        if not months:
            return DateEvidence("year_match", 0.0)
        if query.month == entry.month:
            if not days:
                return DateEvidence("year_match", 0.03)
            if query.day == entry.day:
                return DateEvidence("exact", 0.08)
            return DateEvidence("same_month", -0.06)
        if days and query.month == entry.day and query.day == entry.month:
            return DateEvidence("day_month_swapped", 0.05)
        return DateEvidence("same_year", -0.15)
    if dy == 1:
        if not days:
            if months and query.month != entry.month:
                return DateEvidence("one_year_apart", -0.18)
            return DateEvidence("year_off_partial", -0.03)
        if query.month == entry.month and query.day == entry.day:
            return DateEvidence("one_year_off", 0.05)
        return DateEvidence("one_year_apart", -0.18)
    if dy <= 3:
        return DateEvidence("near", -0.30)
    if dy <= 9:
        return DateEvidence("far_apart", -0.45)
    return DateEvidence("far_apart", -0.60)


@cache
def _country_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for c in countries().values():
        for key in (c.icao, c.iso_alpha2, c.iso_alpha3, c.name.upper()):
            if key:
                table.setdefault(key.upper(), c.iso_alpha3 or c.icao)
    return table


def normalise_country(value: str | None) -> str | None:
    """A nationality as its ISO/ICAO alpha-3 code when it is known, else upper-cased.

    >>> normalise_country("D"), normalise_country("fr"), normalise_country("United Kingdom")
    ('DEU', 'FRA', 'GBR')
    """
    if value is None:
        return None
    key = value.strip().strip("<").upper()
    if not key:
        return None
    return _country_table().get(key, key)


@dataclass(frozen=True, slots=True)
class Evidence:
    """The outcome of comparing one attribute: a kind and a score adjustment."""

    kind: str
    adjustment: float


def compare_nationalities(query: str | None, entry: str | None) -> Evidence:
    """``same`` (+0.02), ``different`` (-0.04) or ``unknown`` (0)."""
    if not query or not entry:
        return Evidence("unknown", 0.0)
    return Evidence("same", 0.02) if query == entry else Evidence("different", -0.04)


_NOT_ALNUM: Final = re.compile(r"[^0-9A-Z]")
_OCR: Final = str.maketrans({"O": "0", "Q": "0", "I": "1", "L": "1", "B": "8", "S": "5", "Z": "2"})


def normalise_document_number(value: str | None) -> str:
    """Upper case, fillers and punctuation removed."""
    return _NOT_ALNUM.sub("", value.upper()) if value else ""


def ocr_key(number: str) -> str:
    """A normalised number with OCR-confusable letters replaced by the digit they mimic.

    Two numbers with the same key differ at most by ``O/Q``↔``0``, ``I/L``↔``1``,
    ``B``↔``8``, ``S``↔``5``, ``Z``↔``2``.
    """
    return number.translate(_OCR)


def compare_documents(query: str, entry: str) -> str:
    """``exact``, ``ocr_variant``, ``different`` or ``unknown`` for two normalised numbers."""
    if not query or not entry:
        return "unknown"
    if query == entry:
        return "exact"
    if ocr_key(query) == ocr_key(entry):
        return "ocr_variant"
    return "different"
