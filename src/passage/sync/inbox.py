"""HQ's side of a push: decode a batch, check it, and apply it all or nothing.

A batch is gzip-compressed JSON::

    {"format": 1, "node": "<id>", "first": 41, "last": 80,
     "events": [{"seq": 41, "kind": "object", "model": "crossings.crossing",
                 "id": "<uuid>", "data": {...}}, ...]}

Its sequence numbers run without gaps from ``first`` to ``last``. HQ holds, per node,
the highest contiguous sequence stored (``Node.received_seq``): a batch ending at or
below it is a duplicate and changes nothing; one starting beyond ``received_seq + 1``
is out of order: HQ first waits a moment for the batches before it (a post sends two at
once, and the second may arrive first), then refuses it quietly with the sequence
expected; one overlapping it is applied from ``received_seq + 1``. A batch at a place HQ
already holds must carry the audit events HQ holds there: one that does not comes from
a post restored from a backup (``Diverged``; decision 0110) or a forgery, and is refused
rather than acknowledged as a duplicate. Everything a batch writes — objects, the post's audit
events, the receipt, the new ``received_seq`` and HQ's own audit event — commits in one
transaction, so a refused or interrupted batch leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
import zlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.common.bulk import fast_insert
from passage.reference.models import BorderCrossingPoint
from passage.travellers.models import TravelDocument, Traveller

from .models import ClockFlag, InboxReceipt, Node, NodeAuditEvent, SyncAlias
from .registry import SyncModel, model_spec, pushed_models
from .signing import Refusal

FORMAT = 1
MAX_BODY = 16 * 1024 * 1024  # compressed bytes
MAX_INFLATED = 128 * 1024 * 1024  # bytes of JSON once decompressed
MAX_EVENTS = 20_000
# Seconds a batch that arrived before its predecessor waits for it (decision 0113);
# ``PASSAGE_SYNC_ORDER_WAIT`` changes it.
ORDER_WAIT = 10.0
AUDIT_LABEL = "accounts.auditevent"


@dataclass(frozen=True)
class Event:
    seq: int
    kind: str
    model: str
    id: str
    data: dict[str, Any]
    row: Any = None  # an audit event, read and checked against its own hash


@dataclass(frozen=True)
class Batch:
    node: str
    first: int
    last: int
    events: list[Event]


def inflate(body: bytes) -> bytes:
    """Decompress a gzip body, refusing bombs, corruption and truncation."""
    if len(body) > MAX_BODY:
        raise Refusal(413, f"batch larger than {MAX_BODY} bytes: send smaller batches")
    inflater = zlib.decompressobj(wbits=31)
    try:
        raw = inflater.decompress(body, MAX_INFLATED + 1)
    except zlib.error as exc:
        raise Refusal(400, f"corrupt batch: not valid gzip ({exc})") from exc
    if len(raw) > MAX_INFLATED or inflater.unconsumed_tail:
        raise Refusal(413, f"batch inflates beyond {MAX_INFLATED} bytes")
    if not inflater.eof:
        raise Refusal(400, "truncated batch: the gzip stream ends early")
    if inflater.unused_data:
        raise Refusal(400, "corrupt batch: bytes after the end of the gzip stream")
    return raw


def decode(body: bytes, node_id: str) -> Batch:
    raw = inflate(body)
    try:
        doc = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        raise Refusal(400, f"corrupt batch: not JSON ({exc})") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise Refusal(400, f"unknown batch format (expected format {FORMAT})")
    if doc.get("node") != node_id:
        raise Refusal(400, "the batch names another node than the request")
    first, last, items = doc.get("first"), doc.get("last"), doc.get("events")
    if not (isinstance(first, int) and isinstance(last, int) and isinstance(items, list)):
        raise Refusal(400, "a batch needs integer first, last and a list of events")
    if not items or len(items) != last - first + 1 or first < 1:
        raise Refusal(400, f"events #{first}-#{last} expected, {len(items)} given")
    if len(items) > MAX_EVENTS:
        raise Refusal(413, f"more than {MAX_EVENTS} events in one batch")
    # JSON writes NUL only as the escape \u0000: a batch without one holds no NUL, and
    # its rows need no walk through every field.
    nul = b"\\u0000" in raw
    events: list[Event] = []
    for offset, item in enumerate(items):
        seq = first + offset
        if not isinstance(item, dict) or item.get("seq") != seq:
            raise Refusal(400, f"event #{seq} missing or out of order")
        kind, label, oid, data = (
            item.get("kind"),
            item.get("model"),
            item.get("id"),
            item.get("data"),
        )
        if not (isinstance(label, str) and isinstance(oid, str) and isinstance(data, dict)):
            raise Refusal(400, f"event #{seq}: model, id and data required")
        if kind == "audit":
            if label != AUDIT_LABEL:
                raise Refusal(400, f"event #{seq}: an audit row must be {AUDIT_LABEL}")
        elif kind == "object":
            if model_spec(label) is None:
                raise Refusal(422, f"event #{seq}: HQ does not accept {label!r} from posts")
            if nul and (field := _field_with_nul(data)):
                # PostgreSQL cannot store NUL in text or JSON; no post should send one.
                raise Refusal(
                    422,
                    f"event #{seq} ({label}): {field} holds a NUL character; "
                    "the record cannot be merged or stored",
                )
        else:
            raise Refusal(400, f"event #{seq}: unknown kind {kind!r}")
        row = _audit_row(node_id, seq, data) if kind == "audit" else None
        events.append(Event(seq, kind, label, oid, data, row))
    return Batch(node_id, first, last, events)


# Values per lookup: SQLite limits bound parameters; on PostgreSQL one array parameter
# (``= ANY``) takes a whole batch.
CHUNK = 100_000 if connection.vendor == "postgresql" else 900


@models.Field.register_lookup
class AnyOf(models.Lookup):
    """``field = ANY(%s::type[])`` (PostgreSQL): one array parameter for thousands of
    values, where ``IN (%s, %s, ...)`` has the driver bind and the server plan each."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        lhs, params = self.process_lhs(compiler, connection)
        db_type = self.lhs.output_field.db_type(connection)
        return f"{lhs} = ANY(%s::{db_type}[])", (*params, [str(v) for v in self.rhs])


