"""Purged records scrubbed from the exchange's copies (decision 0167).

A retention purge or an erasure deletes a person's records and removes the payloads of
the audit events about them (decision 0120), but two copies of what was sent stay
behind: a post's outbox rows already sent (kept until the outbox is pruned) and the
batches HQ stores as received (``InboxReceipt.body``, for a post restored from a backup,
decision 0110). Both are scrubbed here, in the deletion's transaction:

- an object row about a deleted record (its own id, or a field ``…_id`` naming one)
  keeps its place, kind, model and id, and its data becomes ``{"action": "purged",
  "purged_on": day}``: no field of the record is left;
- an audit row about a deleted record becomes the event as the purge left it: the
  envelope and the payload's digest, no payload (``purged_on`` set), so the chain it
  belongs to still verifies and a restored post takes the event back as purged.

A post restored from a backup that takes its history back from HQ meets these rows: it
treats a scrubbed row as the same as its own (same place, model and id; an audit event
by its hash), never writes a scrubbed object, and so never gets a purged person back.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction

from passage.accounts import audit
from passage.accounts.models import AuditEvent

from .models import InboxReceipt, OutboxEvent, PostLink
from .outbox import audit_payload

PURGED = "purged"
AUDIT_LABEL = "accounts.auditevent"
_CHUNK = 900


def _chunks(values: list[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def is_scrubbed(kind: str, data: Any) -> bool:
    """Whether a row (its kind and decoded data) was scrubbed after a purge."""
    if not isinstance(data, dict):
        return False
    if kind == "object":
        return data.get("action") == PURGED
    return bool(data.get("purged_on"))


def _names_one(fields: Any, ids: set[str]) -> bool:
    if not isinstance(fields, dict):
        return False
    if str(fields.get("id", "")) in ids:
        return True
    return any(
        name.endswith("_id") and value is not None and str(value) in ids
        for name, value in fields.items()
    )


def _scrubbed_object(on: dt.date) -> dict[str, Any]:
    return {"action": PURGED, "purged_on": on.isoformat()}


def _scrubbed_event(payload: dict[str, Any], on: dt.date) -> dict[str, Any]:
    """An audit event as sent, with its payload removed as ``audit.purge_payloads`` does
    (the digest the chain covers was sent with it and stays)."""
    if payload.get("purged_on"):
        return payload
    return {**payload, "object_repr": "", "data": "", "message": "", "purged_on": on.isoformat()}


# --- at a post: the outbox rows already sent ----------------------------------------------


def scrub_outbox(by_model: dict[str, list[str]], on: dt.date) -> int:
    """Scrub this post's sent outbox rows about these deleted records (ids per model
    label) and the audit rows about them. Runs in the deletion's transaction; rows not
    yet sent are left (HQ lists only what it holds, so they are about something else)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("scrub_outbox() runs inside the deletion's transaction")
    link = PostLink.objects.first()
    sent = link.acked_seq if link is not None else 0
    if sent <= 0:
        return 0
    rows = OutboxEvent.objects.filter(seq__lte=sent)
    scrubbed = 0
    data = json.dumps(_scrubbed_object(on), sort_keys=True)
    ids: list[str] = []
    for label, model_ids in by_model.items():
        ids.extend(model_ids)
        for chunk in _chunks(sorted(set(model_ids))):
            scrubbed += (
                rows.filter(kind="object", model=label, object_id__in=chunk)
                .exclude(data=data)
                .update(data=data)
            )
    seqs: list[int] = []
    for chunk in _chunks(sorted(set(ids))):
        seqs.extend(AuditEvent.objects.filter(object_id__in=chunk).values_list("seq", flat=True))
    for chunk in _chunks(sorted(seqs)):
        events = {
            str(e.seq): e for e in AuditEvent.objects.filter(seq__in=chunk, purged_on__isnull=False)
        }
        for row in rows.filter(kind="audit", model=AUDIT_LABEL, object_id__in=list(events)):
            text = audit.dumps(audit_payload(events[row.object_id]))
            if row.data != text:
                OutboxEvent.objects.filter(pk=row.pk).update(data=text)
                scrubbed += 1
    return scrubbed


