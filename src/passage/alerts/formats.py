"""Reading alert lists: CSV, JSON Lines, the UN consolidated list XML, OpenSanctions FtM.

Each reader turns a file into :class:`ParsedEntry` values and :class:`Problem` s; the
import service stores nothing when there is any problem (all or nothing). Problems name
the place (``line 12``, or ``INDIVIDUAL 3 (DATAID 6908555)`` in XML, which has no useful
lines) and the field.

Field conventions shared by CSV and JSON Lines (docs/alerts.md):

persons    ``reference, names, original_names, birth_dates, nationalities, documents,
           action, reason, expires_on``; in CSV several values are separated by ``|``
           and a document is ``STATE:NUMBER`` or ``NUMBER``
documents  ``reference, issuing_state, document_number, document_type, status,
           action, reason, expires_on``

The UN list and FtM files come from elsewhere and are loose: a birth date or a
nationality they state in a form Passage cannot read is left out with a *warning*,
never guessed; a person without any name is an error.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import IO, Any

from passage.core.codes import countries
from passage.core.names import normalise_name, unicode_script
from passage.core.screening import normalise_document_number, parse_birth_date

from .choices import AlertAction, DocumentStatus, EntryKind, ImportFormat, ListKind

MAX_LINE_CHARS = 1_000_000
MAX_VALUES = 50  # names, dates, documents per entry
MAX_BETWEEN_YEARS = 5


@dataclass
class Problem:
    where: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.message}"


@dataclass
class ParsedEntry:
    where: str
    kind: str
    reference: str = ""
    names: list[str] = field(default_factory=list)
    original_names: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    documents: list[dict[str, str]] = field(default_factory=list)
    issuing_state: str = ""
    document_number: str = ""
    document_type: str = ""
    document_status: str = ""
    action: str = ""
    reason: str = ""
    expires_on: dt.date | None = None

    @property
    def key(self) -> str:
        """The reference, or a digest of what identifies the entry."""
        if self.reference:
            return self.reference[:100]
        text = json.dumps(
            [
                self.kind,
                self.names,
                self.original_names,
                self.birth_dates,
                self.documents,
                self.issuing_state,
                self.document_number,
            ],
            ensure_ascii=False,
        )
        return "sha256:" + hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass
class Parsed:
    entries: list[ParsedEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped: int = 0


# -- countries ---------------------------------------------------------------------------

_UN_NAMES = {
    "united states": "USA",
    "united kingdom": "GBR",
    "russian federation": "RUS",
    "democratic people's republic of korea": "PRK",
    "republic of korea": "KOR",
    "iran": "IRN",
    "syrian arab republic": "SYR",
    "lao people's democratic republic": "LAO",
    "republic of moldova": "MDA",
    "democratic republic of the congo": "COD",
    "congo": "COG",
    "viet nam": "VNM",
    "united republic of tanzania": "TZA",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "libyan arab jamahiriya": "LBY",
    "germany": "D",
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"\(.*?\)", "", text.casefold())
    return " ".join(re.sub(r"[^a-z' ]+", " ", text).split())


@cache
def _country_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for c in countries().values():
        for key in (c.iso_alpha2, c.iso_alpha3, c.icao):
            if key:
                table.setdefault(key.upper(), c.icao)
        table.setdefault(_fold(c.name), c.icao)
    for name, code in _UN_NAMES.items():
        table.setdefault(name, code)
    return table


def country_code(value: str) -> str | None:
    """The ICAO code for an ICAO/ISO code or an English country name, or None.

    >>> country_code("de"), country_code("DEU"), country_code("Iran (Islamic Republic of)")
    ('D', 'D', 'IRN')
    """
    value = (value or "").strip()
    if not value:
        return None
    table = _country_table()
    if len(value) <= 3 and value.replace("<", "").isalpha():
        return table.get(value.upper().rstrip("<"))
    return table.get(_fold(value))


def unreadable_names(names: list[str]) -> str | None:
    """Why none of a person's ``names`` can be screened, or ``None`` when one can: a name
    with no letter, or in a script the transliteration cannot read into Latin letters
    (Tifinagh, N'Ko, Khmer…), yields no name parts, and an entry screened on nothing
    would never alert (decision 250). The message names the script, never the name."""
    if not names or any(normalise_name(n).parts for n in names):
        return None
    scripts = [unicode_script(n) for n in names]
    if all(s == "Unknown" for s in scripts):
        return "no name has a letter to read"
    known = ", ".join(dict.fromkeys(s for s in scripts if s != "Unknown"))
    return f"no name can be read into Latin letters ({known} script); give the names in Latin letters too"


def _is_latin(name: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in name)


# -- shared validation -------------------------------------------------------------------


def _as_list(value: Any, fld: str, sep: str | None) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        items = value.split(sep) if sep else [value]
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = value
    else:
        raise ValueError("expected a string or a list of strings")
    items = [" ".join(v.split()) for v in items if v and v.strip()]
    if len(items) > MAX_VALUES:
        raise ValueError(f"more than {MAX_VALUES} values")
    return items


def _check_entry(
    e: ParsedEntry, raw: dict[str, Any], list_kind: str, sep: str | None, out: Parsed
) -> None:
    """Fill ``e`` from the CSV/JSONL fields of ``raw``, adding a problem per bad field."""

    def bad(fld: str, message: str) -> None:
        out.problems.append(Problem(e.where, fld, message))

    def text(fld: str, limit: int) -> str:
        value = raw.get(fld)
        if value is None:
            return ""
        if not isinstance(value, str):
            bad(fld, "expected a string")
            return ""
        value = value.strip()
        if len(value) > limit:
            bad(fld, f"longer than {limit} characters")
        return value[:limit]

    e.reference = text("reference", 100)
    e.reason = text("reason", 4000)
    action = text("action", 10).lower()
    if action and action not in AlertAction.values:
        bad("action", f"{action!r} is not one of {', '.join(AlertAction.values)}")
    e.action = action
    expires = text("expires_on", 10)
    if expires:
        try:
            e.expires_on = dt.date.fromisoformat(expires)
        except ValueError:
            bad("expires_on", f"{expires!r} is not a date YYYY-MM-DD")
    if list_kind == ListKind.DOCUMENTS:
        e.kind = EntryKind.DOCUMENT
        state = text("issuing_state", 60)
        code = country_code(state)
        if not state:
            bad("issuing_state", "required")
        elif code is None:
            bad("issuing_state", f"unknown country {state!r}")
        e.issuing_state = code or ""
        e.document_number = normalise_document_number(text("document_number", 40))
        if not e.document_number:
            bad("document_number", "required")
        e.document_type = text("document_type", 40)
        status = text("status", 10).lower()
        if status not in DocumentStatus.values:
            bad("status", f"{status!r} is not one of {', '.join(DocumentStatus.values)}")
        e.document_status = status
        return
    e.kind = EntryKind.PERSON
    try:
        names = _as_list(raw.get("names"), "names", sep)
        e.names = [n for n in names if _is_latin(n)]
        e.original_names = [n for n in names if not _is_latin(n)]
        e.original_names += _as_list(raw.get("original_names"), "original_names", sep)
    except ValueError as exc:
        bad("names", str(exc))
    if not e.names and not e.original_names:
        bad("names", "a person needs at least one name")
    elif why := unreadable_names(e.names + e.original_names):
        bad("names", why)
    try:
        for value in _as_list(raw.get("birth_dates", raw.get("birth_date")), "", sep):
            try:
                e.birth_dates.append(str(parse_birth_date(value)))
            except ValueError as exc:
                bad("birth_dates", str(exc))
    except ValueError as exc:
        bad("birth_dates", str(exc))
    try:
        for value in _as_list(raw.get("nationalities", raw.get("nationality")), "", sep):
            code = country_code(value)
            if code is None:
                bad("nationalities", f"unknown country {value!r}")
            else:
                e.nationalities.append(code)
    except ValueError as exc:
        bad("nationalities", str(exc))
    docs = raw.get("documents")
    if isinstance(docs, str) or docs is None:
        try:
            items = _as_list(docs, "", sep)
        except ValueError as exc:
            bad("documents", str(exc))
            items = []
        docs = [
            {"issuing_state": d.split(":", 1)[0], "number": d.split(":", 1)[1]}
            if ":" in d
            else {"number": d}
            for d in items
        ]
    if not isinstance(docs, list) or not all(isinstance(d, dict) for d in docs):
        bad("documents", "expected a list of objects {number, issuing_state, type}")
        docs = []
    for d in docs[:MAX_VALUES]:
        number = normalise_document_number(str(d.get("number") or ""))
        state_text = str(d.get("issuing_state") or "")
        doc_state = country_code(state_text) if state_text else ""
        if not number:
            bad("documents", "a document needs a number")
        elif doc_state is None:
            bad("documents", f"unknown country {state_text!r}")
        else:
            e.documents.append(
                {
                    "type": str(d.get("type") or "")[:40],
                    "number": number,
                    "issuing_state": doc_state or "",
                }
            )


def _lines(handle: IO[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(handle, start=1):
        if len(line) > MAX_LINE_CHARS:
            raise ImportTooLarge(f"line {number} is longer than {MAX_LINE_CHARS:,} characters")
        yield number, line


class ImportTooLarge(ValueError):
    """A file, a line or a number of entries beyond the configured limits."""


def _limit(out: Parsed, max_entries: int) -> None:
    if len(out.entries) > max_entries:
        raise ImportTooLarge(
            f"more than {max_entries:,} entries (PASSAGE_ALERT_IMPORT_MAX_ENTRIES)"
        )


# -- readers -----------------------------------------------------------------------------


def read_csv(handle: IO[str], list_kind: str, max_entries: int) -> Parsed:
    out = Parsed()
    reader = csv.DictReader(line for _, line in _lines(handle))
    if not reader.fieldnames:
        out.problems.append(Problem("line 1", "header", "the file is empty"))
        return out
    wanted = {"names"} if list_kind == ListKind.PERSONS else {"issuing_state", "document_number"}
    missing = wanted - {f.strip() for f in reader.fieldnames}
    if missing:
        out.problems.append(
            Problem("line 1", "header", f"missing column(s) {', '.join(sorted(missing))}")
        )
        return out
    for row in reader:
        where = f"line {reader.line_num}"
        if None in row:
            out.problems.append(Problem(where, "line", "more values than columns"))
            continue
        raw = {k.strip(): v for k, v in row.items() if k}
        if not any((v or "").strip() for v in raw.values()):
            continue
        e = ParsedEntry(where, "")
        _check_entry(e, raw, list_kind, "|", out)
        out.entries.append(e)
        _limit(out, max_entries)
    return out


_BAD_LINE = object()


def _json_line(where: str, line: str, out: Parsed) -> Any:
    """One line's JSON value, or ``_BAD_LINE`` with the problem recorded."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        out.problems.append(
            Problem(where, "line", f"not valid JSON: {exc.msg} at column {exc.colno}")
        )
    except RecursionError:
        # The decoder recurses once per level: thousands of "[" exhaust the stack.
        out.problems.append(Problem(where, "line", "JSON nested too deeply"))
    return _BAD_LINE


