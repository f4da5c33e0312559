"""The data-protection officer opens Retention, reads the schedule, places a legal hold
with the keyboard (a bad id first), in English and in Arabic."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.test import override_settings

from passage.crossings import services as crossings
from passage.crossings.choices import Direction
from passage.retention import services
from passage.retention.models import LegalHold
from passage.retention.schedule import Kind
from passage.travellers.services import Identity

from .conftest import sign_in, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORT = {"width": 1366, "height": 768}


def _cross(personas, direction):
    return crossings.record_crossing(
        personas.officer,
        personas.post,
        crossings.CrossingInput(
            direction=direction,
            identity=Identity(
                primary_name="HADDAD",
                secondary_name="OMAR",
                birth_year=1980,
                birth_month=5,
                birth_day=2,
                nationality="UTO",
                issuing_state="UTO",
                number="J1234567",
            ),
        ),
    ).crossing


@override_settings(PASSAGE_STATS_SETTLE_SECONDS=0)
def test_the_dpo_reads_the_schedule_and_places_a_hold(live_server, personas, browser):
    kept = _cross(personas, Direction.ENTRY)
    gone = crossings.record_crossing(
        personas.officer,
        personas.post,
        crossings.CrossingInput(
            direction=Direction.ENTRY,
            identity=Identity(primary_name="ROE", number="R1", issuing_state="UTO"),
        ),
    ).crossing
    assert gone.pk != kept.pk
    services.purge(None, dt.date.today() + dt.timedelta(days=6 * 365))  # everyone goes
    kept = _cross(personas, Direction.ENTRY)  # a traveller recorded since
    shots = os.environ.get("PASSAGE_SCREENSHOTS")
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, live_server.url, "dpo")
    page.get_by_role("link", name="Retention").click()
    page.wait_for_url(f"{live_server.url}/retention/")
    schedule = page.locator("table").first
    assert "Crossings and travellers" in schedule.inner_text()
    row = schedule.locator("tr", has_text="Crossings and travellers")
    next_day = services.next_purge_dates(dt.date.today())[Kind.CROSSINGS]
    assert next_day is not None and next_day.isoformat() in row.inner_text()
    runs = page.locator("table").nth(1).inner_text()
    assert "Finished" in runs and "Crossings and travellers: " in runs
    # A hold on an id that is no traveller: refused, the field named, nothing stored.
    page.get_by_label("Traveller id").fill("no-such-person")
    page.get_by_label("Reason", exact=True).fill("court order 7/2026")
    page.get_by_label("Reason", exact=True).press("Enter")
    assert "not a traveller id" in page.locator("form", has_text="Traveller id").inner_text()
    assert not LegalHold.objects.exists()
    page.get_by_label("Traveller id").fill(str(kept.traveller_id))
    page.get_by_label("Reason", exact=True).press("Enter")
    page.wait_for_url(f"{live_server.url}/retention/")
    assert "court order 7/2026" in page.locator("main").inner_text()
    assert LegalHold.objects.filter(traveller_id=kept.traveller_id).exists()
    if shots:
        page.screenshot(path=f"{shots}/retention-en.png")
    page.select_option("#language", "ar")
    wait_until(page, "document.documentElement.dir === 'rtl'")
    page.goto(f"{live_server.url}/retention/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    main = page.locator("main").inner_text()
    assert "الاحتفاظ والحذف" in main and "العبور والمسافرون" in main
    if shots:
        page.screenshot(path=f"{shots}/retention-ar.png")
    context.close()
