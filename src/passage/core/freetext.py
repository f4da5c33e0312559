"""What a free-text field may hold: one rule for every form, API schema and service.

A name or a note is stored as typed, so it is checked, not cleaned: too long, or holding
a character that is not text, it is refused with a message naming what is wrong (a
silently cut name no longer matches its document).

Refused everywhere:

- control characters (Unicode category Cc: NUL, ESC, …), except tab and line breaks in
  multi-line fields (notes). PostgreSQL cannot store NUL at all;
- bidirectional controls (U+200E/F, U+202A to U+202E, U+2066 to U+2069, U+061C): they reorder
  what an officer sees (a right-to-left override turns "ABC" round), the "Trojan Source" trick. Arabic and
  Hebrew names need none of them; the zero-width joiners (U+200C/D) that Persian and
  Indic scripts do need are allowed;
- lone surrogates (category Cs), which no encoding can store.

Lengths follow the database columns and the counter form; a name field is 120
characters (more than the 39 of a TD3 MRZ name field, ICAO 9303-4 §4.2.2, because the
visual zone and other scripts are longer).

>>> text_problem("ERIKSSON", 120)
>>> text_problem("A" * 121, 120)
'at most 120 characters (121 given)'
>>> text_problem("ANNA\\x00", 120)
'control character U+0000 is not allowed'
>>> text_problem("\\u202eANNA", 120)
'direction control U+202E is not allowed'
>>> text_problem("line one\\nline two", 1000, multiline=True)
"""

from __future__ import annotations

import unicodedata
from typing import Final

from .text import Text

NAME: Final = 120
PLACE: Final = 160
SHORT_NOTE: Final = 1000
CASE_NOTE: Final = 4000
REASON: Final = 500
MRZ: Final = 400  # three TD1 lines of 30 with separators, with room for a reader's noise

BIDI_CONTROLS: Final = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
LINE_BREAKS: Final = frozenset("\t\n\r")


def text_problem(value: str, max_length: int, *, multiline: bool = False) -> str | None:
    """Why ``value`` may not be stored in a field of ``max_length``, or ``None``."""
    if len(value) > max_length:
        return Text(
            "at most {limit} characters ({given} given)", limit=max_length, given=len(value)
        )
    for char in value:
        if char in BIDI_CONTROLS:
            return Text("direction control {char} is not allowed", char=f"U+{ord(char):04X}")
        category = unicodedata.category(char)
        if category == "Cc" and not (multiline and char in LINE_BREAKS):
            return Text("control character {char} is not allowed", char=f"U+{ord(char):04X}")
        if category == "Cs":
            return Text("lone surrogate {char} is not allowed", char=f"U+{ord(char):04X}")
    return None


def check_text(value: str, max_length: int, *, multiline: bool = False) -> str:
    """``value`` if it may be stored, else ``ValueError`` with the reason."""
    problem = text_problem(value, max_length, multiline=multiline)
    if problem is not None:
        raise ValueError(problem)
    return value
