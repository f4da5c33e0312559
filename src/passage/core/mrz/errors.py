"""Exceptions raised by ``passage.core.mrz``, and the findings a parse reports.

Reading an MRZ rarely *raises*: ``parse_mrz()`` and ``parse_many()`` return a result whose
``errors`` and ``warnings`` lists hold :class:`Issue` objects, each naming the field and
the characters at fault. Exceptions are kept for callers who ask for them and for
programming mistakes::

    MRZError                      base class; catch this to catch everything below
     ├── MRZParseError            text that cannot be read as the requested MRZ
     │                            (``read_mrz()``, ``check_digit()`` on a bad character);
     │                            carries the input and the span of the bad characters
     └── MRZBuildError            ``make_mrz()`` given values that cannot be written
                                  (unknown format, a field too long, a bad character)

Both concrete classes also derive from ``ValueError``, so code that already guards
conversions with ``except ValueError`` keeps working.

Spans follow one convention throughout the package: ``line`` is the 0-based index of the
MRZ line, ``start`` and ``end`` are 0-based columns with ``end`` exclusive (a Python
slice). ICAO 9303 numbers positions from 1, so ICAO position *p* is column ``p - 1``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding about one field: an error (the MRZ is invalid) or a warning.

    ``code`` is a stable machine-readable kind (``check_digit``, ``unknown_code``,
    ``invalid_date``…), ``message`` is for people. ``line``/``start``/``end`` locate the
    characters to underline; they are ``None`` only for findings about the whole text.
    """

    field: str
    message: str
    code: str
    line: int | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "field": self.field,
            "message": self.message,
            "code": self.code,
            "line": self.line,
            "start": self.start,
            "end": self.end,
        }


class MRZError(Exception):
    """Base class of every exception this package raises on purpose."""


class MRZParseError(MRZError, ValueError):
    """Text that cannot be read as an MRZ, with the span of the bad characters.

    ``text`` is the input as given; ``line``, ``start`` and ``end`` locate the fault
    (see the module docstring); ``field`` names the MRZ field when there is one, and
    ``issues`` holds every finding when the error sums up a whole parse.
    """

    def __init__(
        self,
        message: str,
        *,
        text: str,
        field: str | None = None,
        line: int | None = None,
        start: int | None = None,
        end: int | None = None,
        issues: tuple[Issue, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.text = text
        self.field = field
        self.line = line
        self.start = start
        self.end = end
        self.issues = issues

    def __str__(self) -> str:
        if self.line is None or self.start is None:
            return self.message
        return f"{self.message} (line {self.line + 1}, columns {self.start + 1}-{self.end})"


class MRZBuildError(MRZError, ValueError):
    """``make_mrz()`` was given a value that cannot be written into the named field."""

    def __init__(self, message: str, *, field: str, value: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.value = value
