"""Check digits, ICAO 9303-3 §4.9.

Each character gets a value (``0``-``9`` themselves, ``A``-``Z`` 10-35, the filler ``<``
0), values are multiplied by the weights 7, 3, 1 repeated from the first character, and
the check digit is the sum modulo 10.

The inner loop works on three precomputed tables (value x weight mod 10, one per
weight) applied to every third character, so a 44-character line costs three C-level
``map`` calls rather than a Python loop.
"""

from __future__ import annotations

from typing import Final

from .errors import MRZParseError

ALPHABET: Final = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"
"""The MRZ character set (ICAO 9303-3 §4.1): digits, capital Latin letters, the filler."""

VALUES: Final[dict[str, int]] = {c: (i if c != "<" else 0) for i, c in enumerate(ALPHABET)}
_W7: Final = {c: v * 7 % 10 for c, v in VALUES.items()}
_W3: Final = {c: v * 3 % 10 for c, v in VALUES.items()}
_W1: Final = {c: v % 10 for c, v in VALUES.items()}
_G7 = _W7.__getitem__
_G3 = _W3.__getitem__
_G1 = _W1.__getitem__
# The same tables as 256-byte translation tables, for ASCII text already checked to hold
# only MRZ characters: bytes.translate and sum() over bytes both run in C.
_T7: Final = bytes(_W7.get(chr(i), 0) for i in range(256))
_T3: Final = bytes(_W3.get(chr(i), 0) for i in range(256))
_T1: Final = bytes(_W1.get(chr(i), 0) for i in range(256))


def compute_bytes(data: bytes) -> int:
    """Check digit of ASCII ``data`` known to hold only MRZ characters (fastest path)."""
    return (
        sum(data[0::3].translate(_T7))
        + sum(data[1::3].translate(_T3))
        + sum(data[2::3].translate(_T1))
    ) % 10


def compute(data: str) -> int:
    """Check digit of ``data`` known to hold only MRZ characters (no validation: fast path)."""
    return (sum(map(_G7, data[0::3])) + sum(map(_G3, data[1::3])) + sum(map(_G1, data[2::3]))) % 10


def check_digit(data: str) -> int:
    """Check digit, ICAO 9303-3 §4.9: weights 7, 3, 1; ``A``-``Z`` = 10-35, ``<`` = 0.

    >>> check_digit("520727")
    3
    >>> check_digit("L898902C3")
    6
    >>> check_digit("<<<<<<")
    0

    A character outside ``A-Z 0-9 <`` raises :class:`MRZParseError` with its span:

    >>> check_digit("AB-1")
    Traceback (most recent call last):
    ...
    passage.core.mrz.errors.MRZParseError: '-' is not an MRZ character (line 1, columns 3-3)
    """
    try:
        return compute(data)
    except KeyError:
        pos = next(i for i, c in enumerate(data) if c not in VALUES)
        raise MRZParseError(
            f"{data[pos]!r} is not an MRZ character", text=data, line=0, start=pos, end=pos + 1
        ) from None


def is_valid(data: str, digit: str) -> bool:
    """Whether ``digit`` (one character) is the check digit of ``data``.

    >>> is_valid("740812", "2"), is_valid("740812", "<")
    (True, False)
    """
    return len(digit) == 1 and digit in "0123456789" and check_digit(data) == int(digit)
