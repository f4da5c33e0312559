"""Who may reach crossings, secondary inspections and travellers.

Crossings and inspections belong to the post that recorded them: staff of that post, or
national scope (``Crossing.objects.restrict``). A traveller belongs to no post; an
officer reaches a traveller through the crossings they may see (decision 0033): a
traveller who has crossed at one of the user's posts, and then only those crossings.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from passage.accounts.access import Action, acts_everywhere, reach
from passage.accounts.models import User
from passage.travellers.models import Traveller
from passage.travellers.same_person import same_person

from .models import Crossing, DocumentOverride, SecondaryInspection


def access_crossing(
    user: User | AnonymousUser, crossing_id: Any, action: Action = "view"
) -> Crossing:
    """The crossing if ``user`` may reach it; the same ``NotFound`` whether missing or elsewhere."""
    crossings = Crossing.objects.restrict(user, action).select_related(
        "crossing_point", "traveller", "traveller__nationality", "document", "officer"
    )
    return reach(crossings, crossing_id, "crossing")


def access_inspection(
    user: User | AnonymousUser, inspection_id: Any, action: Action = "view"
) -> SecondaryInspection:
    inspections = SecondaryInspection.objects.restrict(user, action).select_related(
        "crossing", "crossing__traveller", "crossing__crossing_point"
    )
    return reach(inspections, inspection_id, "inspection")


def access_document_override(
    user: User | AnonymousUser, override_id: Any, action: Action = "view"
) -> DocumentOverride:
    """A document override at one of the user's posts; the same ``NotFound`` otherwise."""
    overrides = DocumentOverride.objects.restrict(user, action).select_related(
        "crossing", "crossing__traveller", "crossing__crossing_point", "reviewed_by"
    )
    return reach(overrides, override_id, "document override")


def access_traveller(
    user: User | AnonymousUser, traveller_id: Any, action: Action = "view"
) -> Traveller:
    """The traveller if they have crossed where ``user`` may act; else ``NotFound``.

    Their history, as the user may read it, is ``history(user, traveller)``: the same
    rule, so that no crossing is listed that the user could not open.
    """
    travellers = reachable_travellers(user, action).select_related("nationality")
    return reach(travellers, traveller_id, "traveller")


def reachable_travellers(
    user: User | AnonymousUser, action: Action = "view"
) -> QuerySet[Traveller]:
    """The travellers ``user`` may reach: who crossed where they may act, or anyone with
    national scope. ``access_traveller`` opens one of these; a search filters by them, so
    that it reveals no one the user could not open."""
    travellers = Traveller.objects.all()
    if not acts_everywhere(user):
        seen = Crossing.objects.restrict(user, action).values("traveller_id")
        travellers = travellers.filter(pk__in=seen)
    return travellers


def history(user: User | AnonymousUser, traveller: Traveller) -> QuerySet[Crossing]:
    """The traveller's crossings that ``user`` may open, newest first."""
    return Crossing.objects.restrict(user).filter(traveller=traveller).order_by("-at", "-pk")


def person_history(user: User | AnonymousUser, traveller: Traveller) -> QuerySet[Crossing]:
    """The crossings ``user`` may open of the traveller and of every traveller a
    supervisor confirmed is the same person (``travellers.same_person``: the documents
    the stay calculator counts together), newest first."""
    return (
        Crossing.objects.restrict(user)
        .filter(traveller_id__in=same_person(traveller.pk))
        .order_by("-at")
    )