def among(field: str, values: list[Any]) -> dict[str, Any]:
    """A filter ``field`` in ``values``: ``= ANY`` on PostgreSQL, ``IN`` elsewhere."""
    lookup = "any_of" if connection.vendor == "postgresql" else "in"
    return {f"{field}__{lookup}": values}


def _uuid_like(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 36 and value.count("-") == 4


class Context:
    """Per-batch lookups: aliases, shadow users, crossing points by code."""

    def __init__(self, node: Node | None, events: list[Event]) -> None:
        self.node = node
        ids = {e.id for e in events if e.kind == "object"}
        for e in events:
            if e.kind == "object":
                ids.update(v for v in e.data.get("fields", {}).values() if _uuid_like(v))
        self.aliases: dict[tuple[str, str], str] = {}
        id_list = sorted(ids)
        labels = [spec.label for spec in pushed_models()]
        for i in range(0, len(id_list), CHUNK):
            # model first: the unique index is (model, remote_id).
            for model, remote, local in SyncAlias.objects.filter(
                model__in=labels, **among("remote_id", id_list[i : i + CHUNK])
            ).values_list("model", "remote_id", "local_id"):
                self.aliases[(model, remote)] = local
        self.new_aliases: list[SyncAlias] = []
        self._points: dict[str, Any] | None = None
        self._users: dict[str, Any] = {}

    def local(self, label: str, remote: str) -> str:
        return self.aliases.get((label, remote), remote)

    def link(self, label: str, remote: str, local: str) -> None:
        self.aliases[(label, remote)] = local
        if self.node is None:
            return
        self.new_aliases.append(
            SyncAlias(model=label, remote_id=remote, local_id=local, node=self.node)
        )

    def point(self, code: str) -> Any:
        if self._points is None:
            self._points = dict(BorderCrossingPoint.objects.values_list("code", "pk"))
        if code not in self._points:
            raise Refusal(422, f"unknown crossing point {code!r}: add it at HQ, then resync")
        enrolled = self.node.crossing_point if self.node is not None else None
        # A post speaks for its own crossing point only: a record for another one (a
        # demo loaded at the post, a copied database) would be counted twice at HQ.
        # A node enrolled without a crossing point (a regional server) may send any.
        if enrolled is not None and code != enrolled.code:
            raise Refusal(
                403,
                f"record for crossing point {code!r}: this node is enrolled for "
                f"{enrolled.code!r} only",
            )
        return self._points[code]

    def user(self, remote_id: str, username: str) -> Any:
        """The user a post's record names: a disabled shadow account at HQ, same id."""
        if remote_id in self._users:
            return self._users[remote_id]
        user_model = get_user_model()
        pk = uuid.UUID(str(remote_id))
        if not user_model.objects.filter(pk=pk).exists():
            if self.node is None:
                raise Refusal(422, f"user {username!r} ({pk}) is unknown at this post")
            name = f"{username}@{self.node.name}"[:150]
            if user_model.objects.filter(username=name).exists():
                name = f"{name[:140]}-{pk.hex[:8]}"
            shadow = user_model(pk=pk, username=name, is_active=False)
            shadow.set_unusable_password()
            shadow.save(force_insert=True)
        self._users[remote_id] = pk
        return pk


# How each field of a pushed model is read from a post's row: (attname, how, convert,
# default). ``how`` is "user", "point", an alias label, or "" for a plain value.
Plan = list[tuple[str, str, Callable[[Any], Any], Any]]
_plans: dict[tuple[type[models.Model], bool], Plan] = {}
# PostgreSQL's COPY reads these from the post's JSON text as they are: no conversion.
# JSON fields go to ``fast_insert`` as the post's values, which it encodes.
_AS_TEXT = (models.UUIDField, models.DateField, models.DecimalField)


def _same(value: Any) -> Any:
    return value


def _plan(model: type[models.Model], copy: bool) -> Plan:
    """``copy``: values for ``fast_insert`` (COPY on PostgreSQL), else for the ORM."""
    if (model, copy) not in _plans:
        text = copy and connection.vendor == "postgresql"
        user_model = get_user_model()
        plan: Plan = []
        for f in model._meta.concrete_fields:
            how, convert = "", f.to_python
            if f.is_relation:
                target = f.related_model
                label = target._meta.label_lower  # type: ignore[union-attr]
                convert = f.target_field.to_python  # type: ignore[attr-defined]
                if target is user_model:
                    how = "user"
                elif label == "reference.bordercrossingpoint":
                    how = "point"
                elif model_spec(label) is not None:
                    how = label
            default = None if f.primary_key or not f.has_default() else f.get_default()
            target_field = f.target_field if f.is_relation else f  # type: ignore[attr-defined]
            if text and isinstance(target_field, _AS_TEXT):
                convert = _same
            elif copy and isinstance(f, models.JSONField):
                convert = _same  # encoded once, by fast_insert (common.bulk.json_text)
            plan.append((f.attname, how, convert, default))
        _plans[(model, copy)] = plan
    return _plans[(model, copy)]


def _values(
    model: type[models.Model], pk: str, event: Event, ctx: Context, copy: bool = False
) -> dict[str, Any]:
    """Every concrete field's value for HQ, references translated (see ``Context``)."""
    fields = event.data.get("fields", {})
    refs = event.data.get("refs", {})
    values: dict[str, Any] = {}
    try:
        for attname, how, convert, default in _plan(model, copy):
            if attname not in fields:
                values[attname] = default
                continue
            value = fields[attname]
            if value is not None and how:
                ref = refs.get(attname, {})
                if how == "user":
                    value = ctx.user(str(value), ref.get("username", "unknown"))
                elif how == "point":
                    value = ctx.point(ref.get("code", ""))
                else:
                    value = ctx.local(how, str(value))
            values[attname] = None if value is None else convert(value)
        pk_field: Any = model._meta.pk
        values[pk_field.attname] = (
            pk if copy and connection.vendor == "postgresql" else pk_field.to_python(pk)
        )
    except Refusal as exc:
        raise Refusal(exc.status, f"event #{event.seq} ({event.model}): {exc.message}") from exc
    except Exception as exc:
        raise Refusal(422, f"event #{event.seq} ({event.model}): {exc}") from exc
    return values


def _apply_model(spec: SyncModel, events: list[Event], ctx: Context) -> int:
    model = apps.get_model(spec.label)
    pk_field = model._meta.pk
    assert pk_field is not None
    local_ids = [ctx.local(spec.label, e.id) for e in events]
    existing: set[str] = set()
    for i in range(0, len(local_ids), CHUNK):
        existing.update(
            str(pk)
            for pk in model._default_manager.filter(
                **among("pk", local_ids[i : i + CHUNK])
            ).values_list("pk", flat=True)
        )
    creates: dict[str, Event] = {}
    updates: dict[str, Event] = {}
    for pk, event in zip(local_ids, events, strict=True):
        if pk in existing:
            # A repeated create, or a post's record linked to one HQ already holds:
            # HQ keeps its own. Later changes (corrections) apply.
            if spec.immutable or event.data.get("action") == "create":
                continue
            updates[pk] = event
        else:
            creates[pk] = event  # the newest state of a record created in this batch
    if spec.merge is not None and updates:
        # The model merges changes itself (travellers: decision 0105), never overwritten.
        spec.merge(list(updates.items()), ctx)
        updates = {}
    # Plain rows and COPY, not model instances and bulk_create: ten times faster, and
    # bulk_create would overwrite the post's auto_now_add times (recorded_at).
    new = [_values(model, pk, event, ctx, copy=True) for pk, event in creates.items()]
    _insert(model, new)
    changed = [model(**_values(model, pk, event, ctx)) for pk, event in updates.items()]
    if changed:
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if not f.primary_key
            and not _creation_field(f)
            and f.attname in next(iter(updates.values())).data["fields"]
        ]
        model._default_manager.bulk_update(changed, names, batch_size=500)
    _apply_m2m(model, {**creates, **updates}, replace=set(updates))
    if spec.applied is not None:
        spec.applied([(pk, e, pk in creates) for pk, e in zip(local_ids, events, strict=True)], ctx)
    return len(new) + len(changed)


