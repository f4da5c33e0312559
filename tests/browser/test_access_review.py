"""The data-protection officer reviews an officer's reads, sees the unusual flagged and
signs the review off; then reads the transparency report. In English and Arabic."""

from __future__ import annotations

import os

import pytest
from django.utils import timezone

from passage.accounts import audit
from passage.crossings.services import CrossingInput, record_crossing
from passage.oversight.models import AccessReview
from passage.travellers.services import Identity

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _traveller(officer, point, number: str):
    identity = Identity(
        primary_name="OKAFOR", secondary_name="ADA", number=number, issuing_state="UTO"
    )
    return record_crossing(officer, point, CrossingInput("entry", identity)).crossing.traveller


def test_dpo_reviews_an_officers_reads_and_signs_off(live_server, personas, page):
    p = personas
    local = _traveller(p.officer, p.post, "L0000001")
    foreign = _traveller(p.officer_elsewhere, p.other_post, "F0000001")
    audit.record_read(p.officer, local, message="traveller history viewed")
    audit.record_read(p.officer, foreign, message="possible match by name shown at the counter")
    shots = os.environ.get("PASSAGE_SCREENSHOTS")
    today = timezone.localdate().isoformat()

    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server.url, "dpo")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Access reviews").click()
    page.select_option("#review-user", label="officer")
    page.fill("input[name=start]", today)
    page.fill("input[name=end]", today)
    page.get_by_role("button", name="Review").click()
    page.wait_for_selector("h1:has-text('Reads by officer')")
    counts = page.locator("#flag-counts")
    assert counts.locator("tr[data-flag=not_at_posts] td").nth(1).inner_text() == "1"
    flagged = page.locator("#read-list tr.flagged")
    assert flagged.count() == 1
    assert "possible match by name" in flagged.inner_text()
    assert "never processed" in flagged.inner_text()
    if shots:
        page.screenshot(path=f"{shots}/access-review.png", full_page=True)
    # Keyboard only: to the note, type it, submit.
    page.locator("#id_note").focus()
    page.keyboard.type("Counter match by name; the supervisor confirmed it was a real query.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('Signed-off access review')")
    assert "supervisor confirmed" in page.locator("#review-note").inner_text()
    signed = AccessReview.objects.get()
    assert signed.signed_by == p.dpo and signed.flags["not_at_posts"] == 1
    page.get_by_role("link", name="Access reviews").first.click()
    assert "officer" in page.locator("table").inner_text()

    # The same review in Arabic: right to left, the flag in Arabic.
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/oversight/users/{p.officer.pk}/reads/?start={today}&end={today}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "شخص لم يُعالَج قط في مراكز المستخدم" in page.locator("#read-list").inner_text()
    if shots:
        page.screenshot(path=f"{shots}/access-review-ar.png", full_page=True)
        page.goto(f"{live_server.url}/oversight/transparency/?year={timezone.localdate().year}")
        page.screenshot(path=f"{shots}/transparency-ar.png", full_page=True)
        page.goto(f"{live_server.url}/accounts/audit/")
        page.screenshot(path=f"{shots}/audit-ar.png", full_page=True)
        page.context.add_cookies(
            [{"name": "django_language", "value": "en", "url": live_server.url}]
        )
        page.goto(f"{live_server.url}/oversight/transparency/?year={timezone.localdate().year}")
        page.screenshot(path=f"{shots}/transparency.png", full_page=True)
        page.goto(f"{live_server.url}/accounts/audit/?start={today}")
        page.screenshot(path=f"{shots}/audit.png", full_page=True)
        page.locator("table a").first.click()
        page.screenshot(path=f"{shots}/audit-event.png", full_page=True)
