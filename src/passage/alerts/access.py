"""Who may see which hits: supervisors of the crossing point where the hit was raised."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from passage.reference.access import crossing_points_for

from .models import AlertEntry, AlertList, ScreeningHit


def hits_for(user: Any) -> QuerySet[ScreeningHit]:
    return ScreeningHit.objects.filter(crossing__crossing_point__in=crossing_points_for(user))


def access_hit(user: Any, hit_id: Any) -> ScreeningHit:
    """The hit if ``user`` may review it; the same 404 whether missing or elsewhere."""
    hit = (
        hits_for(user)
        .select_related(
            "entry__alert_list",
            "list_version",
            "crossing__traveller",
            "crossing__document",
            "crossing__crossing_point",
            "decided_by",
        )
        .filter(pk=hit_id)
        .first()
    )
    if hit is None:
        raise Http404("No such hit.")
    return hit


def access_list(list_id: Any) -> AlertList:
    alert_list = AlertList.objects.select_related("active_version").filter(pk=list_id).first()
    if alert_list is None:
        raise Http404("No such list.")
    return alert_list


def access_entry(entry_id: Any) -> AlertEntry:
    entry = AlertEntry.objects.select_related("alert_list").filter(pk=entry_id).first()
    if entry is None:
        raise Http404("No such entry.")
    return entry