def _creation_field(f: Any) -> bool:
    """Who created a record and when never change once HQ holds it (decision 0105)."""
    return bool(getattr(f, "auto_now_add", False)) or f.name == "created_by"


def _insert(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Plain rows with ``fast_insert``: COPY on PostgreSQL, executemany on SQLite."""
    fast_insert(model, [SimpleNamespace(**row) for row in rows])


def _apply_m2m(model: type[models.Model], events: dict[str, Event], replace: set[str]) -> None:
    for field in model._meta.many_to_many:
        through: Any = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        pk_field = model._meta.pk
        assert pk_field is not None
        rows: list[Any] = []
        for pk, event in events.items():
            values = event.data.get("m2m", {}).get(field.name)
            if values is None:
                continue
            owner = pk_field.to_python(pk)
            if pk in replace:
                through.objects.filter(**{f"{source}_id": owner}).delete()
            rows.extend(through(**{f"{source}_id": owner, f"{target}_id": v}) for v in values)
        through.objects.bulk_create(rows, ignore_conflicts=True)


AUDIT_TEXT = (*audit.AUDIT_FIELDS, "prev_hash", "hash")


def _audit_row(node_id: str, seq: int, d: dict[str, Any]) -> Any:
    """A post's audit event, checked against its own hash (outside HQ's lock)."""
    try:
        row: Any = SimpleNamespace(
            node_id=uuid.UUID(node_id),
            seq=int(d["seq"]),
            at=dt.datetime.fromisoformat(d["at"]),
            **{name: str(d[name]) for name in AUDIT_TEXT},
            # A post may have purged an event's payload before sending it (decision 0120).
            purged_on=dt.date.fromisoformat(d["purged_on"]) if d.get("purged_on") else None,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise Refusal(400, f"event #{seq}: malformed audit event ({exc})") from exc
    if audit.link_hash(row.prev_hash, row) != row.hash:
        raise Refusal(422, f"event #{seq}: audit event #{row.seq} does not match its hash")
    return row


def _audit_rows(node: Node, events: list[Event]) -> list[Any]:
    """The post's audit events, each following the one before it in the post's chain."""
    rows = []
    head_seq, head_hash = node.audit_head_seq, node.audit_head_hash
    for e in events:
        row = e.row
        if head_seq and (row.seq != head_seq + 1 or row.prev_hash != head_hash):
            message = (
                f"event #{e.seq}: audit event #{row.seq} does not follow #{head_seq} "
                "in the post's chain"
            )
            if row.seq == head_seq + 1:
                # The next event, chained to another one than HQ holds: the post's
                # history parted from HQ's copy (restored from a backup).
                raise Diverged(409, message + ": the post was restored from a backup")
            raise Refusal(422, message)
        head_seq, head_hash = row.seq, row.hash
        rows.append(row)
    node.audit_head_seq, node.audit_head_hash = head_seq, head_hash
    return rows


class OutOfOrder(Refusal):
    """A batch past the next sequence HQ expects: the post resends from HQ's point."""


