"""The audit log: every change and every read of personal data, hash-chained.

Service functions call :func:`record` inside the transaction of the change they make,
so the event and the change commit or roll back together. Nothing here runs from
signals: signals miss ``update()``, bulk writes and jobs.

Chain rule (decision 0120): ``hash = sha256(prev_hash || canonical(event))`` where
``canonical`` is the JSON, with sorted keys, of the event's envelope (``seq``, ``at``,
actor, request, source, action, object type and id) and of ``payload``: the SHA-256 of
its personal payload (``object_repr``, ``data``, ``message``). The first event's
``prev_hash`` is 64 zeros.

Because the chain covers the payload's digest rather than the payload, a retention purge
(or an erasure) can remove a payload (:func:`purge_payloads`) and the event keeps its
place: its stored ``payload_digest`` stands in for the payload it no longer holds. While
the payload is there, the digest is computed from it, so altering it is still caught.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.utils import timezone

from .choices import AuditAction
from .models import AuditChainHead, AuditEvent, User

GENESIS = "0" * 64

# Called as hook(event, obj) after each event is written, inside the same transaction.
# The sync app registers one on a post node to queue the change for headquarters.
_hooks: list[Callable[[AuditEvent, models.Model | None], None]] = []


def add_hook(hook: Callable[[AuditEvent, models.Model | None], None]) -> None:
    """Run ``hook(event, obj)`` after every recorded event, inside its transaction."""
    if hook not in _hooks:
        _hooks.append(hook)


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    source_ip: str = ""


_context: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "passage_audit_context",
    default=RequestContext(),  # noqa: B039 - a frozen dataclass, immutable
)


def set_context(ctx: RequestContext) -> contextvars.Token[RequestContext]:
    return _context.set(ctx)


def reset_context(token: contextvars.Token[RequestContext]) -> None:
    _context.reset(token)


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (uuid.UUID, decimal.Decimal)):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    raise TypeError(f"Cannot put {type(value).__name__} in an audit event")


def dumps(value: Any) -> str:
    """Canonical JSON: sorted keys, no whitespace, stable across databases."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_json_default
    )


ENVELOPE_FIELDS = (
    "actor_id",
    "actor_name",
    "request_id",
    "source_ip",
    "action",
    "object_type",
    "object_id",
)
"""Who did what to which object: chained as they are, and kept by a purge."""

PAYLOAD_FIELDS = ("object_repr", "data", "message")
"""What may name a person: chained through their digest, removed by a purge."""

AUDIT_FIELDS = (*ENVELOPE_FIELDS, *PAYLOAD_FIELDS, "payload_digest")
"""An event's text fields, besides ``seq``, ``at`` and ``purged_on``: what a post sends
to HQ (with the two hashes) and what HQ stores and checks. The one list of them."""


def payload_digest(event: Any) -> str:
    """SHA-256 of the event's payload fields, as they are now (canonical JSON)."""
    payload = {name: getattr(event, name) for name in PAYLOAD_FIELDS}
    return hashlib.sha256(dumps(payload).encode()).hexdigest()


def is_purged(event: Any) -> bool:
    """Whether a purge removed this event's payload (its digest stands in for it)."""
    return bool(getattr(event, "purged_on", None))


def chained_digest(event: Any) -> str:
    """The payload digest the chain covers: computed while the payload is there (so an
    altered payload breaks the link), the stored one once a purge removed it."""
    if is_purged(event):
        return str(event.payload_digest)
    return payload_digest(event)


def event_fields(event: AuditEvent) -> dict[str, Any]:
    """``seq``, ``at`` (UTC, microseconds), ``AUDIT_FIELDS`` and ``purged_on``: what a
    post sends to HQ. The hash covers :func:`chained_fields`, not all of these."""
    at = event.at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    purged = getattr(event, "purged_on", None)
    fields = {name: getattr(event, name) for name in AUDIT_FIELDS if name != "payload_digest"}
    return {
        "seq": event.seq,
        "at": at,
        **fields,
        "payload_digest": chained_digest(event),
        "purged_on": purged.isoformat() if isinstance(purged, dt.date) else (purged or ""),
    }


def chained_fields(event: Any) -> dict[str, Any]:
    """What the hash covers: ``seq``, ``at``, the envelope and the payload's digest."""
    at = event.at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    envelope = {name: getattr(event, name) for name in ENVELOPE_FIELDS}
    return {"seq": event.seq, "at": at, **envelope, "payload": chained_digest(event)}


def canonical(event: AuditEvent) -> str:
    return dumps(chained_fields(event))


def link_hash(prev_hash: str, event: AuditEvent) -> str:
    return hashlib.sha256((prev_hash + canonical(event)).encode()).hexdigest()


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The concrete field values of a model instance, for before/after records."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        values[field.attname] = value
    if getattr(instance, "password", None):
        values["password"] = "[hidden]"  # noqa: S105 - a marker, not a password
    return values


