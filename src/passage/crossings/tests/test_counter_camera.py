"""The counter's Camera button behind the page (issue 18): frames in, the zone and the
lines out, nothing recorded; bad images named, never a 500; captured images kept with
the crossing only when PASSAGE_KEEP_DOCUMENT_IMAGES is on."""

from __future__ import annotations

import base64
import io
import re
import struct
import uuid
import zlib
from pathlib import Path

import pytest
from django.test import override_settings

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.crossings.models import Crossing, DocumentImage
from passage.reference.services import load_refusal_grounds
from passage.travellers.tests.test_mrz_command import OCRB, _page

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not Path(OCRB).exists(), reason="needs Debian's fonts-ocr-b"),
]
URL = "/posts/TST-AIR/counter/capture/"
# A valid passport MRZ (expires 2032) to admit with.
VALID = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F3204153ZE184226B<<<<<16"
OTHER = "P<UTOERIKSEN<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<<\nL898902D40UTO7408122F3204153ZE184226B<<<<<18"


@pytest.fixture
def counter(client, personas):
    load_refusal_grounds(None)
    client.force_login(personas.officer)
    return client


def page(tmp_path: Path, mrz: str = VALID, turn: int = 0, name: str = "page.png") -> bytes:
    _page(tmp_path / name, mrz, turn)
    return (tmp_path / name).read_bytes()


def capture(client, *frames: bytes):
    files = {}
    for name, data in zip(("image", "image2"), frames, strict=False):
        upload = io.BytesIO(data)
        upload.name = f"{name}.png"
        files[name] = upload
    return client.post(URL, files)


def test_a_frame_fills_the_box_and_records_nothing(counter, tmp_path):
    response = capture(counter, page(tmp_path))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-mrz="P&lt;UTOERIKSSON' in html and "L898902C36UTO7408122F3204153" in html
    assert 'src="data:image/png;base64,' in html  # the zone as read
    assert "Read from one frame" in html and 'data-certain="false"' in html
    assert response.context["read"].clean and not response.context["read"].certain
    assert not Crossing.objects.exists() and not DocumentImage.objects.exists()


def test_two_frames_that_agree_are_certain(counter, tmp_path):
    response = capture(counter, page(tmp_path), page(tmp_path, turn=180, name="b.png"))
    assert response.status_code == 200
    assert response.context["read"].certain
    assert "Two frames agree character for character" in response.content.decode()


def test_frames_of_two_documents_disagree_and_are_marked(counter, tmp_path):
    response = capture(counter, page(tmp_path), page(tmp_path, OTHER, name="b.png"))
    assert response.status_code == 200
    read = response.context["read"]
    assert read.disagreements and not read.certain
    html = response.content.decode()
    assert "differ at the marked characters" in html
    assert html.count('class="doubt disagrees') >= len(read.disagreements)
    assert "the other frame differs" in html  # in the list a keyboard user reads too


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))


