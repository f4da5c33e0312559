"""Request body limits for the API, per endpoint (decision 0043), and the
Content-Security-Policy of every response (decision 0045).

Every API body is at most ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (5 MB) except where an endpoint
is documented to take more: alert-list imports take ``PASSAGE_ALERT_UPLOAD_MAX_BYTES``
(50 MB, docs/alerts.md). A bigger body is refused before it is read, with 413 and
``{"detail": {"body": …}}``; Django on its own answered an HTML 400 naming nothing, and
refused the 50 MB imports the docs promise.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from passage.alerts import conf as alerts_conf

# (path, limit, what to do instead) — the endpoints allowed more than the default.
LARGER: list[tuple[re.Pattern[str], Callable[[], int], str]] = [
    (
        re.compile(r"^/api/v1/alerts/lists/[^/]+/import$"),
        alerts_conf.upload_max_bytes,
        "use `passage alerts import` for bigger lists",
    ),
]


def body_limit(path: str) -> tuple[int, str]:
    """The largest body ``path`` accepts, and the advice given past it."""
    for pattern, limit, advice in LARGER:
        if pattern.match(path):
            return limit(), advice
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE), "send less"


class BodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return JsonResponse({"detail": {"body": "bad Content-Length"}}, status=400)
            limit, advice = body_limit(request.path)
            if length > limit:
                return JsonResponse(
                    {"detail": {"body": f"{length:,} bytes; at most {limit:,}: {advice}"}},
                    status=413,
                )
            if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                # Django refuses to read a body above its global limit; this endpoint is
                # allowed more, so the body (already bounded above) is read here.
                request._body = request.read(length)
                request._stream = io.BytesIO(request._body)
        return self.get_response(request)


# Scripts, styles, fonts and images only from this site (htmx, Chart.js and Pico are
# vendored); no inline script or style, no plugins, no framing, forms post here only
# (decision 0045). Django 5.2 has no CSP setting of its own.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
