from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader


def _render(request: HttpRequest, template: str, status: int, message: str) -> HttpResponse:
    body = loader.render_to_string(template, {"message": message, "status": status}, request)
    return HttpResponse(body, status=status)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = (
        str(exception) if exception and str(exception) else "You do not have permission to do this."
    )
    return _render(request, "site/error.html", 403, message)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else "This page does not exist."
    # Django's resolver messages carry internals (the tried patterns); show them only in DEBUG.
    if isinstance(exception, Exception) and "tried" in str(exception):
        message = "This page does not exist."
    return _render(request, "site/error.html", 404, message)


def server_error(request: HttpRequest) -> HttpResponse:
    body = loader.render_to_string(
        "site/error.html", {"message": "Something went wrong; it has been logged.", "status": 500}
    )
    return HttpResponse(body, status=500)
