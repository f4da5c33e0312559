"""Rendered travel-document data pages for the image reader's tests.

Draws a data page (photo box, printed fields, the MRZ in OCR-B at ICAO's 10 characters
per inch) with Pillow and Debian's ``fonts-ocr-b``, then degrades it with OpenCV:
rotation (including upside down), perspective, uneven light, blur, noise and JPEG. Every
random choice comes from the ``random.Random`` passed in, so a seed fixes the image.

The benchmark (``bench/mrz_images.py``) has its own, different generator: nothing here
is what the benchmark's figures are measured on.
"""

from __future__ import annotations

import io
import random
from datetime import date
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

OCRB = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
SANS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# Page sizes in millimetres (ICAO 9303-3 §2): TD1 85.6 x 54, TD2 105 x 74, TD3 125 x 88.
# One document of each format, for tests that draw a known page.
DOCS = {
    "TD3": dict(
        surname="Eriksson",
        given_names="Anna Maria",
        document_number="L898902C3",
        issuing_state="UTO",
        nationality="UTO",
        birth_date=date(1974, 8, 12),
        sex="F",
        expiry_date=date(2032, 4, 15),
        optional_data="ZE184226B",
    ),
    "TD1": dict(
        surname="Ould Ahmed",
        given_names="Mariam",
        document_number="MR1234567",
        issuing_state="MRT",
        nationality="MRT",
        birth_date=date(1988, 5, 1),
        sex="F",
        expiry_date=date(2030, 5, 1),
    ),
    "TD2": dict(
        surname="Haddad",
        given_names="Karim",
        document_number="D23145890",
        issuing_state="LBN",
        nationality="LBN",
        birth_date=date(1990, 11, 30),
        sex="M",
        expiry_date=date(2029, 2, 28),
    ),
    "MRVA": dict(
        surname="Nguyen",
        given_names="Thi Lan",
        document_number="V1234567",
        issuing_state="FRA",
        nationality="VNM",
        birth_date=date(1995, 3, 9),
        sex="F",
        expiry_date=date(2027, 6, 30),
    ),
    "MRVB": dict(
        surname="Okonkwo",
        given_names="Chinedu",
        document_number="B7654321",
        issuing_state="GBR",
        nationality="NGA",
        birth_date=date(1982, 1, 17),
        sex="M",
        expiry_date=date(2026, 12, 1),
    ),
}

_PAGE_MM = {30: (85.6, 54.0), 36: (105.0, 74.0), 44: (125.0, 88.0)}


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def render_page(mrz: str, rng: random.Random, dpi: int = 300) -> np.ndarray:
    """A clean grey data page holding ``mrz`` (lines joined by newlines)."""
    lines = mrz.split("\n")
    width_mm, height_mm = _PAGE_MM[len(lines[0])]
    px = dpi / 25.4
    w, h = int(width_mm * px), int(height_mm * px)
    page = Image.new("L", (w, h), rng.randint(225, 250))
    draw = ImageDraw.Draw(page)
    # A tinted guilloche-like background: thin sine curves.
    for k in range(12):
        y0 = rng.uniform(0, h)
        pts = [(x, y0 + 12 * np.sin(x / rng.uniform(20, 60) + k)) for x in range(0, w, 6)]
        draw.line(pts, fill=rng.randint(180, 215), width=1)
    # Photo box and printed fields in the upper part.
    draw.rectangle(
        (int(4 * px), int(10 * px), int(30 * px), int(42 * px)), fill=rng.randint(90, 160)
    )
    label = _font(SANS, int(2.2 * px))
    for row in range(5):
        y = int((11 + row * 6) * px)
        word = "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVWXYZ") for _ in range(rng.randint(4, 12)))
        draw.text((int(34 * px), y), word, fill=rng.randint(20, 70), font=label)
    # The MRZ: 10 characters per inch, lines 4.23 mm apart (6 lines per inch), its last
    # baseline 5 mm above the bottom edge.
    pitch = dpi / 10
    font = _font(OCRB, round(pitch / 0.72297 * 100) // 100)
    line_gap = dpi / 6
    x0 = (w - pitch * len(lines[0])) / 2
    for i, text in enumerate(lines):
        y = h - 5 * px - (len(lines) - i) * line_gap
        draw.text((x0, y), text, fill=rng.randint(0, 40), font=font)
    return np.asarray(page)


def degrade(page: np.ndarray, rng: random.Random, *, photo: bool, angle: float) -> np.ndarray:
    """A scan (``photo=False``: small skew, light noise) or a phone photo of ``page``."""
    h, w = page.shape
    background = rng.randint(40, 200)
    canvas_scale = 1.6 if photo else 1.25
    cw, ch = int(w * canvas_scale), int(h * canvas_scale)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    jitter = 0.06 if photo else 0.0
    corners = []
    for x, y in src:
        corners.append(
            [
                x + rng.uniform(-jitter, jitter) * w + (cw - w) / 2,
                y + rng.uniform(-jitter, jitter) * h + (ch - h) / 2,
            ]
        )
    matrix = cv2.getPerspectiveTransform(src, np.float32(corners))
    out = cv2.warpPerspective(
        page, matrix, (cw, ch), flags=cv2.INTER_LINEAR, borderValue=background
    )
    rot = cv2.getRotationMatrix2D((cw / 2, ch / 2), angle, 1.0)
    cos, sin = abs(rot[0, 0]), abs(rot[0, 1])
    nw, nh = int(ch * sin + cw * cos), int(ch * cos + cw * sin)
    rot[0, 2] += nw / 2 - cw / 2
    rot[1, 2] += nh / 2 - ch / 2
    out = cv2.warpAffine(out, rot, (nw, nh), borderValue=background).astype(np.float32)
    if photo:
        # Uneven light: a gradient across the frame and a soft shadow.
        yy, xx = np.mgrid[0:nh, 0:nw].astype(np.float32)
        gx, gy = rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5)
        light = 1.0 + gx * (xx / nw - 0.5) + gy * (yy / nh - 0.5)
        out = out * light
        blur = rng.choice([3, 5])
        out = cv2.GaussianBlur(out, (blur, blur), 0)
        scale = rng.uniform(0.45, 0.6)
    else:
        scale = rng.uniform(0.65, 0.8)
    out = cv2.resize(out, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    nprng = np.random.default_rng(rng.randrange(2**32))
    out = out + nprng.normal(0, 6 if photo else 2.5, out.shape)
    return np.clip(out, 0, 255).astype(np.uint8)


def jpeg(image: np.ndarray, quality: int) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def png(image: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="PNG")
    return buffer.getvalue()
