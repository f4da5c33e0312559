"""The post's outbox: every audited change queued for HQ in its own transaction.

``on_audit`` is registered with ``accounts.audit.add_hook`` and so runs inside
``audit.record()``, which every service write calls inside its transaction, while
the audit chain's head row is locked: the outbox rows commit or roll back with the
change, and their sequence numbers (``max + 1`` under that lock) have no gaps.

Rows of one audit event share a ``group`` (the event's sequence number); the event
itself is always the group's last row.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db import models

from passage.accounts import audit
from passage.accounts.models import AuditEvent

from .models import OutboxEvent
from .registry import model_spec

Row = tuple[str, str, str, str]  # kind, model, object id, JSON


def serialize(obj: models.Model, action: str) -> dict[str, Any]:
    """The object's concrete field values, its many-to-many keys, and natural keys of
    the references HQ cannot resolve by primary key (users and crossing points, whose
    keys differ between installations)."""
    fields: dict[str, Any] = {}
    refs: dict[str, dict[str, str]] = {}
    user_model = get_user_model()
    for f in obj._meta.concrete_fields:
        value = getattr(obj, f.attname)
        fields[f.attname] = value
        if not f.is_relation or value is None:
            continue
        target = f.related_model
        if target is user_model:
            user = getattr(obj, f.name)
            refs[f.attname] = {"username": user.get_username()}
        elif target._meta.label_lower == "reference.bordercrossingpoint":  # type: ignore[union-attr]
            refs[f.attname] = {"code": getattr(obj, f.name).code}
    # .all() rather than values_list(): it uses a prefetch when the caller made one.
    m2m = {
        f.name: sorted(str(related.pk) for related in getattr(obj, f.name).all())
        for f in obj._meta.many_to_many
    }
    return {"action": action, "fields": fields, "m2m": m2m, "refs": refs}


def audit_payload(event: AuditEvent) -> dict[str, Any]:
    return {**audit.event_fields(event), "prev_hash": event.prev_hash, "hash": event.hash}


def _queued(label: str, pk: Any) -> bool:
    return OutboxEvent.objects.filter(model=label, object_id=str(pk)).exists()


def collect(obj: models.Model, action: str, rows: list[Row], seen: set[tuple[str, str]]) -> None:
    """Append the rows that send ``obj`` (and what HQ needs first) for ``action``."""
    label = obj._meta.label_lower
    spec = model_spec(label)
    if spec is None:
        return
    if action in spec.on:
        for name in spec.include:
            target = getattr(obj, name, None)
            if target is None:
                continue
            key = (target._meta.label_lower, str(target.pk))
            if key not in seen and not _queued(*key):
                collect(target, "create", rows, seen)
        key = (label, str(obj.pk))
        if key not in seen or action != "create":
            seen.add(key)
            rows.append(("object", label, str(obj.pk), audit.dumps(serialize(obj, action))))
    if action in spec.related:
        names = spec.related[action]
        for name in (names,) if isinstance(names, str) else names:
            for related in _related(obj, name):
                key = (related._meta.label_lower, str(related.pk))
                if key not in seen and not _queued(*key):
                    collect(related, "create", rows, seen)


def _related(obj: models.Model, name: str) -> list[models.Model]:
    """The objects of a reverse relation: a many side, or a one-to-one (maybe none)."""
    try:
        value = getattr(obj, name)
    except ObjectDoesNotExist:
        return []
    if isinstance(value, models.Model):
        return [value]
    return list(value.all())


def enqueue(rows: list[Row], group: int) -> None:
    last = OutboxEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    OutboxEvent.objects.bulk_create(
        [
            OutboxEvent(seq=last + i, group=group, kind=kind, model=label, object_id=oid, data=data)
            for i, (kind, label, oid, data) in enumerate(rows, start=1)
        ]
    )


def on_audit(event: AuditEvent, obj: models.Model | None) -> None:
    """The audit hook: queue the changed object (if registered) and the event itself."""
    if settings.PASSAGE_ROLE != "node":
        return
    rows: list[Row] = []
    if obj is not None:
        collect(obj, event.action, rows, set())
    rows.append(("audit", "accounts.auditevent", str(event.seq), audit.dumps(audit_payload(event))))
    enqueue(rows, group=event.seq)


def head() -> int:
    return OutboxEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def backfill_audit() -> int:
    """Queue the audit events recorded before this post had an outbox (role changed)."""
    if OutboxEvent.objects.exists():
        return 0
    rows = [
        ("audit", "accounts.auditevent", str(e.seq), audit.dumps(audit_payload(e)))
        for e in AuditEvent.objects.order_by("seq").iterator(chunk_size=5000)
    ]
    for i in range(0, len(rows), 5000):
        chunk = rows[i : i + 5000]
        enqueue(chunk, group=int(chunk[-1][2]))
    return len(rows)
