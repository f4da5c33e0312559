"""Personal API tokens: hashed at rest, revocable, expiring; every refusal audited."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from passage.accounts.choices import AuditAction
from passage.accounts.models import ApiToken, AuditEvent

pytestmark = pytest.mark.django_db


def test_token_created_on_the_page_is_shown_once_and_stored_hashed(client, personas):
    client.force_login(personas.officer)
    response = client.post("/accounts/tokens/", {"name": "desk reader 3", "days": 30})
    assert response.status_code == 201
    secret = re.search(r"psg_[0-9a-f]{12}_[\w-]+", response.content.decode()).group(0)
    token = ApiToken.objects.get(user=personas.officer)
    assert secret not in (token.secret_hash, token.prefix)
    assert len(token.secret_hash) == 64
    assert secret not in client.get("/accounts/tokens/").content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.TOKEN_CREATED, object_id=str(token.pk)
    ).exists()


def test_token_form_names_the_bad_field(client, personas):
    client.force_login(personas.officer)
    response = client.post("/accounts/tokens/", {"name": "", "days": 10_000})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
    form = response.context["form"]
    assert set(form.errors) == {"name", "days"}


def test_token_authenticates_the_api(client, personas, token_for):
    response = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=token_for(personas.officer))
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "officer"
    assert body["roles"] == ["border_officer"]
    assert body["crossing_points"] == ["TST-AIR"]


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        (None, "no credentials"),
        ("Bearer nonsense", "malformed token"),
        ("Bearer psg_000000000000_abc", "unknown token"),
        ("Basic b2ZmaWNlcjp4", "no credentials"),
    ],
)
def test_missing_or_bad_token_is_401_and_audited(client, personas, header, reason):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/api/v1/accounts/me", **extra)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}
    event = AuditEvent.objects.filter(action=AuditAction.API_AUTH_FAILED).order_by("-seq").first()
    assert event is not None


def test_bad_token_reason_is_audited(client, personas):
    client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION="Bearer psg_000000000000_abc")
    event = AuditEvent.objects.filter(action=AuditAction.API_AUTH_FAILED).order_by("-seq").first()
    assert event.message == "unknown token"


def test_revoked_token_is_refused(client, personas, token_for):
    header = token_for(personas.officer)
    token = ApiToken.objects.get(user=personas.officer)
    client.force_login(personas.officer)
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 302
    client.logout()
    assert client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=header).status_code == 401
    assert AuditEvent.objects.filter(
        action=AuditAction.API_AUTH_FAILED, message="revoked token"
    ).exists()


def test_expired_token_is_refused(client, personas, token_for):
    header = token_for(personas.officer)
    ApiToken.objects.filter(user=personas.officer).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=header).status_code == 401
    assert AuditEvent.objects.filter(
        action=AuditAction.API_AUTH_FAILED, message="expired token"
    ).exists()


def test_token_of_a_deactivated_user_is_refused(client, personas, token_for):
    header = token_for(personas.officer)
    personas.officer.is_active = False
    personas.officer.save()
    assert client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=header).status_code == 401


def test_someone_elses_token_cannot_be_revoked(client, personas, token_for):
    token_for(personas.supervisor)
    token = ApiToken.objects.get(user=personas.supervisor)
    client.force_login(personas.officer)
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_session_api_calls_need_csrf_on_writes(personas):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas.officer)
    assert browser.get("/api/v1/accounts/me").status_code == 200