def _actor_fields(actor: User | None) -> tuple[str, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "", ""
    return str(actor.pk), actor.get_username()


def record(
    actor: User | None,
    action: AuditAction | str,
    obj: models.Model | None = None,
    *,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    details: dict[str, Any] | None = None,
    message: str = "",
    actor_name: str = "",
) -> AuditEvent:
    """Append one event to the chain. Must run inside the caller's transaction.

    ``actor`` is a user or None (anonymous); ``actor_name`` overrides the frozen name,
    for example with the username an anonymous login attempt gave.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record() must run inside the transaction of the change")
    action = AuditAction(action)  # an unknown action is a programming error: ValueError
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)
    payload: dict[str, Any] = {}
    if before is not None:
        payload["before"] = before
    if after is not None:
        payload["after"] = after
    if details:
        payload["details"] = details
    ctx = _context.get()
    actor_id, frozen_name = _actor_fields(actor)
    # The head row lock serialises appenders on PostgreSQL; SQLite transactions are
    # IMMEDIATE (settings) and so already serialised.
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    event = AuditEvent(
        seq=head.last_seq + 1,
        at=timezone.now(),
        actor_id=actor_id,
        actor_name=(actor_name or frozen_name)[:150],
        request_id=ctx.request_id,
        source_ip=ctx.source_ip,
        action=str(action),
        object_type=object_type[:100],
        object_id=object_id[:100],
        object_repr=object_repr[:200],
        data=dumps(payload) if payload else "",
        message=message,
        prev_hash=head.last_hash,
    )
    event.payload_digest = payload_digest(event)
    event.hash = link_hash(head.last_hash, event)
    event.save(force_insert=True)
    head.last_seq = event.seq
    head.last_hash = event.hash
    head.save(update_fields=["last_seq", "last_hash"])
    for hook in _hooks:
        hook(event, obj)
    return event


def record_now(actor: User | None, action: AuditAction | str, **kwargs: Any) -> AuditEvent:
    """Record an event that stands alone (a denied request, a read): its own transaction."""
    with transaction.atomic():
        return record(actor, action, **kwargs)


def record_anonymous(action: AuditAction | str, **kwargs: Any) -> AuditEvent | None:
    """Record a refused anonymous request, at most once a window per action and address.

    Anyone can send requests without credentials; one event each would let them fill
    the log and hold SQLite's one write lock (decision 0044). The first request of a
    window is recorded, with how many the previous window left unrecorded; the rest
    are counted in the cache. ``PASSAGE_ANONYMOUS_AUDIT_SECONDS`` sets the window (60).
    """
    window = int(getattr(settings, "PASSAGE_ANONYMOUS_AUDIT_SECONDS", 60))
    key = f"passage:anonymous-audit:{action}:{_context.get().source_ip}"
    if window > 0 and not cache.add(key, True, timeout=window):
        try:
            cache.incr(f"{key}:unrecorded")
        except ValueError:  # the counter expired or was never set
            cache.set(f"{key}:unrecorded", 1, timeout=window * 100)
        return None
    unrecorded = cache.get(f"{key}:unrecorded", 0)
    cache.delete(f"{key}:unrecorded")
    details = dict(kwargs.pop("details", None) or {})
    if unrecorded:
        details["unrecorded_before"] = unrecorded
    return record_now(None, action, details=details or None, **kwargs)


def record_read(actor: User | None, obj: models.Model, *, message: str = "") -> AuditEvent:
    """Record that ``actor`` was shown the personal data in ``obj``."""
    return record_now(actor, AuditAction.READ, obj=obj, message=message)


def purge_payloads(events: models.QuerySet[AuditEvent], on: dt.date) -> int:
    """Remove the personal payload of ``events`` (a retention purge or an erasure): the
    digest the chain covers stays, so the chain still verifies. Returns how many events
    lost their payload; events already purged are left alone.

    The one way the application changes an audit event. It must run inside the
    transaction of the deletion it belongs to, so that the records and their payloads
    go together or not at all.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.purge_payloads() must run inside the deletion's transaction")
    due = events.filter(purged_on__isnull=True).exclude(payload_digest="")
    return models.QuerySet.update(due, object_repr="", data="", message="", purged_on=on)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""
    purged: int = 0


def verify(batch_size: int = 5000) -> VerifyResult:
    """Walk the chain from the first event and report the first broken link."""
    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    purged = 0
    last_seq = 0
    queryset = AuditEvent.objects.order_by("seq")
    for event in queryset.iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            return VerifyResult(False, checked, expected_seq, f"event #{expected_seq} is missing")
        if event.prev_hash != prev_hash:
            return VerifyResult(
                False, checked, event.seq, "its previous-hash does not match the event before it"
            )
        if link_hash(prev_hash, event) != event.hash:
            return VerifyResult(
                False, checked, event.seq, "its content does not match its hash (altered)"
            )
        if is_purged(event):
            if event.object_repr or event.data or event.message:
                return VerifyResult(
                    False, checked, event.seq, "it is marked purged but holds a payload"
                )
            purged += 1
        elif event.payload_digest != payload_digest(event):
            return VerifyResult(
                False, checked, event.seq, "its stored payload digest does not match its payload"
            )
        prev_hash = event.hash
        expected_seq += 1
        checked += 1
        last_seq = event.seq
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != last_seq or head.last_hash != prev_hash):
        return VerifyResult(
            False,
            checked,
            last_seq + 1,
            f"the chain ends at #{last_seq} but its head records #{head.last_seq} "
            "(events removed from the end)",
        )
    return VerifyResult(True, checked, purged=purged)
