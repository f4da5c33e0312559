"""The counter's Camera button in Chromium (issue 18): a fake camera streaming a rendered
data page (Chromium's --use-fake-device-for-media-stream with a .y4m file), and an image
file; the captured zone is shown beside the lines read, the MRZ box is filled, and the
officer still decides. In English and in Arabic (right to left)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from passage.crossings.models import Crossing
from passage.reference.services import load_refusal_grounds
from passage.travellers.tests.test_mrz_command import OCRB, _page

from .conftest import CHROMIUM, CHROMIUM_ARGS, sign_in, wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(OCRB).exists(), reason="needs Debian's fonts-ocr-b"),
]
SHOTS = os.environ.get("PASSAGE_SCREENSHOTS")
MRZ = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F3204153ZE184226B<<<<<16"
OTHER = "P<UTOERIKSEN<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<<\nL898902D40UTO7408122F3204153ZE184226B<<<<<18"
WIDTH, HEIGHT = 1280, 720


def y4m(path: Path, page: Path, frames: int = 3) -> Path:
    """A short grey YUV 4:2:0 video of ``page`` held in front of the camera."""
    sheet = Image.open(page).convert("L")
    sheet.thumbnail((WIDTH - 80, HEIGHT - 40))
    frame = Image.new("L", (WIDTH, HEIGHT), 70)  # a dark desk around the page
    frame.paste(sheet, ((WIDTH - sheet.width) // 2, (HEIGHT - sheet.height) // 2))
    luma = frame.tobytes()
    chroma = bytes([128]) * (WIDTH // 2 * HEIGHT // 2)
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + luma + chroma + chroma)
    return path


@pytest.fixture
def camera_page(browser, tmp_path, request):
    """A page in a Chromium whose camera streams the rendered data page."""
    _page(tmp_path / "page.png", MRZ, 0)
    video = y4m(tmp_path / "page.y4m", tmp_path / "page.png")
    chromium = browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    language = getattr(request, "param", "en-GB")
    context = chromium.new_context(locale=language, permissions=["camera"])
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()
    chromium.close()


def open_counter(page, url: str, language: str = "") -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, url, language=language)
    page.goto(f"{url}/posts/TST-AIR/counter/")


def test_the_camera_fills_the_mrz_box_and_the_officer_decides(live_server, personas, camera_page):
    page = camera_page
    load_refusal_grounds(None)
    open_counter(page, live_server.url)
    # By keyboard: Alt+M opens the camera, the focus goes to Capture, Enter captures.
    page.keyboard.press("Alt+m")
    page.wait_for_selector("#camera-view:not([hidden])")
    wait_until(page, "document.getElementById('camera-view').videoWidth > 0")
    assert page.evaluate("document.activeElement.id") == "camera-capture"
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/counter-camera-live.png")
    page.keyboard.press("Enter")
    page.wait_for_selector("#capture-lines", timeout=60_000)
    wait_until(page, "document.getElementById('id_mrz').value.length > 80")
    assert page.input_value("#id_mrz") == MRZ
    zone = page.locator("#capture-zone-image")
    assert zone.evaluate("img => img.complete && img.naturalWidth > 100")
    assert page.locator("#capture-lines").inner_text().split("\n") == MRZ.split("\n")
    # Two frames of a steady page agree character for character.
    assert "Two frames agree" in page.locator("#capture-verdict").inner_text()
    # The box read the lines as if typed: the fields are filled; nothing is recorded yet.
    page.wait_for_selector("#id_number[value='L898902C3']")
    assert page.evaluate("document.getElementById('camera-view').hidden")  # camera closed
    assert not Crossing.objects.exists()
    zone_box, lines_box = zone.bounding_box(), page.locator("#capture-lines").bounding_box()
    assert zone_box and lines_box and zone_box["x"] + zone_box["width"] <= lines_box["x"] + 1
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/counter-camera-read.png")
    page.keyboard.press("Alt+a")
    page.wait_for_selector("text=Entry recorded")
    assert Crossing.objects.get().document.number == "L898902C3"


def test_an_image_file_is_read_and_a_bad_one_named(live_server, personas, page, tmp_path):
    load_refusal_grounds(None)
    _page(tmp_path / "scan.png", MRZ, 180)  # a scan fed upside down
    (tmp_path / "notes.jpg").write_bytes(b"\xff\xd8\xff\xe0 this is not a JPEG at all")
    open_counter(page, live_server.url)
    page.set_input_files("#camera-file", str(tmp_path / "notes.jpg"))
    error = page.wait_for_selector("#capture-error")
    assert "The image could not be read" in error.inner_text()
    assert page.input_value("#id_mrz") == ""
    page.set_input_files("#camera-file", str(tmp_path / "scan.png"))
    page.wait_for_selector("#capture-lines", timeout=60_000)
    wait_until(page, "document.getElementById('id_mrz').value.length > 80")
    assert page.input_value("#id_mrz") == MRZ
    assert "one frame" in page.locator("#capture-verdict").inner_text()
    # Two files that are not the same document: the differing characters are marked.
    _page(tmp_path / "other.png", OTHER, 0)
    page.set_input_files("#camera-file", [str(tmp_path / "scan.png"), str(tmp_path / "other.png")])
    page.wait_for_selector("text=differ at the marked characters", timeout=60_000)
    marks = page.locator("#capture-lines mark.disagrees")
    assert marks.count() >= 3
    assert "line 2, character" in (marks.nth(marks.count() - 1).get_attribute("title") or "")
    assert page.locator("#capture-doubts li").count() >= marks.count()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/counter-camera-differ.png")
    assert not Crossing.objects.exists()


@pytest.mark.parametrize("camera_page", ["ar"], indirect=True)
def test_in_arabic_the_capture_reads_right_to_left_and_the_lines_left_to_right(
    live_server, personas, camera_page, tmp_path
):
    page = camera_page
    load_refusal_grounds(None)
    open_counter(page, live_server.url, "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    start = page.locator("#camera-start")
    assert "الكاميرا" in start.inner_text()
    start.click()
    page.locator("#camera-capture").click()
    page.wait_for_selector("#capture-lines", timeout=60_000)
    lines = page.locator("#capture-lines")
    assert lines.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert "السطور المقروءة" in page.locator(".capture-heading").inner_text()
    # Right to left: the zone image sits to the right of the lines.
    zone_box, lines_box = page.locator("#capture-zone-image").bounding_box(), lines.bounding_box()
    assert zone_box and lines_box and zone_box["x"] >= lines_box["x"] + lines_box["width"] - 1
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/counter-camera-ar.png")


def test_with_images_kept_the_capture_goes_with_the_decision(
    live_server, personas, page, tmp_path, settings
):
    """PASSAGE_KEEP_DOCUMENT_IMAGES on: the captured file is sent with Admit (not with the
    MRZ box's reads) and stored with the crossing."""
    from passage.crossings.models import DocumentImage

    settings.PASSAGE_KEEP_DOCUMENT_IMAGES = True
    load_refusal_grounds(None)
    _page(tmp_path / "scan.png", MRZ, 0)
    open_counter(page, live_server.url)
    assert page.locator("#id_document_image").is_disabled()
    page.set_input_files("#camera-file", str(tmp_path / "scan.png"))
    page.wait_for_selector("#id_number[value='L898902C3']", timeout=60_000)
    assert page.evaluate("document.getElementById('id_document_image').files.length") == 1
    page.keyboard.press("Alt+a")
    page.wait_for_selector("text=Entry recorded")
    kept = DocumentImage.objects.get(crossing=Crossing.objects.get())
    assert bytes(kept.data) == (tmp_path / "scan.png").read_bytes()
