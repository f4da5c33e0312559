"""The data-protection officer records a person's access request, reads the file and
downloads it as a PDF in Arabic; the page reads right to left in Arabic."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from passage.reference.services import load_refusal_grounds
from passage.subjectaccess import services
from passage.subjectaccess.models import SubjectRequest
from passage.subjectaccess.tests.conftest import record

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, url):
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, url, "dpo")


def test_dpo_answers_an_access_request(live_server, personas, page, browser):
    load_refusal_grounds(None)
    record(personas, decision="refused")
    _sign_in(page, live_server.url)
    page.get_by_role("link", name="Persons' requests").click()
    page.get_by_label("Document (STATE:NUMBER)").fill("UTO:L898902C3")
    page.get_by_label("Requested by").fill("letter of 1 December")
    page.get_by_role("button", name="Record the request").click()
    page.wait_for_url("**/data-protection/requests/*/")
    crossings = page.locator("#crossings").inner_text()
    assert "Refused" in crossings and "TST-AIR" in crossings
    assert "subject access request" in page.locator("#audit").inner_text()
    shots = os.environ.get("PASSAGE_SCREENSHOTS")
    if shots:
        page.screenshot(path=f"{shots}/subject-access-file.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF Arabic").click()
    path = download.value.path()
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-"
    request = SubjectRequest.objects.get()
    assert request.requester == "letter of 1 December"
    # Decide and answer with the keyboard only.
    page.get_by_label("Granted").check()
    page.get_by_label("Reason").fill("identity checked against the passport")
    page.get_by_role("button", name="Record the decision").press("Enter")
    page.get_by_role("button", name="Record that the answer was sent").press("Enter")
    page.wait_for_url("**/data-protection/requests/*/")
    assert "Answered" in page.locator("#status").inner_text()
    request.refresh_from_db()
    assert request.status == "answered" and request.answered_in_time

    # The same page in Arabic runs right to left, dates left to right; a request received
    # 40 days ago and not answered is flagged overdue.
    services.receive_request(
        personas.dpo,
        "erasure",
        services.Lookup(document="UTO:L898902C3"),
        received_on=dt.date.today() - dt.timedelta(days=40),
    )
    context = browser.new_context(locale="ar")
    arabic = context.new_page()
    _sign_in(arabic, live_server.url)
    arabic.goto(f"{live_server.url}/data-protection/requests/{request.pk}/")
    assert arabic.evaluate("document.documentElement.dir") == "rtl"
    assert "طلبات الأشخاص" in arabic.locator("nav").first.inner_text()
    if shots:
        arabic.screenshot(path=f"{shots}/subject-access-file-ar.png", full_page=True)
    arabic.goto(f"{live_server.url}/data-protection/requests/")
    assert arabic.locator("tr.overdue").count() == 1
    if shots:
        arabic.screenshot(path=f"{shots}/subject-access-list-ar.png")
    context.close()
