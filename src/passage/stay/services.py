"""Writes of the stay app: visas, permits, overstay detection and review. All audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent, User
from passage.core.problems import ProblemError
from passage.crossings.choices import Decision, Direction
from passage.crossings.models import Crossing, SecondaryInspection

from .choices import OverstayStatus
from .models import OverstayCase, Permit, Visa


def _clean(obj: Visa | Permit) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise ProblemError.from_messages(exc.message_dict) from exc


@transaction.atomic
def record_visa(actor: User | None, **fields: Any) -> Visa:
    visa = Visa(created_by=actor, **fields)
    _clean(visa)
    if visa.valid_until < visa.valid_from:
        raise ProblemError({"valid_until": "before valid_from"})
    if visa.entries_allowed is not None and visa.entries_allowed not in (1, 2):
        raise ProblemError({"entries_allowed": "1, 2, or empty for multiple"})
    visa.save()
    audit.record(actor, AuditAction.CREATE, obj=visa, after=audit.snapshot(visa))
    return visa


@transaction.atomic
def record_permit(actor: User | None, **fields: Any) -> Permit:
    permit = Permit(created_by=actor, **fields)
    _clean(permit)
    if permit.valid_until < permit.valid_from:
        raise ProblemError({"valid_until": "before valid_from"})
    permit.save()
    audit.record(actor, AuditAction.CREATE, obj=permit, after=audit.snapshot(permit))
    return permit


@dataclass(frozen=True)
class DetectionReport:
    new_cases: int
    open_cases: int
    closed_cases: int


def overstaying_entries(on: dt.date, *, without_case: bool = False) -> Any:
    """Admitted entries whose authorised stay ended before ``on`` and that no exit closed,
    as ``(id, last day of the authorised stay)`` rows; ``without_case``: only those no
    overstay case holds yet."""
    # NOT EXISTS rather than LEFT JOIN … IS NULL: PostgreSQL then plans an anti-join over
    # the millions of past entries whatever its row estimates say (with the join it chose
    # an index probe per entry and took minutes at 10 million crossings).
    entries = Crossing.objects.filter(
        ~Exists(Crossing.objects.filter(closes=OuterRef("pk"))), direction=Direction.ENTRY
    )
    if without_case:
        entries = entries.filter(~Exists(OverstayCase.objects.filter(entry=OuterRef("pk"))))
    admitted = entries.filter(decision=Decision.ADMITTED, authorised_until__lt=on).annotate(
        until=F("authorised_until")
    )
    # An entry admitted after secondary inspection has its authorised stay on the
    # inspection (the crossing itself is never changed; rows written before that rule
    # kept it on the crossing). A separate query, so the common case stays a plain scan.
    inspected_until = SecondaryInspection.objects.filter(
        crossing=OuterRef("pk"), outcome=Decision.ADMITTED
    ).values("authorised_until")[:1]
    inspected = (
        entries.filter(decision=Decision.SECONDARY)
        .annotate(until=Coalesce(Subquery(inspected_until), F("authorised_until")))
        .filter(until__lt=on)
    )
    return admitted.values_list("pk", "until").union(inspected.values_list("pk", "until"), all=True)


def detect_overstays(
    actor: User | None = None, on: dt.date | None = None, batch: int = 5000
) -> DetectionReport:
    """Open a case for every overstaying entry not yet known; close cases whose exit came.

    Runs as a scheduled job (``passage overstays``); safe to repeat: an entry has at
    most one case (a unique key), so a second run or a concurrent one adds nothing.
    """
    on = on or timezone.localdate()
    candidates = overstaying_entries(on, without_case=True)
    new = 0
    pending: list[OverstayCase] = []
    for pk, until in candidates.iterator(chunk_size=batch):
        pending.append(OverstayCase(entry_id=pk, authorised_until=until))
        if len(pending) >= batch:
            new += _open_cases(actor, pending)
            pending = []
    if pending:
        new += _open_cases(actor, pending)
    if new and connection.vendor == "postgresql":
        # Thousands of cases opened at once leave the planner's statistics saying the
        # table is empty until autovacuum comes by; the next run's anti-join then took
        # 61 s instead of 13 s at 10 million crossings. Analysing a table this size is
        # quick.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(OverstayCase._meta.db_table)}")
    closed = close_cases_with_exits(actor)
    open_count = OverstayCase.objects.filter(
        status__in=[OverstayStatus.OPEN, OverstayStatus.CONFIRMED]
    ).count()
    report = DetectionReport(new, open_count, closed)
    with transaction.atomic():
        # Every run, even one that finds nothing: the overstay page says when it last ran.
        audit.record(
            actor,
            AuditAction.CREATE,
            object_type=REPORT_OBJECT,
            details={"on": on.isoformat(), "new": new, "closed": closed, "open": open_count},
            message=f"overstay report for {on}: {new} new, {closed} closed, {open_count} open",
        )
    return report


REPORT_OBJECT = "stay.overstayreport"


def last_report_run() -> dt.datetime | None:
    """When the overstay report (``passage overstays``) last ran, from its audit event."""
    return (
        AuditEvent.objects.filter(object_type=REPORT_OBJECT)
        .order_by("-seq")
        .values_list("at", flat=True)
        .first()
    )


@transaction.atomic
def _open_cases(actor: User | None, cases: list[OverstayCase]) -> int:
    """Insert the cases; one a concurrent run opened first is skipped. Returns how many
    this run opened: the rows holding its own ids (bulk_create returns every object
    given, inserted or not)."""
    OverstayCase.objects.bulk_create(cases, ignore_conflicts=True)
    opened = [
        str(entry)
        for entry in OverstayCase.objects.filter(pk__in=[c.pk for c in cases]).values_list(
            "entry_id", flat=True
        )
    ]
    if opened:
        audit.record(
            actor,
            AuditAction.CREATE,
            object_type="stay.overstaycase",
            details={"cases": len(opened), "entries": opened[:50]},
            message=f"{len(opened)} overstay case(s) opened by the overstay report",
        )
    return len(opened)


def close_cases_with_exits(actor: User | None = None) -> int:
    """Close open or confirmed cases whose entry an exit has since closed."""
    closed = 0
    stale = OverstayCase.objects.filter(
        status__in=[OverstayStatus.OPEN, OverstayStatus.CONFIRMED], entry__closed_by__isnull=False
    ).select_related("entry__closed_by")
    for case in stale:
        close_case(actor, case, case.entry.closed_by)
        closed += 1
    return closed


@transaction.atomic
def close_on_exit(actor: User | None, crossing: Any, data: Any, closes: Any) -> None:
    """An exit recorded after an overstay was detected closes the case; registered with
    the counter (``crossings.checks``), so it runs in the exit's own transaction."""
    if closes is None:
        return
    case = OverstayCase.objects.filter(
        entry=closes, status__in=[OverstayStatus.OPEN, OverstayStatus.CONFIRMED]
    ).first()
    if case is not None:
        close_case(actor, case, crossing)


