"""A 400-person list walked as its users walk it: the supervisor's flights page, the
flight, the hit review by keyboard (English and Arabic), the officer's "Expected" card."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from django.utils import timezone

from passage.alerts import indexes, services
from passage.alerts.models import AlertList
from passage.core.mrz import make_mrz
from passage.core.paxlst import Document, Flight, Person, make_paxlst
from passage.passengers.models import ListedPerson
from passage.passengers.services import ingest

from .conftest import sign_in, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SURNAMES = ["GARCIA", "NGUYEN", "SMITH", "TANAKA", "ROSSI", "DUBOIS", "MULLER", "SILVA"]
GIVEN = ["ANA", "LUIS", "MAI", "JOHN", "YUKI", "MARCO", "LEA", "PAULO"]


def _shot(page, name: str) -> None:
    shots = os.environ.get("PASSAGE_SCREENSHOTS")
    if shots:
        page.screenshot(path=f"{shots}/{name}.png", full_page=False)


@pytest.fixture
def flight(personas, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    indexes._loaded.clear()
    wanted = services.create_list(
        None, AlertList(name="Wanted persons", kind="persons", default_action="arrest")
    )
    line = {"names": ["Omar Haddad"], "birth_dates": ["1980-05-02"], "reason": "Synthetic"}
    services.import_entries(None, wanted, "jsonl", json.dumps(line).encode())
    arrival = (timezone.localtime() + dt.timedelta(hours=2)).replace(
        second=0, microsecond=0, tzinfo=None
    )
    people = [
        Person(
            "passenger", SURNAMES[k % 8] + "X" * (k // 64), GIVEN[(k // 8) % 8], "FM"[k % 2],
            dt.date(1950 + k % 50, 1 + k % 12, 1 + k % 28), "ESP",
            (Document("P", f"E{k:07d}", dt.date(2034, 1, 1), "ESP"),), seat=f"{k // 6 + 1}{'ABCDEF'[k % 6]}",
        )
        for k in range(398)
    ]  # fmt: skip
    people.insert(
        13,
        Person("passenger", "HADDAD", "OMAR", "M", dt.date(1980, 5, 2), "JOR",
               (Document("P", "J1234567", dt.date(2031, 1, 1), "JOR"),), seat="14C"),
    )  # fmt: skip
    people.append(
        Person("passenger", "MEKONNEN", "SARA", "F", dt.date(1991, 3, 4), "ETH",
               (Document("P", "EP1234567", dt.date(2031, 1, 1), "ETH"),), seat="22F"),
    )  # fmt: skip
    (result,) = ingest(
        None,
        make_paxlst(
            "passenger",
            Flight("UX123", "UX", "MAD", "TST", arrival - dt.timedelta(hours=4), arrival),
            people,
            interchange_reference="R1",
            prepared=arrival - dt.timedelta(hours=5),
        ).encode(),
        channel="api",
    )
    assert (result.persons, result.hits) == (400, 1)
    yield result.passenger_list
    indexes._loaded.clear()


def test_supervisor_reviews_the_hit_by_keyboard(live_server, personas, page, flight):
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server.url, "supervisor")
    page.get_by_role("link", name="Arriving flights").click()
    row = page.locator("tr", has_text="UX123").inner_text()
    assert "400" in row and "MAD" in row
    _shot(page, "paxbulk-flights")
    page.get_by_role("link", name="UX123").click()
    # count() does not wait: wait until the flight's page has loaded (CI once counted the
    # flights page still on screen).
    page.wait_for_url(f"**/flights/{flight.pk}/", wait_until="load")
    assert page.locator("tbody tr").count() == 400
    _shot(page, "paxbulk-flight")
    page.get_by_role("link", name="Show only hits and stay problems").click()
    page.wait_for_url("**/?show=flagged", wait_until="load")
    table = page.locator("table").inner_text()
    assert "HADDAD, OMAR" in table and "Wanted persons" in table and "GARCIA" not in table

    # By keyboard: open the review, choose, say what was found, send.
    page.locator("summary", has_text="Review the hit").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the first decision: Confirmed
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the second decision, into the note
    page.keyboard.type("Passport seen at the gate: the listed person.")
    _shot(page, "paxbulk-review")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Review recorded for HADDAD, OMAR")
    omar = ListedPerson.objects.get(document_number="J1234567")
    assert omar.hit_review == "confirmed" and omar.hit_reviewed_by == personas.supervisor
    assert "the listed person" in page.locator("p.hit-review").inner_text()

    # Arabic: right to left, translated, the review still shown.
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/flights/{flight.pk}/?show=flagged")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "HADDAD, OMAR" in page.locator("table").inner_text()
    _shot(page, "paxbulk-flight-ar")


def test_an_empty_review_is_refused_naming_the_field(live_server, personas, page, flight):
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server.url, "supervisor")
    page.goto(f"{live_server.url}/flights/{flight.pk}/?show=flagged")
    page.locator("summary", has_text="Review the hit").click()
    page.get_by_label("Dismissed").check()
    page.locator("input[name=note]").fill("   ")
    page.get_by_role("button", name="Record the review").click()
    assert "note" in page.locator("[role=alert]").inner_text()
    assert ListedPerson.objects.get(document_number="J1234567").hit_review == ""


def test_the_counter_shows_the_expected_card(live_server, personas, page, flight):
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server.url, "officer")
    page.goto(f"{live_server.url}/posts/TST-AIR/counter/")
    mrz = make_mrz(
        "TD3",
        surname="Mekonnen",
        given_names="Sara",
        document_number="EP1234567",
        issuing_state="ETH",
        birth_date=dt.date(1991, 4, 3),  # the list says 1991-03-04
        sex="F",
        expiry_date=dt.date(2031, 1, 1),
    )
    assert page.evaluate("document.activeElement.id") == "id_mrz"
    page.keyboard.insert_text(mrz)
    wait_until(page, "!!document.querySelector('#expected-arrival')", timeout=45)
    card = page.locator("#expected-arrival").inner_text()
    assert "on UX123 from MAD" in card and "seat 22F" in card
    assert "1991-03-04" in card and "1991-04-03" in card
    page.locator("#expected-arrival").scroll_into_view_if_needed()
    _shot(page, "paxbulk-counter-expected")
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/posts/TST-AIR/counter/")
    # The MRZ box takes the focus once the page has loaded; typed before, the text is lost.
    wait_until(page, "document.activeElement && document.activeElement.id === 'id_mrz'")
    page.keyboard.insert_text(mrz)
    wait_until(page, "!!document.querySelector('#expected-arrival')", timeout=45)
    assert "UX123" in page.locator("#expected-arrival").inner_text()
    page.locator("#expected-arrival").scroll_into_view_if_needed()
    _shot(page, "paxbulk-counter-expected-ar")
