"""The one text rule (docs/decisions/0043) on each app's forms and API schemas (#16).

A NUL byte, a right-to-left override or a value longer than its column is refused with the
field named, and nothing is stored: never cut, never a 500 (PostgreSQL cannot store NUL).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages

from passage.accounts.models import ApiToken
from passage.alerts.models import AlertEntry, AlertList
from passage.alerts.tests.lists import make_list
from passage.crossings.models import Crossing
from passage.crossings.tests.helpers import broken, passport
from passage.reference.services import load_refusal_grounds
from passage.stay.tests.test_stay_app import _entry, rules  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def bad(kind: str, max_length: int) -> str:
    return {"nul": "ANNA\x00", "rlo": "\u202eANNA", "long": "A" * (max_length + 1)}[kind]


KINDS = ["nul", "rlo", "long"]


@pytest.fixture(autouse=True)
def _own_alert_files(alert_files: Any) -> Any:
    return alert_files


@pytest.mark.parametrize("kind", KINDS)
def test_token_form(client, personas, kind):
    client.force_login(personas.officer)
    response = client.post("/accounts/tokens/", {"name": bad(kind, 100), "days": 30})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name"}
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_alert_list_form(client, personas, kind):
    client.force_login(personas.administrator)
    response = client.post(
        "/alerts/new/",
        {"name": "Wanted", "kind": "persons", "default_action": "notify", "source": bad(kind, 200)},
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"source"}
    assert not AlertList.objects.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_alert_entry_form(client, personas, kind):
    wanted = make_list("Wanted")
    client.force_login(personas.administrator)
    response = client.post(
        f"/alerts/{wanted.pk}/entries/new/", {"names": "ERIKSSON", "reason": bad(kind, 1000)}
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"reason"}
    assert not AlertEntry.objects.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_visa_form(client, personas, rules, kind):  # noqa: F811 (the fixture)
    entry = _entry(personas, "ETH", days_ago=1, until_days_ago=-10, number="C3333333")
    client.force_login(personas.supervisor)
    response = client.post(
        f"/travellers/{entry.traveller_id}/visas/",
        {
            "kind": "visa",
            "number": bad(kind, 24),
            "issuing_state": "UTO",
            "valid_from": "2026-01-01",
            "valid_until": "2026-03-01",
        },
    )
    # The stay forms answer a traveller's page with a redirect and the problem as a message.
    assert response.status_code == 302
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(m.startswith("number") for m in said), said
    assert not entry.traveller.visas.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_crossing_api_override_reason(client, personas, token_for, kind):
    load_refusal_grounds(None)
    response = client.post(
        "/api/v1/crossings",
        {
            "crossing_point": "TST-AIR",
            "direction": "entry",
            "mrz": broken(passport()),
            "document_override": {"checked_by_hand": True, "reason": bad(kind, 500)},
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=token_for(personas.officer),
    )
    assert response.status_code == 422
    assert "reason" in str(response.json()["detail"])
    assert not Crossing.objects.exists()
