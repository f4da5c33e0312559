"""Writes of reference data: every change atomic and audited.

CSV loading is all-or-nothing: every row is validated first, and a file with any bad
row changes nothing; the error names the line and the field.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import User
from passage.core.codes import countries as builtin_countries
from passage.core.problems import ProblemError, at_line

from .choices import CountryKind, CrossingPointKind, CrossingPointMode, CrossingPointStatus
from .models import AdminArea, BorderCrossingPoint, Country, RefusalGround

MAX_CSV_BYTES = 20 * 1024 * 1024


@dataclass
class LoadReport:
    kind: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        return (
            f"{self.kind}: {len(self.created)} created, {len(self.updated)} updated, "
            f"{self.unchanged} unchanged"
        )


def _read_csv(source: Path | str | bytes, required: Iterable[str]) -> list[dict[str, str]]:
    if isinstance(source, bytes):
        raw = source
    else:
        path = Path(source)
        if path.stat().st_size > MAX_CSV_BYTES:
            raise ProblemError({"file": f"larger than {MAX_CSV_BYTES} bytes"})
        raw = path.read_bytes()
    if len(raw) > MAX_CSV_BYTES:
        raise ProblemError({"file": f"larger than {MAX_CSV_BYTES} bytes"})
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProblemError({"file": f"not UTF-8 ({exc.reason} at byte {exc.start})"}) from exc
    reader = csv.DictReader(io.StringIO(text))
    missing = [name for name in required if name not in (reader.fieldnames or [])]
    if missing:
        raise ProblemError({at_line(1, name): "column missing from the header" for name in missing})
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def _upsert(
    kind: str,
    model: type[models.Model],
    key: str,
    rows: list[dict[str, Any]],
    actor: User | None,
) -> LoadReport:
    report = LoadReport(kind)
    existing = {getattr(obj, key): obj for obj in model._default_manager.all()}
    for values in rows:
        obj = existing.get(values[key])
        if obj is None:
            obj = model(**values)
            obj.save()
            audit.record(actor, AuditAction.CREATE, obj=obj, after=audit.snapshot(obj))
            report.created.append(str(values[key]))
            continue
        before = audit.snapshot(obj)
        for name, value in values.items():
            setattr(obj, name, value)
        after = audit.snapshot(obj)
        if after == before:
            report.unchanged += 1
            continue
        obj.save()
        audit.record(actor, AuditAction.UPDATE, obj=obj, before=before, after=after)
        report.updated.append(str(values[key]))
    audit.record(
        actor,
        AuditAction.IMPORT,
        object_type=model._meta.label_lower,
        details={"created": len(report.created), "updated": len(report.updated)},
        message=report.summary(),
    )
    return report


def _validate(
    rows: list[dict[str, str]],
    build: Callable[[dict[str, str]], dict[str, Any]],
    model: type[models.Model],
    key: str,
) -> list[dict[str, Any]]:
    problems: dict[str, str] = {}
    cleaned: list[dict[str, Any]] = []
    seen: set[Any] = set()
    for line, row in enumerate(rows, start=2):
        try:
            values = build(row)
        except ProblemError as exc:
            problems.update({at_line(line, name): msg for name, msg in exc.problems.items()})
            continue
        if values[key] in seen:
            problems[at_line(line, key)] = f"{values[key]!r} appears twice in the file"
            continue
        seen.add(values[key])
        try:
            model(**values).clean_fields(exclude=_relation_fields(model))
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                problems[at_line(line, name)] = " ".join(str(m) for m in messages)
            continue
        cleaned.append(values)
    if problems:
        raise ProblemError(problems)
    return cleaned


def _relation_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.is_relation]


def _choice(
    row: dict[str, str], name: str, choices: type[models.TextChoices], default: str | None = None
) -> str:
    value = row.get(name, "") or (default or "")
    if value not in choices.values:
        raise ProblemError({name: f"{value!r} is not one of {', '.join(choices.values)}"})
    return value


def _country_values(row: dict[str, str]) -> dict[str, Any]:
    return {
        "icao_code": row["icao"].upper(),
        "iso_alpha2": row.get("iso_alpha2", "").upper(),
        "iso_alpha3": row.get("iso_alpha3", "").upper(),
        "iso_numeric": row.get("iso_numeric", ""),
        "name": row["name"],
        "kind": _choice(row, "kind", CountryKind),
    }


@transaction.atomic
def load_countries(actor: User | None, source: Path | str | bytes) -> LoadReport:
    rows = _read_csv(source, ["icao", "name", "kind"])
    cleaned = _validate(rows, _country_values, Country, "icao_code")
    return _upsert("countries", Country, "icao_code", cleaned, actor)


@transaction.atomic
def load_builtin_countries(actor: User | None) -> LoadReport:
    """The ICAO 9303 code table that ships with Passage (``passage.core.codes``)."""
    rows = [
        {
            "icao": c.icao,
            "iso_alpha2": c.iso_alpha2,
            "iso_alpha3": c.iso_alpha3,
            "iso_numeric": c.iso_numeric,
            "name": c.name,
            "kind": c.kind,
        }
        for c in builtin_countries().values()
    ]
    cleaned = _validate(rows, _country_values, Country, "icao_code")
    return _upsert("countries", Country, "icao_code", cleaned, actor)


def _known_country(code: str, name: str = "country") -> Country:
    country = Country.objects.filter(icao_code=code.upper()).first()
    if country is None:
        raise ProblemError({name: f"unknown country code {code!r}"})
    return country


@transaction.atomic
def load_admin_areas(actor: User | None, source: Path | str | bytes) -> LoadReport:
    rows = _read_csv(source, ["pcode", "name", "level", "country"])
    in_file = {row["pcode"] for row in rows}
    known = set(AdminArea.objects.values_list("pcode", flat=True))

    def build(row: dict[str, str]) -> dict[str, Any]:
        problems = {}
        if not row["level"].isdigit():
            problems["level"] = f"{row['level']!r} is not a whole number"
        parent = row.get("parent", "")
        if parent and parent not in in_file and parent not in known:
            problems["parent"] = f"unknown P-code {parent!r}"
        if parent == row["pcode"]:
            problems["parent"] = "an area cannot be its own parent"
        if problems:
            raise ProblemError(problems)
        return {
            "pcode": row["pcode"],
            "name": row["name"],
            "level": int(row["level"]),
            "country": _known_country(row["country"]),
            "parent_id": parent or None,
        }

    cleaned = _validate(rows, build, AdminArea, "pcode")
    # Parents first, so that every foreign key points at a row that exists.
    cleaned.sort(key=lambda values: values["level"])
    return _upsert("admin areas", AdminArea, "pcode", cleaned, actor)


def _decimal(row: dict[str, str], name: str) -> Decimal | None:
    value = row.get(name, "")
    if not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation as exc:
        raise ProblemError({name: f"{value!r} is not a number"}) from exc


@transaction.atomic
def load_crossing_points(actor: User | None, source: Path | str | bytes) -> LoadReport:
    rows = _read_csv(source, ["code", "name", "kind"])

    def build(row: dict[str, str]) -> dict[str, Any]:
        area = None
        pcode = row.get("admin_area", "")
        if pcode:
            area = AdminArea.objects.filter(pcode=pcode).first()
            if area is None:
                raise ProblemError({"admin_area": f"unknown P-code {pcode!r}"})
        return {
            "code": row["code"].upper(),
            "name": row["name"],
            "kind": _choice(row, "kind", CrossingPointKind),
            "admin_area": area,
            "latitude": _decimal(row, "latitude"),
            "longitude": _decimal(row, "longitude"),
            "status": _choice(row, "status", CrossingPointStatus, CrossingPointStatus.OPEN),
        }

    cleaned = _validate(rows, build, BorderCrossingPoint, "code")
    return _upsert("crossing points", BorderCrossingPoint, "code", cleaned, actor)


@transaction.atomic
def load_refusal_grounds(
    actor: User | None, source: Path | str | bytes | None = None
) -> LoadReport:
    """Refusal grounds (code,label,legal_basis,order[,legal_text]); by default the Schengen
    form's A to I."""
    if source is None:
        source = Path(__file__).resolve().parent / "data" / "refusal_grounds.csv"
    rows = _read_csv(source, ["code", "label"])

    def build(row: dict[str, str]) -> dict[str, Any]:
        order = row.get("order", "") or "0"
        if not order.isdigit():
            raise ProblemError({"order": f"{order!r} is not a whole number"})
        return {
            "code": row["code"].upper(),
            "label": row["label"],
            "legal_basis": row.get("legal_basis", ""),
            "legal_text": row.get("legal_text", ""),
            "order": int(order),
        }

    cleaned = _validate(rows, build, RefusalGround, "code")
    return _upsert("refusal grounds", RefusalGround, "code", cleaned, actor)


