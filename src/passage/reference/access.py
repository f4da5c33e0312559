"""Where a user may act: officers only at the crossing points they are assigned to.

Every record that belongs to a post is reached through its model's queryset method
``restrict(user, action)`` (the posts' own, or ``PostScopedQuerySet``'s, NetBox's
``RestrictedQuerySet``) and, one at a time, through its app's ``access_<object>()``,
which raises ``NotFound`` alike for a record that is missing and one at another post.

Crossing points themselves are public reference data (the reference API lists them), so
``access_crossing_point`` answers a post that exists but is not the user's with an
audited 403 that says so: an officer needs to know that the refusal is about
assignment (docs/decisions/0033-one-way-in.md).
"""

from __future__ import annotations

from typing import ClassVar, Self, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from passage.accounts.access import Action, NotFound, acts_everywhere, deny
from passage.accounts.models import User

from .models import BorderCrossingPoint

M = TypeVar("M", bound=models.Model)


class PostScopedQuerySet(QuerySet[M]):
    """Records that belong to a crossing point: ``restrict(user, action)`` keeps those at
    the user's posts. ``point`` is the lookup from the record to its crossing point;
    ``permissions`` names a permission an action needs before any record is visible
    (protection details: protection officers only)."""

    point: ClassVar[str] = "crossing_point"
    permissions: ClassVar[dict[str, str]] = {}

    def restrict(self, user: User | AnonymousUser, action: Action = "view") -> Self:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        needed = self.permissions.get(action)
        if needed and not user.has_perm(needed):
            return self.none()
        if acts_everywhere(user):
            return self.all()
        posts = BorderCrossingPoint.objects.restrict(user, action)
        return self.filter(**{f"{self.point}__in": posts})


def access_crossing_point(
    request: HttpRequest, code: str, action: Action = "change"
) -> BorderCrossingPoint:
    """The crossing point ``code`` if the user may act there.

    A post that does not exist is ``NotFound``; one that exists but is not the user's is
    an audited 403 (crossing points are not secret; see the module docstring).
    """
    point = BorderCrossingPoint.objects.filter(code=code.upper()).first()
    if point is None:
        raise NotFound(f"No crossing point {code!r}.")
    if not BorderCrossingPoint.objects.restrict(request.user, action).filter(pk=point.pk).exists():
        raise deny(
            request,
            "assignment",
            obj=point,
            message=f"You are not assigned to crossing point {point.code}.",
        )
    return point
