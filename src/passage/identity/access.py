"""Who reaches identity links: supervisors who review them (national, at HQ)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser

from passage.accounts.access import Action, reach
from passage.accounts.models import User

from .models import Link


def access_link(user: User | AnonymousUser, pk: Any, action: Action = "view") -> Link:
    """The link if ``user`` may reach it; the same ``NotFound`` if missing or forbidden."""
    return reach(
        Link.objects.restrict(user, action).select_related(
            "left__traveller", "right__traveller", "decided_by"
        ),
        pk,
        "identity link",
    )
