"""What every page relies on: an icon where browsers look for it, and a server log kept
for what needs a look (a deliberate refusal is in the audit trail, not a traceback)."""

from __future__ import annotations

import logging

import pytest

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_favicon_is_served_to_anyone_and_linked_from_every_page(client, personas):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO header
    client.force_login(personas.officer)
    assert 'rel="icon"' in client.get("/").content.decode()


def test_a_deliberate_403_is_audited_without_a_traceback_in_the_log(client, personas, caplog):
    client.force_login(personas.officer_elsewhere)
    with caplog.at_level(logging.INFO):
        response = client.get("/posts/TST-AIR/counter/")
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED).exists()
    assert not [r for r in caplog.records if r.exc_info], [r.getMessage() for r in caplog.records]


def test_a_server_error_still_reaches_the_log(client, personas, caplog, monkeypatch):
    from passage.site import views

    def broken(user):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "home_for", broken)
    client.raise_request_exception = False
    client.force_login(personas.officer)
    with caplog.at_level(logging.INFO):
        assert client.get("/").status_code == 500
    assert any(r.exc_info and "boom" in str(r.exc_info[1]) for r in caplog.records)
