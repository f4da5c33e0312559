"""A supervisor at HQ reviews a proposed identity link with the keyboard, in English and
Arabic; once confirmed, the hit page and the counter say the traveller is linked to a
record with an alert hit, and the statistics count persons beside documents."""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any

import pytest
from django.utils import timezone

from passage.accounts.roles import Role
from passage.accounts.services import create_user
from passage.alerts import indexes
from passage.alerts import services as alert_services
from passage.alerts.models import AlertEntry, AlertList, AlertListVersion, ScreeningHit
from passage.core.mrz import make_mrz
from passage.crossings.models import Crossing
from passage.crossings.services import CrossingInput, record_crossing
from passage.identity import services
from passage.identity.models import Link
from passage.statistics import services as statistics
from passage.travellers.services import Identity

from .conftest import PASSWORD, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _cross(personas: Any, days_ago: int, surname: str, given: str, number: str) -> Any:
    identity = Identity(
        primary_name=surname,
        secondary_name=given,
        number=number,
        issuing_state="EGY",
        nationality="EGY",
        sex="M",
        birth_year=1980,
        birth_month=3,
        birth_day=4,
        expiry_date=timezone.localdate() + dt.timedelta(days=1000),
    )
    data = CrossingInput(
        "entry",
        identity,
        at=timezone.now() - dt.timedelta(days=days_ago),
        authorised_until=timezone.localdate() + dt.timedelta(days=30),
    )
    return record_crossing(personas.officer, personas.post, data).crossing


def _english_left(page: Any, phrases: list[str]) -> list[str]:
    text = page.locator("main").inner_text()
    return [p for p in phrases if p in text]


