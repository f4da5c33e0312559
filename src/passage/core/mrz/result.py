"""What a parse returns: :class:`MRZResult`, and the OCR :class:`Repair` suggestion."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .errors import Issue

FORMATS = ("TD1", "TD2", "TD3", "MRVA", "MRVB", "FRA-ID")
"""Formats ``parse_mrz()`` recognises. ``FRA-ID`` is France's 1988-2021 national identity
card (2 x 36, not ICAO TD2); the others are ICAO 9303 parts 4-7."""


@dataclass(frozen=True, slots=True)
class Change:
    """One character that a repair would change (``line``/``column`` 0-based)."""

    field: str
    line: int
    column: int
    old: str
    new: str
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {
            "field": self.field,
            "line": self.line,
            "column": self.column,
            "from": self.old,
            "to": self.new,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Repair:
    """A suggested correction of OCR confusions: never applied silently.

    ``mrz`` is the repaired text (lines joined by ``\\n``), ``changes`` every character
    changed, ``result`` the parse of the repaired text, and ``ambiguous`` the fields where
    more than one correction would satisfy the check digit (left unchanged).
    """

    mrz: str
    changes: tuple[Change, ...]
    result: MRZResult
    ambiguous: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "mrz": self.mrz,
            "valid": self.result.valid,
            "changes": [c.to_dict() for c in self.changes],
            "ambiguous": list(self.ambiguous),
        }


@dataclass(slots=True, eq=False)
class MRZResult:
    """The fields of one machine-readable zone, as read, with every error and warning.

    Text fields hold the MRZ characters with fillers turned into single spaces (names) or
    stripped (numbers, optional data); country codes are written without fillers (``D``
    for Germany). ``lines`` holds the MRZ as parsed after normalisation (case, whitespace).
    ``valid`` is true only when the format was recognised and no error was found.
    """

    format: str | None
    lines: tuple[str, ...]
    document_code: str | None = None
    issuing_state: str | None = None
    surname: str | None = None
    given_names: str | None = None
    document_number: str | None = None
    nationality: str | None = None
    birth_date: date | None = None
    # The year, or year and month, of a partly unknown date of birth the MRZ gives
    # (``80<<<<``: "1980"; ``8005<<``: "1980-05"); None otherwise (a whole date, no
    # year, an impossible month).
    birth_date_partial: str | None = None
    sex: str | None = None
    expiry_date: date | None = None
    optional_data: str | None = None
    optional_data_2: str | None = None
    personal_number: str | None = None
    names_truncated: bool = False
    expired: bool | None = None
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    repair: Repair | None = None

    @property
    def valid(self) -> bool:
        return self.format is not None and not self.errors

    @property
    def mrz(self) -> str:
        """The normalised MRZ text, lines joined by ``\\n``."""
        return "\n".join(self.lines)

    def to_dict(self) -> dict[str, object]:
        """The JSON contract of DESIGN.md §5 (``passage mrz parse``), plus extras."""
        birth, expiry = self.birth_date, self.expiry_date
        return {
            "format": self.format,
            "document_code": self.document_code,
            "issuing_state": self.issuing_state,
            "surname": self.surname,
            "given_names": self.given_names,
            "document_number": self.document_number,
            "nationality": self.nationality,
            "birth_date": birth.isoformat() if birth is not None else None,
            "birth_date_partial": self.birth_date_partial,
            "sex": self.sex,
            "expiry_date": expiry.isoformat() if expiry is not None else None,
            "optional_data": self.optional_data,
            "optional_data_2": self.optional_data_2,
            "personal_number": self.personal_number,
            "names_truncated": self.names_truncated,
            "expired": self.expired,
            "valid": self.valid,
            "errors": [e.to_dict() for e in self.errors],
            "warnings": [w.to_dict() for w in self.warnings],
            "lines": list(self.lines),
            "repair": self.repair.to_dict() if self.repair is not None else None,
        }
