"""The counter's API, as document readers and e-gates use it."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from passage.core.mrz import make_mrz
from passage.crossings.models import Crossing
from passage.reference.services import load_refusal_grounds

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    """Today, read when a test runs: a date read at import is a day behind the app's when
    the suite runs across midnight."""
    return timezone.localdate()


MRZ = make_mrz(
    "TD1",
    surname="Haile",
    given_names="Selam",
    document_number="D23145890734",
    issuing_state="UTO",
    birth_date=dt.date(1990, 1, 31),
    sex="F",
    expiry_date=_today() + dt.timedelta(days=2000),
)


@pytest.fixture
def api(client, personas, token_for):
    load_refusal_grounds(None)
    header = token_for(personas.officer)

    def call(method: str, path: str, body: dict | None = None, **headers):
        kwargs = {"content_type": "application/json", "HTTP_AUTHORIZATION": header}
        kwargs.update({f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()})
        if body is None:
            return getattr(client, method)(f"/api/v1{path}", **kwargs)
        return getattr(client, method)(f"/api/v1{path}", body, **kwargs)

    return call


def test_record_an_entry_from_the_mrz(api):
    response = api(
        "post",
        "/crossings",
        {"crossing_point": "TST-AIR", "direction": "entry", "mrz": MRZ, "purpose": "family"},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["created"] and body["crossing"]["decision"] == "admitted"
    crossing = Crossing.objects.get(pk=body["crossing"]["id"])
    assert crossing.document.number == "D23145890734"  # a long TD1 number, whole
    assert crossing.traveller.birth_date == dt.date(1990, 1, 31)


def test_an_mrz_giving_only_the_year_and_month_of_birth_records_them(api):
    """ICAO 9303-3 §4.8: ``9001<<`` is January 1990, day unknown (decision 0270)."""
    partial = make_mrz(
        "TD1",
        surname="Haile",
        given_names="Selam",
        document_number="D23145890734",
        issuing_state="UTO",
        birth_date="9001<<",
        sex="F",
        expiry_date=_today() + dt.timedelta(days=2000),
    )
    response = api(
        "post", "/crossings", {"crossing_point": "TST-AIR", "direction": "entry", "mrz": partial}
    )
    assert response.status_code == 201, response.json()
    traveller = Crossing.objects.get().traveller
    assert (traveller.birth_year, traveller.birth_month, traveller.birth_day) == (1990, 1, None)


def test_record_from_fields_without_an_mrz(api):
    body = {
        "crossing_point": "TST-AIR",
        "direction": "entry",
        "person": {
            "primary_name": "OULD AHMED",
            "secondary_name": "MARIAM",
            "native_primary_name": "ولد أحمد",
            "birth_date": "1988",
            "nationality": "MRT",
            "document_type": "laissez_passer",
            "issuing_state": "MRT",
            "number": "LP00042",
        },
    }
    response = api("post", "/crossings", body)
    assert response.status_code == 201, response.json()
    traveller = Crossing.objects.get().traveller
    assert traveller.birth_year == 1988 and traveller.birth_month is None
    assert traveller.native_primary_name == "ولد أحمد"


def test_retry_with_the_same_key_records_once(api):
    key = str(uuid.uuid4())
    body = {"crossing_point": "TST-AIR", "direction": "entry", "mrz": MRZ}
    first = api("post", "/crossings", body, **{"Idempotency-Key": key})
    second = api("post", "/crossings", body, **{"Idempotency-Key": key})
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["crossing"]["id"] == second.json()["crossing"]["id"]
    assert Crossing.objects.count() == 1
    # The retry gets the first answer's stay assessment back, and is told it is a repeat.
    assert first.json()["stay"] is not None
    assert second.json()["stay"] == first.json()["stay"]
    assert any(w.startswith("Repeated submission") for w in second.json()["warnings"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"mrz": "NOT AN MRZ"}, "mrz"),
        (
            {
                "person": {
                    "primary_name": "X",
                    "number": "A1",
                    "issuing_state": "QQQ",
                    "nationality": "UTO",
                }
            },
            "issuing_state",
        ),
        (
            {
                "person": {
                    "primary_name": "X",
                    "number": "A1",
                    "issuing_state": "UTO",
                    "birth_date": "1990-02-30",
                }
            },
            "birth_date",
        ),
        ({"mrz": MRZ, "decision": "refused"}, "refusal_grounds"),
        ({"mrz": MRZ, "at": "2999-01-01T00:00:00Z"}, "at"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(api, body, field):
    response = api(
        "post", "/crossings", {"crossing_point": "TST-AIR", "direction": "entry", **body}
    )
    assert response.status_code == 422, response.json()
    assert field in str(response.json()["detail"])
    assert not Crossing.objects.exists()


def test_recording_at_another_post_is_403(api):
    response = api(
        "post", "/crossings", {"crossing_point": "TST-LAND", "direction": "entry", "mrz": MRZ}
    )
    assert response.status_code == 403
    assert "not assigned" in response.json()["detail"]


def test_history_and_lookup_by_document(api):
    entry = api(
        "post", "/crossings", {"crossing_point": "TST-AIR", "direction": "entry", "mrz": MRZ}
    ).json()
    api("post", "/crossings", {"crossing_point": "TST-AIR", "direction": "exit", "mrz": MRZ})
    traveller_id = entry["crossing"]["traveller_id"]
    history = api("get", f"/travellers/{traveller_id}/history").json()
    assert [c["direction"] for c in history["crossings"]] == ["exit", "entry"]
    assert history["crossings"][0]["closes"] == entry["crossing"]["id"]
    found = api("get", "/travellers/by-document?issuing_state=UTO&number=D23145890734").json()
    assert found["traveller"]["id"] == traveller_id
    assert api("get", "/travellers/by-document?issuing_state=UTO&number=NOPE").status_code == 404


def test_list_a_posts_crossings(api, client, personas, token_for):
    api("post", "/crossings", {"crossing_point": "TST-AIR", "direction": "entry", "mrz": MRZ})
    listed = api("get", "/crossing-points/TST-AIR/crossings?limit=10").json()
    assert len(listed) == 1 and listed[0]["crossing_point"] == "TST-AIR"
    elsewhere = client.get(
        "/api/v1/crossing-points/TST-AIR/crossings",
        HTTP_AUTHORIZATION=token_for(personas.officer_elsewhere),
    )
    assert elsewhere.status_code == 403


def test_analyst_cannot_record_or_read_people(client, personas, token_for):
    header = token_for(personas.analyst)
    response = client.post(
        "/api/v1/crossings",
        {"crossing_point": "TST-AIR", "direction": "entry", "mrz": MRZ},
        content_type="application/json",
        HTTP_AUTHORIZATION=header,
    )
    assert response.status_code == 403
    assert (
        client.get(
            f"/api/v1/travellers/{uuid.uuid4()}/history", HTTP_AUTHORIZATION=header
        ).status_code
        == 403
    )


def test_parse_endpoint_explains_every_problem(api):
    response = api("post", "/documents/parse", {"mrz": MRZ})
    assert response.status_code == 200
    assert response.json()["valid"] and response.json()["format"] == "TD1"
    broken = MRZ.replace("D23145890", "D23145899")
    body = api("post", "/documents/parse", {"mrz": broken}).json()
    assert not body["valid"]
    assert all({"field", "message", "line", "start", "end"} <= set(e) for e in body["errors"])
    too_long = api("post", "/documents/parse", {"mrz": "X" * 5000})
    assert too_long.status_code == 422
