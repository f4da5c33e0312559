"""Raw traveller records → rows the linkage model compares, each with its problems.

A record is resolved on what it has: a missing or impossible field becomes null (the
model's null level, which neither adds nor removes weight) and the problem is listed.

>>> row, problems = prepare_one({"record_id": "a", "surname": "Muhammad",
...     "given_names": "Aly", "birth_date": "1980-13-01", "sex": "M",
...     "nationality": "ZZZ", "issuing_state": "EGY", "document_number": "a 12"})
>>> row["surname_n"], row["given_n"], row["bd_y"], row["bd_full"], row["nationality"]
('MUHAMMAD', 'ALY', None, None, None)
>>> problems
['birth_date: not a date (YYYY-MM-DD, YYYY-MM or YYYY)', 'nationality: unknown country code ZZZ']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from passage.core.codes import country
from passage.core.names import normalise_name, phonetic_key

FIELDS = (
    "record_id",
    "surname",
    "given_names",
    "birth_date",
    "sex",
    "nationality",
    "issuing_state",
    "document_number",
)
# Columns the model reads; every row has all of them (None where unknown).
COLUMNS = (
    "unique_id",
    "surname_n",
    "given_n",
    "name_sorted",
    "surname_ph",
    "given_ph",
    "name_ph",
    "bd_y",
    "bd_m",
    "bd_d",
    "bd_full",
    "sex",
    "nationality",
    "issuing_state",
    "document_number",
    "doc_key",
    "valid_from",
    "valid_until",
    # the same dates as days since 1970-01-01: plain integers both SQL dialects subtract
    "valid_from_day",
    "valid_until_day",
    # a day the document was recorded (HQ: first stored); it was issued by then, so the
    # red rule reads it as the start of validity when the issue date is unknown (0164)
    "first_seen",
)
OPTIONAL = ("valid_from", "valid_until", "first_seen")
_EPOCH = date(1970, 1, 1)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_DOC = re.compile(r"[^A-Z0-9]")


@lru_cache(maxsize=200_000)
def _words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Normalised words of a name field and their phonetic keys (cached: names repeat)."""
    parts = [p.text for p in normalise_name(text).parts if p.text]
    words = tuple(w for part in parts for w in part.split())
    return words, tuple(phonetic_key(w) or w for w in words)


def _birth(value: Any) -> tuple[int | None, int | None, int | None, str | None]:
    """(year, month, day, problem) of a full or partial ISO date."""
    if value in (None, ""):
        return None, None, None, "birth_date: missing"
    match = _DATE.match(str(value).strip())
    if not match:
        return None, None, None, "birth_date: not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None, None, None, "birth_date: not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
    if not 1880 <= year <= 2100:
        return None, None, None, f"birth_date: year {year} out of range"
    if day is not None and month is None:
        return year, None, None, "birth_date: a day without a month"
    return year, month, day, None


def _code(record: Mapping[str, Any], name: str, problems: list[str]) -> str | None:
    value = record.get(name)
    if value in (None, ""):
        problems.append(f"{name}: missing")
        return None
    code = str(value).strip().upper()
    if country(code) is None:
        problems.append(f"{name}: unknown country code {code}")
        return None
    return code


def _iso(record: Mapping[str, Any], name: str, problems: list[str]) -> str | None:
    value = record.get(name)
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        problems.append(f"{name}: not a date")
        return None


def prepare_one(record: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """One raw record → (row for the model, problems found)."""
    problems: list[str] = []
    if not isinstance(record, Mapping):
        raise TypeError("a record is a JSON object")
    unknown = sorted(k for k in record if k not in FIELDS and k not in OPTIONAL)
    if unknown:
        problems.append(f"{', '.join(unknown)}: unknown field(s), ignored")
    rid = record.get("record_id")
    if rid in (None, ""):
        raise ValueError("record_id: missing")
    names: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for key in ("surname", "given_names"):
        value = record.get(key)
        if value in (None, "") or not isinstance(value, str):
            problems.append(f"{key}: missing" if value in (None, "") else f"{key}: not text")
            names[key] = ((), ())
        else:
            names[key] = _words(value.replace("\x00", ""))
    (s_words, s_ph), (g_words, g_ph) = names["surname"], names["given_names"]
    year, month, day, problem = _birth(record.get("birth_date"))
    if problem:
        problems.append(problem)
    sex = record.get("sex")
    sex = str(sex).strip().upper() if sex not in (None, "") else None
    if sex is None:
        problems.append("sex: missing")
    elif sex not in {"M", "F", "X", "<"}:
        problems.append(f"sex: {sex!r} is not one of F, M, X")
        sex = None
    elif sex in {"X", "<"}:
        sex = None  # unspecified: agrees with nothing, disagrees with nothing
    nationality = _code(record, "nationality", problems)
    issuer = _code(record, "issuing_state", problems)
    number = record.get("document_number")
    doc = _DOC.sub("", str(number).upper()) if number not in (None, "") else ""
    if not doc:
        problems.append("document_number: missing")
    words = s_words + g_words
    row: dict[str, Any] = {
        "unique_id": str(rid),
        "surname_n": " ".join(s_words) or None,
        "given_n": " ".join(g_words) or None,
        "name_sorted": " ".join(sorted(words)) or None,
        "surname_ph": " ".join(s_ph) or None,
        "given_ph": " ".join(g_ph) or None,
        "name_ph": " ".join(sorted(s_ph + g_ph)) or None,
        "bd_y": year,
        "bd_m": month,
        "bd_d": day,
        "bd_full": f"{year:04d}-{month:02d}-{day:02d}" if year and month and day else None,
        "sex": sex,
        "nationality": nationality,
        "issuing_state": issuer,
        "document_number": doc or None,
        "doc_key": f"{issuer or '?'}:{doc}" if doc else None,
        "valid_from": _iso(record, "valid_from", problems),
        "valid_until": _iso(record, "valid_until", problems),
    }
    for key in ("valid_from", "valid_until"):
        row[f"{key}_day"] = (date.fromisoformat(row[key]) - _EPOCH).days if row[key] else None
    row["first_seen"] = _iso(record, "first_seen", problems)
    return row, problems


@dataclass
class Prepared:
    """Rows ready for the model, and the problems per record id (in input order)."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=dict)
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def columns(self) -> dict[str, list[Any]]:
        """Column-wise, as Splink registers a table (a dict of lists → Arrow)."""
        return {name: [row[name] for row in self.rows] for name in COLUMNS}


def prepare(records: Iterable[Mapping[str, Any]]) -> Prepared:
    """Prepare every record; one that cannot be a row at all (no id) is listed, not fatal.

    A repeated record id keeps its first record and lists the repeats.
    """
    out = Prepared()
    seen: set[str] = set()
    for index, record in enumerate(records, start=1):
        try:
            row, problems = prepare_one(record)
        except (TypeError, ValueError) as exc:
            out.rejected.append((index, str(exc)))
            continue
        if row["unique_id"] in seen:
            out.rejected.append((index, f"record_id: {row['unique_id']} repeated, ignored"))
            continue
        seen.add(row["unique_id"])
        out.rows.append(row)
        if problems:
            out.problems[row["unique_id"]] = problems
    return out
