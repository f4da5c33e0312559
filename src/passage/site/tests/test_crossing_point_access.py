"""Officers act only at the crossing points they are assigned to."""

from __future__ import annotations

import pytest

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_officer_sees_own_post(client, personas):
    client.force_login(personas.officer)
    assert client.get("/posts/TST-AIR/").status_code == 200
    listing = client.get("/posts/").content.decode()
    assert "TST-AIR" in listing and "TST-LAND" not in listing


def test_officer_is_refused_another_post_with_a_reason_and_an_audit_event(client, personas):
    client.force_login(personas.officer)
    response = client.get("/posts/TST-LAND/")
    assert response.status_code == 403
    assert "not assigned to crossing point TST-LAND" in response.content.decode()
    event = AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED).latest("seq")
    assert event.object_id == str(personas.other_post.pk)


def test_unknown_post_is_404(client, personas):
    client.force_login(personas.officer)
    assert client.get("/posts/NOWHERE/").status_code == 404


def test_national_scope_reaches_every_post(client, personas):
    client.force_login(personas.dpo)
    assert client.get("/posts/TST-LAND/").status_code == 200


def test_api_applies_the_same_assignment(client, personas, token_for):
    header = token_for(personas.officer)
    assert (
        client.get(
            "/api/v1/reference/crossing-points/TST-AIR", HTTP_AUTHORIZATION=header
        ).status_code
        == 200
    )
    refused = client.get("/api/v1/reference/crossing-points/TST-LAND", HTTP_AUTHORIZATION=header)
    assert refused.status_code == 403
    assert "not assigned" in refused.json()["detail"]
    missing = client.get("/api/v1/reference/crossing-points/NOWHERE", HTTP_AUTHORIZATION=header)
    assert missing.status_code == 404
    listed = client.get("/api/v1/reference/crossing-points", HTTP_AUTHORIZATION=header).json()
    assert [p["code"] for p in listed] == ["TST-AIR"]


def test_analyst_with_national_scope_reads_every_post_and_the_icao_country_table(
    client, personas, token_for
):
    header = token_for(personas.analyst)
    response = client.get("/api/v1/reference/countries", HTTP_AUTHORIZATION=header)
    assert response.status_code == 200
    assert any(c["icao_code"] == "XXA" for c in response.json())  # ICAO's own codes too
    listed = client.get("/api/v1/reference/crossing-points", HTTP_AUTHORIZATION=header).json()
    assert {p["code"] for p in listed} == {"TST-AIR", "TST-LAND"}
