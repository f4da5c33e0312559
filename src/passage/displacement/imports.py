"""Import of field form submissions from KoboToolbox and ODK Central exports.

Four shapes are read (docs/displacement.md):

- KoboToolbox JSON: a list of submissions, or the API's ``{"results": [...]}``; the id is
  ``_uuid`` (or ``meta/instanceID``); group paths are joined with ``/``;
- KoboToolbox CSV: ``;`` or ``,`` separated, a header of question names (group paths
  with ``/``), ``_uuid``; a select-multiple question may also have one 0/1 column per
  choice (``reasons/conflict``), which is ignored;
- ODK Central CSV: group paths joined with ``-``, ``KEY`` or ``meta-instanceID``, and
  ``FormVersion``;
- ODK Central OData JSON: ``{"value": [...]}``, groups nested as objects, ``__id`` and
  ``__system.formVersion``.

A file is imported whole or not at all (as the reference loaders do): every row is
checked first, and any rejected row stops the file, with every rejected row reported
with its reason. A submission already imported with the same answers is skipped, so a
file can be imported again (idempotent by submission id); the same id with other
answers is rejected.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import uuid_utils
from django.db import connection, transaction
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import User
from passage.core.problems import ProblemError
from passage.core.text import Text

from . import fieldforms
from .choices import FormKind, Source
from .models import FlowCount, ImportBatch
from .services import (
    MODELS,
    PERMISSION,
    Reference,
    add_rows_to_summary,
    build,
    count_values,
    digest,
)

MAX_BYTES = 512 * 1024 * 1024
MAX_ROWS = 1_000_000
MAX_ID = 64
MAX_REPORTED = 1000  # rejected rows listed in the answer (all are counted)
KOBO_META = ("_", "formhub/", "meta/")
ODK_META = {
    "SubmissionDate",
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
}


@dataclass
class Rejected:
    row: int
    submission_id: str
    field: str
    message: str

    def __str__(self) -> str:
        sid = f" ({self.submission_id})" if self.submission_id else ""
        return f"row {self.row}{sid}: {self.field}: {self.message}"


@dataclass
class ImportResult:
    form: str = ""
    source: str = ""
    rows: int = 0
    created: int = 0
    skipped: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    rejected_count: int = 0
    batch: ImportBatch | None = None

    def summary(self) -> str:
        if self.rejected_count:
            return (
                f"{self.form}: {self.rows} rows, {self.rejected_count} rejected: nothing imported"
            )
        return (
            f"{self.form}: {self.rows} rows, {self.created} imported, "
            f"{self.skipped} already imported"
        )


class ImportRejected(ProblemError):
    """The file was refused: ``result.rejected`` lists the rows and their reasons."""

    def __init__(self, result: ImportResult, problems: dict[str, str]) -> None:
        self.result = result
        super().__init__(problems)


@dataclass
class Row:
    number: int
    submission_id: str
    values: dict[str, str]
    version: str = ""  # the platform's own form version (ODK Central)
    problem: str = ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, str)):
        return str(value)
    raise ValueError("a nested value (repeat group?) where one answer was expected")


def _flatten(doc: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in doc.items():
        if isinstance(value, dict):
            out.update(_flatten(value, f"{prefix}{key}/"))
        else:
            out[f"{prefix}{key}"] = value
    return out


def _clean_id(value: str) -> str:
    value = value.strip()
    return value[5:] if value.lower().startswith("uuid:") else value


_SKIP = ""  # a column that is not a question's answer


def _column_name(key: str, sep: str, multi: set[str]) -> str:
    """The question a column answers (its last path part), or ``_SKIP`` for platform
    metadata and the per-choice 0/1 columns of a select-multiple question."""
    if key.startswith(KOBO_META) or key.startswith("__") or key in ODK_META:
        return _SKIP
    if key.startswith("meta" + sep):
        return _SKIP
    parts = key.split(sep)
    if len(parts) > 1 and parts[-2] in multi:
        return _SKIP
    return parts[-1]


def _question_values(
    flat: dict[str, Any],
    sep: str,
    multi: set[str],
    problems: list[str] | None = None,
    names: dict[str, str] | None = None,
) -> dict[str, str]:
    """Question name -> text, dropping platform metadata and group paths; a nested
    value (a repeat group) is left out and named in ``problems``. ``names`` caches each
    column's question across the rows of one file (they share their columns)."""
    if names is None:
        names = {}
    values: dict[str, str] = {}
    for key, value in flat.items():
        name = names.get(key)
        if name is None:
            name = names[key] = _column_name(key, sep, multi)
        if not name:
            continue
        if type(value) is str:
            values[name] = value
            continue
        try:
            values[name] = _text(value)
        except ValueError as exc:
            values[name] = ""
            if problems is not None:
                problems.append(f"{name}: {exc}")
    return values


