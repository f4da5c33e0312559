"""The counter keeps the captured image when the form comes back with an error (agency
keeps images): the officer corrects and decides without capturing again."""

from __future__ import annotations

from pathlib import Path

import pytest

from passage.crossings.models import Crossing, DocumentImage
from passage.reference.services import load_refusal_grounds
from passage.travellers.tests.test_mrz_command import OCRB, _page

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(OCRB).exists(), reason="needs Debian's fonts-ocr-b"),
]
MRZ = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F3204153ZE184226B<<<<<16"


def test_the_captured_image_survives_a_refusal_without_grounds(
    live_server, personas, page, tmp_path, settings
):
    settings.PASSAGE_KEEP_DOCUMENT_IMAGES = True
    load_refusal_grounds(None)
    _page(tmp_path / "scan.png", MRZ, 0)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/posts/TST-AIR/counter/")
    page.set_input_files("#camera-file", str(tmp_path / "scan.png"))
    page.wait_for_selector("#id_number[value='L898902C3']", timeout=60_000)
    # Refuse pressed before a ground was ticked: the form comes back with the error...
    page.keyboard.press("Alt+r")
    page.wait_for_selector("#held-image", timeout=30_000)
    assert not Crossing.objects.exists()
    assert page.locator("#held-image").is_visible()
    assert page.evaluate("document.getElementById('id_document_image').files.length") == 0
    # ...and the officer admits instead, without capturing the page again.
    page.keyboard.press("Alt+a")
    page.wait_for_selector("text=Entry recorded", timeout=30_000)
    kept = DocumentImage.objects.get(crossing=Crossing.objects.get())
    assert bytes(kept.data) == (tmp_path / "scan.png").read_bytes()
