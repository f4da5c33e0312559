"""Emergency mode: one-screen household registration, completion into travellers."""

from __future__ import annotations

import uuid

import pytest

from passage.protection.models import Assessment, Household, HouseholdMember, Referral
from passage.reference.services import set_crossing_point_mode
from passage.travellers.models import Traveller

pytestmark = pytest.mark.django_db


@pytest.fixture
def emergency(protection):
    set_crossing_point_mode(protection.supervisor, protection.post, "emergency", "influx")
    protection.post.refresh_from_db()
    return protection


def body(**overrides):
    data = {
        "crossing_point": "TST-AIR",
        "head": {
            "sex": "F",
            "age_band": "18-59",
            "primary_name": "Koval",
            "secondary_name": "Olena",
            "document_type": "national_id",
            "document_number": "AB123",
        },
        "members": [
            {"sex": "F", "age_band": "0-4", "count": 1},
            {"sex": "M", "age_band": "5-11", "count": 2},
        ],
        "indicators": [],
        "place_of_origin": "Riverbend",
        "intended_destination": "Capital District",
    }
    data.update(overrides)
    return data


def api(client, token, data):
    return client.post(
        "/api/v1/protection/households",
        data,
        content_type="application/json",
        HTTP_AUTHORIZATION=token,
    )


def test_register_through_the_api(client, emergency, token_for):
    token = token_for(emergency.officer)
    key = str(uuid.uuid4())
    response = api(client, token, body(submission_key=key))
    assert response.status_code == 201, response.content
    household = Household.objects.get()
    assert household.size == 4 and response.json()["size"] == 4
    members = list(household.members.all())
    assert members[0].is_head and members[0].primary_name == "KOVAL"
    assert sorted(m.age_band for m in members[1:]) == ["0-4", "5-11", "5-11"]
    again = api(client, token, body(submission_key=key))
    assert again.status_code == 200 and Household.objects.count() == 1


def test_refused_outside_emergency_mode(client, protection, token_for):
    response = api(client, token_for(protection.officer), body())
    assert response.status_code == 422
    assert "emergency mode" in response.json()["detail"]["crossing_point"]
    assert not Household.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"place_of_origin": ""}, "place_of_origin"),
        ({"head": {"sex": "F", "age_band": "18-59"}}, "head.name"),
        ({"head": {"sex": "Q", "age_band": "18-59", "primary_name": "A"}}, "head.sex"),
        (
            {
                "head": {
                    "sex": "F",
                    "age_band": "18-59",
                    "primary_name": "A",
                    "document_type": "passport",
                }
            },
            "head.document_number",
        ),
        ({"members": [{"sex": "F", "age_band": "7-9", "count": 1}]}, "members[0].age_band"),
        ({"indicators": ["NOPE"]}, "protection_indicators"),
    ],
)
def test_bad_input_names_the_field(client, emergency, token_for, change, field):
    response = api(client, token_for(emergency.officer), body(**change))
    assert response.status_code == 422
    assert field in response.json()["detail"]
    assert not Household.objects.exists() and not HouseholdMember.objects.exists()


def test_documents_of_a_mass_influx_are_accepted(client, emergency, token_for):
    token = token_for(emergency.officer)
    for document in ("birth_certificate", "none", "national_id"):
        head = {"sex": "M", "age_band": "60+", "primary_name": "RUSU", "document_type": document}
        if document == "national_id":
            head["document_number"] = "X9"
        assert api(client, token, body(head=head)).status_code == 201


def test_indicators_flag_the_household_and_a_child_household_is_referred(
    client, emergency, token_for
):
    token = token_for(emergency.officer)
    api(client, token, body(indicators=["PR-FR"]))
    assert Assessment.objects.get().household == Household.objects.get()
    assert not Referral.objects.exists()
    children = body(
        head={"sex": "F", "age_band": "12-17", "primary_name": "BONDAR"},
        members=[{"sex": "M", "age_band": "5-11", "count": 1}],
    )
    response = api(client, token, children)
    assert response.json()["referred"] is True
    flag = Assessment.objects.exclude(
        household=Household.objects.order_by("registered_at").first()
    ).get()
    assert [i.code for i in flag.indicators.all()] == ["SC-CH"]
    assert flag.referrals.get().service_id == "child_protection"