class Diverged(Refusal):
    """A batch at a place HQ holds, with other audit events than HQ holds there."""


def wait_for_turn(node_id: str, first: int, limit: float | None = None) -> None:
    """Wait (outside any transaction: the batch before holds the lock) until HQ holds
    the sequence before ``first``, for at most ``limit`` seconds. Only a gap of about
    one batch is waited for: a post that is further ahead (HQ restored from a backup)
    is answered at once."""
    if limit is None:
        limit = float(getattr(settings, "PASSAGE_SYNC_ORDER_WAIT", ORDER_WAIT))
    deadline = time.monotonic() + limit
    delay = 0.005
    while True:
        held = Node.objects.filter(pk=node_id).values_list("received_seq", flat=True).first()
        if held is None or first <= held + 1 or first - held - 1 > MAX_EVENTS:
            return
        if time.monotonic() >= deadline:
            return
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


def _check_held(node: Node, events: list[Event]) -> None:
    """The audit events of a batch at places HQ holds must be the ones HQ holds."""
    rows = {e.row.seq: e for e in events if e.row is not None}
    if not rows:
        return
    held = dict(
        NodeAuditEvent.objects.filter(node=node, seq__in=sorted(rows)).values_list("seq", "hash")
    )
    for seq, event in sorted(rows.items()):
        if held.get(seq) != event.row.hash:
            raise Diverged(
                409,
                f"event #{event.seq}: audit event #{seq} is not the one HQ holds from this "
                "post: the post was restored from a backup (or its history rewritten); "
                "it must take back HQ's copy before sending (docs/operations.md)",
            )


