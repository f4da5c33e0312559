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


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_long_menu_wraps_whole_items(live_server, personas, page, language):
    """A supervisor's menu in French or Arabic at 1366 by 768 pixels is too long for one row: it
    wraps whole items onto another row, each link on one line, clear of the brand."""
    from .conftest import sign_in

    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server.url, "supervisor", language)
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('header nav > ul:last-child > li > a')]
            .map(a => { const r = a.getBoundingClientRect();
                        const line = parseFloat(getComputedStyle(a).lineHeight);
                        return {h: r.height, line, left: r.left, right: r.right}; })"""
    )
    brand = page.locator("header nav a.brand").bounding_box()
    assert len(boxes) >= 5
    for box in boxes:
        assert box["h"] < 2 * box["line"], box  # one line (and padding), not a word a line
        assert box["right"] <= brand["x"] or box["left"] >= brand["x"] + brand["width"]
