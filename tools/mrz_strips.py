"""Training and held-out data for the MRZ line recogniser: strips cut as the reader cuts them.

Two sources, both drawn in OCR-B (Debian's ``fonts-ocr-b``) from a ``random.Random``:

- ``zone_strips``: a whole data page (``tests/core/mrz_pages.py``'s renderer, degraded as a
  scan or a phone photo), then the reader's own zone finder (``image._ink``, ``_angles``,
  ``_zone``) and line cutter (``image._strip``): the strips are what the network will see.
- ``block_strips``: only the MRZ block, at 12-30 px a character, with perspective residue,
  uneven light, blur, noise and JPEG; each line cut by ``image._strip`` around its true
  rectangle, jittered as the zone finder's rectangles are. Much cheaper per strip.

Lines are real MRZs from ``make_mrz`` (random names, numbers, codes and dates) or random
MRZ-alphabet text with filler runs (so the network learns shapes, not the layout).

Used by ``tools/train_mrz_recogniser.py``; never imported by Passage. The benchmark's page
generator and its report seeds (18, 41) are not used here.
"""

from __future__ import annotations

import io
import math
import random
import string
import sys
from datetime import date, timedelta
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "core"))

from passage.core.mrz import image as mrz_image  # noqa: E402
from passage.core.mrz.codes import MRZ_CODES  # noqa: E402
from passage.core.mrz.generate import make_mrz  # noqa: E402

OCRB = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
LENGTHS = {"TD1": 30, "TD2": 36, "TD3": 44, "MRVA": 44, "MRVB": 36}
_CODES = sorted(c for c in MRZ_CODES if "<" not in c)


def _word(rng: random.Random, lo: int, hi: int) -> str:
    return "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.randint(lo, hi)))


def random_mrz(rng: random.Random) -> list[str]:
    """The lines of one MRZ: a real one (check digits right) or random MRZ-alphabet text."""
    fmt = rng.choice(list(LENGTHS))
    if rng.random() < 0.6:
        given = " ".join(_word(rng, 2, 9) for _ in range(rng.randint(0, 3)))
        surname = " ".join(_word(rng, 2, 12) for _ in range(rng.randint(1, 2)))
        number = "".join(rng.choice(ALPHABET[:-1]) for _ in range(rng.randint(5, 9)))
        text = make_mrz(
            fmt,
            surname=surname,
            given_names=given,
            document_number=number,
            issuing_state=rng.choice(_CODES),
            nationality=rng.choice(_CODES),
            birth_date=date(1930, 1, 1) + timedelta(days=rng.randrange(90 * 365)),
            sex=rng.choice("MFX<"),
            expiry_date=date(2020, 1, 1) + timedelta(days=rng.randrange(15 * 365)),
            document_code={"TD3": "P", "MRVA": "V", "MRVB": "V"}.get(fmt, rng.choice("IAC")),
            optional_data="".join(rng.choice("0123456789<") for _ in range(rng.randint(0, 9))),
        )
        return text.split("\n")
    n = LENGTHS[fmt]
    lines = []
    for _ in range(3 if fmt == "TD1" else 2):
        chars: list[str] = []
        while len(chars) < n:
            if rng.random() < 0.25:
                chars.extend("<" * rng.randint(1, 12))
            else:
                pool = rng.choice(
                    [ALPHABET[:26], ALPHABET[26:36], ALPHABET[:36], "G6Z2O0B8S5I1D0Q0"]
                )
                chars.extend(rng.choice(pool) for _ in range(rng.randint(1, 8)))
        lines.append("".join(chars[:n]))
    return lines


# ------------------------------------------------------------------ block strips


def _jpeg(img: np.ndarray, quality: int) -> np.ndarray:
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "JPEG", quality=quality)
    return np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("L"))


