"""API authentication and the ``accounts`` routes.

Every operation is authenticated (bearer token or session with CSRF) and names its
permission with ``requires_api``; anonymous or badly authenticated requests get 401 and
an audit event, requests without the permission get 403 and an audit event.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.security.session import SessionAuth

from . import audit
from .access import PERMISSION_ATTR, deny
from .choices import AuditAction
from .models import User
from .roles import roles_of
from .services import authenticate_token

# A list endpoint's ``offset`` past this is refused (422) before it reaches the database,
# where it would not fit a bigint (decision 0223).
MAX_OFFSET = 10_000_000


class AuthedRequest(HttpRequest):
    """An API request that passed ``API_AUTH``: ``auth`` is the user it authenticated.

    Operations annotate ``request: AuthedRequest`` (Ninja reads the parameter by name, not
    by type), so that ``request.auth`` is typed without an ignore at every use.
    """

    auth: User


class ErrorOut(Schema):
    """Every error answer: ``detail`` is a message, or for 422 each field and its problem."""

    detail: Any


class TokenAuth(HttpBearer):
    """``Authorization: Bearer psg_…`` with a personal API token."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header)
        if header is None:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user, reason = authenticate_token(token)
        if user is None:
            request._passage_auth_failure = reason  # type: ignore[attr-defined]
            return None
        request.user = user
        return user


class PassageSessionAuth(SessionAuth):
    """The signed-in browser session, as the pages use it (CSRF checked on writes)."""

    def __call__(self, request: HttpRequest) -> Any:
        # Without a signed-in session there is nothing for CSRF to protect: a write with
        # no or a bad token is unauthenticated (401, audited), not a CSRF failure (403).
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


class AnonymousAudit(APIKeyCookie):
    """Last in the chain: never authenticates, but audits the refused request."""

    param_name = "__passage_none__"

    def __call__(self, request: HttpRequest) -> Any:
        audit.record_anonymous(
            AuditAction.API_AUTH_FAILED,
            message=getattr(request, "_passage_auth_failure", "no credentials"),
            details={"path": request.path, "method": request.method},
        )
        return None

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # pragma: no cover
        return None


API_AUTH = [TokenAuth(), PassageSessionAuth(), AnonymousAudit()]


def requires_api(permission: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Name the permission an API operation needs; refuse (403, audited) without it."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(request: AuthedRequest, *args: Any, **kwargs: Any) -> Any:
            user = request.auth
            if not user.has_perm(permission):
                exc = deny(request, permission)
                raise HttpError(403, str(exc))
            return func(request, *args, **kwargs)

        setattr(wrapper, PERMISSION_ATTR, permission)
        return wrapper

    return decorate


router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    name: str
    roles: list[str]
    crossing_points: list[str]
    national_scope: bool


@router.get("/me", response=MeOut, summary="Who the credentials belong to")
@requires_api("accounts.access_site")
def me(request: AuthedRequest) -> dict[str, Any]:
    user = request.auth
    return {
        "username": user.username,
        "name": user.get_full_name(),
        "roles": [role.value for role in roles_of(user)],
        "crossing_points": list(user.crossing_points.values_list("code", flat=True)),
        "national_scope": user.national_scope,
    }
