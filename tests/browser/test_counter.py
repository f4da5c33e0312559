"""At the counter, by keyboard: paste an MRZ, admit, then record the exit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from passage.core.mrz import make_mrz
from passage.crossings.models import Crossing
from passage.reference.services import load_refusal_grounds

from .conftest import sign_in, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_records_an_entry_and_the_matching_exit(live_server, personas, page):
    load_refusal_grounds(None)
    mrz = make_mrz(
        "TD3",
        surname="Mekonnen",
        given_names="Sara",
        document_number="EP1234567",
        issuing_state="ETH",
        birth_date=dt.date(1991, 3, 14),
        sex="F",
        expiry_date=timezone.localdate() + dt.timedelta(days=1000),
    )
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/posts/TST-AIR/counter/")

    # The cursor waits in the MRZ box; a reader types the lines like a keyboard.
    assert page.evaluate("document.activeElement.id") == "id_mrz"
    page.keyboard.insert_text(mrz)
    wait_until(page, "document.querySelector('#id_primary_name').value === 'MEKONNEN'")
    assert page.input_value("#id_number") == "EP1234567"
    assert page.locator("#check-screening").inner_text().find("Not checked") >= 0
    page.select_option("#id_purpose", "business")
    page.keyboard.press("Alt+a")  # Admit, by its access key
    page.wait_for_selector("text=Entry recorded")

    page.locator("#id_mrz").focus()
    page.keyboard.insert_text(mrz)
    page.wait_for_selector("text=Known by this document.")
    page.select_option("#id_direction", "exit")
    page.wait_for_selector("text=Stay summary")
    page.keyboard.press("Alt+x")  # Record exit: Admit is for entries
    page.wait_for_selector("text=Exit recorded")

    entry, exit_ = Crossing.objects.order_by("at")
    assert (entry.direction, exit_.direction) == ("entry", "exit")
    assert exit_.closes_id == entry.pk and entry.purpose == "business"


def test_enter_in_the_mrz_box_reads_it_under_the_content_security_policy(
    live_server, personas, page
):
    # A reader that sets the box without typing fires no input event: Enter must read it.
    # htmx trigger filters (keyup[key=='Enter']) are evaluated as code, which the policy
    # refuses; the counter sends its own event instead.
    mrz = make_mrz(
        "TD3",
        surname="Haile",
        given_names="Abebe",
        document_number="EP7654321",
        issuing_state="ETH",
        birth_date=dt.date(1985, 6, 2),
        sex="M",
        expiry_date=timezone.localdate() + dt.timedelta(days=900),
    )
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/posts/TST-AIR/counter/")
    page.evaluate("(text) => { document.querySelector('#id_mrz').value = text; }", mrz)
    page.locator("#id_mrz").press("End")
    page.locator("#id_mrz").press("Enter")
    wait_until(page, "document.querySelector('#id_primary_name').value === 'HAILE'")
    assert refused == []
