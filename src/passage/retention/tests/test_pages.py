"""The retention page: the data-protection officer's only; holds placed and lifted, audited."""

from __future__ import annotations

import pytest
from django.test import Client

from passage.accounts.models import AuditEvent
from passage.retention.models import LegalHold

from .test_purge import people  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("who", ["officer", "supervisor", "protection", "analyst", "administrator"])
def test_only_the_data_protection_officer_sees_it(personas, who):
    assert _client(getattr(personas, who)).get("/retention/").status_code == 403


def test_the_dpo_sees_the_schedule_with_the_next_purge_per_kind(personas, people):  # noqa: F811
    page = _client(personas.dpo).get("/retention/")
    assert page.status_code == 200
    text = page.content.decode()
    for kind in ("Crossings and travellers", "Protection records", "Audit event payloads"):
        assert kind in text
    assert "Art. 34".lower() in text.lower()
    assert "No purge has run yet." in text


def test_a_hold_with_a_bad_traveller_is_refused_naming_the_field(personas):
    page = _client(personas.dpo).post(
        "/retention/holds/", {"traveller": "not-an-id\x00", "reason": "court order"}
    )
    assert page.status_code == 400
    assert "not a traveller id" in page.content.decode()
    assert not LegalHold.objects.exists()


def test_a_hold_is_placed_and_lifted_with_reasons_and_audited(personas, people):  # noqa: F811
    client = _client(personas.dpo)
    page = client.post(
        "/retention/holds/",
        {"traveller": str(people["bravo"]), "reason": "court order", "reference": "C-12"},
    )
    assert page.status_code == 302
    hold = LegalHold.objects.get()
    assert AuditEvent.objects.filter(action="legal_hold_placed", object_id=str(hold.pk)).exists()
    assert client.post(f"/retention/holds/{hold.pk}/lift/", {"reason": ""}).status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_at is None  # no reason, no lifting
    client.post(f"/retention/holds/{hold.pk}/lift/", {"reason": "order quashed"})
    hold.refresh_from_db()
    assert hold.lifted_at is not None
    assert AuditEvent.objects.filter(action="legal_hold_lifted", message="order quashed").exists()


def test_an_officer_cannot_place_a_hold(personas, people):  # noqa: F811
    page = _client(personas.officer).post(
        "/retention/holds/", {"traveller": str(people["bravo"]), "reason": "x"}
    )
    assert page.status_code == 403
    assert not LegalHold.objects.exists()
