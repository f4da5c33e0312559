"""`POST /api/v1/passenger-lists` over a real HTTP server: permission, answers, bad input."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import date

import pytest

from passage.accounts.roles import Role
from passage.accounts.services import create_user
from passage.passengers.models import ListedPerson, PassengerList

from .conftest import paxlst, person

pytestmark = pytest.mark.django_db(transaction=True)


def post(live_server, body: bytes, auth: str | None) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310 - the test server's http URL
        f"{live_server.url}/api/v1/passenger-lists", data=body, method="POST"
    )
    request.add_header("Content-Type", "application/edifact")
    if auth:
        request.add_header("Authorization", auth)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - test server
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


@pytest.fixture
def gateway(personas, token_for):
    user = create_user(None, "gateway", password="x" * 20, roles=[Role.CARRIER_GATEWAY])
    return token_for(user)


def test_gateway_stores_a_list_and_learns_nothing_of_hits(live_server, personas, gateway, wanted):
    body = paxlst(
        [
            person("HADDAD", "LAYLA", "LR0099881", nationality="LBN", birth_date=date(1992, 3, 30)),
            person("DOE", "JANE", "A1"),
        ]
    )
    status, answer = post(live_server, body, gateway)
    assert status == 201, answer
    (stored,) = answer["lists"]
    assert stored == {
        "flight": "UX123",
        "departure_port": "MAD",
        "arrival_port": "TST",
        "flight_date": "2030-03-01",
        "kind": "passenger",
        "outcome": "created",
        "version": 1,
        "persons": 2,
    }
    assert "hit" not in json.dumps(answer)
    assert PassengerList.objects.get().hit_count == 1
    status, again = post(live_server, body, gateway)
    assert status == 201 and again["lists"][0]["outcome"] == "unchanged"


def test_without_the_permission(live_server, personas, token_for):
    body = paxlst([person("DOE", "JANE", "A1")])
    # Anonymous: refused (CSRF check of the session fallback answers first for a POST).
    assert post(live_server, body, None)[0] in (401, 403)
    assert post(live_server, body, token_for(personas.officer))[0] == 403
    assert post(live_server, body, token_for(personas.supervisor))[0] == 403
    assert not PassengerList.objects.exists()


def test_bad_message_is_422_naming_the_segment(live_server, personas, gateway):
    body = paxlst([person("DOE", "JANE", "A1")]).replace(b"UNT+", b"UNT+9")
    status, answer = post(live_server, body, gateway)
    assert status == 422
    assert "UNT" in answer["detail"] and "segment count" in answer["detail"]["UNT"]
    body = paxlst([person("DOE", "JANE", "A1")], to="XXX")
    status, answer = post(live_server, body, gateway)
    assert status == 422 and "'XXX'" in answer["detail"]["LOC+87"]
    assert post(live_server, b"\x00\x01", gateway)[0] == 422
    assert not ListedPerson.objects.exists()


def test_oversized_body_is_413(live_server, personas, gateway):
    status, answer = post(live_server, b"U" * (5 * 1024 * 1024 + 1), gateway)
    assert status == 413 and "body" in answer["detail"]
    assert not PassengerList.objects.exists()