def receive(node_id: str, batch: Batch, digest: str, body: bytes | None = None) -> dict[str, Any]:
    """Store a decoded batch; return the acknowledgement. Raises Refusal.

    The post's outbox head is its signed report's (``services.take_report``), never
    lowered here: a batch proves only that the post held at least ``batch.last``."""
    wait_for_turn(node_id, batch.first)
    try:
        with transaction.atomic():
            node = Node.objects.select_for_update().get(pk=node_id)
            now = timezone.now()
            if node.reported_head < batch.last:
                Node.objects.filter(pk=node.pk).update(
                    reported_head=Greatest(F("reported_head"), batch.last)
                )
            held = [e for e in batch.events if e.seq <= node.received_seq]
            _check_held(node, held)
            if batch.last <= node.received_seq:
                return {"acked": node.received_seq, "stored": 0, "duplicate": True}
            if batch.first > node.received_seq + 1:
                raise OutOfOrder(
                    409,
                    f"out of order: HQ holds up to #{node.received_seq}, "
                    f"the batch starts at #{batch.first}",
                )
            fresh = [e for e in batch.events if e.seq > node.received_seq]
            counts = _apply(node, fresh)
            InboxReceipt.objects.create(
                node=node,
                first_seq=fresh[0].seq,
                last_seq=batch.last,
                rows=len(fresh),
                digest=digest,
                body=body,
            )
            node.received_seq = batch.last
            node.last_received_at = now
            node.last_error = ""
            # Not the fields the post's report sets (``take_report``, outside this lock).
            node.save(
                update_fields=[
                    "received_seq",
                    "last_received_at",
                    "last_error",
                    "audit_head_seq",
                    "audit_head_hash",
                ]
            )
            details: dict[str, Any] = {"first": fresh[0].seq, "last": batch.last, "rows": counts}
            if flagged := flag_clock(node, [e.row for e in fresh if e.kind == "audit"], now):
                details["clock_flags"] = flagged
            audit.record(None, AuditAction.SYNC_RECEIVED, obj=node, details=details)
            return {"acked": node.received_seq, "stored": len(fresh), "duplicate": False}
    except IntegrityError as exc:
        raise Refusal(
            422, f"batch #{batch.first}-#{batch.last} conflicts with data at HQ: {exc}"
        ) from exc
    except DatabaseError as exc:  # a value the database cannot take (PostgreSQL's COPY)
        raise Refusal(422, f"batch #{batch.first}-#{batch.last}: bad value: {exc}") from exc


