"""The purge, erasure, the deletions posts apply, and legal holds: every write audited.

A purge works person by person, in batches: each batch of persons is one transaction
that deletes their due records, removes the payloads of the audit events about those
records (the chain keeps their digests, decision 0120), appends the ``Deletion`` the
posts will apply, adds to the run's counts and records one ``retention_purged`` event.
A purge killed half-way therefore leaves whole persons deleted or whole persons kept,
and the next run (which finds the interrupted one and resumes it) starts from what is
left (decision 0123).

Before deleting, the purge brings the statistics up to date and freezes the counts of
the months it reaches, so that no later recount drops what was deleted (decision 0121).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.db.models.deletion import ProtectedError, RestrictedError
from django.db.utils import IntegrityError
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent, User
from passage.alerts.choices import HitStatus
from passage.alerts.models import FalsePositiveSuppression, ScreeningHit, ScreeningResult
from passage.core.problems import ProblemError
from passage.crossings.choices import Decision, Direction, InspectionStatus, OverrideStatus
from passage.crossings.models import (
    Amendment,
    Crossing,
    DocumentImage,
    DocumentOverride,
    SecondaryInspection,
)
from passage.identity import services as identity
from passage.passengers import services as passengers
from passage.passengers.models import PassengerList
from passage.protection.choices import OPEN_REFERRAL, AssessmentStatus
from passage.protection.models import Assessment, HouseholdMember, Referral
from passage.statistics import services as statistics
from passage.stay.choices import OverstayStatus
from passage.stay.models import OverstayCase, Permit, Visa
from passage.sync import scrub
from passage.sync.models import HeldTraveller, NodeAuditEvent, SyncAlias
from passage.travellers.models import (
    CorrectionConflict,
    TravelDocument,
    Traveller,
    TravellerChange,
    TravellerCorrection,
)

from .models import Deletion, LegalHold, PurgeRun
from .schedule import Kind, cutoffs

BATCH_PERSONS = 2000
_ID_CHUNK = 900  # ids per IN (...) list: under SQLite's oldest variable limit

# Other apps' reasons to keep a person (a pending data-subject request, say): each
# takes a set of traveller ids and returns {id: reason} for those it holds.
HoldSource = Callable[[set[uuid.UUID]], dict[uuid.UUID, str]]
_hold_sources: list[HoldSource] = []


def register_hold(source: HoldSource) -> None:
    """Let another app keep persons from the purge and from erasure (its ``ready()``)."""
    if source not in _hold_sources:
        _hold_sources.append(source)


# --- what is due -------------------------------------------------------------------------


def _start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def due_crossings(as_of: dt.date, *, recorded_before: dt.datetime | None = None) -> QuerySet[Any]:
    """Crossings whose retention is over on ``as_of`` (EES art. 34): an exit and the entry
    it closes three years after the exit, one year when either records the traveller as
    a family member of an EU citizen (art. 34(2)); a refusal three years after it; an
    entry never closed five years after its authorised stay ended (or after it, with no
    end)."""
    c = cutoffs(as_of)
    exit_cut, refusal_cut, stay_cut = _start(c["exit"]), _start(c["refusal"]), _start(c["stay"])
    family_cut = _start(c["family"])
    refused = Q(decision=Decision.REFUSED) | Q(
        decision=Decision.SECONDARY,
        inspection__status=InspectionStatus.DECIDED,
        inspection__outcome=Decision.REFUSED,
    )
    open_entry = Q(direction=Direction.ENTRY, closed_by__isnull=True) & ~refused
    due = (
        Q(direction=Direction.EXIT, at__lt=exit_cut)
        | Q(direction=Direction.ENTRY, closed_by__at__lt=exit_cut)
        | (refused & Q(at__lt=refusal_cut))
        | (open_entry & Q(authorised_until__lt=c["stay"]))
        | (open_entry & Q(authorised_until__isnull=True, at__lt=stay_cut))
        # A family member of an EU citizen: the tie on the exit or on the entry it closes.
        | Q(
            Q(eu_family_of__gt="") | Q(closes__eu_family_of__gt=""),
            direction=Direction.EXIT,
            at__lt=family_cut,
        )
        | Q(
            Q(eu_family_of__gt="") | Q(closed_by__eu_family_of__gt=""),
            direction=Direction.ENTRY,
            closed_by__at__lt=family_cut,
        )
    )
    crossings = Crossing.objects.filter(due)
    if recorded_before is not None:
        crossings = crossings.filter(recorded_at__lt=recorded_before)
    return crossings


def due_soon(as_of: dt.date) -> QuerySet[Any]:
    """Entries never closed whose five years end within the warning period (art. 34(4))."""
    c = cutoffs(as_of)
    return Crossing.objects.filter(
        direction=Direction.ENTRY,
        closed_by__isnull=True,
        authorised_until__gte=c["stay"],
        authorised_until__lt=c["warning"],
    ).exclude(decision=Decision.REFUSED)


def eu_family_crossings() -> QuerySet[Any]:
    """Crossings recording the traveller as a family member of an EU citizen: with the
    entries and exits tied to them, kept one year after the exit (EES art. 34(2))."""
    return Crossing.objects.filter(eu_family_of__gt="")


def holds(traveller_ids: set[uuid.UUID], as_of: dt.date) -> dict[uuid.UUID, str]:
    """Persons kept although due, with the first reason found: a legal hold, an open
    case (inspection, document check, overstay, unreviewed hit), a confirmed hit,
    protection records the protection policy still keeps, or another app's hold."""
    if not traveller_ids:
        return {}
    ids = list(traveller_ids)
    held: dict[uuid.UUID, str] = {}

    def add(query: Iterable[Any], reason: str) -> None:
        for tid in query:
            held.setdefault(tid, reason)

    protection_cut = _start(cutoffs(as_of)["protection"])
    for chunk in _chunks(ids):
        add(
            _among(LegalHold.objects.filter(lifted_at__isnull=True), "traveller_id", chunk)
            .values_list("traveller_id", flat=True)
            .distinct(),
            "legal hold",
        )
        hits = _among(ScreeningHit.objects.all(), "crossing_id", chunk, of_crossings=True)
        add(
            hits.filter(status=HitStatus.TRUE_MATCH).values_list(
                "crossing__traveller_id", flat=True
            ),
            "confirmed alert hit",
        )
        add(
            hits.filter(status=HitStatus.PENDING).values_list("crossing__traveller_id", flat=True),
            "alert hit awaiting review",
        )
        add(
            FalsePositiveSuppression.objects.filter(
                hit__in=_among(ScreeningHit.objects.all(), "crossing_id", chunk, of_crossings=True)
            ).values_list("hit__crossing__traveller_id", flat=True),
            "a false-positive suppression rests on their hit",
        )
        add(
            _among(
                SecondaryInspection.objects.filter(status=InspectionStatus.OPEN),
                "crossing_id",
                chunk,
                of_crossings=True,
            ).values_list("crossing__traveller_id", flat=True),
            "open secondary inspection",
        )
        add(
            _among(
                DocumentOverride.objects.filter(status=OverrideStatus.OPEN),
                "crossing_id",
                chunk,
                of_crossings=True,
            ).values_list("crossing__traveller_id", flat=True),
            "document check awaiting review",
        )
        add(
            _among(
                OverstayCase.objects.filter(status=OverstayStatus.OPEN),
                "entry_id",
                chunk,
                of_crossings=True,
            ).values_list("entry__traveller_id", flat=True),
            "open overstay case",
        )
        kept_protection = _among(Assessment.objects.all(), "traveller_id", chunk).filter(
            Q(status=AssessmentStatus.OPEN)
            | Q(closed_at__isnull=True)
            | Q(closed_at__gte=protection_cut)
            | Exists(Referral.objects.filter(assessment=OuterRef("pk"), status__in=OPEN_REFERRAL))
        )
        add(
            kept_protection.values_list("traveller_id", flat=True),
            "protection records kept by the protection policy",
        )
        add(
            _among(HouseholdMember.objects.all(), "traveller_id", chunk).values_list(
                "traveller_id", flat=True
            ),
            "registered in a household",
        )
    for source in _hold_sources:
        for tid, reason in source(set(traveller_ids)).items():
            held.setdefault(tid, reason)
    return held


