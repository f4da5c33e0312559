"""Passage's own MRZ line recogniser (``passage.core.mrz.mrznet``, decision 0114).

The network ships in the package (``models/mrz-ocrb-crnn.onnx``): these tests fail when
it is missing. Lines are drawn here in OCR-B (Debian's fonts-ocr-b) with a fixed seed;
the training script draws its own (``tools/mrz_strips.py``).
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import mrz_pages
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from PIL import Image, ImageDraw, ImageFont

from passage.core.mrz import image as mrz_image
from passage.core.mrz import make_mrz
from passage.core.mrz.mrznet import MODEL, MRZNet
from passage.core.mrz.ocr import ALPHABET, EngineUnavailable, LineRead

needs_font = pytest.mark.skipif(
    not mrz_pages.OCRB.exists(), reason="needs Debian's fonts-ocr-b (see .ci/run)"
)

LINES = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "GG66ZZ22OO00BB88SS55II11<<<<<<",
)

_net = MRZNet()


def strip_of(text: str, cap: float, rng: random.Random) -> np.ndarray:
    """One MRZ line in OCR-B with a cap height of ``cap`` pixels, cut with the margins
    the reader's line cutter leaves (1.6 line heights at the ends, 0.45 above and
    below), a little blur and noise."""
    up = 4
    font = ImageFont.truetype(str(mrz_pages.OCRB), round(cap * up / 0.72))
    box = font.getbbox(text)
    height = box[3] - box[1]
    pad_x, pad_y = int(1.6 * height), int(0.45 * height)
    img = Image.new("L", (box[2] - box[0] + 2 * pad_x, height + 2 * pad_y), 235)
    ImageDraw.Draw(img).text((pad_x - box[0], pad_y - box[1]), text, fill=20, font=font)
    small = img.resize((img.width // up, img.height // up), Image.Resampling.LANCZOS)
    arr = np.asarray(small, dtype=np.float32)
    arr += np.random.default_rng(rng.randrange(2**32)).normal(0, 3, arr.shape)
    return np.clip(arr, 0, 255).astype(np.uint8)


def test_the_model_ships_in_the_package() -> None:
    assert MODEL.parent.name == "models"
    assert MODEL.exists(), f"{MODEL} is missing: the reader's own recogniser ships in the package"
    assert MODEL.stat().st_size < 2_500_000


def test_a_missing_model_is_engine_unavailable(tmp_path: Path) -> None:
    net = MRZNet(tmp_path / "none.onnx")
    with pytest.raises(EngineUnavailable, match=r"none\.onnx"):
        net.read([np.full((40, 400), 200, np.uint8)])


@needs_font
@pytest.mark.parametrize("cap", [14.0, 20.0, 28.0])
def test_reads_rendered_lines(cap: float) -> None:
    rng = random.Random(int(cap))
    reads = _net.read([strip_of(text, cap, rng) for text in LINES])
    for read, text in zip(reads, LINES, strict=True):
        assert isinstance(read, LineRead)
        # OCR-B's O and 0 are near twins: the reader's field types choose between them
        # (a date or check digit holds digits), so the network must only keep the other
        # as an alternative.
        assert read.text.replace("O", "0") == text.replace("O", "0")
        assert read.probs.shape == (len(text), len(ALPHABET))
        for i, (got, want) in enumerate(zip(read.text, text, strict=True)):
            if got != want:
                assert read.probs[i, ALPHABET.index(want)] > 0.01
        assert read.frames is not None and read.frames.shape[1] == len(ALPHABET) + 1
        # Each frame is a distribution over blank and the 37 characters.
        np.testing.assert_allclose(read.frames.sum(axis=1), 1.0, atol=1e-4)
        assert read.score > 0.9


@needs_font
def test_wider_look_reads_the_same_line() -> None:
    rng = random.Random(5)
    strip = strip_of(LINES[0], 16.0, rng)
    (default,) = _net.read([strip])
    (wider,) = _net.read([strip], squeeze=1.0)
    assert default.text.replace("O", "0") == LINES[0].replace("O", "0")
    assert wider.frames is not None and default.frames is not None
    assert len(wider.frames) > len(default.frames)
    assert wider.text.replace("O", "0") == LINES[0].replace("O", "0")


@needs_font
def test_the_reader_reads_a_page_with_this_engine() -> None:
    mrz = make_mrz("TD3", **mrz_pages.DOCS["TD3"])
    rng = random.Random(3)
    page = mrz_pages.render_page(mrz, rng)
    image = mrz_pages.jpeg(mrz_pages.degrade(page, rng, photo=False, angle=2.0), 85)
    before = mrz_image._recogniser
    try:
        mrz_image.use_engine("mrznet")
        read = mrz_image.read_mrz_image(image, reference=date(2026, 1, 1))
    finally:
        mrz_image._recogniser = before
    assert "\n".join(read.lines) == mrz
    assert read.result.valid


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown MRZ engine"):
        mrz_image.use_engine("tesseract")


@settings(max_examples=40, deadline=None)
@given(
    hnp.arrays(
        np.uint8,
        st.tuples(st.integers(0, 80), st.integers(0, 600)),
        elements=st.integers(0, 255),
    )
)
def test_any_strip_never_crashes(strip: np.ndarray) -> None:
    (read,) = _net.read([strip])
    assert set(read.text) <= set(ALPHABET)
    assert read.probs.shape == (len(read.text), len(ALPHABET))
    assert 0.0 <= read.score <= 1.0


def test_extreme_shapes_never_crash() -> None:
    strips = [
        np.zeros((1, 1), np.uint8),
        np.full((2, 5000), 255, np.uint8),  # a very long, flat strip
        np.full((3000, 3), 0, np.uint8),  # a very tall, narrow one
        np.zeros((40, 300, 3), np.uint8),  # colour
    ]
    reads = _net.read(strips)
    assert len(reads) == len(strips)
    assert all(set(r.text) <= set(ALPHABET) for r in reads)