# --- at HQ: the batches stored as received --------------------------------------------------


def scrub_batch(body: bytes, ids: set[str], on: dt.date) -> bytes | None:
    """The batch with its rows about ``ids`` scrubbed, or None when it names none."""
    return _scrub_raw(gzip.decompress(body), ids, on)


def _scrub_raw(raw: bytes, ids: set[str], on: dt.date) -> bytes | None:
    doc = json.loads(raw)
    changed = False
    for event in doc.get("events", []):
        data = event.get("data")
        if not isinstance(data, dict) or is_scrubbed(event.get("kind", ""), data):
            continue
        if event.get("kind") == "object":
            if str(event.get("id", "")) in ids or _names_one(data.get("fields"), ids):
                event["data"] = _scrubbed_object(on)
                changed = True
        elif str(data.get("object_id", "")) in ids:
            event["data"] = _scrubbed_event(data, on)
            changed = True
    if not changed:
        return None
    return gzip.compress(json.dumps(doc).encode(), compresslevel=5)


# A batch is JSON, and JSON writes an id (a UUID, an integer, a natural key) as its own
# text: a batch whose text holds none of the ids cannot name one, and is not parsed.
# A few ids are searched for; when a purge deletes many, the UUIDs (the ids of nearly
# every row) are looked up among the batch's quoted UUIDs (one pass over the text), the
# other ids searched for when they are few, and when they are many every batch is parsed.
_QUOTED_UUID = re.compile(rb'"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"')
_FEW_IDS = 64
_READ_CHUNK = 200


class _Sieve:
    def __init__(self, ids: set[str]) -> None:
        few = len(ids) <= _FEW_IDS
        self.uuids = frozenset(
            i.encode() for i in ids if not few and _QUOTED_UUID.fullmatch(f'"{i}"'.encode())
        )
        others = [i.encode() for i in ids if i.encode() not in self.uuids]
        self.parse_all = len(others) > _FEW_IDS
        self.needles = others

    def could_name(self, raw: bytes) -> bool:
        """False only when the batch's text holds none of the ids."""
        if self.parse_all or any(needle in raw for needle in self.needles):
            return True
        return bool(self.uuids) and not self.uuids.isdisjoint(_QUOTED_UUID.findall(raw))


def stored_batches() -> bool:
    """Whether HQ holds any batch as received (none at a post, nor before decision 0110)."""
    return InboxReceipt.objects.filter(body__isnull=False).exists()


def scrub_inbox(ids: Iterable[str], on: dt.date) -> int:
    """Scrub HQ's stored batches of the rows about these deleted records (their ids as
    HQ and as the posts know them). Returns the batches rewritten. Runs in the caller's
    transaction; each batch is read once, in chunks, and parsed and rewritten only when
    its text holds one of the ids."""
    wanted = {str(i) for i in ids}
    if not wanted:
        return 0
    sieve = _Sieve(wanted)
    rewritten = 0
    after = 0
    while True:
        chunk = list(
            InboxReceipt.objects.filter(body__isnull=False, pk__gt=after)
            .order_by("pk")
            .values_list("pk", "body")[:_READ_CHUNK]
        )
        if not chunk:
            return rewritten
        after = chunk[-1][0]
        for pk, body in chunk:
            if body is None:  # not stored (filtered out above); for the type checker
                continue
            raw = gzip.decompress(bytes(body))
            if not sieve.could_name(raw):
                continue
            scrubbed = _scrub_raw(raw, wanted, on)
            if scrubbed is not None:
                InboxReceipt.objects.filter(pk=pk).update(body=scrubbed)
                rewritten += 1
