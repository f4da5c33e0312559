"""An officer reads a passport's chip at the counter: verified with its portrait, or a
failed chip that cannot be admitted (issue #19)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from passage.crossings.models import Crossing
from passage.documents.demo import load_demo_chips
from passage.reference.services import load_refusal_grounds

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FILES = ("EF.SOD", "EF.DG1", "EF.DG2")
SHOTS = os.environ.get("PASSAGE_SCREENSHOTS")


def open_counter(page, url: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, url)
    page.goto(f"{url}/posts/TST-AIR/counter/")


def read_chip(page, folder: Path) -> None:
    page.keyboard.insert_text((folder / "printed_mrz.txt").read_text().strip())
    page.wait_for_selector("#id_number[value='L898902C3']")
    page.set_input_files("#id_chip", [str(folder / name) for name in FILES])
    page.wait_for_selector("#chip-reading")


def test_a_genuine_chip_shows_verified_and_the_portrait(live_server, personas, page, tmp_path):
    load_refusal_grounds(None)
    load_demo_chips(tmp_path)
    open_counter(page, live_server.url)
    read_chip(page, tmp_path / "genuine")
    reading = page.locator("#chip-reading").inner_text()
    assert "verified by" in reading and "CSCA Utopia (demo)" in reading
    portrait = page.locator(".chip-portrait img")
    assert portrait.evaluate("img => img.complete && img.naturalWidth > 0")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/counter-chip-verified.png")
    page.keyboard.press("Alt+a")
    page.wait_for_selector("text=Entry recorded")
    crossing = Crossing.objects.get()
    assert crossing.decision == "admitted" and crossing.chip_verdict == "passed"


def test_a_failed_chip_is_a_banner_and_admit_refers(live_server, personas, page, tmp_path):
    load_refusal_grounds(None)
    load_demo_chips(tmp_path)
    open_counter(page, live_server.url)
    read_chip(page, tmp_path / "altered-dg1")
    banner = page.locator("#banner-chip")
    assert banner.get_attribute("role") == "alert"
    assert "Chip check failed" in banner.inner_text()
    box = banner.bounding_box()
    assert box is not None and box["y"] < 768, box  # in view without scrolling
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/counter-chip-failed.png")
    page.keyboard.press("Alt+a")
    page.wait_for_selector("text=Chip check failed")
    crossing = Crossing.objects.get()
    assert crossing.decision == "secondary" and crossing.chip_verdict == "failed"


def test_in_arabic_the_failed_chip_reads_right_to_left(live_server, personas, page, tmp_path):
    load_refusal_grounds(None)
    load_demo_chips(tmp_path)
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    open_counter(page, live_server.url)
    read_chip(page, tmp_path / "revoked-signer")
    assert page.locator("html").get_attribute("dir") == "rtl"
    banner = page.locator("#banner-chip").inner_text()
    assert "فشل التحقق من الشريحة" in banner and "الإبطال" in banner
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/counter-chip-failed-ar.png")
