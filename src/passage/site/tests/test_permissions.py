"""Deny by default: every view and endpoint names its permission, and nothing else is open."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path

from passage.accounts.access import declared_permission, is_public
from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db

# Sample values for URL converters, so that every pattern can be requested.
SAMPLES = {
    "str": "TST-AIR",
    "int": "1",
    "slug": "x",
    "uuid": "01890a5d-ac96-774b-bcce-b302099a8057",
    "path": "x",
}
PUBLIC = {
    "/accounts/login/",
    "/accounts/logout/",
    "/admin/login/",
    "/admin/logout/",
    "/health",
    "/favicon.ico",
    "/i18n/setlang/",
    "/api/v1/openapi.json",
    "/api/v1/docs",
}


def _walk(
    patterns: list, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, object]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield namespace, prefix + str(entry.pattern), entry.callback


def _sample_url(route: str) -> str:
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES[m.group(1) or "str"], route)
    route = re.sub(r"[\^$]|\\Z|\(\?P<\w+>[^)]*\)", "", route)  # admin regex patterns
    return "/" + route


ALL = list(_walk(get_resolver().url_patterns))


def test_the_walk_sees_the_whole_site():
    namespaces = {ns for ns, _, _ in ALL}
    assert {"site", "accounts", "reference", "admin", "api"} <= namespaces
    assert len(ALL) > 30


@pytest.mark.parametrize(
    ("namespace", "route", "view"), [a for a in ALL if a[0] not in ("admin", "api")]
)
def test_every_page_declares_its_permission(namespace, route, view):
    assert declared_permission(view) or is_public(view), (
        f"{route} declares neither a permission nor public()"
    )


@pytest.mark.parametrize(("namespace", "route", "view"), ALL)
def test_nothing_but_public_pages_is_reachable_anonymously(
    client, reference_data, namespace, route, view
):
    url = _sample_url(route)
    response = client.get(url)
    if url in PUBLIC:
        return
    if namespace == "api":
        assert response.status_code in (401, 404, 405), url
    elif response.status_code == 302:
        assert "/login/" in response["Location"], url
    else:
        assert response.status_code in (403, 404, 405), url


def _path_view(view):
    """The ninja PathView behind an API URL pattern's view function."""
    cells = [c.cell_contents for c in (getattr(view, "__closure__", None) or ())]
    return next((c for c in cells if hasattr(c, "operations")), None)


def test_every_api_operation_names_its_permission():
    operations = []
    for namespace, _route, view in ALL:
        path_view = _path_view(view)
        if namespace != "api" or path_view is None:
            continue
        operations.extend(path_view.operations)
    assert len(operations) >= 4
    for operation in operations:
        name = operation.view_func.__name__
        assert declared_permission(operation.view_func), f"{name} names no permission"
        assert operation.auth_callbacks, f"{name} is unauthenticated"


def test_openapi_document_is_published():
    from django.test import Client

    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/accounts/me" in response.json()["paths"]


def undeclared(request):
    return HttpResponse("secret")


urlpatterns = [path("undeclared/", undeclared)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_view_without_a_declaration_is_denied(client, personas):
    client.force_login(personas.administrator)
    response = client.get("/undeclared/")
    assert response.status_code == 403
    assert b"secret" not in response.content
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED).exists()


def test_a_user_without_the_permission_is_refused_and_audited(client, personas):
    client.force_login(personas.officer)
    response = client.get("/accounts/audit/")
    assert response.status_code == 403
    event = AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED).latest("seq")
    assert event.actor_name == "officer"
    assert "accounts.view_auditevent" in event.data


def test_admin_is_for_administrators_only(client, personas):
    client.force_login(personas.supervisor)
    assert client.get("/admin/").status_code == 302
    client.force_login(personas.administrator)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/reference/bordercrossingpoint/").status_code == 200
    assert client.get("/admin/accounts/auditevent/").status_code == 403