def test_supervisor_confirms_a_link_and_its_effects_show(
    live_server: Any, personas: Any, page: Any, settings: Any, tmp_path: Any
) -> None:
    settings.PASSAGE_ROLE = "hq"
    settings.VAR_DIR = tmp_path
    settings.PASSAGE_IDENTITY_ROWS = str(tmp_path / "identity-rows")
    indexes._loaded.clear()
    shots = os.environ.get("PASSAGE_SCREENSHOTS")
    create_user(
        None, "hq-reviewer", password=PASSWORD, roles=[Role.SUPERVISOR], national_scope=True
    )
    wanted = alert_services.create_list(
        None, AlertList(name="Notify", kind="persons", default_action="notify")
    )
    line = {"reference": "W-7", "names": ["Karim Nasser"], "birth_dates": ["1961"], "reason": "x"}
    alert_services.import_entries(None, wanted, "jsonl", json.dumps(line).encode())
    first = _cross(personas, 28, "MOHAMED", "ALI HASSAN", "A1234567")
    second = _cross(personas, 5, "MUHAMMAD", "ALI HASAN", "A7654321")
    assert first.traveller_id != second.traveller_id
    entry = AlertEntry.objects.get(reference="W-7")
    hit = ScreeningHit.objects.create(
        crossing=first,
        entry=entry,
        list_version=AlertListVersion.objects.filter(alert_list=wanted).latest("number"),
        kind="name",
        score=0.93,
        action="notify",
    )
    other_hit = ScreeningHit.objects.create(
        crossing=second,
        entry=entry,
        list_version=hit.list_version,
        kind="name",
        score=0.61,
        action="notify",
    )
    services.run_resolution()
    link = Link.objects.get()
    assert link.state == "proposed"

    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server.url, "hq-reviewer")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Identity links").click()
    page.wait_for_selector("h1:has-text('Identity links to review')")
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1
    assert "MOHAMED" in rows.inner_text() and "MUHAMMAD" in rows.inner_text()
    if shots:
        page.screenshot(path=f"{shots}/identity-queue.png", full_page=True)
    # Keyboard only: to the Review link, open it, choose "same person", give the reason.
    rows.get_by_role("link", name="Review").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('Two records, one person?')")
    table = page.locator("table.side-by-side").inner_text()
    assert "ALI HASSAN" in table and "ALI HASAN" in table and "A7654321" in table
    if shots:
        page.screenshot(path=f"{shots}/identity-link.png", full_page=True)
    page.locator("input[name=decision]").first.focus()
    page.keyboard.press("Space")
    page.locator("#id_reason").focus()
    page.keyboard.type("Renewed passport; same photograph.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Decision recorded.")
    assert page.locator("main table tbody tr").inner_text().strip() == "Nothing to review."
    link.refresh_from_db()
    assert (link.state, link.decision) == ("decided", "same")

    # The hit on the renewed passport's record now names the first record's hit.
    page.goto(f"{live_server.url}/alerts/hits/{other_hit.pk}/")
    notice = page.locator("#linked-alert-hits")
    assert "Linked to a record with an alert hit" in notice.inner_text()
    assert notice.get_by_role("link").count() == 1
    if shots:
        page.screenshot(path=f"{shots}/identity-hit.png", full_page=True)
    page.goto(f"{live_server.url}/alerts/hits/")
    assert page.locator(".linked-alert-hit").count() == 2

    # Arabic: the queue, the decided link and the hit page right to left, in Arabic.
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/identity/links/?colour=white")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert _english_left(page, ["Identity links to review", "Nothing to review", "Colour"]) == []
    if shots:
        page.screenshot(path=f"{shots}/identity-queue-ar.png", full_page=True)
    page.goto(f"{live_server.url}/identity/links/{link.pk}/")
    english = ["Two records, one person?", "Match weight", "Field", "agrees", "Undo"]
    assert _english_left(page, english) == []
    if shots:
        page.screenshot(path=f"{shots}/identity-link-ar.png", full_page=True)
    page.goto(f"{live_server.url}/alerts/hits/{other_hit.pk}/")
    assert _english_left(page, ["Linked to a record with an alert hit"]) == []
    if shots:
        page.screenshot(path=f"{shots}/identity-hit-ar.png", full_page=True)

    # The officer at the counter reads the renewed passport: the notice is there.
    page.context.clear_cookies()
    sign_in(page, live_server.url, "officer")
    page.goto(f"{live_server.url}/posts/{personas.post.code}/counter/")
    mrz = make_mrz(
        "TD3",
        surname="MUHAMMAD",
        given_names="ALI HASAN",
        document_number="A7654321",
        issuing_state="EGY",
        nationality="EGY",
        birth_date=dt.date(1980, 3, 4),
        sex="M",
        expiry_date=timezone.localdate() + dt.timedelta(days=1000),
    )
    page.keyboard.insert_text(mrz)
    page.wait_for_selector("#linked-alert-hit")
    banner = page.locator("#linked-alert-hit")
    assert "Admitting sends the traveller to secondary inspection" in banner.inner_text()
    assert "banner-danger" in (banner.get_attribute("class") or "")
    # This document is on no list, but the card must not read as a clear result.
    card = page.locator("#check-screening")
    assert "Linked to a record with an alert hit" in card.inner_text()
    assert "Clear" not in card.inner_text()
    if shots:
        page.screenshot(path=f"{shots}/identity-counter.png", full_page=True)
    # Admit by its access key: recorded as a referral to secondary inspection, saying why.
    page.select_option("#id_purpose", "business")
    page.keyboard.press("Alt+a")
    page.wait_for_selector("text=Entry recorded")
    referred = Crossing.objects.filter(traveller_id=second.traveller_id).latest("at")
    assert referred.decision == "secondary"
    assert "linked to a record with an alert hit" in referred.inspection.reason

    # The analyst's statistics: two documents, one person.
    statistics.refresh(settle=0)
    page.context.clear_cookies()
    sign_in(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}/statistics/")
    section = page.locator("#table-persons")
    section.locator("summary").click()
    head = section.locator("thead").inner_text()
    assert "Documents" in head and "Persons" in head
    if shots:
        section.screenshot(path=f"{shots}/identity-statistics.png")
    indexes._loaded.clear()
