from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url

from . import audit
from .access import declared_permission, deny, is_public
from .choices import AuditAction

logger = logging.getLogger(__name__)


class RequestIdMiddleware:
    """Give every request an id and carry it, with the client address, into audit events."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request.headers.get("X-Request-Id", "")[:64] or uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = audit.set_context(
            audit.RequestContext(
                request_id=request_id, source_ip=request.META.get("REMOTE_ADDR", "")
            )
        )
        try:
            response = self.get_response(request)
        finally:
            audit.reset_context(token)
        response["X-Request-Id"] = request_id
        return response


class PermissionRequiredMiddleware:
    """Deny by default: a view must be marked ``requires(perm)`` or ``public(reason)``.

    The Django admin and the API are governed by their own checks (the admin site's
    staff and model permissions; the API's authentication and per-operation permissions),
    so their URL namespaces are passed on here and tested separately.
    """

    SELF_GOVERNED_NAMESPACES = ("admin", "api")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if (
            match is not None
            and match.namespaces
            and match.namespaces[0] in self.SELF_GOVERNED_NAMESPACES
        ):
            return None
        if is_public(view_func):
            return None
        permission = declared_permission(view_func)
        if permission is None:
            logger.error(
                "View %s declares no permission; denied by default", match and match.view_name
            )
            raise deny(request, "<undeclared>", message="This page declares no permission.")
        if not request.user.is_authenticated:
            login_url = resolve_url(settings.LOGIN_URL)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # A session cookie the server no longer honours: the session expired.
                audit.record_anonymous(
                    AuditAction.SESSION_EXPIRED,
                    details={"path": request.path},
                    message="Request with an expired or unknown session",
                )
                login_url += "?expired=1"
            return redirect_to_login(request.get_full_path(), login_url)
        if not request.user.has_perm(permission):
            raise deny(request, permission)
        return None
