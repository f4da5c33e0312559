"""API writes without valid credentials: 401 (not a CSRF 403), audited, and anonymous
audit events aggregated per address (decision 0044)."""

from __future__ import annotations

import json

import pytest

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db

BODY = json.dumps({"crossing_point": "TST-AIR", "direction": "entry"})


@pytest.mark.parametrize("header", [None, "Bearer psg_nothing_wrong", "Basic abc"])
def test_a_write_without_a_valid_token_is_401_and_audited(client, personas, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.post("/api/v1/crossings", BODY, content_type="application/json", **extra)
    assert response.status_code == 401, response.content
    assert AuditEvent.objects.filter(action=AuditAction.API_AUTH_FAILED).exists()


def test_a_signed_in_session_still_needs_csrf_on_writes(personas):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.officer)
    response = client.post("/api/v1/crossings", BODY, content_type="application/json")
    assert response.status_code == 403


def test_anonymous_requests_are_aggregated_per_address(client, personas):
    for _ in range(50):
        client.post("/api/v1/crossings", BODY, content_type="application/json")
    events = AuditEvent.objects.filter(action=AuditAction.API_AUTH_FAILED)
    assert events.count() == 1
    from django.core.cache import cache

    cache.delete(f"passage:anonymous-audit:{AuditAction.API_AUTH_FAILED}:127.0.0.1")
    client.post("/api/v1/crossings", BODY, content_type="application/json")
    latest = events.order_by("-seq").first()
    assert events.count() == 2 and '"unrecorded_before":49' in latest.data
