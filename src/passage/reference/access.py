"""Where a user may act: officers only at the crossing points they are assigned to."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from passage.accounts.access import deny

from .models import BorderCrossingPoint


class NotAssigned(Exception):
    pass


def crossing_points_for(user: Any) -> QuerySet[BorderCrossingPoint]:
    """The crossing points at which ``user`` may act."""
    if not user.is_authenticated or not user.is_active:
        return BorderCrossingPoint.objects.none()
    if user.national_scope:
        return BorderCrossingPoint.objects.all()
    return BorderCrossingPoint.objects.filter(assigned_users=user)


def access_crossing_point(request: HttpRequest, code: str) -> BorderCrossingPoint:
    """The crossing point ``code`` if the user may act there.

    A post that does not exist is a 404 (``BorderCrossingPoint.DoesNotExist``); one
    that exists but is not the user's is a 403, audited: crossing points are not secret,
    and an officer needs to know that the refusal is about assignment.
    """
    point = BorderCrossingPoint.objects.get(code=code.upper())
    if not crossing_points_for(request.user).filter(pk=point.pk).exists():
        raise deny(
            request,
            "assignment",
            obj=point,
            message=f"You are not assigned to crossing point {point.code}.",
        )
    return point