def close_case(actor: User | None, case: OverstayCase, exit_crossing: Any) -> OverstayCase:
    exit_day = timezone.localdate(exit_crossing.at)
    case.status = OverstayStatus.CLOSED
    case.exit = exit_crossing
    case.overstay_days = max(0, (exit_day - case.authorised_until).days)
    case.save(update_fields=["status", "exit", "overstay_days"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        obj=case,
        after={
            "status": case.status,
            "exit": str(exit_crossing.pk),
            "overstay_days": case.overstay_days,
        },
        message="closed by the exit recorded later",
    )
    return case


@transaction.atomic
def review_case(
    actor: User | None, case: OverstayCase, *, confirm: bool, note: str
) -> OverstayCase:
    """An officer confirms or dismisses a detected overstay; the note is required."""
    case = OverstayCase.objects.select_for_update().get(pk=case.pk)
    if not note.strip():
        raise ProblemError({"note": "say what was checked"})
    if case.status not in (OverstayStatus.OPEN, OverstayStatus.CONFIRMED):
        raise ProblemError({"status": f"the case is {case.get_status_display().lower()}"})
    before = {"status": case.status}
    case.status = OverstayStatus.CONFIRMED if confirm else OverstayStatus.DISMISSED
    case.reviewed_by = actor
    case.reviewed_at = timezone.now()
    case.review_note = note.strip()
    case.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    audit.record(
        actor,
        AuditAction.DECIDE,
        obj=case,
        before=before,
        after={"status": case.status},
        message=case.review_note,
    )
    return case
