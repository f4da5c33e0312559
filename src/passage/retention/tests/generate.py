"""Persons whose records fall due together, written fast (for the kill test and the bench).

Each person: a traveller, a passport, an entry and the exit that closes it a day later,
and one audit event per crossing naming the person in its payload, chained onto the
installation's audit log by the live rule (decision 0120) as ``audit.record`` would.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from uuid_utils.compat import uuid7

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditChainHead, AuditEvent
from passage.common.bulk import fast_insert
from passage.crossings.choices import Decision, Direction
from passage.crossings.models import Crossing
from passage.travellers.models import TravelDocument, Traveller


def due_population(
    persons: int,
    officer: Any,
    point: Any,
    *,
    at: dt.datetime | None = None,
    batch: int = 5000,
    prefix: str = "R",
) -> int:
    """Write ``persons`` persons with two crossings each; returns the crossings written."""
    at = at or timezone.now() - dt.timedelta(days=2)
    written = 0
    for start in range(0, persons, batch):
        with transaction.atomic():
            written += _batch(range(start, min(start + batch, persons)), officer, point, at, prefix)
    return written


def _batch(numbers: range, officer: Any, point: Any, at: dt.datetime, prefix: str) -> int:
    travellers, documents, crossings, events = [], [], [], []
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    seq, prev = head.last_seq, head.last_hash
    now = timezone.now()
    for n in numbers:
        tid, did = uuid7(), uuid7()
        travellers.append(
            Traveller(
                id=tid,
                primary_name=f"PURGE{n % 997}",
                secondary_name="ANNA",
                sex="F",
                birth_year=1950 + n % 50,
                birth_month=1 + n % 12,
                birth_day=1 + n % 28,
            )
        )
        documents.append(
            TravelDocument(
                id=did,
                traveller_id=tid,
                document_type="passport",
                document_code="P",
                number=f"{prefix}{n:08d}",
            )
        )
        entry_id, exit_id = uuid7(), uuid7()
        for cid, direction, when, closes in (
            (entry_id, Direction.ENTRY, at, None),
            (exit_id, Direction.EXIT, at + dt.timedelta(days=1), entry_id),
        ):
            crossings.append(
                Crossing(
                    id=cid,
                    direction=direction,
                    crossing_point_id=point.pk,
                    at=when,
                    officer_id=officer.pk,
                    traveller_id=tid,
                    document_id=did,
                    decision=Decision.ADMITTED,
                    closes_id=closes,
                )
            )
            seq += 1
            event = AuditEvent(
                seq=seq,
                at=now,
                actor_id=str(officer.pk),
                actor_name=officer.get_username(),
                request_id="",
                source_ip="",
                action=AuditAction.CREATE,
                object_type="crossings.crossing",
                object_id=str(cid),
                object_repr=f"{direction} PURGE{n % 997}, ANNA",
                data=audit.dumps({"after": {"traveller": str(tid), "number": f"{prefix}{n:08d}"}}),
                message="",
                prev_hash=prev,
            )
            event.payload_digest = audit.payload_digest(event)
            event.hash = prev = audit.link_hash(prev, event)
            events.append(event)
    fast_insert(Traveller, travellers)
    fast_insert(TravelDocument, documents)
    fast_insert(Crossing, crossings)
    fast_insert(AuditEvent, events)
    head.last_seq, head.last_hash = seq, prev
    head.save(update_fields=["last_seq", "last_hash"])
    return len(crossings)
