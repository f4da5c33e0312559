"""A post restored from a backup takes back its history from HQ (decision 0110).

The restored post holds its outbox and audit chain as they were at the backup; HQ holds
more of both: the rows the post sent after the backup. Crossings recorded since the
restore reuse those sequence numbers and fork the audit chain. Recovery, in one
transaction under the audit chain's head lock:

1. fetch HQ's copy of the post's rows after the last point HQ acknowledged to this
   (restored) post, batch by batch, and find the first row where HQ's and the post's
   differ: everything before is common history;
2. take back HQ's rows from there: write their objects (crossings, travellers, … with
   the post's own ids) and their audit events, which are the post's own chain as it was
   before the restore, hashes unchanged;
3. renumber what was recorded since the restore after them: audit events get the next
   sequence numbers and are chained again from HQ's head (their content is unchanged),
   outbox rows follow HQ's last sequence;
4. record a ``sync_recovered`` event saying what was taken back and renumbered.

Nothing is dropped: every row HQ held and every row recorded since the restore ends in
both chains once, and the post's chain verifies and extends HQ's copy.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditChainHead, AuditEvent

from . import inbox
from .models import OutboxAck, OutboxEvent, PostLink
from .outbox import audit_payload
from .scrub import is_scrubbed
from .signing import Refusal

if TYPE_CHECKING:
    from .client import SyncClient

HISTORY = "/sync/node/history"


class RecoveryError(RuntimeError):
    """The post cannot take its history back by itself; the message says why."""


@dataclass(frozen=True)
class Recovery:
    taken_back: tuple[int, int]  # outbox sequences taken back from HQ
    renumbered: tuple[int, int, int]  # old first, new first, count
    crossings: int
    audit_events: int

    def describe(self) -> str:
        first, last = self.taken_back
        old, new, count = self.renumbered
        text = (
            f"this post was restored from a backup: took back #{first}-#{last} from HQ "
            f"({self.crossings} crossings, {self.audit_events} audit events)"
        )
        if count:
            text += (
                f"; the {count} rows recorded since the restore (#{old}-#{old + count - 1}) "
                f"now follow as #{new}-#{new + count - 1}"
            )
        return text + "; nothing was lost"


def fetch_history(client: SyncClient, after: int) -> list[dict[str, Any]]:
    """HQ's copy of this post's rows after ``after``, in order, without gaps."""
    rows: list[dict[str, Any]] = []
    while True:
        body = json.dumps({"after": after}).encode()
        _status, payload = client._call(HISTORY, body, {"Content-Type": "application/json"})
        events = payload.get("events") or []
        if not events:
            return rows
        for event in events:
            if event.get("seq") != after + 1:
                raise RecoveryError(f"HQ's copy of this post's history has a gap at #{after + 1}")
            rows.append(event)
            after += 1
        if after >= int(payload.get("received", 0)):
            return rows


def _same(mine: tuple[Any, ...], theirs: dict[str, Any]) -> bool:
    _seq, _group, kind, model, oid, data = mine
    if (kind, model, oid) != (theirs["kind"], theirs["model"], theirs["id"]):
        return False
    held = json.loads(data)
    if is_scrubbed(kind, theirs["data"]) or is_scrubbed(kind, held):
        # A copy scrubbed after a purge (decision 0167), HQ's or this post's: the same
        # row, unless an audit event's hash differs (the chain covers the digest).
        return kind != "audit" or bool(held.get("hash") == theirs["data"].get("hash"))
    return bool(held == theirs["data"])


def _event(payload: dict[str, Any]) -> AuditEvent:
    return AuditEvent(
        seq=int(payload["seq"]),
        at=dt.datetime.fromisoformat(payload["at"]),
        prev_hash=payload["prev_hash"],
        hash=payload["hash"],
        **{name: payload[name] for name in audit.AUDIT_FIELDS},
        # A payload purged before it was sent (decision 0120): its digest stands in.
        purged_on=dt.date.fromisoformat(payload["purged_on"]) if payload.get("purged_on") else None,
    )


def recover(client: SyncClient) -> Recovery | None:
    """Take back HQ's copy of this post's history and renumber what is new; None when
    HQ holds nothing this post lacks."""
    link = client.link
    theirs = fetch_history(client, link.acked_seq)
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().get(pk=1)
        link = PostLink.objects.select_for_update().get(pk=link.pk)
        ours = list(
            OutboxEvent.objects.filter(seq__gt=link.acked_seq)
            .order_by("seq")
            .values_list("seq", "group", "kind", "model", "object_id", "data")
        )
        common = 0
        for mine, hq in zip(ours, theirs, strict=False):
            if not _same(mine, hq):
                break
            common += 1
        lost, new = theirs[common:], ours[common:]
        if not lost:
            return None
        first = lost[0]["seq"]
        lost_audit = [e["data"] for e in lost if e["kind"] == "audit"]
        if not lost_audit or lost[-1]["kind"] != "audit":
            raise RecoveryError(f"HQ's copy from #{first} does not end with an audit event")
        fork = int(lost_audit[0]["seq"]) - 1
        base = AuditEvent.objects.filter(seq=fork).values_list("hash", flat=True).first()
        if (base or audit.GENESIS) != lost_audit[0]["prev_hash"]:
            raise RecoveryError(
                f"HQ's copy of audit event #{fork + 1} does not follow this post's #{fork}: "
                "the chains parted earlier than the outbox shows"
            )
        mine_after = list(AuditEvent.objects.filter(seq__gt=fork).order_by("seq"))
        new_audit = {int(r[4]) for r in new if r[2] == "audit"}
        if {e.seq for e in mine_after} != new_audit:
            raise RecoveryError(
                f"this post's audit events after #{fork} are not all in its outbox: "
                "cannot renumber them safely"
            )

        # The post's own chain as HQ holds it, checked link by link.
        prev = lost_audit[0]["prev_hash"]
        taken: list[AuditEvent] = []
        for payload in lost_audit:
            event = _event(payload)
            if event.prev_hash != prev or audit.link_hash(prev, event) != event.hash:
                raise RecoveryError(f"HQ's copy of audit event #{event.seq} does not verify")
            prev = event.hash
            taken.append(event)
        # Events recorded since the restore: same content, next numbers, chained again.
        numbers: dict[int, int] = {}
        moved: list[AuditEvent] = []
        next_seq = taken[-1].seq + 1 if taken else fork + 1
        for event in mine_after:
            numbers[event.seq] = next_seq
            renumbered = AuditEvent(
                seq=next_seq,
                at=event.at,
                prev_hash=prev,
                **{name: getattr(event, name) for name in audit.AUDIT_FIELDS},
                purged_on=event.purged_on,
            )
            renumbered.hash = audit.link_hash(prev, renumbered)
            prev = renumbered.hash
            moved.append(renumbered)
            next_seq += 1
        with connection.cursor() as cursor:
            # The one place audit events are removed: they are written again below,
            # renumbered, in this transaction, and the recovery event records it.
            cursor.execute(
                f"DELETE FROM {connection.ops.quote_name(AuditEvent._meta.db_table)} "  # noqa: S608 - the model's table
                "WHERE seq > %s",
                [fork],
            )
        AuditEvent.objects.bulk_create(taken + moved, batch_size=500)
        head.last_seq, head.last_hash = (moved or taken)[-1].seq, prev
        head.save(update_fields=["last_seq", "last_hash"])

        # The outbox: HQ's rows at their numbers, then the new ones after them.
        OutboxEvent.objects.filter(seq__gte=first).delete()
        rows: list[OutboxEvent] = []
        pending: list[OutboxEvent] = []
        for e in lost:
            row = OutboxEvent(
                seq=e["seq"], group=0, kind=e["kind"], model=e["model"], object_id=e["id"]
            )
            row.data = audit.dumps(e["data"])
            pending.append(row)
            if e["kind"] == "audit":
                for r in pending:
                    r.group = int(e["data"]["seq"])
                rows.extend(pending)
                pending = []
        received = lost[-1]["seq"]
        by_seq = {event.seq: event for event in moved}
        for offset, (_seq, group, kind, model, oid, data) in enumerate(new, start=1):
            row = OutboxEvent(
                seq=received + offset,
                group=numbers[group],
                kind=kind,
                model=model,
                object_id=oid,
                data=data,
            )
            if kind == "audit":
                event = by_seq[numbers[int(oid)]]
                row.object_id = str(event.seq)
                row.data = audit.dumps(audit_payload(event))
            rows.append(row)
        OutboxEvent.objects.bulk_create(rows, batch_size=1000)

        # The objects HQ held that the restore took from this post.
        # A purged record's rows come back scrubbed: never written again (decision 0167).
        events = [
            inbox.Event(e["seq"], e["kind"], e["model"], e["id"], e["data"])
            for e in lost
            if not (e["kind"] == "object" and is_scrubbed("object", e["data"]))
        ]
        try:
            inbox.apply_objects(None, events)
        except Refusal as exc:
            raise RecoveryError(f"HQ's copy could not be written here: {exc.message}") from exc

        result = Recovery(
            taken_back=(first, received),
            renumbered=(first, received + 1, len(new)),
            crossings=sum(1 for e in lost if e["model"] == "crossings.crossing"),
            audit_events=len(taken),
        )
        now = timezone.now()
        link.acked_seq = link.verified_seq = received
        link.recovery = result.describe()
        link.recovered_at = now
        link.save(update_fields=["acked_seq", "verified_seq", "recovery", "recovered_at"])
        OutboxAck.objects.update_or_create(seq=received, defaults={"at": now})
        audit.record(
            None,
            AuditAction.SYNC_RECOVERED,
            object_type="sync.postlink",
            object_id=str(link.pk),
            details={
                "taken_back": [first, received],
                "renumbered": {"from": first, "to": received + 1, "rows": len(new)},
                "audit": {
                    "taken_back": [taken[0].seq, taken[-1].seq] if taken else [],
                    "renumbered": {
                        "from": mine_after[0].seq if mine_after else None,
                        "to": moved[0].seq if moved else None,
                        "events": len(moved),
                    },
                },
            },
            message=result.describe(),
        )
    client.link.acked_seq = received
    client.link.verified_seq = received
    return result
