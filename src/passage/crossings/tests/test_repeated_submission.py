"""Repeated submissions (Idempotency-Key): a key is the caller's, at their post, for one
payload (decision 0040). Anything else is refused and shows nothing of the first record."""

from __future__ import annotations

import uuid

import pytest

from passage.accounts.models import AuditEvent
from passage.crossings.models import Crossing

from .test_api import MRZ

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(client, personas, token_for):
    from passage.reference.services import load_refusal_grounds

    load_refusal_grounds(None)
    tokens = {name: token_for(user) for name, user in personas.all().items()}

    def call(persona: str, body: dict, key: str):
        return client.post(
            "/api/v1/crossings",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=tokens[persona],
            HTTP_IDEMPOTENCY_KEY=key,
        )

    return call


def entry(point: str, **extra) -> dict:
    return {"crossing_point": point, "direction": "entry", "mrz": MRZ, **extra}


def test_a_key_used_at_another_post_returns_nothing_of_it(send):
    key = str(uuid.uuid4())
    first = send("officer_elsewhere", entry("TST-LAND"), key)
    assert first.status_code == 201, first.content
    again = send("officer", entry("TST-AIR"), key)
    assert again.status_code == 409, again.content
    assert "submission_key" in again.json()["detail"]
    assert key in again.json()["detail"]["submission_key"]
    text = again.content.decode()
    assert first.json()["crossing"]["id"] not in text and "HAILE" not in text
    assert Crossing.objects.count() == 1


def test_a_key_of_another_officer_at_the_same_post_is_refused(send, personas):
    key = str(uuid.uuid4())
    assert send("officer", entry("TST-AIR"), key).status_code == 201
    assert send("supervisor", entry("TST-AIR"), key).status_code == 409


def test_the_caller_must_be_assigned_before_the_key_is_looked_up(send):
    key = str(uuid.uuid4())
    assert send("officer_elsewhere", entry("TST-LAND"), key).status_code == 201
    # The officer is not assigned to TST-LAND: 403 whatever the key says.
    assert send("officer", entry("TST-LAND"), key).status_code == 403


def test_a_reused_key_with_another_payload_is_refused(send):
    key = str(uuid.uuid4())
    assert send("officer", entry("TST-AIR"), key).status_code == 201
    other = send("officer", entry("TST-AIR", purpose="family"), key)
    assert other.status_code == 409 and key in other.json()["detail"]["submission_key"]
    assert Crossing.objects.count() == 1


def test_a_retry_is_an_audited_read(send):
    key = str(uuid.uuid4())
    first = send("officer", entry("TST-AIR"), key)
    again = send("officer", entry("TST-AIR"), key)
    assert again.status_code == 200
    assert again.json()["crossing"]["id"] == first.json()["crossing"]["id"]
    assert AuditEvent.objects.filter(
        action="read", object_id=first.json()["crossing"]["id"], actor_name="officer"
    ).exists()
