"""Every write of the oversight app: atomic and audited in the same transaction."""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import User
from passage.core.freetext import text_problem
from passage.core.problems import ProblemError
from passage.reference.models import BorderCrossingPoint

from . import reviews
from .models import AccessReview, WorkingHours

NOTE_MAX = 1000
WEEKDAYS = re.compile(r"^[1-7]{1,7}$")


def record_review_viewed(
    actor: User, subject: User, start: dt.date, end: dt.date, reads: int
) -> None:
    """The officer was shown ``subject``'s reads: itself a read of personal data."""
    audit.record_now(
        actor,
        AuditAction.READ,
        obj=subject,
        details={"start": start, "end": end, "reads": reads},
        message="access review: the user's reads shown",
    )


def sign_off(actor: User, subject: User, start: dt.date, end: dt.date, note: str) -> AccessReview:
    """Sign off the review of ``subject``'s reads from ``start`` to ``end``, with a note.

    The counts are worked out again here, so the record says what the period held when
    it was signed, whatever the page showed earlier."""
    note = (note or "").strip()
    if not note:
        raise ProblemError({"note": "say what was checked and found"})
    if problem := text_problem(note, NOTE_MAX, multiline=True):
        raise ProblemError({"note": problem})
    if actor.pk == subject.pk:
        raise ProblemError({"user": "nobody signs off the review of their own reads"})
    found = reviews.review(subject, start, end, actor)
    with transaction.atomic():
        signed = AccessReview.objects.create(
            subject=subject,
            subject_name=subject.get_username(),
            start=start,
            end=end,
            reads=len(found.reads),
            flags=found.counts,
            note=note,
            signed_by=actor,
            signed_by_name=actor.get_username(),
            signed_at=timezone.now(),
        )
        audit.record(
            actor,
            AuditAction.REVIEW_SIGNED,
            obj=signed,
            details={
                "user": subject.get_username(),
                "start": start,
                "end": end,
                "reads": signed.reads,
                "flags": signed.flags,
            },
            message="access review signed off (with a note)",
        )
    return signed


def set_working_hours(
    actor: User | None,
    weekdays: str,
    start: dt.time,
    end: dt.time,
    *,
    user: User | None = None,
    crossing_point: BorderCrossingPoint | None = None,
) -> WorkingHours:
    """Give one user, or everyone at one post, working hours, replacing any they had."""
    if (user is None) == (crossing_point is None):
        raise ProblemError({"user": "name either a user or a crossing point"})
    weekdays = "".join(sorted(set(weekdays or "")))
    if not WEEKDAYS.match(weekdays):
        raise ProblemError({"weekdays": "ISO weekday numbers, 1 (Monday) to 7 (Sunday)"})
    if start == end:
        raise ProblemError({"end": "the same as the start: no hours at all"})
    owner = {"user": user} if user is not None else {"crossing_point": crossing_point}
    with transaction.atomic():
        before = [str(h) for h in WorkingHours.objects.filter(**owner)]
        WorkingHours.objects.filter(**owner).delete()
        hours = WorkingHours.objects.create(weekdays=weekdays, start=start, end=end, **owner)
        audit.record(
            actor,
            AuditAction.WORKING_HOURS_SET,
            obj=user or crossing_point,
            before={"hours": before},
            after={"weekdays": weekdays, "start": start, "end": end},
            message="working hours set",
        )
    return hours


def record_transparency(actor: User | None, year: int, form: str) -> None:
    """The report was produced (shown on the page, exported or written by the command)."""
    audit.record_now(
        actor,
        AuditAction.TRANSPARENCY_PUBLISHED,
        object_type="oversight.transparency",
        object_id=str(year),
        details={"year": year, "format": form},
        message=f"transparency report {year} produced ({form})",
    )