def _jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (800, 600), 230).save(out, format="JPEG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "status", "words"),
    [
        (lambda: b"%PDF-1.7 not an image", 415, "not a JPEG, PNG or TIFF"),
        (lambda: _png_header(60_000, 60_000), 413, "too large"),
        (lambda: b"\xff\xd8\xff" + b"\0" * (5 * 1024 * 1024 + 10), 413, "too large"),
        (lambda: _jpeg()[: len(_jpeg()) // 2], 422, "truncated"),
        (_jpeg, 422, "No machine readable zone"),
    ],
    ids=["pdf", "decompression-bomb", "huge-file", "truncated-jpeg", "no-mrz"],
)
def test_bad_images_are_named_never_a_500(counter, make, status, words):
    response = capture(counter, make())
    assert response.status_code == status, response.content[:300]
    html = response.content.decode()
    assert 'role="alert"' in html and "The image could not be read" in html
    assert words in html
    assert "data-mrz" not in html


def test_a_frame_that_cuts_the_mrz_asks_for_another_picture(counter, tmp_path):
    from PIL import Image

    whole = Image.open(io.BytesIO(page(tmp_path)))
    cut = io.BytesIO()
    whole.crop((0, 0, 1100, whole.height)).save(cut, format="PNG")  # the lines' last third
    response = capture(counter, cut.getvalue())
    assert response.status_code == 422, response.content[:300]
    html = response.content.decode()
    assert "not wholly in the image" in html and "take the picture again" in html
    assert "data-mrz" not in html
    counter.cookies["django_language"] = "fr"
    response = capture(counter, cut.getvalue())
    assert "pas entièrement dans l\N{RIGHT SINGLE QUOTATION MARK}image" in response.content.decode()


def test_nothing_sent_is_named_too(counter):
    response = counter.post(URL, {})
    assert response.status_code == 415 and "no image was sent" in response.content.decode()


@pytest.mark.parametrize("who", ["analyst", "officer_elsewhere"])
def test_capture_needs_the_counter_and_the_post(client, personas, who):
    client.force_login(getattr(personas, who))
    response = capture(client, b"\x89PNG\r\n\x1a\n")
    assert response.status_code in (403, 404)


def admit_with_image(client, image: bytes):
    upload = io.BytesIO(image)
    upload.name = "capture.jpg"
    return client.post(
        "/posts/TST-AIR/counter/",
        {
            "mrz": VALID,
            "direction": "entry",
            "purpose": "tourism",
            "submission_key": str(uuid.uuid4()),
            "action": "admit",
            "document_image": upload,
        },
    )


def test_images_are_not_kept_by_default(counter, tmp_path):
    response = admit_with_image(counter, page(tmp_path))
    assert response.status_code == 302
    assert Crossing.objects.count() == 1 and not DocumentImage.objects.exists()


@override_settings(PASSAGE_KEEP_DOCUMENT_IMAGES=True)
def test_a_kept_image_goes_with_the_crossing_audited_and_shown(counter, personas, tmp_path):
    image = page(tmp_path)
    response = admit_with_image(counter, image)
    assert response.status_code == 302
    crossing = Crossing.objects.get()
    kept = DocumentImage.objects.get(crossing=crossing)
    assert bytes(kept.data) == image and kept.content_type == "image/png"
    created = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(kept.pk))
    assert "document image kept" in created.message and "sha256" in created.data
    assert len(created.data) < 2000  # the digest, never the pixels
    detail = counter.get(f"/crossings/{crossing.pk}/").content.decode()
    assert f"/crossings/{crossing.pk}/document-image/" in detail
    shown = counter.get(f"/crossings/{crossing.pk}/document-image/")
    assert shown.status_code == 200 and shown["Content-Type"] == "image/png"
    assert b"".join(shown) == image
    assert AuditEvent.objects.filter(action=AuditAction.READ, object_id=str(kept.pk)).exists()
    # Only who may see the crossing: an officer of another post may not.
    counter.force_login(personas.officer_elsewhere)
    assert counter.get(f"/crossings/{crossing.pk}/document-image/").status_code in (403, 404)


@override_settings(PASSAGE_KEEP_DOCUMENT_IMAGES=True)
def test_a_bad_kept_image_refuses_the_decision_and_stores_nothing(counter):
    response = admit_with_image(counter, _jpeg()[:700])
    assert response.status_code == 400
    assert "document_image" in response.content.decode()
    assert not Crossing.objects.exists() and not DocumentImage.objects.exists()


def decide(client, **fields):
    values = {
        "mrz": VALID,
        "direction": "entry",
        "purpose": "tourism",
        "submission_key": str(uuid.uuid4()),
        "action": "admit",
        **fields,
    }
    return client.post("/posts/TST-AIR/counter/", values)


def held(html: str) -> str | None:
    found = re.search(r'name="kept_document_image"[^>]*value="([^"]*)"', html)
    return found[1] if found else None


@override_settings(PASSAGE_KEEP_DOCUMENT_IMAGES=True)
def test_the_image_is_held_across_a_form_shown_again(counter, tmp_path):
    """An error sends the form back with the image: the officer corrects and decides
    without capturing again, and the image goes with the crossing."""
    image = page(tmp_path)
    upload = io.BytesIO(image)
    upload.name = "capture.jpg"
    # Admit pressed on an exit: refused, the form shown again.
    response = decide(counter, direction="exit", document_image=upload)
    assert response.status_code == 400
    html = response.content.decode()
    assert "This is an exit" in html
    assert held(html) is not None and base64.b64decode(held(html)) == image
    assert "The document image captured before is kept" in html
    assert not Crossing.objects.exists()
    # Shown again once more (a second error): still held.
    response = decide(counter, direction="exit", kept_document_image=held(html))
    assert response.status_code == 400 and held(response.content.decode()) == held(html)
    response = decide(counter, kept_document_image=held(html))
    assert response.status_code == 302
    kept = DocumentImage.objects.get(crossing=Crossing.objects.get())
    assert bytes(kept.data) == image


@override_settings(PASSAGE_KEEP_DOCUMENT_IMAGES=True)
@pytest.mark.parametrize(
    "value",
    [
        "not base64 at all!",
        base64.b64encode(b"\x89PNG\r\n\x1a\n but no picture").decode(),
        "A" * (4 * 1024 * 1024 + 4),
    ],
    ids=["not-base64", "not-an-image", "too-long"],
)
def test_a_damaged_held_image_is_named_and_nothing_stored(counter, value):
    response = decide(counter, kept_document_image=value)
    assert response.status_code == 400
    assert "document_image" in response.content.decode()
    assert held(response.content.decode()) is None
    assert not Crossing.objects.exists() and not DocumentImage.objects.exists()


def test_without_kept_images_nothing_is_held(counter, tmp_path):
    upload = io.BytesIO(page(tmp_path))
    upload.name = "capture.jpg"
    response = decide(counter, direction="exit", document_image=upload)
    assert response.status_code == 400 and held(response.content.decode()) is None


def test_no_image_is_a_404(counter, tmp_path):
    admit_with_image(counter, page(tmp_path))
    crossing = Crossing.objects.get()
    assert counter.get(f"/crossings/{crossing.pk}/document-image/").status_code == 404


def dg1(mrz: str) -> bytes:
    """EF.DG1 as a chip holds it: tag 61 around 5F1F and the MRZ characters."""
    text = mrz.replace("\n", "").encode("ascii")
    inner = b"\x5f\x1f" + bytes([len(text)]) + text
    return b"\x61" + bytes([len(inner)]) + inner


def capture_with_dg1(client, image: bytes, group: bytes):
    files = {"image": io.BytesIO(image), "dg1": io.BytesIO(group)}
    files["image"].name, files["dg1"].name = "frame.png", "EF.DG1"
    return client.post(URL, files)


def test_the_chips_dg1_confirms_the_read(counter, tmp_path):
    response = capture_with_dg1(counter, page(tmp_path), dg1(VALID))
    assert response.status_code == 200
    read = response.context["read"]
    assert read.certain and read.confirmed_by == "dg1"
    assert "The chip's DG1 agrees character for character" in response.content.decode()


def test_a_dg1_of_another_document_marks_where_it_differs(counter, tmp_path):
    response = capture_with_dg1(counter, page(tmp_path), dg1(OTHER))
    read = response.context["read"]
    assert not read.certain and read.disagreements
    html = response.content.decode()
    assert "The chip's DG1 differs at the marked characters" in html and "the chip differs" in html


def test_a_file_that_is_not_dg1_leaves_the_read_unconfirmed(counter, tmp_path):
    response = capture_with_dg1(counter, page(tmp_path), b"\x77\x03abc")
    assert response.status_code == 200
    read = response.context["read"]
    assert read.clean and not read.certain and read.confirmed_by == ""
    assert response.context["frame_problem"].field == "dg1"
    assert "EF.DG1 could not be read" in response.content.decode()
