"""The HTTP API under ``/api/v1/``; OpenAPI at ``/api/v1/openapi.json``.

Every router's operations are authenticated by default (``API_AUTH``) and each names
its permission with ``requires_api``. Only the OpenAPI document itself is public: it
describes the interface, holds no data, and clients and fuzzers are generated from it.
"""

from __future__ import annotations

from typing import Any

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
from passage.identity.api import router as identity_router
from passage.passengers.api import router as passengers_router
from passage.protection.api import router as protection_router
from passage.reference.api import router as reference_router
from passage.statistics.api import router as statistics_router
from passage.travellers.api import router as documents_router

ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {
            "title": "Detail",
            "description": "a message, or {field: message}, or the schema's list of problems",
        }
    },
    "required": ["detail"],
}
ERROR_ANSWERS = {
    "400": "The body is not JSON",
    "401": "No valid token or session (audited)",
    "403": "Without the operation's permission, or not assigned there (audited)",
    "404": "No such object, or not yours to see",
    "409": "A submission key already used for something else",
    "413": "The body is larger than the operation takes",
    "422": "A field is missing or wrong; the answer names it",
}


class PassageAPI(NinjaAPI):
    """Declares, in the OpenAPI document, the error answers every operation can give
    (decision 0046): 401 and 403 everywhere; 400, 413 and 422 with a body; 422 with
    parameters; 404 where an object is named by the path or the body."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        for operations in schema["paths"].values():
            for operation in operations.values():
                codes = {"401", "403"}
                parameters = operation.get("parameters", [])
                if "requestBody" in operation:
                    codes |= {"400", "413", "422", "404"}
                if parameters:
                    codes.add("422")
                if any(p.get("in") == "path" for p in parameters) or any(
                    p.get("name") in ("issuing_state", "number") for p in parameters
                ):
                    codes.add("404")
                responses = operation.setdefault("responses", {})
                for code in sorted(codes):
                    responses.setdefault(
                        code,
                        {
                            "description": ERROR_ANSWERS[code],
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Error"}
                                }
                            },
                        },
                    )
        return schema


api = PassageAPI(
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
api.add_router("/", identity_router)
