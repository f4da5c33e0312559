"""A border officer signs in with the keyboard and sees the home page."""

from __future__ import annotations

import pytest
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_signs_in_and_sees_home(live_server, personas, page):
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    # The cursor waits in the username box; everything by keyboard.
    page.keyboard.type("officer")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text().startswith("Welcome")
    assert page.get_by_text("Border officer").count() >= 1
    # The officer's home is their work: each counter, opened from here.
    assert page.get_by_text("TST-AIR").first.is_visible()
    page.get_by_role("button", name="Open the counter").first.click()
    page.wait_for_url(f"{live_server.url}/posts/TST-AIR/counter/")
    # The page's own scripts (vendored htmx) loaded: nothing came from outside.
    assert page.evaluate("typeof window.htmx") == "object"


def test_wrong_password_stays_on_sign_in(live_server, personas, page):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", "not the password")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Wrong username or password")
    assert "/accounts/login/" in page.url
