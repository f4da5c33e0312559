"""Who sees which passenger lists: the users of the arrival crossing point (or national)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from passage.reference.models import BorderCrossingPoint

from .models import PassengerList


def lists_for(user: Any) -> QuerySet[PassengerList]:
    return PassengerList.objects.filter(
        crossing_point__in=BorderCrossingPoint.objects.restrict(user)
    )


def access_passenger_list(user: Any, list_id: Any) -> PassengerList:
    """The list if ``user`` may see it; the same 404 whether missing or another post's."""
    found = lists_for(user).select_related("crossing_point").filter(pk=list_id).first()
    if found is None:
        raise Http404("no such passenger list")
    return found