def _chunks(values: list[Any], size: int = _ID_CHUNK) -> Iterator[list[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _sql_values(ids: Iterable[Any], text: bool) -> list[Any]:
    """Ids as the database takes them, adapted once (the ORM's ``__in`` prepares each
    value through the field and the lookup: most of a purge's CPU, decision 0168)."""
    if text:
        return [str(i) for i in ids]
    values = [i if isinstance(i, uuid.UUID) else uuid.UUID(str(i)) for i in ids]
    if connection.vendor == "postgresql":
        return values
    return [v.hex for v in values]  # Django stores UUIDs on SQLite as 32 hex digits


def _among(
    queryset: QuerySet[Any],
    column: str,
    ids: Iterable[Any],
    *,
    text: bool = False,
    of_crossings: bool = False,
) -> QuerySet[Any]:
    """``queryset`` restricted to rows whose ``column`` is one of ``ids``; with
    ``of_crossings``, whose ``column`` names a crossing of one of the persons ``ids``."""
    model_field = next(f for f in queryset.model._meta.concrete_fields if f.column == column)
    target = model_field.target_field if model_field.is_relation else model_field
    if of_crossings or isinstance(target, models.UUIDField):
        values = _sql_values(ids, text)
    else:
        values = list(ids)  # integers and text go as they are
    if not values:
        return queryset.none()
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(values))
    left = f"{quote(queryset.model._meta.db_table)}.{quote(column)}"
    if of_crossings:
        table = quote(Crossing._meta.db_table)
        where = f"{left} IN (SELECT {quote('id')} FROM {table} WHERE {quote('traveller_id')} IN ({marks}))"  # noqa: S608
    else:
        where = f"{left} IN ({marks})"
    return queryset.extra(where=[where], params=values)  # noqa: S610 - placeholders only


# --- deleting one batch -------------------------------------------------------------------


@dataclass
class Deleted:
    """What one deletion removed: rows per kind, and every id the audit log may name."""

    counts: Counter[str] = field(default_factory=Counter)
    persons: int = 0
    crossing_ids: list[str] = field(default_factory=list)
    traveller_ids: list[str] = field(default_factory=list)
    object_ids: list[str] = field(default_factory=list)
    by_model: dict[str, list[str]] = field(default_factory=dict)


def _ids(queryset: QuerySet[Any]) -> list[Any]:
    return list(queryset.values_list("pk", flat=True))


def _delete(
    queryset: QuerySet[Any], kind: Kind | None, deleted: Deleted, *, raw: bool = False
) -> None:
    """Delete the rows, remembering their ids for the audit log.

    ``raw`` skips Django's collector (which loads every row and queries every relation
    to honour ``PROTECT``; most of a purge's time) for rows whose known dependents were
    deleted just before, many-to-many rows included. A dependent this module does not
    know (another app's model) is still caught: the database's foreign keys are checked
    at commit, the batch rolls back and its persons are retried one by one.
    """
    ids = _ids(queryset)
    if not ids:
        return
    deleted.object_ids.extend(str(i) for i in ids)
    model = queryset.model
    deleted.by_model.setdefault(model._meta.label_lower, []).extend(str(i) for i in ids)
    for chunk in _chunks(ids):
        if raw:
            for field in model._meta.many_to_many:
                through: Any = field.remote_field.through
                _among(through.objects.all(), f"{field.m2m_field_name()}_id", chunk)._raw_delete(
                    through.objects.db
                )
            _among(model.objects.all(), model._meta.pk.column, chunk)._raw_delete(model.objects.db)
        else:
            _among(model.objects.all(), model._meta.pk.column, chunk).delete()
    if kind is not None:
        deleted.counts[kind] += len(ids)


def delete_records(
    crossing_ids: list[Any], traveller_ids: list[Any], on: dt.date, *, only_if_empty: bool = False
) -> Deleted:
    """Delete these crossings with what hangs on them, then these persons with their
    documents, visas, permits and closed protection records, and remove the payloads of
    the audit events (and of HQ's copies of posts' events) about any of them.

    ``only_if_empty`` (a post applying HQ's deletions, which may hold a crossing HQ has
    not received yet): keep an entry that an unlisted exit closes, and delete a listed
    person only if no crossing of theirs is left.
    Must run in the caller's transaction; raises ``ProtectedError`` or ``IntegrityError``
    if another record still needs one of these (the caller rolls the batch back).
    """
    deleted = Deleted()
    crossings = [
        c
        for chunk in _chunks(list(crossing_ids))
        for c in _among(Crossing.objects.all(), "id", chunk).values_list("pk", flat=True)
    ]
    if only_if_empty:
        # An entry closed by an exit this post recorded and HQ has not listed stays
        # until HQ lists both (the exit's retention runs from the exit).
        listed = set(crossings)
        needed = {
            c
            for chunk in _chunks(crossings)
            for c in _among(Crossing.objects.all(), "closes_id", chunk).values_list(
                "closes_id", "pk"
            )
        }
        needed = {closes for closes, pk in needed if pk not in listed}
        crossings = [c for c in crossings if c in listed - needed]
    refusals = 0
    for chunk in _chunks(crossings):
        hits = _among(ScreeningHit.objects.all(), "crossing_id", chunk)
        _delete(hits, Kind.SCREENING, deleted, raw=True)
        _delete(
            _among(ScreeningResult.objects.all(), "crossing_id", chunk),
            Kind.SCREENING,
            deleted,
            raw=True,
        )
        _delete(
            _among(Amendment.objects.all(), "crossing_id", chunk), Kind.CROSSINGS, deleted, raw=True
        )
        inspections = _among(SecondaryInspection.objects.all(), "crossing_id", chunk)
        _delete(inspections, Kind.INSPECTIONS, deleted, raw=True)
        overrides = _among(DocumentOverride.objects.all(), "crossing_id", chunk)
        _delete(overrides, Kind.INSPECTIONS, deleted, raw=True)
        kept_images = _among(DocumentImage.objects.all(), "crossing_id", chunk)
        _delete(kept_images, Kind.DOCUMENT_IMAGES, deleted, raw=True)
        cases = _among(OverstayCase.objects.all(), "entry_id", chunk) | _among(
            OverstayCase.objects.all(), "exit_id", chunk
        )
        _delete(cases, Kind.OVERSTAYS, deleted, raw=True)
        _delete_protection(_among(Assessment.objects.all(), "crossing_id", chunk), deleted)
        refusals += (
            _among(Crossing.objects.all(), "id", chunk).filter(decision=Decision.REFUSED).count()
        )
    deleted.counts[Kind.INSPECTIONS] += refusals
    # Exits first: an exit points at the entry it closes.
    for chunk in _chunks(crossings):
        exits = _among(Crossing.objects.filter(closes__isnull=False), "id", chunk)
        _delete(exits, Kind.CROSSINGS, deleted, raw=True)
    for chunk in _chunks(crossings):
        _delete(_among(Crossing.objects.all(), "id", chunk), Kind.CROSSINGS, deleted, raw=True)
    deleted.crossing_ids = [str(c) for c in crossings]
    deleted.counts[Kind.CROSSINGS] -= refusals  # counted once, as refusals
    person_ids: list[Any] = []
    for chunk in _chunks(list(traveller_ids)):
        persons = _among(Traveller.objects.all(), "id", chunk)
        if only_if_empty:
            persons = persons.exclude(Exists(Crossing.objects.filter(traveller=OuterRef("pk"))))
        person_ids.extend(persons.values_list("pk", flat=True))
    for chunk in _chunks(person_ids):
        _delete(_among(Visa.objects.all(), "traveller_id", chunk), Kind.DOCUMENTS, deleted)
        _delete(_among(Permit.objects.all(), "traveller_id", chunk), Kind.DOCUMENTS, deleted)
        _delete_protection(_among(Assessment.objects.all(), "traveller_id", chunk), deleted)
        _delete(
            _among(TravelDocument.objects.all(), "traveller_id", chunk),
            Kind.DOCUMENTS,
            deleted,
            raw=True,
        )
        # Corrections of the person (field-level, decision 0105) with what they changed
        # and the conflicts they left: they hold the person's values too.
        for model in (CorrectionConflict, TravellerChange, TravellerCorrection):
            _delete(
                _among(model.objects.all(), "traveller_id", chunk),
                Kind.CROSSINGS,
                deleted,
                raw=True,
            )
        _among(HeldTraveller.objects.all(), "traveller_id", chunk)._raw_delete(
            HeldTraveller.objects.db
        )
        _delete(_among(Traveller.objects.all(), "id", chunk), Kind.CROSSINGS, deleted, raw=True)
    deleted.persons = len(person_ids)
    deleted.traveller_ids = [str(t) for t in person_ids]
    deleted.counts[Kind.AUDIT] += purge_audit_payloads(deleted.object_ids, on)
    # A post's outbox rows already sent about them (decision 0167); none at HQ.
    scrub.scrub_outbox(deleted.by_model, on)
    return deleted


def _delete_protection(assessments: QuerySet[Any], deleted: Deleted) -> None:
    ids = _ids(assessments)
    if not ids:
        return
    for chunk in _chunks(ids):
        referrals = _among(Referral.objects.all(), "assessment_id", chunk)
        _delete(referrals, Kind.PROTECTION, deleted)  # events and notes cascade
    for chunk in _chunks(ids):
        _delete(_among(Assessment.objects.all(), "id", chunk), Kind.PROTECTION, deleted)


def purge_audit_payloads(object_ids: list[str], on: dt.date) -> int:
    """Remove the payloads of this installation's audit events, and of HQ's copies of
    the posts' events, about these objects (decision 0120)."""
    removed = 0
    for chunk in _chunks(object_ids):
        removed += audit.purge_payloads(
            _among(AuditEvent.objects.all(), "object_id", chunk, text=True), on
        )
        audit.purge_payloads(
            _among(NodeAuditEvent.objects.all(), "object_id", chunk, text=True),
            on,
        )
    return removed


# --- the purge ------------------------------------------------------------------------------


@dataclass
class PurgeResult:
    run: PurgeRun | None
    as_of: dt.date
    dry_run: bool
    counts: Counter[str] = field(default_factory=Counter)
    persons: int = 0
    held: dict[str, int] = field(default_factory=dict)
    blocked: dict[str, str] = field(default_factory=dict)
    warned: int = 0
    passenger_lists: int = 0
    batches_scrubbed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "dry_run": self.dry_run,
            "counts": dict(sorted(self.counts.items())),
            "persons": self.persons,
            "held": self.held,
            "blocked": self.blocked,
            "due_within_warning": self.warned,
        }


