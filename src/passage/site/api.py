"""The HTTP API under ``/api/v1/``; OpenAPI at ``/api/v1/openapi.json``.

Every router's operations are authenticated by default (``API_AUTH``) and each names
its permission with ``requires_api``. Only the OpenAPI document itself is public: it
describes the interface, holds no data, and clients and fuzzers are generated from it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from passage import __version__
from passage.accounts.access import NotFound
from passage.accounts.api import API_AUTH
from passage.accounts.api import router as accounts_router
from passage.alerts.api import router as alerts_router
from passage.core.problems import ProblemError
from passage.crossings.api import router as crossings_router
from passage.documents.api import router as chips_router
from passage.passengers.api import router as passengers_router
from passage.protection.api import router as protection_router
from passage.reference.api import router as reference_router
from passage.statistics.api import router as statistics_router
from passage.travellers.api import router as documents_router

api = NinjaAPI(
    title="Passage API",
    version=__version__,
    description=(
        "Border and migration management. Authenticate with `Authorization: Bearer <token>` "
        "(create a token under *API tokens* in the web interface) or a signed-in session."
    ),
    auth=API_AUTH,
    urls_namespace="api",
    docs_url="/docs",
)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Forbidden"}, status=403)


@api.exception_handler(NotFound)
def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    """Missing or not the caller's: one answer (``access_<object>``)."""
    return api.create_response(request, {"detail": str(exc)}, status=404)


@api.exception_handler(ProblemError)
def problem(request: HttpRequest, exc: ProblemError) -> HttpResponse:
    """A service refused the input: 422 with each field and its problem."""
    return api.create_response(request, {"detail": exc.problems}, status=422)


@api.exception_handler(ValidationError)
def django_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": detail}, status=422)


api.add_router("/accounts", accounts_router)
api.add_router("/reference", reference_router)
api.add_router("/", documents_router)
api.add_router("/", chips_router)
api.add_router("/", crossings_router)
api.add_router("/", alerts_router)
api.add_router("/", statistics_router)
api.add_router("/", protection_router)
api.add_router("/", passengers_router)
