"""Who may see which hits: supervisors of the crossing point where the hit was raised."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser

from passage.accounts.access import Action, reach
from passage.accounts.models import User

from .models import AlertEntry, AlertList, ScreeningHit


def access_hit(user: User | AnonymousUser, hit_id: Any, action: Action = "view") -> ScreeningHit:
    """The hit if ``user`` may review it; the same ``NotFound`` whether missing or elsewhere."""
    hits = ScreeningHit.objects.restrict(user, action).select_related(
        "entry__alert_list",
        "list_version",
        "crossing__traveller",
        "crossing__document",
        "crossing__crossing_point",
        "decided_by",
    )
    return reach(hits, hit_id, "hit")


def access_list(list_id: Any) -> AlertList:
    """Alert lists are national (HQ's, copied to every post): the view's permission is
    the whole rule, so only a missing list is ``NotFound``."""
    return reach(AlertList.objects.select_related("active_version"), list_id, "list")


def access_entry(entry_id: Any) -> AlertEntry:
    return reach(AlertEntry.objects.select_related("alert_list"), entry_id, "entry")
