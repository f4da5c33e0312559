"""Who may reach overstay cases: staff of the post where the overstayed entry was made."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser

from passage.accounts.access import Action, reach
from passage.accounts.models import User

from .models import OverstayCase


def access_case(user: User | AnonymousUser, pk: Any, action: Action = "view") -> OverstayCase:
    return reach(OverstayCase.objects.restrict(user, action), pk, "case")