def parse(data: bytes, filename: str) -> tuple[str, list[Row]]:
    """The file's format and its rows, or ``ProblemError`` naming what is wrong with it."""
    if len(data) > MAX_BYTES:
        raise ProblemError({"file": f"at most {MAX_BYTES // 2**20} MB"})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProblemError({"file": f"not UTF-8 text (byte {exc.start})"}) from exc
    if "\x00" in text:
        raise ProblemError({"file": "holds NUL bytes: not a text export"})
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):
        return _parse_json(stripped)
    if filename.lower().endswith(".json"):
        raise ProblemError({"file": "not JSON"})
    return _parse_csv(text)


def _multi() -> set[str]:
    return {
        q.name
        for kind in FormKind.values
        for q in fieldforms.spec(kind).questions
        if q.type == "select_multiple"
    }


def _parse_json(text: str) -> tuple[str, list[Row]]:
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ProblemError({"file": f"not valid JSON: {str(exc)[:80]}"}) from exc
    if isinstance(doc, dict) and isinstance(doc.get("value"), list):
        source, items = Source.ODK_JSON, doc["value"]
    elif isinstance(doc, dict) and isinstance(doc.get("results"), list):
        source, items = Source.KOBO_JSON, doc["results"]
    elif isinstance(doc, list):
        source, items = Source.KOBO_JSON, doc
    else:
        raise ProblemError(
            {"file": "JSON without submissions: expected a list, 'results' or 'value'"}
        )
    if len(items) > MAX_ROWS:
        raise ProblemError({"file": f"at most {MAX_ROWS:,} submissions in one file"})
    multi = _multi()
    names: dict[str, str] = {}
    rows = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            rows.append(Row(number, "", {}, problem=Text("not a JSON object")))
            continue
        # Kobo's exports are flat already (group paths in the keys): flatten only when
        # a group is nested as an object (ODK Central's OData).
        flat = _flatten(item) if dict in map(type, item.values()) else item
        if source == Source.ODK_JSON:
            sid = _text(flat.get("__id") or flat.get("meta/instanceID") or "")
            version = _text(flat.get("__system/formVersion") or "")
        else:
            sid = _text(flat.get("_uuid") or flat.get("meta/instanceID") or "")
            version = ""
        nested: list[str] = []
        values = _question_values(flat, "/", multi, nested, names)
        rows.append(Row(number, _clean_id(sid), values, version, "; ".join(nested)))
    return source, rows


def _parse_csv(text: str) -> tuple[str, list[Row]]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = next(reader, None)
    except csv.Error as exc:
        raise ProblemError({"file": f"not a CSV export: {exc}"}) from exc
    if not header:
        raise ProblemError({"file": "empty"})
    header = [h.strip() for h in header]
    if "KEY" in header or "meta-instanceID" in header:
        source, sep = Source.ODK_CSV, "-"
        id_columns = ("meta-instanceID", "KEY")
    elif "_uuid" in header or "meta/instanceID" in header:
        source, sep = Source.KOBO_CSV, "/"
        id_columns = ("_uuid", "meta/instanceID")
    else:
        raise ProblemError(
            {"file": "a CSV without _uuid (KoboToolbox) or KEY (ODK Central): not an export"}
        )
    if len(set(header)) != len(header):
        raise ProblemError({"file": "the header names a column twice"})
    multi = _multi()
    names: dict[str, str] = {}
    rows = []
    try:
        for number, cells in enumerate(reader, 1):
            if number > MAX_ROWS:
                raise ProblemError({"file": f"at most {MAX_ROWS:,} submissions in one file"})
            if not any(cells):
                continue
            if len(cells) != len(header):
                rows.append(
                    Row(
                        number,
                        "",
                        {},
                        problem=Text(
                            "{cells} cells for {columns} columns",
                            cells=len(cells),
                            columns=len(header),
                        ),
                    )
                )
                continue
            flat = dict(zip(header, cells, strict=True))
            sid = next((flat[c] for c in id_columns if flat.get(c)), "")
            rows.append(
                Row(
                    number,
                    _clean_id(sid),
                    _question_values(flat, sep, multi, None, names),
                    flat.get("FormVersion", ""),
                )
            )
    except csv.Error as exc:
        raise ProblemError({"file": f"not a CSV export: {exc}"}) from exc
    return source, rows