def test_one_screen_one_submit(client, emergency):
    client.force_login(emergency.officer)
    page = client.get("/protection/posts/TST-AIR/households/new/")
    assert page.status_code == 200
    key = page.context["form"]["submission_key"].value()
    response = client.post(
        "/protection/posts/TST-AIR/households/new/",
        {
            "submission_key": key,
            "head_primary_name": "Popescu",
            "head_sex": "F",
            "head_age_band": "18-59",
            "head_document_type": "birth_certificate",
            "place_of_origin": "Old Town",
            "intended_destination": "relatives",
            "count_F_0_4": "1",
            "count_M_60plus": "1",
            "indicators": ["ER"],
        },
    )
    assert response.status_code == 302
    household = Household.objects.get()
    assert household.size == 3
    assert sorted(m.age_band for m in household.members.all()) == ["0-4", "18-59", "60+"]
    assert Assessment.objects.get().household == household


def test_complete_a_household_into_traveller_records(client, emergency, token_for):
    api(
        client,
        token_for(emergency.officer),
        body(members=[{"sex": "F", "age_band": "0-4", "count": 1}]),
    )
    household = Household.objects.get()
    client.force_login(emergency.officer)
    head, child = household.members.all()
    response = client.post(
        f"/protection/members/{head.pk}/complete/",
        {
            "primary_name": "KOVAL",
            "secondary_name": "OLENA",
            "sex": "F",
            "birth_date": "1990-04",
            "nationality": "UTO",
            "document_type": "national_id",
            "number": "AB123",
        },
    )
    assert response.status_code == 302
    head.refresh_from_db()
    assert head.traveller is not None and head.traveller.birth_year == 1990
    household.refresh_from_db()
    assert household.completed_at is None
    bad = client.post(
        f"/protection/members/{child.pk}/complete/",
        {
            "primary_name": "KOVAL",
            "sex": "F",
            "birth_date": "2999",
            "document_type": "birth_certificate",
        },
    )
    assert bad.status_code == 400 and "birth_date" in bad.content.decode()
    client.post(
        f"/protection/members/{child.pk}/complete/",
        {
            "primary_name": "KOVAL",
            "secondary_name": "ANNA",
            "sex": "F",
            "birth_date": "2024",
            "nationality": "UTO",
            "document_type": "birth_certificate",
        },
    )
    household.refresh_from_db()
    assert household.completed_at is not None
    assert Traveller.objects.count() == 2


def test_safeguard_covers_travellers_completed_from_a_flagged_household(
    client, emergency, token_for
):
    from passage.crossings import services as crossings
    from passage.travellers.services import Identity

    api(client, token_for(emergency.officer), body(indicators=["PR-FR"], members=[]))
    head = HouseholdMember.objects.get()
    from passage.protection.services import complete_member

    complete_member(
        emergency.officer,
        head,
        Identity(
            primary_name="KOVAL",
            sex="F",
            nationality="UTO",
            issuing_state="UTO",
            document_type="national_id",
            number="AB123",
        ),
    )
    set_crossing_point_mode(emergency.supervisor, emergency.post, "normal", "over")
    emergency.post.refresh_from_db()
    head.refresh_from_db()
    with pytest.raises(crossings.ProblemError):
        crossings.record_crossing(
            emergency.officer,
            emergency.post,
            crossings.CrossingInput(
                direction="entry",
                identity=Identity(
                    primary_name="KOVAL",
                    issuing_state="UTO",
                    number="AB123",
                    document_type="national_id",
                ),
                decision="refused",
                refusal_grounds=["E"],
                traveller_id=head.traveller_id,
            ),
        )


def test_a_household_key_of_another_post_is_refused(client, emergency, token_for):
    """A key used at another post neither returns that household nor names the wrong post."""
    set_crossing_point_mode(emergency.supervisor, emergency.other_post, "emergency", "influx")
    key = str(uuid.uuid4())
    first = api(
        client,
        token_for(emergency.officer_elsewhere),
        body(crossing_point="TST-LAND", submission_key=key),
    )
    assert first.status_code == 201, first.content
    again = api(client, token_for(emergency.officer), body(submission_key=key))
    assert again.status_code == 409, again.content
    assert key in again.json()["detail"]["submission_key"]
    assert first.json()["id"] not in again.content.decode()


def test_a_household_key_with_another_payload_is_refused(client, emergency, token_for):
    token = token_for(emergency.officer)
    key = str(uuid.uuid4())
    assert api(client, token, body(submission_key=key)).status_code == 201
    other = api(client, token, body(submission_key=key, place_of_origin="Elsewhere"))
    assert other.status_code == 409 and Household.objects.count() == 1