def block_strips(rng: random.Random) -> list[tuple[np.ndarray, str]]:
    """The lines of one MRZ block, degraded, each cut by the reader's ``_strip``."""
    lines = random_mrz(rng)
    n = len(lines[0])
    char_h = rng.uniform(11.0, 30.0)  # cap height in the final image, pixels
    # OCR-B's cap height is ~0.72 of the em at 10 cpi; draw at 3x, then shrink.
    up = 3.0
    size = max(8, round(char_h * up / 0.72 * 1.0))
    font = ImageFont.truetype(OCRB, size)
    pitch = size * 0.723 * rng.uniform(0.97, 1.03)  # 10 characters per inch
    gap = pitch * (4.23 / 2.54) * rng.uniform(0.95, 1.05)
    margin = int(4 * pitch)
    w = int(n * pitch + 2 * margin)
    h = int(len(lines) * gap + 2 * margin)
    paper = rng.randint(150, 250)
    img = Image.new("L", (w, h), paper)
    d = ImageDraw.Draw(img)
    # Background texture: guilloche-like curves and, sometimes, print above the zone.
    for k in range(rng.randint(0, 10)):
        y0 = rng.uniform(0, h)
        pts = [
            (x, y0 + 12 * up * math.sin(x / rng.uniform(20, 60) / up + k)) for x in range(0, w, 8)
        ]
        d.line(pts, fill=max(0, paper - rng.randint(10, 60)), width=rng.randint(1, 3))
    ink = rng.randint(0, min(90, paper - 60))
    rects = []
    for i, text in enumerate(lines):
        y = margin + i * gap
        x = margin
        if rng.random() < 0.3:  # uneven character spacing
            for j, ch in enumerate(text):
                d.text(
                    (x + j * pitch + rng.uniform(-0.04, 0.04) * pitch, y), ch, fill=ink, font=font
                )
        else:
            d.text((x, y), text, fill=ink, font=font)
        box = d.textbbox((x, y), text, font=font)
        rects.append(
            ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2, box[2] - box[0], box[3] - box[1])
        )
    arr = np.asarray(img, dtype=np.float32)
    # Perspective residue and a small skew: a random homography close to identity.
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    jit = rng.uniform(0.0, 0.03)
    dst = src + np.float32(
        [[rng.uniform(-jit, jit) * w, rng.uniform(-jit, jit) * h] for _ in range(4)]
    )
    angle = rng.uniform(-3, 3)
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    m = np.vstack([rot, [0, 0, 1]]) @ cv2.getPerspectiveTransform(src, dst)
    arr = cv2.warpPerspective(arr, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=paper)
    # Shrink to the target size (optics), blur, noise, JPEG.
    scale = 1 / up
    arr = cv2.resize(arr, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    hs, ws = arr.shape
    # Uneven light and a shadow band.
    yy, xx = np.mgrid[0:hs, 0:ws].astype(np.float32)
    light = 1 + rng.uniform(-0.4, 0.4) * (xx / ws - 0.5) + rng.uniform(-0.3, 0.3) * (yy / hs - 0.5)
    if rng.random() < 0.4:
        a, b = rng.uniform(-0.3, 0.3), rng.uniform(0, hs)
        dist = (yy - (a * xx + b)) / math.sqrt(1 + a * a)
        light *= 1 - rng.uniform(0.1, 0.45) / (1 + np.exp(dist / rng.uniform(7, 27)))
    if rng.random() < 0.2:  # glare
        cx, cy, r = rng.uniform(0, ws), rng.uniform(0, hs), rng.uniform(0.1, 0.4) * ws
        light += rng.uniform(0.1, 0.5) * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (r * r))
    arr = arr * light
    blur = rng.random()
    if blur < 0.4:
        arr = cv2.GaussianBlur(arr, (0, 0), rng.uniform(0.3, 1.6))
    elif blur < 0.7:
        k = rng.choice([3, 5, 7])
        kernel = np.zeros((k, k), np.float32)
        kernel[k // 2, :] = 1 / k
        r = cv2.getRotationMatrix2D((k / 2 - 0.5, k / 2 - 0.5), rng.uniform(0, 180), 1)
        arr = cv2.filter2D(arr, -1, cv2.warpAffine(kernel, r, (k, k)))
    arr = arr + np.random.default_rng(rng.randrange(2**32)).normal(0, rng.uniform(0, 10), arr.shape)
    out = np.clip(arr, 0, 255).astype(np.uint8)
    if rng.random() < 0.8:
        out = _jpeg(out, rng.randint(35, 95))
    strips = []
    for (cx, cy, rw, rh), text in zip(rects, lines, strict=True):
        p = m @ np.array([cx, cy, 1.0])
        cx2, cy2 = p[0] / p[2] * scale, p[1] / p[2] * scale
        # The zone finder's rectangle: a closing of the ink, a little taller than the caps
        # and a few pixels off at either end.
        th = rh * scale * rng.uniform(0.9, 1.45)
        ww = rw * scale * rng.uniform(0.97, 1.04)
        cx2 += rng.uniform(-0.5, 0.5) * th
        cy2 += rng.uniform(-0.12, 0.12) * th
        a = -angle + rng.uniform(-0.8, 0.8)
        strip = mrz_image._strip(out, ((cx2, cy2), (ww, th), a), False)
        strips.append((strip, text))
    return strips


# ------------------------------------------------------------------ zone strips


def zone_strips(rng: random.Random) -> list[tuple[np.ndarray, str]]:
    """A whole degraded page, cut by the reader's zone finder; [] when it finds no zone
    of the right number of lines (the strip's text would be unknown)."""
    import mrz_pages  # tests/core/mrz_pages.py

    lines = random_mrz(rng)
    mrz = "\n".join(lines)
    photo = rng.random() < 0.7
    page = mrz_pages.render_page(mrz, rng, dpi=rng.choice([200, 250, 300]))
    angle = rng.uniform(0, 360) if photo else rng.uniform(-4, 4) + rng.choice([0, 90, 180, 270])
    img = mrz_pages.degrade(page, rng, photo=photo, angle=angle)
    if rng.random() < 0.8:
        img = _jpeg(img, rng.randint(40, 92))
    full, _ = mrz_image._resize_max(img, mrz_image._FULL)
    work, work_scale = mrz_image._resize_max(full, mrz_image._WORK)
    binary = mrz_image._ink(work)
    for zangle, height in mrz_image._angles(binary):
        zone = mrz_image._zone(binary, zangle, height)
        if zone is None or len(zone.rects) != len(lines):
            continue
        # degrade() turned the page by `angle` and the reader turns it back by zone.angle:
        # the text is upside down when the two add up to about 180 degrees.
        total = (angle + zangle) % 360
        flip = 90 < total < 270
        turned, _ = mrz_image._rotate(full, zone.angle)
        f = 1.0 / work_scale
        rects = [((cx * f, cy * f), (rw * f, rh * f), ra) for (cx, cy), (rw, rh), ra in zone.rects]
        if flip:
            rects = rects[::-1]
        return [(mrz_image._strip(turned, r, flip), t) for r, t in zip(rects, lines, strict=True)]
    return []
