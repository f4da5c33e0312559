"""Correcting a traveller through the API: field by field, on the version read (0105)."""

from __future__ import annotations

import uuid

import pytest
from django.test import override_settings

from passage.crossings import services
from passage.crossings.choices import Decision, Direction
from passage.sync import outbox
from passage.sync.models import OutboxEvent
from passage.travellers.models import Traveller, TravellerCorrection
from passage.travellers.services import Identity

pytestmark = pytest.mark.django_db


@pytest.fixture
def traveller(personas):
    crossing = services.record_crossing(
        personas.officer,
        personas.post,
        services.CrossingInput(
            direction=Direction.ENTRY,
            identity=Identity(
                primary_name="ERIKSSON",
                secondary_name="ANNA",
                sex="F",
                birth_year=1974,
                nationality="UTO",
                issuing_state="UTO",
                number="X1234567",
            ),
            decision=Decision.ADMITTED,
        ),
    )
    return crossing.crossing.traveller


def call(client, header, traveller_id, body):
    return client.post(
        f"/api/v1/travellers/{traveller_id}/corrections",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=header,
    )


def test_a_supervisor_corrects_one_field_and_only_the_correction_is_queued(
    client, personas, token_for, traveller
):
    header = token_for(personas.supervisor)
    before = outbox.head()
    with override_settings(PASSAGE_ROLE="node"):
        response = call(
            client,
            header,
            traveller.pk,
            {"version": 1, "reason": "passport data page", "secondary_name": "anne"},
        )
    assert response.status_code == 201, response.content
    assert response.json()["changes"] == {"secondary_name": {"base": "ANNA", "value": "ANNE"}}
    traveller.refresh_from_db()
    assert (traveller.secondary_name, traveller.version) == ("ANNE", 2)
    # The traveller was recorded before this installation became a post: sent first.
    assert queued(before) == [
        ("object", "travellers.traveller"),
        ("object", "travellers.travellercorrection"),
        ("audit", "accounts.auditevent"),
    ]
    before = outbox.head()
    with override_settings(PASSAGE_ROLE="node"):
        body = {"version": 2, "reason": "passport data page", "birth_year": 1975}
        assert call(client, header, traveller.pk, body).status_code == 201
    assert queued(before) == [
        ("object", "travellers.travellercorrection"),
        ("audit", "accounts.auditevent"),
    ]


def queued(after: int) -> list[tuple[str, str]]:
    return list(
        OutboxEvent.objects.filter(seq__gt=after).order_by("seq").values_list("kind", "model")
    )


def test_a_correction_on_an_older_version_is_refused(client, personas, token_for, traveller):
    header = token_for(personas.supervisor)
    body = {"version": 1, "reason": "typo", "sex": "M"}
    assert call(client, header, traveller.pk, body).status_code == 201
    again = call(client, header, traveller.pk, {**body, "sex": "X"})
    assert again.status_code == 422 and "version" in again.json()["detail"]
    assert Traveller.objects.get(pk=traveller.pk).sex == "M"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"version": 1, "reason": "x", "primary_name": "ERIKSSON1"}, "primary_name"),
        ({"version": 1, "reason": "x", "nationality": "ZZZ"}, "nationality"),
        ({"version": 1, "reason": "x", "birth_month": 13}, "birth_date"),
        ({"version": 1, "reason": "x"}, "changes"),
        ({"version": 1, "reason": "x", "sex": "F"}, "changes"),
        ({"version": 1, "reason": "", "sex": "M"}, "reason"),
    ],
)
def test_bad_corrections_name_the_field_and_store_nothing(
    client, personas, token_for, traveller, body, field
):
    response = call(client, token_for(personas.supervisor), traveller.pk, body)
    assert response.status_code == 422, response.content
    assert field in str(response.json()["detail"])
    assert not TravellerCorrection.objects.exists()


def test_officers_cannot_correct_and_unknown_travellers_are_not_found(
    client, personas, token_for, traveller
):
    body = {"version": 1, "reason": "x", "sex": "M"}
    assert call(client, token_for(personas.officer), traveller.pk, body).status_code == 403
    header = token_for(personas.supervisor)
    assert call(client, header, uuid.uuid4(), body).status_code == 404
    assert not TravellerCorrection.objects.exists()