def detect_form(rows: list[Row]) -> str:
    """The form whose required questions the rows answer."""
    names: set[str] = set()
    for row in rows[:50]:
        names |= set(row.values)
    matches = []
    for kind in FormKind.values:
        needed = {
            q.name
            for q in fieldforms.spec(kind).questions
            if q.required and not q.conditional and q.type != "calculate"
        }
        if needed <= names:
            matches.append(kind)
    if len(matches) != 1:
        raise ProblemError(
            {
                "file": "the columns match none of the forms (flow count, flow survey, "
                "baseline, site)"
                if not matches
                else "the columns match more than one form"
            }
        )
    return matches[0]


def import_file(
    actor: User, data: bytes, filename: str, *, form: str | None = None
) -> ImportResult:
    """Check every row of an export, then store all of them or none.

    Raises ``ImportRejected`` (after auditing the refused attempt) when any row is
    rejected, ``ProblemError`` when the file itself cannot be read."""
    source, rows = parse(data, filename)
    if not rows:
        raise ProblemError({"file": "no submissions"})
    kind = form or detect_form(rows)
    if kind not in MODELS:
        raise ProblemError({"form": f"unknown form {kind!r}"})
    if not actor.has_perm("displacement.import_submissions") or not actor.has_perm(
        PERMISSION[kind]
    ):
        raise ProblemError({"form": "you may not import this form"})
    result = ImportResult(form=kind, source=source, rows=len(rows))
    model = MODELS[kind]
    ref = Reference.load(actor)
    # Flow counts (the many) are checked into column values, the other forms into model
    # instances: the checks are the same (``services.count_values`` is ``build``'s).
    counts = model is FlowCount
    seen: dict[str, int] = {}

    def reject(row: Row, name: str, message: str) -> None:
        result.rejected_count += 1
        if len(result.rejected) < MAX_REPORTED:
            result.rejected.append(Rejected(row.number, row.submission_id, name, message))

    # Submissions already imported are looked up first: one imported with the same
    # answers is skipped without being checked again (a re-import of a whole export is
    # mostly such rows), one with other answers rejected; only new ones are checked.
    existing: dict[str, str] = {}
    ids = list(dict.fromkeys(r.submission_id for r in rows if r.submission_id))
    for i in range(0, len(ids), 500):
        existing.update(
            model.objects.filter(submission_id__in=ids[i : i + 500]).values_list(
                "submission_id", "digest"
            )
        )
    fresh: list[tuple[str, str, Any]] = []
    for row in rows:
        if row.problem:
            reject(row, "row", row.problem)
            continue
        sid = row.submission_id
        if not sid:
            reject(row, "submission_id", Text("missing (_uuid, meta/instanceID or KEY)"))
            continue
        if len(sid) > MAX_ID:
            reject(row, "submission_id", Text("at most {limit} characters", limit=MAX_ID))
            continue
        if sid in seen:
            reject(row, "submission_id", Text("also in row {row}", row=seen[sid]))
            continue
        seen[sid] = row.number
        raw = row.values
        if not raw.get("form_version") and row.version:
            raw = {**raw, "form_version": row.version}
        dig = digest(raw)
        if sid in existing:
            if existing[sid] != dig:
                reject(row, "submission_id", Text("already imported with other answers"))
            else:
                result.skipped += 1
            continue
        made: Any
        if counts:
            made, problems = count_values(raw, ref)
        else:
            made, problems = build(kind, raw, ref, source=source)
        if problems or made is None:
            for name, message in problems.items():
                reject(row, name, message)
            continue
        fresh.append((sid, dig, made))
    if result.rejected_count:
        _refused(actor, filename, data, result)
        raise ImportRejected(
            result, {"file": f"{result.rejected_count} of {result.rows} rows rejected"}
        )
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            filename=filename[:200],
            digest=hashlib.sha256(data).hexdigest(),
            source=source,
            form=kind,
            rows=result.rows,
            created=len(fresh),
            skipped=result.skipped,
            imported_by=actor,
        )
        if counts:
            _insert_counts(actor, batch, source, fresh)
            add_rows_to_summary(values for _sid, _dig, values in fresh)
        else:
            objects = []
            for sid, dig, obj in fresh:
                obj.submission_id, obj.digest, obj.batch = sid, dig, batch
                objects.append(obj)
            model.objects.bulk_create(objects, batch_size=2000)
        audit.record(
            actor,
            AuditAction.IMPORT,
            obj=batch,
            object_repr=f"{kind} import {filename[:100]}",
            details={
                "form": kind,
                "source": source,
                "rows": result.rows,
                "created": len(fresh),
                "skipped": result.skipped,
                "sha256": batch.digest,
            },
            message=f"{FormKind(kind).label} submissions imported: {len(fresh)} new, "
            f"{result.skipped} already imported",
        )
    result.created = len(fresh)
    result.batch = batch
    return result


