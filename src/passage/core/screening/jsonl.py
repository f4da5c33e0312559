"""The ``passage screen --list FILE`` contract of DESIGN.md §5, as pure functions.

List lines and query lines are JSON objects::

    {"id": "E1", "names": ["Osama bin Laden", "أسامة بن لادن"],
     "birth_date": "1957-07", "nationality": "SAU", "document_number": "A1234567"}

``birth_date``, ``nationality`` and ``document_number`` may be missing or ``null``. Each
query yields one output line ``{"id": …, "hits": [{"entry_id", "score", "explanation"}]}``,
best first, every entry at or above the threshold.

Errors never stop the run. A malformed list line yields, before any query result,
``{"line": n, "source": "list", "error": {"field": …, "message": …}}`` and the entry is
left out; a malformed query line yields ``{"id": <id or null>, "line": n, "source":
"query", "error": {"field": …, "message": …}, "hits": []}``. Blank lines are skipped.
The error hierarchy::

    ValueError
    └── RecordError        one line that cannot be used; carries ``field`` and ``line``

>>> out = list(screen_jsonl(
...     ['{"id": "E1", "names": ["Hans Friedrich"], "birth_date": "1960"}'],
...     ['{"id": "Q1", "names": ["FRIEDRICH<<HANS"], "birth_date": "1961-05-02"}',
...      '{"id": "Q2", "names": "Hans"}']))
>>> import json; [json.loads(x)["id"] for x in out], json.loads(out[0])["hits"][0]["entry_id"]
(['Q1', 'Q2'], 'E1')
>>> json.loads(out[1])["error"]
{'field': 'names', 'message': 'expected a non-empty list of strings'}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from passage.core.screening.evidence import parse_birth_date
from passage.core.screening.index import AlertEntry, Query, ScreeningIndex


class RecordError(ValueError):
    """A JSON line that cannot be used; ``field`` names the culprit (``None``: the line)."""

    def __init__(self, field: str | None, message: str, line: int = 0) -> None:
        super().__init__(f"line {line}: {field or 'line'}: {message}")
        self.field = field
        self.message = message
        self.line = line

    def as_dict(self) -> dict[str, Any]:
        """The ``error`` object of an output line."""
        return {"field": self.field, "message": self.message}


def _optional_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(key, "expected a string or null")
    return value


def parse_record(text: str, line: int = 0) -> tuple[str, tuple[str, ...], dict[str, Any]]:
    """Validate one JSON line; returns id, names and the optional fields, or raises :class:`RecordError`."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordError(None, f"not valid JSON: {exc.msg} at column {exc.colno}", line) from None
    if not isinstance(obj, dict):
        raise RecordError(None, "expected a JSON object", line)
    try:
        raw_id = obj.get("id")
        if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or raw_id == "":
            raise RecordError("id", "expected a non-empty string or integer")
        names = obj.get("names")
        if (
            not isinstance(names, list)
            or not names
            or not all(isinstance(n, str) for n in names)
            or not any(n.strip() for n in names)
        ):
            raise RecordError("names", "expected a non-empty list of strings")
        birth = _optional_str(obj, "birth_date")
        try:
            birth_date = parse_birth_date(birth)
        except ValueError as exc:
            raise RecordError("birth_date", str(exc)) from None
        fields = {
            "birth_date": birth_date,
            "nationality": _optional_str(obj, "nationality"),
            "document_number": _optional_str(obj, "document_number"),
        }
    except RecordError as exc:
        exc.line = line
        raise
    return str(raw_id), tuple(names), fields


def load_entries(lines: Iterable[str]) -> tuple[list[AlertEntry], list[RecordError]]:
    """Alert entries from JSON lines, and the errors of the lines left out."""
    entries: list[AlertEntry] = []
    errors: list[RecordError] = []
    for n, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            id_, names, fields = parse_record(text, n)
        except RecordError as exc:
            errors.append(exc)
            continue
        entries.append(AlertEntry(id_, names, **fields))
    return entries, errors


def _query_id(text: str) -> Any:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        return None
    return obj.get("id") if isinstance(obj, dict) else None


def screen_lines(
    index: ScreeningIndex, query_lines: Iterable[str], threshold: float | None = None
) -> Iterator[str]:
    """One output line per query line against a built or loaded index."""
    for n, text in enumerate(query_lines, 1):
        if not text.strip():
            continue
        try:
            id_, names, fields = parse_record(text, n)
        except RecordError as exc:
            out = {
                "id": _query_id(text),
                "line": n,
                "source": "query",
                "error": exc.as_dict(),
                "hits": [],
            }
            yield json.dumps(out, ensure_ascii=False)
            continue
        hits = index.screen(Query(id_, names, **fields), threshold)
        yield json.dumps({"id": id_, "hits": [h.as_dict() for h in hits]}, ensure_ascii=False)


def screen_jsonl(
    list_lines: Iterable[str], query_lines: Iterable[str], threshold: float | None = None
) -> Iterator[str]:
    """DESIGN.md §5 ``passage screen``: build the index from ``list_lines``, answer each query."""
    entries, errors = load_entries(list_lines)
    for err in errors:
        yield json.dumps(
            {"line": err.line, "source": "list", "error": err.as_dict()}, ensure_ascii=False
        )
    index = ScreeningIndex.build(entries)
    yield from screen_lines(index, query_lines, threshold)
