"""POST /api/v1/documents/read: an image in, the `passage mrz read` object out."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from passage.travellers.tests.test_mrz_command import OCRB, SPECIMEN, _page

pytestmark = pytest.mark.skipif(not Path(OCRB).exists(), reason="needs Debian's fonts-ocr-b")


@pytest.fixture
def post(client, personas, token_for):
    header = token_for(personas.officer)

    def call(body: bytes, content_type: str = "image/png", auth: str | None = header):
        extra = {"HTTP_AUTHORIZATION": auth} if auth else {}
        return client.post("/api/v1/documents/read", body, content_type=content_type, **extra)

    return call


def test_reads_an_upside_down_page(post, tmp_path):
    _page(tmp_path / "page.png", SPECIMEN, 180)
    response = post((tmp_path / "page.png").read_bytes())
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["valid"] and body["lines"] == SPECIMEN.split("\n")
    assert body["document_number"] == "L898902C3" and body["zone"]["upside_down"]
    assert len(body["confidence"]) == 2


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"", 415, "not_image"),
        (b"GIF89a" + b"\0" * 100, 415, "not_image"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, 415, "not_image"),
    ],
)
def test_bad_images_are_4xx_naming_the_field(post, body, status, code):
    response = post(body)
    assert response.status_code == status
    assert response.json()["field"] == "image" and response.json()["code"] == code


def test_an_image_over_the_limit_is_413_before_it_is_read(post):
    # The site's body limit (5 MB, passage.site.limits) answers before the view runs.
    response = post(b"\xff\xd8\xff" + b"\0" * (6 * 1024 * 1024), "image/jpeg")
    assert response.status_code == 413 and "body" in response.json()["detail"]


def test_a_page_without_mrz_is_422_and_a_truncated_jpeg_named(post):
    from PIL import Image

    blank = io.BytesIO()
    Image.new("L", (800, 600), 230).save(blank, format="JPEG")
    response = post(blank.getvalue(), "image/jpeg")
    assert response.status_code == 422 and response.json()["code"] == "no_mrz"
    cut = blank.getvalue()[: len(blank.getvalue()) // 2]
    response = post(cut, "image/jpeg")
    assert response.status_code == 422 and response.json()["code"] == "truncated"


def test_a_page_whose_mrz_the_frame_cuts_is_422_mrz_cut(post, tmp_path):
    from PIL import Image

    _page(tmp_path / "page.png", SPECIMEN, 0)
    whole = Image.open(tmp_path / "page.png")
    cut = io.BytesIO()
    whole.crop((0, 0, 1100, whole.height)).save(cut, format="PNG")  # the lines' last third
    response = post(cut.getvalue())
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["field"] == "image" and body["code"] == "mrz_cut"
    assert "not wholly in the image" in body["error"]


def test_needs_a_token(post):
    assert post(b"\x89PNG\r\n\x1a\n", auth=None).status_code == 401


def _multipart(client, header, **files):
    uploads = {}
    for name, data in files.items():
        uploads[name] = io.BytesIO(data)
        uploads[name].name = name
    return client.post("/api/v1/documents/read", uploads, HTTP_AUTHORIZATION=header)


def test_two_frames_in_one_multipart_body(client, personas, token_for, tmp_path):
    header = token_for(personas.officer)
    _page(tmp_path / "a.png", SPECIMEN, 0)
    _page(tmp_path / "b.png", SPECIMEN, 180)
    one = _multipart(client, header, image=(tmp_path / "a.png").read_bytes()).json()
    assert one["clean"] is True and one["certain"] is False and one["confirmed_by"] is None
    both = _multipart(
        client,
        header,
        image=(tmp_path / "a.png").read_bytes(),
        image2=(tmp_path / "b.png").read_bytes(),
    ).json()
    assert both["certain"] is True and both["confirmed_by"] == "second_frame"
    assert both["disagreements"] == []


def test_dg1_confirms_and_a_bad_second_frame_is_named(client, personas, token_for, tmp_path):
    header = token_for(personas.officer)
    _page(tmp_path / "a.png", SPECIMEN, 0)
    text = SPECIMEN.replace("\n", "").encode()
    inner = b"\x5f\x1f" + bytes([len(text)]) + text
    body = _multipart(
        client,
        header,
        image=(tmp_path / "a.png").read_bytes(),
        dg1=b"\x61" + bytes([len(inner)]) + inner,
    ).json()
    assert body["confirmed_by"] == "dg1" and body["disagreements"] == []
    response = _multipart(
        client, header, image=(tmp_path / "a.png").read_bytes(), image2=b"GIF89a not this"
    )
    assert response.status_code == 415
    assert response.json() == {
        "field": "image2",
        "code": "not_image",
        "error": "the file is not a JPEG, PNG or TIFF image",
    }
    missing = _multipart(client, header, image2=(tmp_path / "a.png").read_bytes())
    assert missing.status_code == 415 and missing.json()["field"] == "image"
