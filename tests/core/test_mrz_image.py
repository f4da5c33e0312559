"""Reading the MRZ from images (``passage.core.mrz.image``), issue #18.

Pages are rendered in OCR-B (Debian's fonts-ocr-b) by ``mrz_pages.py`` and degraded with
a fixed seed. A handful of images keeps the file fast; the benchmark
(``bench/mrz_images.py``) measures rates on its own, held-out generator.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from datetime import date

import mrz_pages
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from passage.core.mrz import make_mrz
from passage.core.mrz.image import (
    MAX_PIXELS,
    STAGES,
    MRZImageError,
    confirm,
    decode_image,
    read_mrz_frames,
    read_mrz_image,
)

pytestmark = pytest.mark.skipif(
    not mrz_pages.OCRB.exists(), reason="needs Debian's fonts-ocr-b (see .ci/run)"
)

REF = date(2026, 1, 1)
DOCS = mrz_pages.DOCS


def _image(fmt: str, seed: int, *, photo: bool, angle: float, quality: int = 80) -> bytes:
    rng = random.Random(seed)
    page = mrz_pages.render_page(make_mrz(fmt, **DOCS[fmt]), rng)
    return mrz_pages.jpeg(mrz_pages.degrade(page, rng, photo=photo, angle=angle), quality)


def _expect(read, fmt: str) -> None:
    doc = DOCS[fmt]
    made = make_mrz(fmt, **doc).split("\n")
    result = read.result
    assert result.valid, (read.lines, [e.message for e in result.errors])
    assert list(read.lines) == made
    assert result.format == fmt
    assert result.document_number == doc["document_number"]
    assert result.birth_date == doc["birth_date"] and result.expiry_date == doc["expiry_date"]
    assert result.nationality == doc["nationality"]


@pytest.mark.parametrize(
    ("fmt", "seed", "photo", "angle"),
    [
        ("TD3", 1, False, 1.5),  # a scan, slightly skewed
        ("TD1", 6, True, 183.0),  # a phone photo, upside down
        ("TD2", 3, False, 90.0),  # a scan turned a quarter
        ("MRVA", 4, True, -32.0),  # a photo at an angle, with perspective
        ("MRVB", 5, False, 268.0),
    ],
)
def test_reads_rendered_pages_at_any_angle(fmt, seed, photo, angle):
    read = read_mrz_image(_image(fmt, seed, photo=photo, angle=angle), reference=REF)
    _expect(read, fmt)
    assert read.upside_down == (90 < angle % 360 < 270) or abs(angle % 180 - 90) < 10
    assert len(read.confidences) == len(read.lines)
    assert all(len(c) == len(line) for c, line in zip(read.confidences, read.lines, strict=True))
    assert all(0.0 <= c <= 1.0 for row in read.confidences for c in row)


def test_reads_heavy_jpeg_and_reports_every_change():
    read = read_mrz_image(_image("TD3", 11, photo=True, angle=7, quality=35), reference=REF)
    _expect(read, "TD3")
    out = read.to_dict()
    assert out["lines"] == list(read.lines)
    for change in out["corrections"]:
        assert {"field", "line", "column", "from", "to", "reason"} <= change.keys()
    # OCR-B's O and 0 are near twins: the typed positions decide them, and say so.
    assert all(
        read.lines[li][c["column"]] == c["to"]
        for li, c in ((c["line"], c) for c in out["corrections"])
        if c["field"] != "line"
    )


def test_certain_only_without_doubt():
    read = read_mrz_image(_image("TD3", 1, photo=False, angle=1.5), reference=REF)
    assert read.clean == (read.result.valid and not read.doubtful)
    # One frame is never certain: a second frame or the chip's DG1 must agree first.
    assert read.clean and not read.certain and read.to_dict()["certain"] is False
    for char in read.doubtful:
        assert char.confidence < 0.9 or char.alternatives
    # A read that fails the parser is never certain.
    page = np.full((400, 900), 235, np.uint8)
    with pytest.raises(MRZImageError) as caught:
        read_mrz_image(mrz_pages.png(page))
    assert caught.value.code == "no_mrz"


def test_ambiguity_no_check_digit_can_see_is_doubtful():
    """Changing a name letter leaves every check digit right: the read then rests on the
    engine alone, and the reader never calls a low-confidence name letter certain."""
    read = read_mrz_image(_image("TD3", 1, photo=False, angle=0.5), reference=REF)
    names = [c for c in read.doubtful if c.line == 0]
    for c in names:
        assert not read.certain
        assert c.confidence < 0.9


# ------------------------------------------------------------------ G and 6 at a low resolution

G6_DOC = dict(
    surname="Lee",
    given_names="Ga",
    document_number="G6Z2GG26",
    issuing_state="KOR",
    nationality="KOR",
    birth_date=date(1986, 6, 26),
    sex="M",
    expiry_date=date(2032, 2, 22),
)


@pytest.mark.parametrize("seed", [3, 4, 5, 7])
def test_g_and_6_in_a_document_number_are_told_apart_in_one_pass_per_line(seed):
    """The 7-3-1 check cannot see G read as 6 (their values differ by 10): the network
    must tell them apart. A photo at about 15 px a character (the tests' generator) with
    a long filler run: the reader of decisions 0106-0108 read these G as 6 (a valid MRZ,
    wrong) after a second, wider pass; with the taller strips of decision 0109 each line
    is read right in one pass."""
    made = make_mrz("TD3", **G6_DOC)
    rng = random.Random(seed)
    page = mrz_pages.render_page(made, rng)
    angle = rng.uniform(-20, 20)
    data = mrz_pages.jpeg(mrz_pages.degrade(page, rng, photo=True, angle=angle), 70)
    STAGES.clear()
    read = read_mrz_image(data, reference=REF)
    assert "\n".join(read.lines) == made
    assert read.result.document_number == "G6Z2GG26"
    assert STAGES["passes"] == 2  # one network pass per line, no wider second look
    assert STAGES["network"] > 0 and STAGES["find"] > 0


# ------------------------------------------------------------------ the frame cuts the MRZ


def _cut(fmt: str, seed: int, keep: float, *, photo: bool, angle: float) -> bytes:
    """A page whose image keeps only the left ``keep`` of its width, or the top ``keep``
    of its height when the page is turned a quarter (the lines then run up or down)."""
    rng = random.Random(seed)
    page = mrz_pages.render_page(make_mrz(fmt, **DOCS[fmt]), rng)
    image = mrz_pages.degrade(page, rng, photo=photo, angle=angle)
    h, w = image.shape
    image = image[: round(h * keep)] if abs(angle % 180 - 90) < 45 else image[:, : round(w * keep)]
    return mrz_pages.jpeg(np.ascontiguousarray(image), 85)


@pytest.mark.parametrize(
    ("fmt", "seed", "keep", "photo", "angle"),
    [
        ("TD3", 1, 0.75, False, 1.5),  # the lines' right quarter is off the frame
        ("TD1", 6, 0.7, True, 3.0),  # a card photographed too close
        ("TD2", 3, 0.68, False, 90.0),  # turned: the frame cuts the lines' ends
    ],
)
def test_an_mrz_the_frame_cuts_is_named_as_cut(fmt, seed, keep, photo, angle):
    """A photo that cuts the MRZ is not read as an invalid MRZ nor "no MRZ": the reader
    says the zone is not wholly in the image (the officer takes the picture again)."""
    with pytest.raises(MRZImageError) as caught:
        read_mrz_image(_cut(fmt, seed, keep, photo=photo, angle=angle), reference=REF)
    assert caught.value.code == "mrz_cut"
    assert "not wholly in the image" in caught.value.message


def test_a_whole_mrz_near_the_edge_is_read_and_a_touching_one_never_clean():
    # Cut through the page's margin only: the MRZ is whole and read as before.
    read = read_mrz_image(_cut("TD3", 1, 0.88, photo=False, angle=1.5), reference=REF)
    _expect(read, "TD3")
    assert read.clean and not [w for w in read.result.warnings if w.code == "mrz_at_edge"]
    # Cut right at the end of the lines: whatever is read is not offered as clean.
    try:
        read = read_mrz_image(_cut("TD3", 1, 0.845, photo=False, angle=1.5), reference=REF)
    except MRZImageError as exc:
        assert exc.code == "mrz_cut"
    else:
        assert not read.clean
        assert [w.code for w in read.result.warnings] == ["mrz_at_edge"]


# ------------------------------------------------------------------ two frames, DG1


def test_two_frames_that_agree_make_a_certain_read():
    first = _image("TD3", 1, photo=False, angle=1.5)
    second = _image("TD3", 21, photo=True, angle=-4.0)  # the same page, another shot
    read, error = read_mrz_frames(first, second, reference=REF)
    assert error is None
    _expect(read, "TD3")
    assert read.confirmed_by == "second_frame" and read.disagreements == []
    assert read.certain == read.clean and read.certain
    out = read.to_dict()
    assert out["certain"] is True and out["confirmed_by"] == "second_frame"


def test_frames_of_two_documents_disagree_and_are_never_certain():
    other = dict(DOCS["TD3"], document_number="L898902D4", surname="Eriksen")
    rng = random.Random(2)
    page = mrz_pages.render_page(make_mrz("TD3", **other), rng)
    second = mrz_pages.jpeg(mrz_pages.degrade(page, rng, photo=False, angle=-1.0), 85)
    read, error = read_mrz_frames(_image("TD3", 1, photo=False, angle=1.5), second, reference=REF)
    assert error is None and read.confirmed_by == "second_frame"
    assert read.clean and not read.certain
    wrong = {(li, col) for li, col in read.disagreements}
    assert (0, 10) in wrong or (0, 11) in wrong  # the surname ERIKSSON / ERIKSEN
    assert {(1, c) for c in range(0, 10)} & wrong  # the document number and its check digit


def test_a_second_frame_without_an_mrz_leaves_the_read_unconfirmed():
    blank = mrz_pages.png(np.full((400, 900), 235, np.uint8))
    read, error = read_mrz_frames(_image("TD3", 1, photo=False, angle=1.5), blank, reference=REF)
    assert error is not None and error[0] == 1 and error[1].code == "no_mrz"
    _expect(read, "TD3")
    assert read.confirmed_by == "" and not read.certain


def test_dg1_confirms_character_for_character():
    made = make_mrz("TD3", **DOCS["TD3"]).split("\n")
    read = read_mrz_image(_image("TD3", 1, photo=False, angle=1.5), reference=REF)
    assert confirm(read, [made[0].lower(), " " + made[1]], by="dg1").certain
    # G and 6 weigh alike nowhere: a name letter no check digit covers, changed on the chip.
    changed = made[0][:5] + ("G" if made[0][5] != "G" else "C") + made[0][6:]
    read = confirm(read, [changed, made[1]], by="dg1")
    assert read.disagreements == [(0, 5)] and not read.certain
    assert confirm(read, made[:1], by="dg1").disagreements  # a line missing: all differ


def test_the_zone_image_is_the_upright_zone():
    read = read_mrz_image(_image("TD1", 6, photo=True, angle=183.0), reference=REF)
    zone = read.zone_image
    assert zone is not None and zone.ndim == 2 and zone.dtype == np.uint8
    height, width = zone.shape
    assert 2.0 < width / height < 12.0, zone.shape  # three lines of 30 characters
    # Upright: the zone's ink is in its lower part in an upside-down crop would be a
    # mirror; here the first line (the document code "I") starts at the left.
    assert read.upside_down


# ------------------------------------------------------------------ bad input


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "not_image"),
        (b"%PDF-1.7 not an image", "not_image"),
        (b"\xff\xd8\xff" + b"\0" * 50, "not_image"),
        (_png_header(60_000, 60_000), "too_large"),  # a decompression bomb: 3.6 Gpx
        (_png_header(10, 10), "no_mrz"),
    ],
)
def test_bad_input_is_a_clear_error(data, code):
    with pytest.raises(MRZImageError) as caught:
        read_mrz_image(data)
    assert caught.value.code == code and caught.value.message


def test_bomb_is_refused_before_decoding():
    assert MAX_PIXELS < 60_000 * 60_000
    with pytest.raises(MRZImageError, match="million"):
        decode_image(_png_header(60_000, 60_000))


def test_truncated_jpeg_is_named():
    whole = _image("TD3", 1, photo=False, angle=0)
    with pytest.raises(MRZImageError) as caught:
        read_mrz_image(whole[: len(whole) // 3])
    assert caught.value.code == "truncated"


def test_other_formats_are_read_and_gif_refused():
    rng = random.Random(1)
    page = mrz_pages.render_page(make_mrz("TD3", **DOCS["TD3"]), rng)
    tiff = io.BytesIO()
    Image.fromarray(page).save(tiff, format="TIFF")
    _expect(read_mrz_image(tiff.getvalue(), reference=REF), "TD3")
    gif = io.BytesIO()
    Image.fromarray(page).save(gif, format="GIF")
    with pytest.raises(MRZImageError) as caught:
        read_mrz_image(gif.getvalue())
    assert caught.value.code == "not_image" and "GIF" in caught.value.message


@settings(max_examples=25)
@given(st.binary(max_size=4096))
def test_any_bytes_never_crash(data):
    try:
        read_mrz_image(data)
    except MRZImageError as exc:
        assert exc.code in {"not_image", "too_large", "truncated", "no_mrz", "unreadable"}


@settings(max_examples=12)
@given(
    st.integers(20, 300),
    st.integers(20, 300),
    st.integers(0, 2**32 - 1),
    st.sampled_from(["noise", "flat", "stripes"]),
)
def test_any_image_never_crashes(width, height, seed, kind):
    rng = np.random.default_rng(seed)
    if kind == "noise":
        array = rng.integers(0, 256, (height, width), dtype=np.uint8)
    elif kind == "flat":
        array = np.full((height, width), int(rng.integers(0, 256)), np.uint8)
    else:
        array = np.zeros((height, width), np.uint8)
        array[::4] = 255
    try:
        read = read_mrz_image(mrz_pages.png(array))
    except MRZImageError as exc:
        # Stripes that run to the frame's edge look like MRZ lines cut by it: "take the
        # picture again" is as clear an answer as "no MRZ".
        assert exc.code in {"no_mrz", "unreadable", "not_image", "mrz_cut"}
    else:  # whatever was found, it is never offered as certain unless valid
        assert not read.certain or read.result.valid
