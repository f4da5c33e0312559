"""Who may see protection details: protection officers, at their crossing points.

Everyone else sees at most that a flag or referral exists (``has_open_protection``).
A record that is missing and a record that is forbidden answer the same "not found",
so nobody learns that a protection case exists by guessing ids.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from passage.reference.access import crossing_points_for

from .choices import OPEN_REFERRAL, AssessmentStatus
from .models import Assessment, Household, HouseholdMember, Referral

VIEW = "protection.view_protection"


def assessments_for(user: Any) -> QuerySet[Assessment]:
    if not user.is_authenticated or not user.has_perm(VIEW):
        return Assessment.objects.none()
    return Assessment.objects.filter(crossing_point__in=crossing_points_for(user))


def referrals_for(user: Any) -> QuerySet[Referral]:
    if not user.is_authenticated or not user.has_perm(VIEW):
        return Referral.objects.none()
    return Referral.objects.filter(crossing_point__in=crossing_points_for(user))


def access_assessment(user: Any, pk: Any) -> Assessment:
    found = (
        assessments_for(user)
        .select_related("traveller", "household", "crossing_point", "created_by", "closed_by")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("No such protection flag.")
    return found


def access_referral(user: Any, pk: Any) -> Referral:
    found = (
        referrals_for(user)
        .select_related(
            "assessment",
            "assessment__traveller",
            "assessment__household",
            "provider",
            "service",
            "crossing_point",
            "created_by",
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("No such referral.")
    return found


def households_for(user: Any) -> QuerySet[Household]:
    return Household.objects.filter(crossing_point__in=crossing_points_for(user))


def access_household(user: Any, pk: Any) -> Household:
    found = households_for(user).select_related("crossing_point").filter(pk=pk).first()
    if found is None:
        raise Http404("No such household.")
    return found


def access_member(user: Any, pk: Any) -> HouseholdMember:
    found = (
        HouseholdMember.objects.select_related("household", "household__crossing_point")
        .filter(pk=pk, household__in=households_for(user))
        .first()
    )
    if found is None:
        raise Http404("No such household member.")
    return found


def open_protection_q(prefix: str = "") -> Q:
    """Assessments that still protect a person: open, or with a referral still open."""
    return Q(**{f"{prefix}status": AssessmentStatus.OPEN}) | Q(
        **{f"{prefix}referrals__status__in": OPEN_REFERRAL}
    )


def has_open_protection(traveller_id: Any) -> bool:
    """Whether the traveller (directly, or through a household) has an open flag or
    referral. Says nothing about why: other roles may know this much."""
    if traveller_id is None:
        return False
    subject = Q(traveller_id=traveller_id) | Q(household__members__traveller_id=traveller_id)
    return Assessment.objects.filter(subject & open_protection_q()).exists()
