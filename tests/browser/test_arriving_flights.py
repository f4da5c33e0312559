"""A supervisor opens the arriving flights and finds the passenger on an alert list."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta

import pytest

from passage.alerts import indexes, services
from passage.alerts.models import AlertList
from passage.core.paxlst import Document, Flight, Person, make_paxlst
from passage.passengers.services import ingest

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_supervisor_finds_the_flagged_passenger(live_server, personas, page, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    indexes._loaded.clear()
    wanted = services.create_list(
        None, AlertList(name="Wanted persons", kind="persons", default_action="arrest")
    )
    line = {"names": ["Omar Haddad"], "birth_dates": ["1980-05-02"], "reason": "Synthetic"}
    services.import_entries(None, wanted, "jsonl", json.dumps(line).encode())
    arrival = datetime.combine(date.today() + timedelta(days=1), datetime.min.time()).replace(
        hour=14, minute=45
    )
    people = [
        Person("passenger", "DOE", "JANE", "F", date(1985, 2, 14), "ESP",
               (Document("P", "PX1234567", date(2034, 1, 1), "ESP"),), seat="14C"),
        Person("passenger", "HADDAD", "OMAR", "M", date(1980, 5, 2), "JOR",
               (Document("P", "J1234567", date(2031, 1, 1), "JOR"),), seat="2A"),
    ]  # fmt: skip
    ingest(
        None,
        make_paxlst(
            "passenger",
            Flight("UX123", "UX", "MAD", "TST", arrival - timedelta(hours=4), arrival),
            people,
            interchange_reference="R1",
            prepared=arrival - timedelta(hours=5),
        ).encode(),
        channel="file",
    )
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server.url, "supervisor")
    page.get_by_role("link", name="Arriving flights").click()
    row = page.locator("tr", has_text="UX123")
    assert "MAD" in row.inner_text() and "TST-AIR" in row.inner_text()
    shots = os.environ.get("PASSAGE_SCREENSHOTS")
    if shots:
        page.screenshot(path=f"{shots}/flights.png", full_page=True)
    page.get_by_role("link", name="UX123").click()
    page.get_by_role("link", name="Show only hits and stay problems").click()
    table = page.locator("table").inner_text()
    assert "HADDAD, OMAR" in table and "Wanted persons" in table and "DOE" not in table
    assert "(Arrest)" in table
    if shots:
        page.screenshot(path=f"{shots}/flight.png", full_page=True)
    # Arabic: the page turns right-to-left and the flight is still there.
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/flights/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "UX123" in page.locator("table").inner_text()
    if shots:
        page.screenshot(path=f"{shots}/flights-ar.png", full_page=True)
    indexes._loaded.clear()