def _candidates(as_of: dt.date, cutoff: dt.datetime) -> dict[uuid.UUID, list[uuid.UUID]]:
    """Due crossings by person, in the persons' key order (a resumed run meets the same)."""
    by_person: dict[uuid.UUID, list[uuid.UUID]] = {}
    rows = (
        due_crossings(as_of, recorded_before=cutoff)
        .order_by("traveller_id", "id")
        .values_list("traveller_id", "id")
    )
    for tid, cid in rows.iterator(chunk_size=5000):
        by_person.setdefault(tid, []).append(cid)
    return by_person


def _whole_persons(persons: list[uuid.UUID], due: dict[uuid.UUID, list[uuid.UUID]]) -> set[Any]:
    """Persons all of whose crossings are due: they go with them."""
    counts: dict[Any, int] = {}
    for chunk in _chunks(persons):
        rows = (
            _among(Crossing.objects.all(), "traveller_id", chunk)
            .values("traveller_id")
            .annotate(n=Count("pk"))
            .values_list("traveller_id", "n")
        )
        counts.update(rows)
    return {p for p in persons if counts.get(p, 0) <= len(due[p])}


def purge(
    actor: User | None,
    as_of: dt.date | None = None,
    *,
    dry_run: bool = False,
    batch_persons: int = BATCH_PERSONS,
    progress: Callable[[int, int], None] | None = None,
    settle: int | None = None,
) -> PurgeResult:
    """Delete what the schedule says is due on ``as_of`` (today), person by person.

    ``dry_run`` changes nothing and says what would go. Each batch of persons commits on
    its own (with its audit event and its ``Deletion`` for the posts); an interrupted
    run is marked so by the next, which goes on from what is left.
    """
    as_of = as_of or timezone.localdate()
    now = timezone.now()
    result = PurgeResult(None, as_of, dry_run)
    if not dry_run:
        statistics.refresh(actor, settle=settle)
    settle_s = statistics.settle_seconds() if settle is None else settle
    cutoff = now - dt.timedelta(seconds=settle_s)
    due = _candidates(as_of, cutoff)
    held = holds(set(due), as_of)
    result.held = dict(Counter(held.values()))
    result.warned = due_soon(as_of).count()
    persons = [p for p in due if p not in held]
    if dry_run:
        whole = _whole_persons(persons, due)
        result.persons = len(whole)
        crossing_ids = [c for p in persons for c in due[p]]
        result.counts = _would_delete(crossing_ids, list(whole))
        result.passenger_lists = passengers.purge(actor, now=_start(as_of), dry_run=True).persons
        result.counts[Kind.PASSENGER_LISTS] = result.passenger_lists
        result.counts[Kind.DOCUMENT_IMAGES] += due_document_images(as_of).count()
        return result
    run = _open_run(actor, as_of, now)
    result.run = run
    frozen = _frozen_until(due)
    if frozen is not None:
        statistics.freeze_before(actor, frozen)
    done = 0
    for batch in _chunks(persons, batch_persons):
        _purge_batch(run, batch, due, as_of, result)
        done += len(batch)
        if progress:
            progress(done, len(persons))
    with transaction.atomic():
        lists = passengers.purge(actor, now=_start(as_of))
        result.counts[Kind.PASSENGER_LISTS] += lists.persons
        images = purge_document_images(as_of)
        result.counts[Kind.DOCUMENT_IMAGES] += images.counts[Kind.DOCUMENT_IMAGES]
        stale = purge_stale_audit_payloads(as_of)
        result.counts[Kind.AUDIT] += stale + images.counts[Kind.AUDIT]
        result.batches_scrubbed = scrub_history(as_of)
        run = PurgeRun.objects.select_for_update().get(pk=run.pk)
        counts = Counter(run.counts)
        counts[Kind.PASSENGER_LISTS] += lists.persons
        counts[Kind.DOCUMENT_IMAGES] += images.counts[Kind.DOCUMENT_IMAGES]
        counts[Kind.AUDIT] += stale + images.counts[Kind.AUDIT]
        run.counts = dict(counts)
        run.held = len(held)
        run.status = PurgeRun.Status.FINISHED
        run.finished_at = timezone.now()
        run.save()
        audit.record(
            actor,
            AuditAction.RETENTION_PURGED,
            obj=run,
            details={**result.as_dict(), "finished": True},
            message=f"retention purge as of {as_of}: {run.total} records, {run.persons} persons",
        )
    result.counts = Counter(run.counts)
    result.persons = run.persons
    return result


