"""Where each field sits in each format: ICAO 9303-4 §4.2 (TD3), 9303-5 §4.2 (TD1),
9303-6 §4.2 (TD2), 9303-7 §4.2 (MRV-A, MRV-B), and France's old national identity card.

Positions are 0-based columns, ``end`` exclusive (ICAO position *p* is column *p - 1*).
The repair module also reads from here which columns must be digits and which letters.
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Slot(NamedTuple):
    field: str
    line: int
    start: int
    end: int


LINE_LENGTHS: Final[dict[str, tuple[int, ...]]] = {
    "TD1": (30, 30, 30),
    "TD2": (36, 36),
    "TD3": (44, 44),
    "MRVA": (44, 44),
    "MRVB": (36, 36),
    "FRA-ID": (36, 36),
}

_HEAD = (Slot("document_code", 0, 0, 2), Slot("issuing_state", 0, 2, 5))


def _two_line(
    width: int, optional_end: int, composite: bool, personal_cd: bool
) -> tuple[Slot, ...]:
    slots = [
        *_HEAD,
        Slot("names", 0, 5, width),
        Slot("document_number", 1, 0, 9),
        Slot("document_number_check_digit", 1, 9, 10),
        Slot("nationality", 1, 10, 13),
        Slot("birth_date", 1, 13, 19),
        Slot("birth_date_check_digit", 1, 19, 20),
        Slot("sex", 1, 20, 21),
        Slot("expiry_date", 1, 21, 27),
        Slot("expiry_date_check_digit", 1, 27, 28),
        Slot("personal_number" if personal_cd else "optional_data", 1, 28, optional_end),
    ]
    if personal_cd:
        slots.append(Slot("personal_number_check_digit", 1, 42, 43))
    if composite:
        slots.append(Slot("composite_check_digit", 1, width - 1, width))
    return tuple(slots)


LAYOUTS: Final[dict[str, tuple[Slot, ...]]] = {
    "TD3": _two_line(44, 42, composite=True, personal_cd=True),
    "MRVA": _two_line(44, 44, composite=False, personal_cd=False),
    "TD2": _two_line(36, 35, composite=True, personal_cd=False),
    "MRVB": _two_line(36, 36, composite=False, personal_cd=False),
    "TD1": (
        *_HEAD,
        Slot("document_number", 0, 5, 14),
        Slot("document_number_check_digit", 0, 14, 15),
        Slot("optional_data", 0, 15, 30),
        Slot("birth_date", 1, 0, 6),
        Slot("birth_date_check_digit", 1, 6, 7),
        Slot("sex", 1, 7, 8),
        Slot("expiry_date", 1, 8, 14),
        Slot("expiry_date_check_digit", 1, 14, 15),
        Slot("nationality", 1, 15, 18),
        Slot("optional_data_2", 1, 18, 29),
        Slot("composite_check_digit", 1, 29, 30),
        Slot("names", 2, 0, 30),
    ),
    "FRA-ID": (
        *_HEAD,
        Slot("surname", 0, 5, 30),
        Slot("optional_data", 0, 30, 36),
        Slot("document_number", 1, 0, 12),
        Slot("document_number_check_digit", 1, 12, 13),
        Slot("given_names", 1, 13, 27),
        Slot("birth_date", 1, 27, 33),
        Slot("birth_date_check_digit", 1, 33, 34),
        Slot("sex", 1, 34, 35),
        Slot("composite_check_digit", 1, 35, 36),
    ),
}


def _column_fields() -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for fmt, slots in LAYOUTS.items():
        rows = [["?"] * n for n in LINE_LENGTHS[fmt]]
        for s in slots:
            for col in range(s.start, s.end):
                rows[s.line][col] = s.field
        out[fmt] = tuple(tuple(r) for r in rows)
    return out


FIELD_AT: Final = _column_fields()
"""``FIELD_AT[format][line][column]`` → the name of the field holding that character."""

_DIGIT_FIELDS = frozenset(
    {
        "birth_date",
        "expiry_date",
        "document_number_check_digit",
        "birth_date_check_digit",
        "expiry_date_check_digit",
        "personal_number_check_digit",
        "composite_check_digit",
    }
)
_LETTER_FIELDS = frozenset(
    {"document_code", "issuing_state", "nationality", "names", "surname", "given_names"}
)


def _typed(fields: frozenset[str]) -> dict[str, tuple[tuple[int, int], ...]]:
    out: dict[str, tuple[tuple[int, int], ...]] = {}
    for fmt, rows in FIELD_AT.items():
        out[fmt] = tuple(
            (line, col)
            for line, row in enumerate(rows)
            for col, name in enumerate(row)
            if name in fields
        )
    return out


DIGIT_COLUMNS: Final = _typed(_DIGIT_FIELDS)
# A French card number is YYMM (issue), three characters (office), five digits (serial).
DIGIT_COLUMNS["FRA-ID"] += tuple((1, c) for c in (0, 1, 2, 3, 7, 8, 9, 10, 11))
"""Columns whose characters can only be digits (or ``<`` for unknown date parts)."""
LETTER_COLUMNS: Final = _typed(_LETTER_FIELDS)
"""Columns whose characters can only be letters (or ``<``)."""