def _field_with_nul(data: Any, path: str = "") -> str:
    """The first field (dotted path) whose text holds a NUL character, or ""."""
    if isinstance(data, str):
        return path or "value" if "\x00" in data else ""
    if isinstance(data, dict):
        for key, value in data.items():
            if "\x00" in str(key):
                return f"{path}.{key}" if path else str(key)
            if found := _field_with_nul(value, f"{path}.{key}" if path else str(key)):
                return found
    elif isinstance(data, (list, tuple)):
        for i, value in enumerate(data):
            if found := _field_with_nul(value, f"{path}[{i}]"):
                return found
    return ""


def flag_clock(node: Node, rows: list[Any], now: dt.datetime) -> int:
    """Flag the post's records made while its clock was off (decision 0118): dated more
    than the margin after they reached HQ, or — when the post's clock is off now —
    made after the last time HQ saw it right (in the post's time: that moment plus the
    offset; since its enrolment if HQ never saw it right). Returns how many were flagged."""
    margin = dt.timedelta(seconds=float(settings.PASSAGE_SYNC_CLOCK_MARGIN))
    offset = node.clock_offset
    since: dt.datetime | None = None
    if node.clock_off and offset is not None:
        # Never seen right: from its enrolment (what the post held before is not judged).
        since = (node.clock_ok_at or node.enrolled_at) + dt.timedelta(seconds=offset)
    flags = []
    for row in rows:
        if row.at > now + margin:
            reason = ClockFlag.Reason.FUTURE
        elif since is not None and row.at > since:
            reason = ClockFlag.Reason.CLOCK_OFF
        else:
            continue
        flags.append(
            ClockFlag(
                node=node,
                seq=row.seq,
                object_type=row.object_type,
                object_id=row.object_id,
                recorded_at=row.at,
                received_at=now,
                offset=offset,
                reason=reason,
            )
        )
    ClockFlag.objects.bulk_create(flags, ignore_conflicts=True)
    return len(flags)


