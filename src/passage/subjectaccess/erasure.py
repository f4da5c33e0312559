"""Erasure of one person's data, when an erasure request is granted.

STAND-IN. The retention work (issue #22, ``passage retention purge``) builds the purge and
will expose one erasure function that removes a person's data exactly as a purge does,
keeping the audit chain verifiable and reaching the posts through sync. Until it lands on
main, ``erase_person`` below is the one place this app erases through: when theirs
arrives, ``erase_person`` calls it and nothing else here changes.

What the stand-in does (and no more): the person's identifying fields are blanked
(names in both scripts, day and month of birth, sex), their documents lose number, MRZ
and expiry, and passenger-list entries naming those documents lose names, birth date and
document number. Crossings are evidence and immutable (crossings.models): they stay,
pointing at a traveller who can no longer be told apart, so the statistics' counts stand.
The audit event records counts, never the erased values.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import User
from passage.alerts.choices import HitStatus
from passage.alerts.models import ScreeningHit
from passage.crossings.choices import InspectionStatus
from passage.crossings.models import SecondaryInspection
from passage.passengers.models import ListedPerson
from passage.protection.choices import OPEN_REFERRAL, AssessmentStatus
from passage.protection.models import Assessment, Referral
from passage.stay.choices import OverstayStatus
from passage.stay.models import OverstayCase
from passage.travellers.models import TravelDocument, Traveller


def holds(traveller: Traveller) -> list[str]:
    """Why the law keeps the person's records for now (a legal hold): empty when none."""
    found = []
    if OverstayCase.objects.filter(
        entry__traveller=traveller, status__in=[OverstayStatus.OPEN, OverstayStatus.CONFIRMED]
    ).exists():
        found.append("an overstay case is open or confirmed")
    if ScreeningHit.objects.filter(
        crossing__traveller=traveller, status__in=[HitStatus.PENDING, HitStatus.TRUE_MATCH]
    ).exists():
        found.append("an alert hit is pending or confirmed")
    if SecondaryInspection.objects.filter(
        crossing__traveller=traveller, status=InspectionStatus.OPEN
    ).exists():
        found.append("a secondary inspection is open")
    if (
        Assessment.objects.filter(traveller=traveller, status=AssessmentStatus.OPEN).exists()
        or Referral.objects.filter(
            assessment__traveller=traveller, status__in=OPEN_REFERRAL
        ).exists()
    ):
        found.append("a protection case is open")
    return found


def erase_person(actor: User, traveller: Traveller, *, reason: str) -> dict[str, Any]:
    """Remove ``traveller``'s personal data as a purge would; return what was removed
    (counts per kind). Runs inside the caller's transaction and audits there.

    The caller has checked ``holds()``; this function does not decide whether the law
    allows the erasure, only carries it out.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("erase_person() runs inside the decision's transaction")
    documents = list(TravelDocument.objects.filter(traveller=traveller))
    numbers = [d.number for d in documents if d.number]
    listed = ListedPerson.objects.filter(document_number__in=numbers).update(
        surname="", given_names="", birth_date=None, document_number="", seat="", reservation=""
    )
    TravelDocument.objects.filter(traveller=traveller).update(number="", mrz="", expiry_date=None)
    Traveller.objects.filter(pk=traveller.pk).update(
        primary_name="",
        secondary_name="",
        native_primary_name="",
        native_secondary_name="",
        sex="",
        birth_month=None,
        birth_day=None,
    )
    removed = {"traveller": 1, "documents": len(documents), "passenger_list_entries": listed}
    audit.record(
        actor,
        AuditAction.DELETE,
        object_type="travellers.traveller",
        object_id=str(traveller.pk),
        object_repr="erased person",
        details={"removed": removed},
        message=reason,
    )
    return removed
