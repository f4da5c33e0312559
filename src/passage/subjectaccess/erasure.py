"""Erasure of one person's data, when an erasure request is granted.

The retention app's ``erase_person`` does the work, exactly as a purge would: the
person, their documents, visas, permits and crossings with what hangs on them are
deleted, the payloads of the audit events about them are removed (the chain still
verifies, decision 0120), and a ``Deletion`` reaches every post on its next sync
(decision 0122). Before it, the passenger-list entries naming the person's documents
lose what identifies them (the lists' counts stay). The request keeps its lookup (the
document or name it was made for) as the record of what was asked and done.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from passage.accounts.models import User
from passage.alerts.choices import HitStatus
from passage.alerts.models import ScreeningHit
from passage.core.problems import ProblemError
from passage.crossings.choices import InspectionStatus
from passage.crossings.models import SecondaryInspection
from passage.passengers.models import ListedPerson
from passage.protection.choices import OPEN_REFERRAL, AssessmentStatus
from passage.protection.models import Assessment, Referral
from passage.retention import services as retention
from passage.stay.choices import OverstayStatus
from passage.stay.models import OverstayCase
from passage.travellers.models import TravelDocument, Traveller

from .models import SubjectRequest


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


def erase_person(
    actor: User, traveller: Traveller, *, reason: str, reference: str = ""
) -> dict[str, Any]:
    """Remove ``traveller``'s personal data as a purge does; return what was removed
    (counts per kind). Runs inside the decision's transaction.

    The caller has checked ``holds()``; the retention app checks its own holds again
    (legal holds, protection records, other apps') and its refusal is raised as the
    decision's problem.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("erase_person() runs inside the decision's transaction")
    numbers = [
        n
        for n in TravelDocument.objects.filter(traveller=traveller).values_list("number", flat=True)
        if n
    ]
    listed = ListedPerson.objects.filter(document_number__in=numbers).update(
        surname="", given_names="", birth_date=None, document_number="", seat="", reservation=""
    )
    # The requests keep what they were asked for (their lookup), not the person.
    SubjectRequest.objects.filter(traveller=traveller).update(traveller=None)
    try:
        erased = retention.erase_person(actor, traveller.pk, reason=reason, reference=reference)
    except ProblemError as exc:
        raise ProblemError(
            {"outcome": "; ".join(f"{k}: {v}" for k, v in exc.problems.items())}
        ) from exc
    return {**erased.counts, "passenger_list_entries": listed}
