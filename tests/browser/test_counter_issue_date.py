"""The document's date of issue at the counter, in Chromium at 1366x768 (issue #20).

The MRZ does not carry it: the officer types it from the data page when the page shows
it. It sits beside the expiry date, as on a passport's data page; Tab reaches it right
after the expiry and goes on to the names, and the field it reaches is scrolled clear of
the decision buttons kept at the bottom of the window; left empty, nothing asks for it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone

from passage.core.mrz import make_mrz
from passage.crossings.models import Crossing
from passage.reference.services import load_refusal_grounds

from .conftest import sign_in, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
VIEWPORT = {"width": 1366, "height": 768}
EXPIRY = timezone.localdate() + dt.timedelta(days=1000)
ISSUED = EXPIRY - dt.timedelta(days=3652)


def _mrz(number: str) -> str:
    return make_mrz(
        "TD3",
        surname="Haddad",
        given_names="Rania",
        document_number=number,
        issuing_state="JOR",
        birth_date=dt.date(1986, 9, 21),
        sex="F",
        expiry_date=EXPIRY,
    )


def _shot(page, name: str) -> None:
    where = os.environ.get("PASSAGE_SCREENSHOTS")
    if where:
        Path(where).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(where) / name))


def _recorded(page, count: int) -> None:
    for _ in range(150):
        if Crossing.objects.count() >= count:
            break
        page.wait_for_timeout(100)
    assert Crossing.objects.count() == count
    wait_until(
        page, "document.querySelector('#id_mrz') && document.querySelector('#id_mrz').value === ''"
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_officer_types_the_issue_date_after_the_expiry_or_leaves_it(
    live_server, personas, browser, language
):
    load_refusal_grounds(None)
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, live_server.url, language="" if language == "en" else language)
    page.goto(f"{live_server.url}/posts/TST-AIR/counter/")
    assert page.evaluate("document.activeElement.id") == "id_mrz"
    page.keyboard.insert_text(_mrz("R1234567"))
    wait_until(page, "document.querySelector('#id_primary_name').value === 'HADDAD'")
    field = page.locator("#id_issue_date")
    assert field.input_value() == ""  # not in the MRZ: never invented
    assert field.get_attribute("placeholder") == "YYYY-MM-DD"
    assert field.evaluate("e => getComputedStyle(e).direction") == "ltr"
    # Beside the expiry, on one row with it (the data page's order).
    box, expiry = field.bounding_box(), page.locator("#id_expiry_date").bounding_box()
    assert box is not None and expiry is not None and abs(box["y"] - expiry["y"]) < 2
    # Tab order: expiry, issue date, surname.
    page.locator("#id_expiry_date").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_issue_date"
    page.keyboard.type(ISSUED.isoformat())
    # Scrolled to when reached, and not hidden under the decision buttons kept in view.
    assert field.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === e; }"
    )
    _shot(page, f"counter-issue-date-{language}.png")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_primary_name"
    box = page.locator("button[value=admit]").bounding_box()
    assert box is not None and box["y"] + box["height"] <= VIEWPORT["height"]
    page.keyboard.press("Alt+a")
    _recorded(page, 1)
    assert Crossing.objects.get().document.issue_date == ISSUED

    # A data page without one: the field is left empty and the entry is recorded.
    page.locator("#id_mrz").focus()
    page.keyboard.insert_text(_mrz("R7654321"))
    wait_until(page, "document.querySelector('#id_number').value === 'R7654321'")
    page.keyboard.press("Alt+a")
    _recorded(page, 2)
    assert Crossing.objects.get(document__number="R7654321").document.issue_date is None

    # A date in the future is refused on its field, in the page's language.
    page.locator("#id_mrz").focus()
    page.keyboard.insert_text(_mrz("R5550001"))
    wait_until(page, "document.querySelector('#id_number').value === 'R5550001'")
    page.fill("#id_issue_date", (timezone.localdate() + dt.timedelta(days=5)).isoformat())
    page.keyboard.press("Alt+a")
    page.wait_for_selector(".errorlist")
    errors = page.locator("#id_issue_date ~ .errorlist").inner_text()
    assert ("in the future" if language == "en" else "المستقبل") in errors
    _shot(page, f"counter-issue-date-refused-{language}.png")
    assert Crossing.objects.count() == 2
    context.close()
