"""Who may see protection details: protection officers, at their crossing points.

Everyone else sees at most that a flag or referral exists (``has_open_protection``).
A record that is missing and a record that is forbidden answer the same "not found",
so nobody learns that a protection case exists by guessing ids.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from passage.accounts.access import Action, reach
from passage.accounts.models import User

from .choices import OPEN_REFERRAL, AssessmentStatus
from .models import Assessment, Household, HouseholdMember, Referral

VIEW = "protection.view_protection"


def access_assessment(user: User | AnonymousUser, pk: Any, action: Action = "view") -> Assessment:
    found = Assessment.objects.restrict(user, action).select_related(
        "traveller", "household", "crossing_point", "created_by", "closed_by"
    )
    return reach(found, pk, "protection flag")


def access_referral(user: User | AnonymousUser, pk: Any, action: Action = "view") -> Referral:
    found = Referral.objects.restrict(user, action).select_related(
        "assessment",
        "assessment__traveller",
        "assessment__household",
        "provider",
        "service",
        "crossing_point",
        "created_by",
    )
    return reach(found, pk, "referral")


def access_household(user: User | AnonymousUser, pk: Any, action: Action = "view") -> Household:
    found = Household.objects.restrict(user, action).select_related("crossing_point")
    return reach(found, pk, "household")


def access_member(user: User | AnonymousUser, pk: Any, action: Action = "view") -> HouseholdMember:
    found = HouseholdMember.objects.restrict(user, action).select_related(
        "household", "household__crossing_point"
    )
    return reach(found, pk, "household member")


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
