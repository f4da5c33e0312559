"""Who may reach travellers' correction conflicts (decision 0105).

Conflicts are kept at HQ, where corrections from every post meet; they are decided by
supervisors holding ``travellers.resolve_conflict`` with national scope (the
traveller may have crossed anywhere). Anyone else reaches none, and gets the same
``NotFound`` for a conflict that exists as for one that does not.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from passage.accounts.access import holds_nationally, reach
from passage.accounts.models import User

from .models import CorrectionConflict


def conflicts_for(user: User | AnonymousUser) -> QuerySet[CorrectionConflict]:
    conflicts = CorrectionConflict.objects.select_related(
        "traveller", "correction", "correction__created_by", "resolved_by"
    )
    if not holds_nationally(user, "travellers.resolve_conflict"):
        return conflicts.none()
    return conflicts


def access_conflict(user: User | AnonymousUser, conflict_id: Any) -> CorrectionConflict:
    return reach(conflicts_for(user), conflict_id, "conflict")