def read_jsonl(handle: IO[str], list_kind: str, max_entries: int) -> Parsed:
    out = Parsed()
    for number, line in _lines(handle):
        if not line.strip():
            continue
        where = f"line {number}"
        raw = _json_line(where, line, out)
        if raw is _BAD_LINE:
            continue
        if not isinstance(raw, dict):
            out.problems.append(Problem(where, "line", "expected a JSON object"))
            continue
        if "names" not in raw and "name" in raw:
            raw["names"] = raw["name"]
        e = ParsedEntry(where, "")
        _check_entry(e, raw, list_kind, None, out)
        out.entries.append(e)
        _limit(out, max_entries)
    return out


def _un_text(el: Any, tag: str) -> str:
    child = el.find(tag)
    return " ".join((child.text or "").split()) if child is not None and child.text else ""


def read_un_xml(data: bytes, list_kind: str, max_entries: int) -> Parsed:
    """The UN Security Council consolidated list (``CONSOLIDATED_LIST/INDIVIDUALS``)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    out = Parsed()
    if list_kind != ListKind.PERSONS:
        out.problems.append(
            Problem("file", "format", "the UN list holds persons: import it into a persons list")
        )
        return out
    try:
        root = fromstring(data, forbid_dtd=True)
    except (ParseError, DefusedXmlException) as exc:
        out.problems.append(Problem("file", "xml", f"not usable XML: {exc}"))
        return out
    if root.tag != "CONSOLIDATED_LIST":
        out.problems.append(
            Problem("file", "xml", f"root element is {root.tag}, not CONSOLIDATED_LIST")
        )
        return out
    out.skipped = len(root.findall("ENTITIES/ENTITY"))
    for n, ind in enumerate(root.iterfind("INDIVIDUALS/INDIVIDUAL"), start=1):
        dataid = _un_text(ind, "DATAID")
        where = f"INDIVIDUAL {n}" + (f" (DATAID {dataid})" if dataid else "")
        e = ParsedEntry(where, EntryKind.PERSON)
        e.reference = _un_text(ind, "REFERENCE_NUMBER") or dataid
        parts = [
            _un_text(ind, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
        ]
        main = " ".join(p for p in parts if p)
        names = [main] if main else []
        for alias in ind.iterfind("INDIVIDUAL_ALIAS"):
            quality = _un_text(alias, "QUALITY").casefold()
            alias_name = _un_text(alias, "ALIAS_NAME")
            # Low-quality aliases are too vague to screen on (the UN itself says so).
            if alias_name and quality != "low":
                names.append(alias_name)
        original = _un_text(ind, "NAME_ORIGINAL_SCRIPT")
        if original:
            names.append(original)
        for name in dict.fromkeys(names):
            (e.names if _is_latin(name) else e.original_names).append(name)
        if not e.names and not e.original_names:
            out.problems.append(Problem(where, "FIRST_NAME", "a person needs at least one name"))
        elif why := unreadable_names(e.names + e.original_names):
            out.problems.append(Problem(where, "FIRST_NAME", why))
        for dob in ind.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
            date, year = _un_text(dob, "DATE")[:10], _un_text(dob, "YEAR")
            low, high = _un_text(dob, "FROM_YEAR"), _un_text(dob, "TO_YEAR")
            values: list[str] = []
            if date:
                values.append(date)
            elif year:
                values.append(year)
            elif (
                low.isdigit() and high.isdigit() and 0 <= int(high) - int(low) <= MAX_BETWEEN_YEARS
            ):
                values.extend(str(y) for y in range(int(low), int(high) + 1))
            elif low or high:
                out.warnings.append(
                    Problem(
                        where, "INDIVIDUAL_DATE_OF_BIRTH", f"range {low}-{high} too wide: left out"
                    )
                )
            for value in values:
                try:
                    e.birth_dates.append(str(parse_birth_date(value)))
                except ValueError as exc:
                    out.warnings.append(
                        Problem(where, "INDIVIDUAL_DATE_OF_BIRTH", f"{exc}: left out")
                    )
        for nat in ind.iterfind("NATIONALITY/VALUE"):
            value = " ".join((nat.text or "").split())
            code = country_code(value) if value else None
            if code:
                e.nationalities.append(code)
            elif value:
                out.warnings.append(
                    Problem(where, "NATIONALITY", f"unknown country {value!r}: left out")
                )
        for doc in ind.iterfind("INDIVIDUAL_DOCUMENT"):
            number = normalise_document_number(_un_text(doc, "NUMBER"))
            if not number:
                continue
            country = _un_text(doc, "ISSUING_COUNTRY") or _un_text(doc, "COUNTRY_OF_ISSUE")
            e.documents.append(
                {
                    "type": _un_text(doc, "TYPE_OF_DOCUMENT")[:40],
                    "number": number,
                    "issuing_state": country_code(country) or "",
                }
            )
        comments = _un_text(ind, "COMMENTS1")
        e.reason = "; ".join(p for p in (_un_text(ind, "UN_LIST_TYPE"), comments) if p)[:4000]
        e.birth_dates = list(dict.fromkeys(e.birth_dates))[:MAX_VALUES]
        e.nationalities = list(dict.fromkeys(e.nationalities))
        out.entries.append(e)
        _limit(out, max_entries)
    return out


def _ftm_values(props: dict[str, Any], name: str, where: str, out: Parsed) -> list[str]:
    value = props.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        out.problems.append(Problem(where, f"properties.{name}", "expected a list of strings"))
        return []
    return [" ".join(v.split()) for v in value if v.strip()][:MAX_VALUES]


def read_ftm(handle: IO[str], list_kind: str, max_entries: int) -> Parsed:
    """OpenSanctions FollowTheMoney entities, one JSON object a line; ``Person`` only."""
    out = Parsed()
    if list_kind != ListKind.PERSONS:
        out.problems.append(Problem("file", "format", "FtM persons go into a persons list"))
        return out
    for number, line in _lines(handle):
        if not line.strip():
            continue
        where = f"line {number}"
        raw = _json_line(where, line, out)
        if raw is _BAD_LINE:
            continue
        if not isinstance(raw, dict) or not isinstance(raw.get("properties", {}), dict):
            out.problems.append(
                Problem(where, "line", "expected an entity {id, schema, properties}")
            )
            continue
        if raw.get("schema") != "Person":
            out.skipped += 1
            continue
        props = raw.get("properties") or {}
        e = ParsedEntry(where, EntryKind.PERSON, reference=str(raw.get("id") or "")[:100])
        if not e.reference:
            out.problems.append(Problem(where, "id", "required"))
        names = _ftm_values(props, "name", where, out) + _ftm_values(props, "alias", where, out)
        for name in dict.fromkeys(names):
            (e.names if _is_latin(name) else e.original_names).append(name)
        if not e.names and not e.original_names:
            out.problems.append(
                Problem(where, "properties.name", "a person needs at least one name")
            )
        elif why := unreadable_names(e.names + e.original_names):
            out.problems.append(Problem(where, "properties.name", why))
        for value in _ftm_values(props, "birthDate", where, out):
            try:
                e.birth_dates.append(str(parse_birth_date(value[:10])))
            except ValueError as exc:
                out.warnings.append(Problem(where, "properties.birthDate", f"{exc}: left out"))
        for prop in ("nationality", "citizenship"):
            for value in _ftm_values(props, prop, where, out):
                code = country_code(value)
                if code:
                    e.nationalities.append(code)
                else:
                    out.warnings.append(
                        Problem(where, f"properties.{prop}", f"unknown country {value!r}: left out")
                    )
        for prop, kind in (("passportNumber", "passport"), ("idNumber", "id")):
            for value in _ftm_values(props, prop, where, out):
                doc_number = normalise_document_number(value)
                if doc_number:
                    e.documents.append({"type": kind, "number": doc_number, "issuing_state": ""})
        e.reason = "; ".join(
            _ftm_values(props, "topics", where, out) + _ftm_values(props, "notes", where, out)[:1]
        )[:4000]
        e.nationalities = list(dict.fromkeys(e.nationalities))
        out.entries.append(e)
        _limit(out, max_entries)
    return out


def read(fmt: str, data: bytes, list_kind: str, max_entries: int) -> Parsed:
    """Read ``data`` in format ``fmt``; duplicate references are problems too."""
    if fmt == ImportFormat.UN_XML:
        parsed = read_un_xml(data, list_kind, max_entries)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return Parsed(problems=[Problem(f"byte {exc.start}", "file", "not UTF-8 text")])
        handle = io.StringIO(text, newline="" if fmt == ImportFormat.CSV else None)
        readers = {
            ImportFormat.CSV: read_csv,
            ImportFormat.JSONL: read_jsonl,
            ImportFormat.FTM: read_ftm,
        }
        if fmt not in readers:
            return Parsed(problems=[Problem("file", "format", f"unknown format {fmt!r}")])
        parsed = readers[ImportFormat(fmt)](handle, list_kind, max_entries)
    _duplicates(parsed.entries, parsed.problems)
    return parsed


def _duplicates(entries: Iterable[ParsedEntry], problems: list[Problem]) -> None:
    seen: dict[str, str] = {}
    for e in entries:
        if not e.reference:
            continue
        if e.reference in seen:
            problems.append(
                Problem(e.where, "reference", f"{e.reference!r} is also at {seen[e.reference]}")
            )
        else:
            seen[e.reference] = e.where
