"""Family members of EU citizens (EES art. 34(2)): the tie recorded at the counter (page,
API, sync), audited, and the purge keeping their entries and exits one year after exit."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from passage.accounts.models import AuditEvent
from passage.core.problems import ProblemError
from passage.crossings import services as crossings
from passage.crossings.choices import Direction
from passage.crossings.models import Crossing
from passage.reference.services import load_refusal_grounds
from passage.sync.models import OutboxEvent
from passage.travellers.models import Traveller
from passage.travellers.services import Identity

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("settled")]


def _today() -> dt.date:
    """Today, read when a test runs: a date read at import is a day behind the app's when
    the suite runs across midnight."""
    return dt.date.today()


def _identity(number: str, surname: str) -> Identity:
    return Identity(
        primary_name=surname,
        secondary_name="AMIRA",
        sex="F",
        birth_year=1985,
        birth_month=6,
        birth_day=2,
        nationality="UTO",
        issuing_state="UTO",
        number=number,
        expiry_date=timezone.localdate() + dt.timedelta(days=900),
    )


def _cross(personas, number, surname, direction=Direction.ENTRY, **kw):
    return crossings.record_crossing(
        personas.officer,
        personas.post,
        crossings.CrossingInput(direction=direction, identity=_identity(number, surname), **kw),
    ).crossing


@pytest.fixture
def settled(settings):
    settings.PASSAGE_STATS_SETTLE_SECONDS = 0


@pytest.fixture
def travellers(personas):
    """A family member of a French citizen (the tie on the entry) and one who is not,
    each entered and left today."""
    load_refusal_grounds(None)
    family = _cross(
        personas, "F0000001", "FAMILY", eu_family_of="fra", eu_family_document=" 18ab12345 "
    )
    family_exit = _cross(personas, "F0000001", "FAMILY", Direction.EXIT)
    other = _cross(personas, "O0000002", "OTHER")
    _cross(personas, "O0000002", "OTHER", Direction.EXIT)
    assert family_exit.closes_id == family.pk
    return family, other


def _purge(as_of: dt.date) -> dict:
    out = StringIO()
    call_command("retention", "purge", "--json", "--as-of", as_of.isoformat(), stdout=out)
    return json.loads(out.getvalue())


def test_the_tie_is_stored_as_the_officer_gave_it_and_audited(travellers):
    family, _other = travellers
    family.refresh_from_db()
    assert (family.eu_family_of, family.eu_family_document) == ("FRA", "18AB12345")
    event = AuditEvent.objects.get(action="create", object_id=str(family.pk))
    after = json.loads(event.data)["after"]
    assert after["eu_family_of"] == "FRA" and after["eu_family_document"] == "18AB12345"


def test_family_members_go_one_year_after_exit_the_others_after_three(travellers):
    family, other = travellers
    # Eleven months on: nobody is due.
    early = _purge(_today() + dt.timedelta(days=330))
    assert early["persons"] == 0
    assert Crossing.objects.filter(traveller_id=family.traveller_id).count() == 2
    # A year and a few days on: the family member's entry, exit and person go; the
    # other traveller's stay three years.
    assert _purge(_today() + dt.timedelta(days=372))["persons"] == 1
    assert not Crossing.objects.filter(traveller_id=family.traveller_id).exists()
    assert not Traveller.objects.filter(pk=family.traveller_id).exists()
    assert Crossing.objects.filter(traveller_id=other.traveller_id).count() == 2
    assert _purge(_today() + dt.timedelta(days=3 * 365 + 10))["persons"] == 1
    assert not Traveller.objects.filter(pk=other.traveller_id).exists()


def test_the_tie_on_the_exit_alone_is_enough(personas):
    load_refusal_grounds(None)
    entry = _cross(personas, "E0000003", "EXITTIE")
    _cross(
        personas,
        "E0000003",
        "EXITTIE",
        Direction.EXIT,
        eu_family_of="D",
        eu_family_document="C01X00T47",
    )
    _purge(_today() + dt.timedelta(days=372))
    assert not Crossing.objects.filter(pk=entry.pk).exists()


def test_an_entry_with_no_exit_keeps_the_five_years(personas):
    load_refusal_grounds(None)
    entry = _cross(
        personas, "N0000004", "INSIDE", eu_family_of="ESP", eu_family_document="X1234567"
    )
    _purge(_today() + dt.timedelta(days=372))
    assert Crossing.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"eu_family_of": "UTO", "eu_family_document": "X1"}, "eu_family_of"),
        ({"eu_family_of": "QQQ", "eu_family_document": "X1"}, "eu_family_of"),
        ({"eu_family_of": "FRA"}, "eu_family_document"),
        ({"eu_family_document": "X1"}, "eu_family_of"),
        ({"eu_family_of": "FRA", "eu_family_document": "X1\x00"}, "eu_family_document"),
    ],
)
def test_a_tie_without_a_free_movement_state_or_evidence_is_refused(personas, fields, named):
    load_refusal_grounds(None)
    with pytest.raises(ProblemError) as caught:
        _cross(personas, "B0000005", "BAD", **fields)
    assert named in caught.value.problems
    assert not Crossing.objects.exists() and not Traveller.objects.exists()


def test_the_api_takes_and_returns_the_tie_and_names_the_field_it_refuses(
    client, personas, token_for
):
    load_refusal_grounds(None)
    header = token_for(personas.officer)
    body = {
        "crossing_point": "TST-AIR",
        "direction": "entry",
        "person": {
            "primary_name": "HAILE",
            "secondary_name": "SELAM",
            "birth_date": "1990-01-31",
            "nationality": "UTO",
            "document_type": "passport",
            "issuing_state": "UTO",
            "number": "P7777777",
            "sex": "F",
        },
        "eu_family_of": "ITA",
        "eu_family_document": "CA00000AA",
    }
    url = "/api/v1/crossings"
    response = client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=header)
    assert response.status_code == 201, response.json()
    assert response.json()["crossing"]["eu_family_of"] == "ITA"
    assert response.json()["crossing"]["eu_family_document"] == "CA00000AA"
    body["eu_family_of"] = "UTO"
    body["person"]["number"] = "P8888888"
    response = client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=header)
    assert response.status_code == 422
    assert "eu_family_of" in json.dumps(response.json())
    assert not Crossing.objects.filter(document__number="P8888888").exists()


@override_settings(PASSAGE_ROLE="node")
def test_the_tie_travels_to_hq_with_the_crossing(personas):
    load_refusal_grounds(None)
    entry = _cross(personas, "S0000006", "SYNCED", eu_family_of="NOR", eu_family_document="ABC123")
    row = OutboxEvent.objects.get(model="crossings.crossing", object_id=str(entry.pk))
    fields = json.loads(row.data)["fields"]
    assert fields["eu_family_of"] == "NOR" and fields["eu_family_document"] == "ABC123"


def test_the_dpo_page_says_family_members_are_kept_one_year(client, personas, travellers):
    client.force_login(personas.dpo)
    page = client.get("/retention/").content.decode()
    assert "family member of an EU citizen" in page
    assert "365 days after the exit" in page


def test_the_counter_page_records_the_tie_and_names_the_field_it_refuses(client, personas):
    import uuid as uuid_module

    from passage.alerts.tests.lists import passport

    load_refusal_grounds(None)
    client.force_login(personas.officer)
    page = client.get("/posts/TST-AIR/counter/").content.decode()
    assert 'name="eu_family_of"' in page and 'name="eu_family_document"' in page

    def admit(**fields):
        data = {
            "mrz": passport(),
            "direction": "entry",
            "purpose": "family",
            "submission_key": str(uuid_module.uuid4()),
            "action": "admit",
            **fields,
        }
        return client.post("/posts/TST-AIR/counter/", data)

    refused = admit(eu_family_of="UTO", eu_family_document="X1")
    assert refused.status_code == 400
    assert "not a state whose citizens have free movement" in json.dumps(
        refused.context["form"].errors["eu_family_of"]
    )
    assert not Crossing.objects.exists()
    recorded = admit(eu_family_of="PRT", eu_family_document="CC1234567")
    assert recorded.status_code == 302, recorded.context["form"].errors
    crossing = Crossing.objects.get()
    assert (crossing.eu_family_of, crossing.eu_family_document) == ("PRT", "CC1234567")
    detail = client.get(f"/crossings/{crossing.pk}/").content.decode()
    assert "CC1234567" in detail and "kept one year after exit" in detail