def _insert_counts(
    actor: User, batch: ImportBatch, source: str, fresh: list[tuple[str, str, Any]]
) -> None:
    """Store checked counts as plain rows: one ``executemany`` on SQLite, ``COPY`` on
    PostgreSQL. Model instances and ``bulk_create`` cost most of an import's time
    (decision 0176); the values are those ``count_values`` checked."""
    fields = [f for f in FlowCount._meta.concrete_fields]
    postgres = connection.vendor == "postgresql"
    ops = connection.ops
    now = timezone.now()
    common = {
        "source": source,
        "batch_id": batch.pk if postgres else batch.pk.hex,
        "recorded_by_id": actor.pk if postgres else actor.pk.hex,
        "recorded_at": now if postgres else ops.adapt_datetimefield_value(now),
    }
    names = [f.attname for f in fields]
    rows = []
    for sid, dig, values in fresh:
        row = {
            **values,
            **common,
            "id": uuid_utils.uuid7().hex,
            "submission_id": sid,
            "digest": dig,
            "day": values["day"] if postgres else values["day"].isoformat(),
        }
        rows.append(tuple(row[name] for name in names))
    table = ops.quote_name(FlowCount._meta.db_table)
    columns = ", ".join(ops.quote_name(f.column or f.attname) for f in fields)
    with connection.cursor() as cursor:
        if postgres:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in rows:
                    copy.write_row(values)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608 - names from the model
                rows,
            )


def _refused(actor: User, filename: str, data: bytes, result: ImportResult) -> None:
    audit.record_now(
        actor,
        AuditAction.IMPORT,
        object_type="displacement.importbatch",
        object_repr=f"{result.form} import {filename[:100]} (refused)",
        details={
            "form": result.form,
            "source": result.source,
            "rows": result.rows,
            "rejected": result.rejected_count,
            "sha256": hashlib.sha256(data).hexdigest(),
            # Field names and reasons only: a rejected value is never copied here.
            "first_rejections": [f"row {r.row}: {r.field}" for r in result.rejected[:20]],
        },
        message=f"import refused: {result.rejected_count} of {result.rows} rows rejected",
    )


def iter_report(result: ImportResult) -> Iterator[str]:
    yield result.summary()
    for r in result.rejected:
        yield f"  {r}"
    if result.rejected_count > len(result.rejected):
        yield f"  … and {result.rejected_count - len(result.rejected)} more"