@transaction.atomic
def set_crossing_point_mode(
    actor: User | None, point: BorderCrossingPoint, mode: str, reason: str
) -> BorderCrossingPoint:
    """Switch a post's mode (normal, degraded, emergency); the reason is required and audited."""
    from django.utils import timezone

    if mode not in CrossingPointMode.values:
        raise ProblemError(
            {"mode": f"{mode!r} is not one of {', '.join(CrossingPointMode.values)}"}
        )
    reason = reason.strip()
    if not reason:
        raise ProblemError({"reason": "Say why the mode changes (for the audit trail)."})
    point = BorderCrossingPoint.objects.select_for_update().get(pk=point.pk)
    before = {"mode": point.mode}
    point.mode = mode
    point.mode_changed_at = timezone.now()
    point.mode_reason = reason[:200]
    point.save(update_fields=["mode", "mode_changed_at", "mode_reason"])
    audit.record(
        actor,
        AuditAction.MODE_SWITCHED,
        obj=point,
        before=before,
        after={"mode": mode},
        message=reason,
    )
    return point


LOADERS: dict[str, Callable[[Any, Path | str | bytes], LoadReport]] = {
    "countries": load_countries,
    "admin-areas": load_admin_areas,
    "crossing-points": load_crossing_points,
    "refusal-grounds": load_refusal_grounds,
}
