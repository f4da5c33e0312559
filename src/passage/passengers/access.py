"""Who sees which passenger lists: the users of the arrival crossing point (or national)."""

from __future__ import annotations

from passage.accounts.access import Action, reach
from passage.accounts.models import User

from .models import PassengerList


def access_passenger_list(user: User, list_id: object, action: Action = "view") -> PassengerList:
    """The list if ``user`` may see it; the same ``NotFound`` whether missing or another post's."""
    lists = PassengerList.objects.restrict(user, action).select_related("crossing_point")
    return reach(lists, list_id, "passenger list")
