"""Free text is checked, not cut: lengths and characters, at the API and on the page
(passage.core.freetext, one rule for every schema, form and service)."""

from __future__ import annotations

import json
import uuid

import pytest

from passage.crossings import views
from passage.crossings.models import Crossing
from passage.protection.models import Household

from .test_bad_input import PERSON

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(client, personas, token_for):
    from passage.reference.services import load_refusal_grounds

    load_refusal_grounds(None)
    header = token_for(personas.officer)

    def call(path: str, body: dict):
        return client.post(
            f"/api/v1{path}",
            json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=header,
        )

    return call


def _named(response) -> str:
    """The field a 422 names, from either error shape (schema or service)."""
    detail = response.json()["detail"]
    if isinstance(detail, dict):
        return ",".join(detail)
    return ",".join(".".join(str(p) for p in d["loc"][2:]) for d in detail)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"person": {**PERSON, "primary_name": "A" * 5000}}, "person.primary_name"),
        ({"person": {**PERSON, "primary_name": "HAILE\x00"}}, "person.primary_name"),
        (
            {"person": {**PERSON, "native_primary_name": "\u202e\u0633\u0644\u0627\u0645"}},
            "person.native_primary_name",
        ),
        ({"notes": "n" * (1024 * 1024)}, "notes"),
        ({"decision": "secondary", "secondary_reason": "r" * 100_000}, "secondary_reason"),
        ({"carrier": "C" * 81}, "carrier"),
        ({"transport_reference": "T" * 41}, "transport_reference"),
    ],
)
def test_api_text_is_checked_and_nothing_is_stored(post, change, field):
    body = {"crossing_point": "TST-AIR", "direction": "entry", "person": PERSON, **change}
    response = post("/crossings", body)
    assert response.status_code == 422, response.content[:300]
    assert _named(response) == field
    assert not Crossing.objects.exists()


def test_a_name_in_another_script_is_kept(post):
    person = {**PERSON, "native_primary_name": "ولد أحمد", "native_secondary_name": "مريم"}
    response = post(
        "/crossings", {"crossing_point": "TST-AIR", "direction": "entry", "person": person}
    )
    assert response.status_code == 201, response.content
    assert Crossing.objects.get().traveller.native_primary_name == "ولد أحمد"


def test_household_names_are_refused_not_cut(client, personas, token_for):
    from passage.protection.services import load_reference
    from passage.reference.services import set_crossing_point_mode

    load_reference(None)
    set_crossing_point_mode(personas.supervisor, personas.post, "emergency", "influx")
    body = {
        "crossing_point": "TST-AIR",
        "head": {"sex": "F", "age_band": "18-59", "primary_name": "K" * 121},
        "place_of_origin": "P" * 161,
        "intended_destination": "Capital",
        "submission_key": str(uuid.uuid4()),
    }
    response = client.post(
        "/api/v1/protection/households",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=token_for(personas.officer),
    )
    assert response.status_code == 422, response.content[:300]
    assert {"head.primary_name", "place_of_origin"} <= set(_named(response).split(","))
    assert not Household.objects.exists()


def test_the_counter_bounds_an_mrz_before_parsing_it(client, personas, monkeypatch):
    def parse(*args, **kwargs):
        raise AssertionError("an oversized MRZ was parsed")

    monkeypatch.setattr(views, "parse_mrz", parse)
    client.force_login(personas.officer)
    for action in ("read", "admit"):
        response = client.post(
            "/posts/TST-AIR/counter/",
            {"mrz": "P<UTO" + "<" * 100_000, "direction": "entry", "action": action},
        )
        assert response.status_code == 400
        assert response.context["form"].errors["mrz"]
    assert not Crossing.objects.exists()


def test_the_counter_form_refuses_control_characters(client, personas):
    client.force_login(personas.officer)
    response = client.post(
        "/posts/TST-AIR/counter/",
        {
            "direction": "entry",
            "action": "admit",
            "primary_name": "HAILE",
            "native_primary_name": "\u202eHAILE",
            "issuing_state": "UTO",
            "number": "X1",
            "submission_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 400
    assert "direction control" in str(response.context["form"].errors["native_primary_name"])
    assert not Crossing.objects.exists()
