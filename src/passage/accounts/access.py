"""Who may do what: every view names the permission it needs.

``requires("app.codename")`` marks a view; ``public("why")`` marks the few views anyone
may reach (the login page, the health check). ``PermissionRequiredMiddleware`` refuses
every view that carries neither mark — deny by default — and a test walks every URL
pattern to prove it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar, cast

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from . import audit
from .choices import AuditAction
from .models import ApiToken, User

F = TypeVar("F", bound=Callable[..., Any])
M = TypeVar("M", bound=Model)

Action = Literal["view", "change"]
"""What the user means to do with an object: see it, or change it (or record at it)."""


class SignedInRequest(HttpRequest):
    """A page request that passed ``PermissionRequiredMiddleware``: ``user`` is signed in.

    Views marked ``@requires(...)`` annotate ``request: SignedInRequest``, so that the
    actor they pass to a service is typed as the ``User`` it is."""

    user: User


def signed_in(request: HttpRequest) -> User:
    """The user of a request the permission middleware let through (never anonymous);
    for code whose request type Django fixes (the admin's, class-based views)."""
    return cast(User, request.user)


def reach(queryset: QuerySet[M], pk: Any, what: str) -> M:
    """The one record ``pk`` of an already restricted ``queryset``, or ``NotFound``
    (also for an id that is not even well formed)."""
    try:
        found = queryset.filter(pk=pk).first()
    except (ValueError, ValidationError):
        found = None
    if found is None:
        raise NotFound(f"No such {what}.")
    return found


def acts_everywhere(user: User | AnonymousUser) -> bool:
    """Whether ``user`` may act at every post (national scope), not only those assigned.
    A superuser is held to the same rule as anyone (decisions 0040-0042)."""
    return bool(user.is_authenticated and user.is_active and user.national_scope)


def holds_nationally(user: User | AnonymousUser, permission: str) -> bool:
    """Whether ``user`` holds ``permission`` with national scope: the one rule for
    records that join what several posts recorded (sync conflicts between corrections,
    identity links between documents). A permission held at some posts only reaches
    none of them, since one side of such a record may lie at a post the user does not
    act at."""
    return acts_everywhere(user) and user.has_perm(permission)


class NotFound(Http404):
    """The one answer for an object that is missing *or* not the user's to reach.

    Every ``access_<object>()`` raises it, so nobody learns that a record exists by
    guessing ids; pages answer 404 (it is Django's ``Http404``), and the API's handler in
    ``site.api`` answers 404 with the message.
    """


PERMISSION_ATTR = "passage_permission"
PUBLIC_ATTR = "passage_public"


def requires(permission: str) -> Callable[[F], F]:
    """Mark a view (function or ``View.as_view()``) as needing ``permission``."""

    def mark(view: F) -> F:
        setattr(view, PERMISSION_ATTR, permission)
        return view

    return mark


def public(reason: str) -> Callable[[F], F]:
    """Mark a view as reachable without signing in, saying why."""

    def mark(view: F) -> F:
        setattr(view, PUBLIC_ATTR, reason)
        return view

    return mark


def declared_permission(view: Callable[..., Any]) -> str | None:
    return getattr(view, PERMISSION_ATTR, None)


def is_public(view: Callable[..., Any]) -> bool:
    return bool(getattr(view, PUBLIC_ATTR, ""))


def deny(
    request: HttpRequest, permission: str, *, obj: Any = None, message: str = ""
) -> PermissionDenied:
    """Audit a refusal and return the exception for the caller to raise."""
    user = getattr(request, "user", None)
    audit.record_now(
        user,
        AuditAction.ACCESS_DENIED,
        object_type=getattr(getattr(obj, "_meta", None), "label_lower", "")
        if obj is not None
        else "",
        object_id=str(getattr(obj, "pk", "")) if obj is not None else "",
        details={"path": request.path, "method": request.method, "permission": permission},
        message=message or f"Missing permission {permission}",
    )
    return PermissionDenied(message or "You do not have permission to do this.")


def access_token(user: User, pk: Any) -> ApiToken:
    """One of the user's own API tokens; anyone else's is ``NotFound``."""
    return reach(ApiToken.objects.filter(user=user), pk, "token")
