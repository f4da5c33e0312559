"""Who reaches passenger lists: staff of the arrival crossing point (or national scope)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser

from passage.accounts.access import Action, reach
from passage.accounts.models import User

from .models import ListedPerson, PassengerList


def access_passenger_list(
    user: User | AnonymousUser, pk: Any, action: Action = "view"
) -> PassengerList:
    """The list if ``user`` may reach it; the same ``NotFound`` if missing or elsewhere."""
    return reach(
        PassengerList.objects.restrict(user, action).select_related("crossing_point"),
        pk,
        "passenger list",
    )


def access_listed_person(
    user: User | AnonymousUser, pk: Any, action: Action = "view"
) -> ListedPerson:
    """A listed person of a list ``user`` may reach; ``NotFound`` otherwise."""
    lists = PassengerList.objects.restrict(user, action)
    return reach(
        ListedPerson.objects.filter(passenger_list__in=lists).select_related("passenger_list"),
        pk,
        "listed person",
    )
