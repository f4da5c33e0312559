"""ICAO 9303 machine-readable zones: parse, validate, repair OCR confusions, generate.

Framework-free (standard library only). The public API:

- :func:`parse_mrz` / :func:`parse_many` → :class:`MRZResult` (never raise on bad text)
- :func:`read_mrz` → :class:`MRZResult`, raising :class:`MRZParseError` unless valid
- :func:`suggest_repair` → :class:`Repair` or None (OCR confusions, never applied silently)
- :func:`make_mrz` → MRZ text for TD1, TD2, TD3, MRV-A, MRV-B (and ``FRA-ID``)
- :func:`check_digit`, :func:`transliterate`, :func:`mrz_name`, :func:`code_name`

See ``docs/mrz.md`` for the rules implemented and the repair policy.
"""

from __future__ import annotations

from .checkdigit import check_digit
from .codes import MRZ_CODES, code_name
from .errors import Issue, MRZBuildError, MRZError, MRZParseError
from .generate import make_mrz, mrz_name
from .parse import parse_many, parse_mrz, read_mrz
from .repair import suggest_repair
from .result import FORMATS, Change, MRZResult, Repair
from .translit import transliterate

__all__ = [
    "FORMATS",
    "MRZ_CODES",
    "Change",
    "Issue",
    "MRZBuildError",
    "MRZError",
    "MRZParseError",
    "MRZResult",
    "Repair",
    "check_digit",
    "code_name",
    "make_mrz",
    "mrz_name",
    "parse_many",
    "parse_mrz",
    "read_mrz",
    "suggest_repair",
    "transliterate",
]
