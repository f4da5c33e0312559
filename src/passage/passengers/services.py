"""Every write of passenger lists: ``ingest`` (file drop and carrier gateway alike).

All or nothing: a file or request whose any list cannot be read, or names an arrival
airport that is no crossing point here, stores nothing. Each list is screened and its
persons' stay positions worked out before the write transaction (screening reads
memory-mapped indexes and must not hold the database's write lock), then stored with
one audit event per list in the same transaction. A list for a flight already stored
replaces the earlier version and says so; the same list received again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import random
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import User
from passage.core.paxlst import PassengerList as ParsedList
from passage.core.paxlst import PaxlstError, decode, parse_paxlst
from passage.core.problems import ProblemError
from passage.reference.choices import CrossingPointKind
from passage.reference.models import BorderCrossingPoint

from .checks import Checked, check_all
from .choices import HitReview, StayPosition
from .models import ListedPerson, PassengerList

MAX_BYTES = 5 * 1024 * 1024  # a 1,000-person list is about 200 kB
# How long a list waits for the database's write lock before it is refused as busy
# (each attempt also waits SQLite's busy_timeout). 100 lists arriving at once queue.
WRITE_WAIT_SECONDS = 300
log = logging.getLogger(__name__)


class PassengerListError(ProblemError):
    """A list refused: ``field`` names the segment or input, ``message`` says how."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__({field: message})


class StoreBusy(Exception):
    """The database stayed locked by other writers for :data:`WRITE_WAIT_SECONDS`:
    nothing was stored; the sender should try again (the API answers 503)."""


def _busy(exc: OperationalError) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "deadlock detected" in text


@dataclass(frozen=True)
class Ingested:
    passenger_list: PassengerList
    outcome: str  # "created", "replaced" or "unchanged"
    persons: int
    hits: int
    stay_problems: int

    @property
    def summary(self) -> str:
        pl = self.passenger_list
        what = {
            "created": "stored",
            "replaced": f"replaced the earlier version (now version {pl.version})",
            "unchanged": "already stored, unchanged",
        }[self.outcome]
        return (
            f"{pl.kind} list {pl.flight_number} {pl.departure_port}-{pl.arrival_port} "
            f"{pl.flight_date}: {what}; {self.persons} persons, {self.hits} with alert hits, "
            f"{self.stay_problems} with stay problems"
        )


def crossing_point_for(airport: str) -> BorderCrossingPoint:
    """The air crossing point of an arrival airport: code ``UTO`` or ``UTO-…``."""
    found = list(
        BorderCrossingPoint.objects.filter(kind=CrossingPointKind.AIR).filter(
            Q(code=airport) | Q(code__startswith=f"{airport}-")
        )[:2]
    )
    if len(found) != 1:
        why = "is no crossing point here" if not found else "matches several crossing points"
        raise PassengerListError("LOC+87", f"arrival airport {airport!r} {why}")
    return found[0]


def _digest(parsed: ParsedList) -> str:
    rows = [
        [repr(p.role), p.surname, p.given_names, p.sex, str(p.birth_date), p.nationality]
        + [repr(d) for d in p.documents]
        + [p.embarkation, p.disembarkation, p.reservation, p.seat]
        for p in parsed.persons
    ]
    return hashlib.sha256(json.dumps([repr(parsed.flight), rows]).encode()).hexdigest()


