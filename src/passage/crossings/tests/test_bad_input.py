"""Bad input at the API gets a 4xx naming the field, never a server error."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from django.utils import timezone

from passage.alerts import services as alert_services
from passage.alerts.models import AlertList
from passage.crossings.models import Crossing

from .test_api import MRZ

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(client, personas, token_for):
    from passage.reference.services import load_refusal_grounds

    load_refusal_grounds(None)
    tokens = {name: token_for(user) for name, user in personas.all().items()}

    def call(path: str, body, persona: str = "officer", content_type="application/json"):
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        return client.post(
            f"/api/v1{path}", data, content_type=content_type, HTTP_AUTHORIZATION=tokens[persona]
        )

    return call


PERSON = {
    "primary_name": "HAILE",
    "birth_date": "1990-01-31",
    "issuing_state": "UTO",
    "nationality": "UTO",
    "number": "X123",
}


def _field_of(response) -> set[str]:
    detail = response.json()["detail"]
    return set(detail) if isinstance(detail, dict) else {str(detail).split(":")[0]}


def test_a_time_without_a_zone_names_at(post):
    body = {"crossing_point": "TST-AIR", "direction": "entry", "person": PERSON}
    response = post("/crossings", {**body, "at": "2026-01-01T10:00:00"})
    assert response.status_code == 422, response.content
    assert _field_of(response) == {"at"}


def test_year_one_names_at_not_the_birth_date(post):
    body = {"crossing_point": "TST-AIR", "direction": "entry", "person": PERSON}
    response = post("/crossings", {**body, "at": "0001-01-01T00:00:00Z"})
    assert response.status_code == 422, response.content
    assert _field_of(response) == {"at"}


def test_an_unknown_traveller_id_names_traveller_id(post):
    body = {
        "crossing_point": "TST-AIR",
        "direction": "entry",
        "person": PERSON,
        "traveller_id": str(uuid.uuid4()),
    }
    response = post("/crossings", body)
    assert response.status_code == 422, response.content
    assert _field_of(response) == {"traveller_id"}
    assert not Crossing.objects.exists()


def test_a_past_time_at_a_post_in_normal_mode_is_refused_as_on_the_page(post):
    at = (timezone.now() - dt.timedelta(days=2)).isoformat()
    body = {"crossing_point": "TST-AIR", "direction": "entry", "mrz": MRZ, "at": at}
    response = post("/crossings", body)
    assert response.status_code == 422, response.content
    assert "degraded mode" in response.json()["detail"]["at"]


def test_a_body_over_five_megabytes_is_413_naming_the_body(post):
    body = {"crossing_point": "TST-AIR", "direction": "entry", "notes": "x" * (6 * 1024**2)}
    response = post("/crossings", body)
    assert response.status_code == 413, response.content[:200]
    assert "body" in response.json()["detail"]


def test_an_alert_import_takes_the_documented_fifty_megabytes(post, personas):
    alert_list = alert_services.create_list(
        None, AlertList(name="Big", kind="persons", default_action="notify")
    )
    # Few entries, long lines: the size is what is tested (unknown keys are ignored).
    line = json.dumps({"names": ["SOMEONE"], "reference": "R{n}", "padding": "x" * 1000})
    rows = "\n".join(line.replace("{n}", str(n)) for n in range(6_000)).encode()
    assert 5 * 1024**2 < len(rows) < 50 * 1024**2
    response = post(
        f"/alerts/lists/{alert_list.pk}/import?format=jsonl",
        rows,
        persona="administrator",
        content_type="application/x-ndjson",
    )
    assert response.status_code == 201, response.content[:300]
    assert response.json()["entries"] == 6_000


@pytest.mark.parametrize("fmt", ["jsonl", "ftm"])
def test_deeply_nested_json_lines_name_the_line(post, fmt):
    alert_list = alert_services.create_list(
        None, AlertList(name="Nested", kind="persons", default_action="notify")
    )
    nested = ("[" * 100_000 + "]" * 100_000).encode()
    response = post(
        f"/alerts/lists/{alert_list.pk}/import?format={fmt}",
        nested,
        persona="administrator",
        content_type="application/x-ndjson",
    )
    assert response.status_code == 422, response.content[:300]
    assert "nested too deeply" in response.content.decode()
