"""HQ's Posts page says plainly that a post was restored from a backup, in English and
in Arabic (issue 24, point 1)."""

from __future__ import annotations

import os

import pytest

from passage.sync import services

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_posts_page_says_a_post_was_restored(live_server, personas, page):
    node = services.enrol_node(personas.administrator, "uto-air-1", personas.post.code).node
    services.enrol_node(personas.administrator, "uto-north-1")
    services.mark_restored(node, "its audit chain ends at #3, HQ holds it up to #9")
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server.url, "administrator")
    page.goto(f"{live_server.url}/sync/")
    row = page.locator("tr", has_text="uto-air-1")
    assert "restored from a backup: taking back its history" in row.inner_text()
    assert "ends at #3, HQ holds it up to #9" in row.inner_text()
    assert "restored" not in page.locator("tr", has_text="uto-north-1").inner_text()
    shots = os.environ.get("PASSAGE_SCREENSHOTS")
    if shots:
        page.screenshot(path=f"{shots}/sync-restored-en.png", full_page=True)
    page.select_option("#language", "ar")
    page.wait_for_selector("html[dir=rtl]")
    page.goto(f"{live_server.url}/sync/")
    row = page.locator("tr", has_text="uto-air-1")
    assert "استُعيد من نسخة احتياطية" in row.inner_text()
    if shots:
        page.screenshot(path=f"{shots}/sync-restored-ar.png", full_page=True)