def read(data: bytes, *, source: str | None = None) -> list[ParsedList]:
    if len(data) > MAX_BYTES:
        raise PassengerListError("file", f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        lists = parse_paxlst(decode(data), source=source)
    except PaxlstError as exc:
        raise PassengerListError(exc.tag or "message", str(exc)) from exc
    if not lists:
        raise PassengerListError("message", "no passenger or crew list in it")
    return lists


def ingest(
    actor: User | None, data: bytes, *, channel: str, source: str | None = None
) -> list[Ingested]:
    """Read, check and store every list in ``data``; all or nothing."""
    parsed = read(data, source=source)
    plan = []
    for plist in parsed:
        if not plist.flight.arrival_port or not plist.flight.departure_port:
            raise PassengerListError("LOC", f"flight {plist.flight.number}: no LOC+125/LOC+87")
        point = crossing_point_for(plist.flight.arrival_port)
        arrival = plist.flight.arrival or plist.flight.departure or plist.prepared
        plan.append((plist, point, check_all(list(plist.persons), arrival.date())))
    started = time.monotonic()
    attempts = 0
    while True:
        attempts += 1
        try:
            try:
                return _store(actor, plan, channel)
            except IntegrityError:
                # The same flight stored by a concurrent request between our read and
                # write: once more, now as a replacement.
                return _store(actor, plan, channel)
        except OperationalError as exc:
            # SQLite: other lists hold the write lock longer than its busy_timeout when
            # many arrive at once (a 100-list burst lost one list to a 500 before this).
            # The transaction rolled back whole, so the write is tried again.
            if not _busy(exc):
                raise
            if time.monotonic() - started > WRITE_WAIT_SECONDS:
                log.warning("passenger list refused: database busy after %d attempts", attempts)
                raise StoreBusy(
                    f"the database stayed busy for {WRITE_WAIT_SECONDS} s; nothing was stored"
                ) from exc
            time.sleep(0.1 + random.random() * 0.5)


def _aware(value: Any) -> Any:
    return timezone.make_aware(value) if value is not None else None


@transaction.atomic
def _store(
    actor: User | None,
    plan: list[tuple[ParsedList, BorderCrossingPoint, list[Checked]]],
    channel: str,
) -> list[Ingested]:
    out = []
    now = timezone.now()
    for parsed, point, checked in plan:
        flight = parsed.flight
        day = (flight.departure or parsed.prepared).date()
        digest = _digest(parsed)
        hits = sum(1 for c in checked if c.hits)
        problems = sum(1 for c in checked if c.stay_position == StayPosition.PROBLEM)
        fields = {
            "carrier": flight.carrier or "",
            "arrival_port": flight.arrival_port or "",
            "scheduled_departure": _aware(flight.departure),
            "scheduled_arrival": _aware(flight.arrival),
            "interchange_reference": parsed.interchange_reference[:35],
            "sender": parsed.sender[:70],
            "message_reference": parsed.reference[:35],
            "directory": parsed.directory,
            "parts": parsed.parts,
            "digest": digest,
            "channel": channel,
            "received_at": now,
            "person_count": len(parsed.persons),
            "hit_count": hits,
            "stay_problem_count": problems,
        }
        existing = (
            PassengerList.objects.select_for_update()
            .filter(
                crossing_point=point,
                kind=parsed.kind,
                flight_number=flight.number,
                departure_port=flight.departure_port or "",
                flight_date=day,
            )
            .first()
        )
        if existing is not None and existing.digest == digest:
            result = Ingested(existing, "unchanged", len(parsed.persons), hits, problems)
            audit.record(
                actor,
                AuditAction.IMPORT,
                existing,
                details={"outcome": "unchanged", "interchange": parsed.interchange_reference},
                message=result.summary,
            )
            out.append(result)
            continue
        if existing is not None:
            before = {"version": existing.version, "interchange": existing.interchange_reference}
            existing.persons.all().delete()
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.version += 1
            existing.save()
            plist, outcome = existing, "replaced"
        else:
            before = None
            plist = PassengerList.objects.create(
                crossing_point=point,
                kind=parsed.kind,
                flight_number=flight.number,
                departure_port=flight.departure_port or "",
                flight_date=day,
                **fields,
            )
            outcome = "created"
        ListedPerson.objects.bulk_create(
            [
                _person(plist, n, p, c)
                for n, (p, c) in enumerate(zip(parsed.persons, checked, strict=True), 1)
            ]
        )
        result = Ingested(plist, outcome, len(parsed.persons), hits, problems)
        # Counts only: the audit trail must not copy the travellers' data.
        audit.record(
            actor,
            AuditAction.IMPORT,
            plist,
            before=before,
            after={"version": plist.version, "interchange": plist.interchange_reference},
            details={
                "outcome": outcome,
                "channel": channel,
                "persons": len(parsed.persons),
                "hits": hits,
                "stay_problems": problems,
            },
            message=result.summary,
        )
        out.append(result)
    return out


def _person(plist: PassengerList, position: int, p: Any, c: Checked) -> ListedPerson:
    doc = p.document
    return ListedPerson(
        passenger_list=plist,
        position=position,
        role=p.role,
        surname=p.surname[:70],
        given_names=p.given_names[:140],
        sex=p.sex or "",
        birth_date=p.birth_date,
        nationality=p.nationality or "",
        document_type=doc.type or "",
        document_number=doc.number or "",
        document_expiry=doc.expiry,
        issuing_state=doc.issuing_state or "",
        embarkation=p.embarkation or plist.departure_port,
        disembarkation=p.disembarkation or plist.arrival_port,
        reservation=(p.reservation or "")[:35],
        seat=(p.seat or "")[:8],
        screening_outcome=c.screening_outcome,
        hits=c.hits,
        hit_count=len(c.hits),
        stay_position=c.stay_position,
        stay_message=c.stay_message,
    )


@dataclass(frozen=True)
class Purged:
    lists: int
    persons: int
    kept_with_hits: int


def purge(actor: User | None, *, now: Any = None, dry_run: bool = False) -> Purged:
    """Delete the listed persons of flights that arrived more than the retention ago.

    ``PASSAGE_PASSENGER_LIST_RETENTION`` hours after the scheduled arrival (or the
    departure day's end when no arrival time was sent). Persons with an alert hit are
    kept: no review of passenger-list hits exists yet to confirm or clear them, and a hit
    is the "needed" exception the EU API directive allows. The list rows keep their
    counts for statistics. One audit event for the run, with counts only.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(hours=settings.PASSAGE_PASSENGER_LIST_RETENTION)
    due = (
        PassengerList.objects.filter(
            Q(scheduled_arrival__lt=cutoff)
            | Q(scheduled_arrival__isnull=True, flight_date__lt=cutoff.date())
        )
        .filter(purged_at__isnull=True)
        .distinct()
    )
    # Persons with an alert hit stay until a supervisor reviews it: a confirmed hit is
    # the "needed" exception and is kept; a dismissed one goes with the others.
    held = Q(hit_count__gt=0) & ~Q(hit_review=HitReview.DISMISSED)
    with transaction.atomic():
        ids = list(due.values_list("pk", flat=True))
        persons = ListedPerson.objects.filter(passenger_list_id__in=ids).exclude(held)
        kept = ListedPerson.objects.filter(held, passenger_list_id__in=ids).count()
        result = Purged(len(ids), persons.count(), kept)
        if dry_run:
            return result
        persons.delete()
        PassengerList.objects.filter(pk__in=ids).update(purged_at=now)
        audit.record(
            actor,
            AuditAction.DELETE,
            object_type="passengers.listedperson",
            details={
                "lists": result.lists,
                "persons": result.persons,
                "kept_with_hits": result.kept_with_hits,
                "retention_hours": settings.PASSAGE_PASSENGER_LIST_RETENTION,
                "before": cutoff.isoformat(),
            },
            message=f"passenger list retention: {result.persons} persons deleted from "
            f"{result.lists} lists, {result.kept_with_hits} with alert hits kept",
        )
    return result


@transaction.atomic
def review_hits(actor: User, person: ListedPerson, decision: str, note: str) -> ListedPerson:
    """A supervisor confirms or dismisses a listed person's alert hits, with a note.

    Refused (422 naming the field) for a person without hits, an unknown decision, a
    missing note, or a person already reviewed (a second opinion is an amendment for
    later, not a silent change). Audited with the decision; the note stays in the record.
    """
    person = ListedPerson.objects.select_for_update().get(pk=person.pk)
    problems: dict[str, str] = {}
    if person.hit_count == 0:
        problems["hit_review"] = "this person has no alert hit to review"
    elif person.hit_review:
        problems["hit_review"] = f"already {person.hit_review}"
    if decision not in HitReview.values:
        problems["decision"] = f"one of {', '.join(HitReview.values)}"
    note = note.strip()
    if not note:
        problems["note"] = "say what the review found"
    elif len(note) > 500:
        problems["note"] = "at most 500 characters"
    if problems:
        raise ProblemError(problems)
    person.hit_review = decision
    person.hit_review_note = note
    person.hit_reviewed_by = actor
    person.hit_reviewed_at = timezone.now()
    person.save(
        update_fields=["hit_review", "hit_review_note", "hit_reviewed_by", "hit_reviewed_at"]
    )
    audit.record(
        actor,
        AuditAction.DECIDE,
        obj=person,
        after={"hit_review": decision},
        message=f"passenger list hit {decision}",
    )
    return person