def apply_objects(node: Node | None, events: list[Event]) -> dict[str, int]:
    """Write the object rows of ``events``, model by model in registration order.

    ``node`` None: at a post taking back its own rows from HQ (decision 0110): any
    crossing point, and links found by document are used for these rows only."""
    by_model: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        if e.kind == "object":
            by_model[e.model].append(e)
    ctx = Context(node, events)
    specs = [s for s in pushed_models() if s.label in by_model]
    for spec in specs:
        if spec.prepare is not None:
            spec.prepare(by_model[spec.label], ctx)
    counts: dict[str, int] = {}
    for spec in specs:
        counts[spec.label] = _apply_model(spec, by_model[spec.label], ctx)
    if ctx.new_aliases and node is not None:
        SyncAlias.objects.bulk_create(ctx.new_aliases)
    return counts


def _apply(node: Node, events: list[Event]) -> dict[str, int]:
    counts = apply_objects(node, events)
    rows = _audit_rows(node, [e for e in events if e.kind == "audit"])
    fast_insert(NodeAuditEvent, rows)
    counts[AUDIT_LABEL] = len(rows)
    return counts


def link_documents(events: list[Event], ctx: Context) -> None:
    """Identity at HQ: a document another post (or HQ) already holds — same issuing state
    and number — is the same document; the traveller it came with is linked to the
    traveller HQ holds instead of being created a second time."""

    wanted: dict[tuple[str, str], Event] = {}
    for e in events:
        f = e.data.get("fields", {})
        if f.get("number") and f.get("issuing_state_id"):
            wanted[(str(f["issuing_state_id"]), str(f["number"]))] = e
    found: list[tuple[Any, str | None, str, Any]] = []
    if connection.vendor == "postgresql" and wanted:
        # One query for the whole batch: the pairs joined to the (state, number) index.
        meta = TravelDocument._meta
        column = {
            f.attname: connection.ops.quote_name(f.column or f.attname)
            for f in meta.concrete_fields
        }
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.{column['id']}, d.{column['issuing_state_id']}, d.{column['number']}, "  # noqa: S608 - names from the model, values bound
                f"d.{column['traveller_id']} FROM {connection.ops.quote_name(meta.db_table)} d "
                "JOIN unnest(%s::text[], %s::text[]) AS w(state, number) "
                f"ON d.{column['issuing_state_id']} = w.state AND d.{column['number']} = w.number",
                [[state for state, _ in wanted], [number for _, number in wanted]],
            )
            found = cursor.fetchall()
    by_state: dict[str, list[str]] = defaultdict(list)
    for state, number in wanted if connection.vendor != "postgresql" else ():
        by_state[state].append(number)
    # By issuing state and number: the unique index's order, never a scan of all documents.
    for state, numbers in by_state.items():
        for i in range(0, len(numbers), CHUNK):
            found.extend(
                TravelDocument.objects.filter(
                    issuing_state_id=state, **among("number", numbers[i : i + CHUNK])
                ).values_list("pk", "issuing_state_id", "number", "traveller_id")
            )
    for pk, held_state, number, traveller_id in found:
        match = wanted.get((str(held_state), number))
        if match is None or str(pk) == ctx.local("travellers.traveldocument", match.id):
            continue
        ctx.link("travellers.traveldocument", match.id, str(pk))
        remote_traveller = str(match.data["fields"].get("traveller_id"))
        if ctx.local("travellers.traveller", remote_traveller) == remote_traveller and not (
            Traveller.objects.filter(pk=remote_traveller).exists()
        ):
            ctx.link("travellers.traveller", remote_traveller, str(traveller_id))