def _would_delete(crossing_ids: list[Any], persons: list[Any]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for chunk in _chunks(crossing_ids):
        counts[Kind.CROSSINGS] += len(chunk)
        counts[Kind.SCREENING] += ScreeningHit.objects.filter(crossing_id__in=chunk).count()
        counts[Kind.SCREENING] += ScreeningResult.objects.filter(crossing_id__in=chunk).count()
        counts[Kind.INSPECTIONS] += SecondaryInspection.objects.filter(
            crossing_id__in=chunk
        ).count()
        counts[Kind.OVERSTAYS] += OverstayCase.objects.filter(entry_id__in=chunk).count()
    for chunk in _chunks(persons):
        counts[Kind.CROSSINGS] += len(chunk)
        counts[Kind.DOCUMENTS] += TravelDocument.objects.filter(traveller_id__in=chunk).count()
    return counts


def _open_run(actor: User | None, as_of: dt.date, now: dt.datetime) -> PurgeRun:
    """A new run; one left running (killed) is marked interrupted and resumed by it."""
    with transaction.atomic():
        previous = (
            PurgeRun.objects.select_for_update()
            .filter(status=PurgeRun.Status.RUNNING, dry_run=False)
            .order_by("-started_at")
            .first()
        )
        if previous is not None:
            PurgeRun.objects.filter(status=PurgeRun.Status.RUNNING).update(
                status=PurgeRun.Status.INTERRUPTED
            )
        run = PurgeRun.objects.create(
            as_of=as_of, started_at=now, actor=actor, resumes=previous, counts={}
        )
        audit.record(
            actor,
            AuditAction.RETENTION_PURGED,
            obj=run,
            details={"as_of": as_of.isoformat(), "started": True, "resumes": previous},
            message=f"retention purge as of {as_of} started"
            + (
                f", resuming the interrupted run of {previous.started_at:%Y-%m-%d}"
                if previous
                else ""
            ),
        )
    return run


def _frozen_until(due: dict[uuid.UUID, list[uuid.UUID]]) -> dt.date | None:
    """The first day of the month after the last crossing due: counts before it are final."""
    latest = None
    ids = [c for cs in due.values() for c in cs]
    for chunk in _chunks(ids, 20_000):
        top = _among(Crossing.objects.all(), "id", chunk).aggregate(m=Max("at"))["m"]
        if top is not None and (latest is None or top > latest):
            latest = top
    if latest is None:
        return None
    day = timezone.localdate(latest)
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def _purge_batch(
    run: PurgeRun,
    persons: list[uuid.UUID],
    due: dict[uuid.UUID, list[uuid.UUID]],
    as_of: dt.date,
    result: PurgeResult,
) -> None:
    """One transaction: these persons' due records, whole persons, or none of them.
    A person another record still needs is retried alone and reported blocked."""
    try:
        _delete_batch(run, persons, due, as_of, result)
    except (ProtectedError, RestrictedError, IntegrityError):
        for person in persons:
            try:
                _delete_batch(run, [person], due, as_of, result)
            except (ProtectedError, RestrictedError, IntegrityError) as exc:
                result.blocked[str(person)] = str(exc)[:200]
                PurgeRun.objects.filter(pk=run.pk).update(blocked=len(result.blocked))


def _delete_batch(
    run: PurgeRun,
    persons: list[uuid.UUID],
    due: dict[uuid.UUID, list[uuid.UUID]],
    as_of: dt.date,
    result: PurgeResult,
) -> None:
    with transaction.atomic():
        # Persons whose records changed since the plan (a crossing recorded, a hold
        # placed) are checked again inside the transaction.
        now_held = holds(set(persons), as_of)
        persons = [p for p in persons if p not in now_held]
        whole = _whole_persons(persons, due)
        crossing_ids = [c for p in persons for c in due[p]]
        deleted = delete_records(crossing_ids, list(whole), as_of)
        if not deleted.crossing_ids and not deleted.traveller_ids:
            return
        _log_deletion(Deletion.Reason.RETENTION, deleted, run)
        locked = PurgeRun.objects.select_for_update().get(pk=run.pk)
        counts = Counter(locked.counts)
        counts.update(deleted.counts)
        locked.counts = {k: v for k, v in counts.items() if v}
        locked.persons += deleted.persons
        locked.save(update_fields=["counts", "persons"])
        audit.record(
            run.actor,
            AuditAction.RETENTION_PURGED,
            obj=locked,
            details={
                "batch": dict(deleted.counts),
                "persons": deleted.persons,
                "crossings": len(deleted.crossing_ids),
            },
            message=f"retention purge: {len(deleted.crossing_ids)} crossings, "
            f"{deleted.persons} persons",
        )


def _log_deletion(reason: str, deleted: Deleted, run: PurgeRun | None) -> Deletion:
    """The message HQ sends to posts: ids as HQ holds them and as the posts sent them."""
    crossings = set(deleted.crossing_ids)
    travellers = set(deleted.traveller_ids)
    for model, ids in (("crossings.crossing", crossings), ("travellers.traveller", travellers)):
        for chunk in _chunks(sorted(ids)):
            ids.update(
                _among(
                    SyncAlias.objects.filter(model=model), "local_id", chunk, text=True
                ).values_list("remote_id", flat=True)
            )
    objects = set(deleted.object_ids)
    # Documents are the other records a post's may be linked to at HQ (decision 0105).
    documents = deleted.by_model.get("travellers.traveldocument", [])
    for chunk in _chunks(sorted(documents)):
        objects.update(
            _among(
                SyncAlias.objects.filter(model="travellers.traveldocument"),
                "local_id",
                chunk,
                text=True,
            ).values_list("remote_id", flat=True)
        )
    return Deletion.objects.create(
        at=timezone.now(),
        reason=reason,
        purge_run=run,
        crossings=sorted(crossings),
        travellers=sorted(travellers),
        objects_deleted=sorted(str(o) for o in objects - crossings - travellers),
    )


def due_document_images(as_of: dt.date) -> QuerySet[Any]:
    """Kept images of data pages older than their period (``document_images_days``)."""
    return DocumentImage.objects.filter(taken_at__lt=_start(cutoffs(as_of)["document_images"]))


def purge_document_images(as_of: dt.date) -> Deleted:
    """Delete the kept images whose period is over, with their audit events' payloads
    (the crossing stays: an image's period is shorter). Runs in the caller's transaction."""
    deleted = Deleted()
    _delete(due_document_images(as_of), Kind.DOCUMENT_IMAGES, deleted)
    if deleted.object_ids:
        deleted.counts[Kind.AUDIT] += purge_audit_payloads(deleted.object_ids, as_of)
    return deleted


@transaction.atomic
def purge_images(actor: User | None, as_of: dt.date) -> int:
    """``passage retention purge-images``: the kept images past their period, audited
    (at a post, where the images are; HQ's purge does the same in its run)."""
    deleted = purge_document_images(as_of)
    n = deleted.counts[Kind.DOCUMENT_IMAGES]
    if n:
        audit.record(
            actor,
            AuditAction.RETENTION_PURGED,
            object_type="crossings.documentimage",
            details={"counts": {k: v for k, v in deleted.counts.items() if v}},
            message=f"{n} document images past their period",
        )
    return n


def scrub_history(on: dt.date) -> int:
    """Scrub HQ's stored batches (``InboxReceipt.body``) and the identity run's stored
    rows of the records every deletion not yet scrubbed removed, then mark those
    deletions scrubbed (decision 0167). Runs
    in the caller's transaction; an interrupted run leaves them for the next."""
    pending = Deletion.objects.select_for_update().filter(history_scrubbed=False)
    seqs = list(pending.values_list("seq", flat=True))
    if not seqs:
        return 0
    ids: set[str] = set()
    for chunk in _chunks(seqs):
        for crossings, travellers, objects in Deletion.objects.filter(seq__in=chunk).values_list(
            "crossings", "travellers", "objects_deleted"
        ):
            ids.update(crossings, travellers, objects)
    rewritten = scrub.scrub_inbox(ids, on) if scrub.stored_batches() else 0
    # The identity run's stored rows hold the documents too (decision 0181).
    identity.forget_documents(ids)
    for chunk in _chunks(seqs):
        Deletion.objects.filter(seq__in=chunk).update(history_scrubbed=True)
    return rewritten


def purge_stale_audit_payloads(as_of: dt.date) -> int:
    """Payloads of audit events older than the audit period (sign-ins, searches, exports).
    Runs in the caller's transaction."""
    cut = _start(cutoffs(as_of)["audit"])
    removed = audit.purge_payloads(AuditEvent.objects.filter(at__lt=cut), as_of)
    audit.purge_payloads(NodeAuditEvent.objects.filter(at__lt=cut), as_of)  # type: ignore[arg-type]
    return removed


def purged_counts(start: dt.date, end: dt.date) -> Counter[str]:
    """Records purged per kind by the runs that started in [start, end): what the
    transparency report publishes as "records purged". Erasures are not included."""
    counts: Counter[str] = Counter()
    runs = PurgeRun.objects.filter(
        dry_run=False, started_at__gte=_start(start), started_at__lt=_start(end)
    )
    for run in runs:
        counts.update({k: int(v) for k, v in run.counts.items()})
    return counts


# --- erasure ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Erased:
    traveller_id: str
    counts: dict[str, int]
    deletion: int


def erase_person(
    actor: User | None, traveller_id: uuid.UUID | str, *, reason: str, reference: str = ""
) -> Erased:
    """Erase everything held on one person, as a purge would, at once (GDPR art. 17).

    The one function the data-subject requests call once an erasure is decided: it
    deletes the person, their documents, visas, permits, crossings with their screening,
    inspections and overstay cases, removes the payloads of the audit events about them
    (the chain still verifies, decision 0120), records one ``person_erased`` event with
    ``reason`` and ``reference`` (the request), and queues a ``Deletion`` that every post
    applies on its next sync (decision 0122). Runs in one transaction.

    Raises ``ProblemError`` naming ``traveller`` when the person does not exist or is
    kept: a legal hold, an open case, a confirmed hit, protection records, another
    app's hold — the DPO decides those first. ``reason`` is required.
    """
    problems: dict[str, str] = {}
    if not reason.strip():
        problems["reason"] = "say why the person's records are erased"
    try:
        tid = uuid.UUID(str(traveller_id))
    except ValueError:
        problems["traveller"] = "not a traveller id"
        raise ProblemError(problems) from None
    if problems:
        raise ProblemError(problems)
    today = timezone.localdate()
    with transaction.atomic():
        person = Traveller.objects.select_for_update().filter(pk=tid).first()
        if person is None:
            raise ProblemError({"traveller": "no such traveller"})
        held = holds({tid}, today)
        if tid in held:
            raise ProblemError({"traveller": f"kept: {held[tid]}"})
        crossings = _ids(Crossing.objects.filter(traveller_id=tid))
        try:
            deleted = delete_records(crossings, [tid], today)
        except (ProtectedError, RestrictedError) as exc:
            raise ProblemError({"traveller": f"another record still needs it: {exc}"}) from exc
        deletion = _log_deletion(Deletion.Reason.ERASURE, deleted, None)
        scrub_history(today)
        counts = {k: v for k, v in deleted.counts.items() if v}
        audit.record(
            actor,
            AuditAction.PERSON_ERASED,
            object_type="travellers.traveller",
            object_id=str(tid),
            details={"counts": counts, "deletion": deletion.seq, "reference": reference},
            message=reason.strip(),
        )
    return Erased(str(tid), counts, deletion.seq)


# --- at a post: HQ's deletions ------------------------------------------------------------------


def apply_deletions(actor: User | None, messages: list[dict[str, Any]]) -> int:
    """Apply HQ's deletion messages at a post, in the caller's transaction: the listed
    crossings go, then each listed person left with none (a crossing HQ has not received
    yet keeps its person). Idempotent: what is already gone is skipped. Returns rows."""
    total = 0
    today = timezone.localdate()
    for message in messages:
        crossings = [uuid.UUID(c) for c in message.get("crossings", [])]
        travellers = [uuid.UUID(t) for t in message.get("travellers", [])]
        # Persons of the listed crossings may be known here under the post's own ids.
        for chunk in _chunks(crossings):
            travellers.extend(
                _among(Crossing.objects.all(), "id", chunk).values_list("traveller_id", flat=True)
            )
        deleted = delete_records(crossings, sorted(set(travellers)), today, only_if_empty=True)
        rows = sum(v for k, v in deleted.counts.items() if k != Kind.AUDIT)
        total += rows
        if rows:
            audit.record(
                actor,
                AuditAction.DELETIONS_APPLIED,
                object_type="retention.deletion",
                object_id=str(message.get("seq", "")),
                details={
                    "reason": message.get("reason", ""),
                    "counts": {k: v for k, v in deleted.counts.items() if v},
                    "persons": deleted.persons,
                },
                message=f"deletion #{message.get('seq')} from headquarters applied",
            )
    # Kept document images stay at the post (not synchronised): their own period is
    # applied here, each time the post applies HQ's deletions (docs/retention.md).
    return total + purge_images(actor, today)


# --- legal holds --------------------------------------------------------------------------------


def place_hold(
    actor: User | None, traveller_id: uuid.UUID | str, *, reason: str, reference: str = ""
) -> LegalHold:
    """Keep a person's records past their retention until the hold is lifted."""
    problems = {}
    if not reason.strip():
        problems["reason"] = "say why the records are held"
    try:
        tid = uuid.UUID(str(traveller_id))
    except ValueError:
        problems["traveller"] = "not a traveller id"
        tid = None
    if tid is not None and not Traveller.objects.filter(pk=tid).exists():
        problems["traveller"] = "no such traveller"
    if problems or tid is None:
        raise ProblemError(problems)
    with transaction.atomic():
        hold = LegalHold.objects.create(
            traveller_id=tid,
            reason=reason.strip()[:300],
            reference=reference.strip()[:100],
            placed_by=actor,
            placed_at=timezone.now(),
        )
        audit.record(actor, AuditAction.LEGAL_HOLD_PLACED, obj=hold, message=hold.reason)
    return hold


def lift_hold(actor: User | None, hold: LegalHold, *, reason: str) -> LegalHold:
    if not reason.strip():
        raise ProblemError({"reason": "say why the hold is lifted"})
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if hold.lifted_at is None:
            hold.lifted_at = timezone.now()
            hold.save(update_fields=["lifted_at"])
            audit.record(actor, AuditAction.LEGAL_HOLD_LIFTED, obj=hold, message=reason.strip())
    return hold


def next_purge_dates(as_of: dt.date) -> dict[str, dt.date | None]:
    """Per kind, the first day on which a record now held becomes due (None: nothing)."""
    c = cutoffs(as_of)
    crossings = Crossing.objects.exclude(pk__in=due_crossings(as_of).values("pk"))
    first_exit = (
        crossings.filter(direction=Direction.EXIT)
        .order_by("at")
        .values_list("at", flat=True)
        .first()
    )
    first_refusal = (
        crossings.filter(decision=Decision.REFUSED)
        .order_by("at")
        .values_list("at", flat=True)
        .first()
    )
    first_stay = (
        crossings.filter(
            direction=Direction.ENTRY, closed_by__isnull=True, authorised_until__isnull=False
        )
        .exclude(decision=Decision.REFUSED)
        .order_by("authorised_until")
        .values_list("authorised_until", flat=True)
        .first()
    )
    first_open = (
        crossings.filter(
            direction=Direction.ENTRY, closed_by__isnull=True, authorised_until__isnull=True
        )
        .exclude(decision=Decision.REFUSED)
        .order_by("at")
        .values_list("at", flat=True)
        .first()
    )
    first_family = (
        crossings.filter(direction=Direction.EXIT)
        .filter(Q(eu_family_of__gt="") | Q(closes__eu_family_of__gt=""))
        .order_by("at")
        .values_list("at", flat=True)
        .first()
    )
    day = dt.timedelta(days=1)
    candidates = []
    if first_family is not None:
        candidates.append(timezone.localdate(first_family) + (as_of - c["family"]) + day)
    if first_exit is not None:
        candidates.append(timezone.localdate(first_exit) + (as_of - c["exit"]) + day)
    if first_refusal is not None:
        candidates.append(timezone.localdate(first_refusal) + (as_of - c["refusal"]) + day)
    if first_stay is not None:
        candidates.append(first_stay + (as_of - c["stay"]) + day)
    if first_open is not None:
        candidates.append(timezone.localdate(first_open) + (as_of - c["stay"]) + day)
    crossing_day = max(min(candidates), as_of) if candidates else None
    protection = (
        Assessment.objects.filter(closed_at__isnull=False)
        .order_by("closed_at")
        .values_list("closed_at", flat=True)
        .first()
    )
    audit_first = (
        AuditEvent.objects.filter(purged_on__isnull=True)
        .order_by("seq")
        .values_list("at", flat=True)
        .first()
    )
    arrival = (
        PassengerList.objects.filter(purged_at__isnull=True, scheduled_arrival__isnull=False)
        .order_by("scheduled_arrival")
        .values_list("scheduled_arrival", flat=True)
        .first()
    )
    hours = dt.timedelta(hours=settings.PASSAGE_PASSENGER_LIST_RETENTION)
    return {
        Kind.CROSSINGS: crossing_day,
        Kind.DOCUMENTS: crossing_day,
        Kind.SCREENING: crossing_day,
        Kind.INSPECTIONS: crossing_day,
        Kind.OVERSTAYS: crossing_day,
        Kind.PROTECTION: (
            max(timezone.localdate(protection) + (as_of - c["protection"]), as_of)
            if protection
            else None
        ),
        Kind.PASSENGER_LISTS: (
            max(timezone.localdate(arrival + hours) + dt.timedelta(days=1), as_of)
            if arrival
            else None
        ),
        Kind.DOCUMENT_IMAGES: (
            max(timezone.localdate(image) + (as_of - c["document_images"]), as_of)
            if (
                image := DocumentImage.objects.order_by("taken_at")
                .values_list("taken_at", flat=True)
                .first()
            )
            else None
        ),
        Kind.AUDIT: (
            max(timezone.localdate(audit_first) + (as_of - c["audit"]), as_of)
            if audit_first
            else None
        ),
    }
