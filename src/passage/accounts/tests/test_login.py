"""Signing in and out: clear answers, throttling, expiry, and an audit event each time."""

from __future__ import annotations

import pytest
from conftest import PASSWORD
from django.conf import settings
from django.contrib.sessions.models import Session

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


def _last(action: AuditAction) -> AuditEvent | None:
    return AuditEvent.objects.filter(action=action).order_by("-seq").first()


def test_sign_in_lands_on_home_and_is_audited(client, personas):
    response = client.post(
        "/accounts/login/", {"username": "officer", "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/"
    assert "Welcome" in response.content.decode()
    event = _last(AuditAction.LOGIN)
    assert event is not None and event.actor_name == "officer"


def test_wrong_password_is_refused_clearly_and_audited(client, personas):
    response = client.post("/accounts/login/", {"username": "officer", "password": "wrong"})
    assert response.status_code == 200
    assert "Wrong username or password" in response.content.decode()
    event = _last(AuditAction.LOGIN_FAILED)
    assert event is not None and event.actor_name == "officer" and event.actor_id == ""


def test_repeated_failures_lock_the_account_out(client, personas):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "officer", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert _last(AuditAction.LOGIN_LOCKED) is not None
    assert "_auth_user_id" not in client.session


def test_passwords_are_hashed_with_argon2(personas):
    assert personas.officer.password.startswith("argon2")


def test_sign_out_is_a_post_and_is_audited(client, personas):
    client.force_login(personas.officer)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert _last(AuditAction.LOGOUT).actor_name == "officer"
    assert client.get("/").status_code == 302


def test_expired_session_sends_to_sign_in_with_a_message(client, personas):
    client.force_login(personas.officer)
    Session.objects.all().delete()  # what expiry and clearsessions do
    response = client.get("/posts/")
    assert response.status_code == 302
    assert "expired=1" in response["Location"]
    page = client.get(response["Location"])
    assert "Your session has expired" in page.content.decode()
    assert _last(AuditAction.SESSION_EXPIRED) is not None


def test_sessions_expire_after_a_shift():
    assert 0 < settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_login_page_requires_csrf(personas):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    assert response.status_code == 403


def test_secure_headers_are_sent(client, personas):
    client.force_login(personas.officer)
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Request-Id"]


def test_password_spraying_from_one_address_is_locked(client, personas):
    """One wrong guess for each of many usernames from one address: the address is
    locked once they reach PASSAGE_LOGIN_ADDRESS_FAILURE_LIMIT, for every username."""
    for n in range(settings.PASSAGE_LOGIN_ADDRESS_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": f"user{n}", "password": "Winter2026!"})
    response = client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another address is not affected.
    other = client.post(
        "/accounts/login/",
        {"username": "officer", "password": PASSWORD},
        REMOTE_ADDR="10.9.8.7",
    )
    assert other.status_code == 302
