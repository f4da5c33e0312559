# ruff: noqa: RUF002 -- look-alike letters of other scripts on purpose
"""Undoing ICAO MRZ transliteration, ICAO 9303-3 §6, so MRZ names meet free-text names.

An MRZ writes ``Ä Ö Ü`` as ``AE OE UE``, ``Å`` as ``AA``, ``Ø`` as ``OE``, separates name
parts with the filler ``<`` and the surname from the given names with ``<<``. Arabic
names written with the reversible "X-scheme" of Table C (``XH`` for ``ح``, ``XKH`` for
``خ``, ``XAH`` for a final ``ة``…) are turned back into ordinary Latin consonants.

Undoing ``AE`` → ``Ä`` is ambiguous (``RAPHAEL``, ``MANUEL``), so matching does not try
to guess: :func:`mrz_fold` maps both spellings of a name to one form, and every name,
MRZ or not, is compared in that form as well as its plain one.

>>> from_mrz("MUELLER<<HANS<JUERGEN<<<<<<")
'MUELLER HANS JUERGEN'
>>> mrz_fold("MUELLER") == mrz_fold("MULLER")
True
>>> from_mrz("AL<XHMXAH<<MXHMD")
'AL HMA MHMD'
"""

from __future__ import annotations

import re
from typing import Final

# ICAO 9303-3 Table C codes, longest first, mapped to the usual Latin consonant.
_X_SCHEME: Final[tuple[tuple[str, str], ...]] = (
    ("XAA", "A"),
    ("XAE", "A"),
    ("XAH", "A"),
    ("XAY", "A"),
    ("XTA", "T"),
    ("XKH", "KH"),
    ("XTH", "TH"),
    ("XDH", "DH"),
    ("XSH", "SH"),
    ("XSS", "S"),
    ("XDZ", "D"),
    ("XTT", "T"),
    ("XZZ", "Z"),
    ("XGG", "G"),
    ("XKK", "K"),
    ("XH", "H"),
    ("XE", ""),
    ("XI", "I"),
    ("XC", "CH"),
    ("XJ", "ZH"),
)
# A name written in the X-scheme holds at least one code that Latin names do not:
# X followed by H, K, T, D, S, Z or G (``ALEXANDER``, ``XAVIER`` stay untouched).
_X_SCHEME_SIGN: Final = re.compile(r"X(?:H|KH|TH|DH|SH|SS|DZ|TT|ZZ|GG|KK|AH\b|TA)")
_X_CODE: Final = re.compile("|".join(code for code, _ in _X_SCHEME))
_X_MAP: Final = dict(_X_SCHEME)
_FOLD: Final = re.compile("AE|OE|UE|AA")
_FOLD_MAP: Final = {"AE": "A", "OE": "O", "UE": "U", "AA": "A"}
_UMLAUT: Final = {"AE": "Ä", "OE": "Ö", "UE": "Ü", "AA": "Å"}


def is_mrz_name(text: str) -> bool:
    """True when ``text`` looks like an MRZ name field: ``A``–``Z`` and at least one ``<``.

    >>> is_mrz_name("SMITH<<JOHN"), is_mrz_name("Smith John")
    (True, False)
    """
    return "<" in text and all("A" <= c <= "Z" or c == "<" for c in text.strip())


def from_mrz(field: str) -> str:
    """An MRZ name field as free text: fillers become single spaces, X-scheme codes letters."""
    text = " ".join(part for part in field.strip().split("<") if part)
    if _X_SCHEME_SIGN.search(text):
        text = _X_CODE.sub(lambda m: _X_MAP[m.group(0)], text)
    return text


def mrz_fold(token: str) -> str:
    """The form in which an MRZ spelling and a plain spelling of a name part agree.

    ``AE OE UE AA`` become ``A O U A``, on both sides of a comparison.

    >>> mrz_fold("GOETHE"), mrz_fold("HAAKON"), mrz_fold("JORGENSEN")
    ('GOTHE', 'HAKON', 'JORGENSEN')
    """
    return _FOLD.sub(lambda m: _FOLD_MAP[m.group(0)], token) if _FOLD.search(token) else token


def mrz_variants(token: str) -> list[str]:
    """Spellings an MRZ name part may stand for, the MRZ form first.

    >>> mrz_variants("MUELLER")
    ['MUELLER', 'MÜLLER', 'MULLER']
    >>> mrz_variants("SMITH")
    ['SMITH']
    """
    if not _FOLD.search(token):
        return [token]
    umlaut = _FOLD.sub(lambda m: _UMLAUT[m.group(0)], token)
    return [token, umlaut, mrz_fold(token)]
