"""At the counter, by keyboard: a family member of an EU citizen, the tie recorded with
its evidence (kept one year after exit, docs/retention.md); the section in Arabic."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.utils import timezone

from passage.core.mrz import make_mrz
from passage.crossings.models import Crossing
from passage.reference.services import load_refusal_grounds

from .conftest import sign_in, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_records_a_family_member_of_an_eu_citizen(live_server, personas, page):
    load_refusal_grounds(None)
    shots = os.environ.get("PASSAGE_SCREENSHOTS")
    page.set_viewport_size({"width": 1366, "height": 768})
    mrz = make_mrz(
        "TD3",
        surname="Haddad",
        given_names="Lina",
        document_number="LB7654321",
        issuing_state="UTO",
        birth_date=dt.date(1993, 7, 2),
        sex="F",
        expiry_date=timezone.localdate() + dt.timedelta(days=1000),
    )
    sign_in(page, live_server.url, language="ar")
    page.goto(f"{live_server.url}/posts/TST-AIR/counter/")
    page.keyboard.insert_text(mrz)
    wait_until(page, "document.querySelector('#id_primary_name').value === 'HADDAD'")
    # Keyboard: to the folded section, open it, type the citizen's nationality and document.
    page.locator("details.eu-family summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("FRA")
    page.keyboard.press("Tab")
    page.keyboard.type("18AB12345")
    assert page.input_value("#id_eu_family_of") == "FRA"
    if shots:
        page.locator("details.eu-family").scroll_into_view_if_needed()
        page.screenshot(path=f"{shots}/counter-eu-family-ar.png")
    page.keyboard.press("Alt+a")
    wait_until(page, "document.querySelector('.message.success') !== null", timeout=45)
    crossing = Crossing.objects.get()
    assert (crossing.eu_family_of, crossing.eu_family_document) == ("FRA", "18AB12345")
    page.goto(f"{live_server.url}/crossings/{crossing.pk}/")
    assert "18AB12345" in page.locator("#eu-family").inner_text()
    if shots:
        page.screenshot(path=f"{shots}/crossing-eu-family-ar.png", full_page=True)
