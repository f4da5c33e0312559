"""Writing-system detection for personal names (Unicode Standard Annex #24, Script property).

A name is assigned the script that holds most of its letters; digits, spaces and
punctuation do not vote. Han, Hiragana, Katakana and Hangul are reported as ``CJK`` as
one transliteration path serves them all.

>>> detect_script("Müller"), detect_script("Юлия"), detect_script("محمد")
('Latin', 'Cyrillic', 'Arabic')
>>> detect_script("ኃይለ ሥላሴ"), detect_script("Νίκος"), detect_script("王小明")
('Ethiopic', 'Greek', 'CJK')
>>> detect_script("1234 -")
'Unknown'
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Final

import icu

# Code-point blocks, low inclusive / high inclusive, checked in order. Script-specific
# punctuation (Arabic comma, Ethiopic wordspace) is filtered out before voting.
_RANGES: Final[tuple[tuple[int, int, str], ...]] = (
    (0x0041, 0x024F, "Latin"),
    (0x1E00, 0x1EFF, "Latin"),
    (0x0370, 0x03FF, "Greek"),
    (0x1F00, 0x1FFF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic"),
    (0x08A0, 0x08FF, "Arabic"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x10A0, 0x10FF, "Georgian"),
    (0x1200, 0x139F, "Ethiopic"),
    (0x2D80, 0x2DDF, "Ethiopic"),
    (0x3040, 0x30FF, "CJK"),
    (0x3400, 0x4DBF, "CJK"),
    (0x4E00, 0x9FFF, "CJK"),
    (0xAC00, 0xD7AF, "CJK"),
    (0x1100, 0x11FF, "CJK"),
)

SCRIPTS: Final = frozenset(name for _, _, name in _RANGES) | {"Other", "Unknown"}


def char_script(c: str) -> str | None:
    """The script of one letter, ``None`` for anything that is not a letter.

    >>> char_script("ß"), char_script("Ж"), char_script("-")
    ('Latin', 'Cyrillic', None)
    """
    if not unicodedata.category(c).startswith("L"):
        return None
    cp = ord(c)
    for low, high, name in _RANGES:
        if low <= cp <= high:
            return name
    return "Other"


def detect_script(text: str) -> str:
    """The majority script of the letters of ``text``, or ``Unknown`` when it has none."""
    if text.isascii():
        return "Latin" if any(c.isalpha() for c in text) else "Unknown"
    votes = Counter(s for s in map(char_script, text) if s is not None)
    if not votes:
        return "Unknown"
    return votes.most_common(1)[0][0]


def unicode_script(text: str) -> str:
    """The Unicode name of the script of ``text``'s first letter (``Tifinagh``, ``Nko``),
    for messages about scripts :func:`detect_script` does not tell apart; ``Unknown``
    without a letter.

    >>> unicode_script("ⵎⵓⵃⵎⴷ"), unicode_script("- 12")
    ('Tifinagh', 'Unknown')
    """
    letter = next((c for c in text if c.isalpha()), "")
    if not letter:
        return "Unknown"
    return str(icu.Script.getScript(ord(letter)).getName())
