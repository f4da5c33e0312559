from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext

NOT_FOUND = "This page does not exist."
FORBIDDEN = "You do not have permission to do this."
FAILED = "Something went wrong; it has been logged."


def _render(request: HttpRequest, template: str, status: int, message: str) -> HttpResponse:
    # The message is said in the page's language when it is a msgid (the defaults below,
    # and exception messages written as one); anything else is shown as given.
    context = {"message": gettext(message), "status": status}
    body = loader.render_to_string(template, context, request)
    return HttpResponse(body, status=status)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else FORBIDDEN
    return _render(request, "site/error.html", 403, message)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else NOT_FOUND
    # Django's resolver messages carry internals (the tried patterns); show them only in DEBUG.
    if isinstance(exception, Exception) and "tried" in str(exception):
        message = NOT_FOUND
    return _render(request, "site/error.html", 404, message)


def server_error(request: HttpRequest) -> HttpResponse:
    body = loader.render_to_string("site/error.html", {"message": gettext(FAILED), "status": 500})
    return HttpResponse(body, status=500)
