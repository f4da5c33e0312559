"""Reading the MRZ from an image: a flatbed scan or a phone photo of a data page.

``read_mrz_image(data)`` takes the file's bytes (JPEG, PNG, TIFF, BMP, WebP) or a grey
``numpy`` array and returns an :class:`ImageRead`; anything it cannot read raises
:class:`MRZImageError` with a stable ``code`` naming the problem (``not_image``,
``too_large``, ``truncated``, ``no_mrz``, ``unreadable``; ``engine_unavailable`` when
the recognition model is not installed).

The steps (docs/mrz.md, "Reading images"):

1. **Decode** with Pillow after checking the header: the pixel count is capped *before*
   the pixels are decoded (decompression bombs), truncated files are refused.
2. **Find** the zone at any angle: black-hat → Otsu → isotropic dilation at three
   scales; the longest solid elongated blob gives the text angle. The image is turned so
   the lines run left to right, the lines are found by a horizontal closing, and the
   2 or 3 lines of similar width and even spacing form the zone. Each line is cut out
   along its own minimum-area rectangle (this absorbs perspective and residual skew).
3. **Orientation**: the page's other print lies above the MRZ; the side with more ink
   is read first as "up", and the zone is read upside down too when that read is poor.
4. **Recognise** each line with the MRZ-constrained recogniser (:mod:`.ocr`), which
   keeps every character's distribution over ``A-Z 0-9 <``.
5. **Choose with ICAO 9303**: line lengths per format (a filler run that the network
   merged or split is lengthened or shortened), field types (digits in dates and check
   digits, letters in codes and names, ``M F X <`` for sex), then a best-first search over
   the alternatives of doubtful characters for the most probable MRZ that the parser
   accepts (every check digit, known country codes, real dates, name rules).
6. **Report** every character's confidence, every change made and why, and ``clean``
   when the MRZ is valid and no character is left doubtful.
7. **Confirm** (:func:`read_mrz_frames`, :func:`confirm`): check digits are not proof (the
   7-3-1 weights cannot see G/6, nor two O/0 errors that cancel, and names and codes have
   none), so one frame is never ``certain``: a read is certain only when it is clean and a
   second frame (or the chip's DG1) gives the same lines, character for character.
"""

from __future__ import annotations

import heapq
import io
import math
import re
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, UnidentifiedImageError

from ..text import Text
from .errors import Issue, MRZError
from .layout import DIGIT_COLUMNS, FIELD_AT, LETTER_COLUMNS, LINE_LENGTHS
from .mrznet import MRZNet
from .ocr import ALPHABET, EngineUnavailable, LineRead, Recogniser, decode_length
from .parse import parse_mrz
from .result import Change, MRZResult

MAX_BYTES: Final = 25 * 1024 * 1024
"""Largest file accepted (bytes)."""
MAX_PIXELS: Final = 40_000_000
"""Largest image accepted (width x height), checked from the header before decoding."""
CERTAIN: Final = 0.9
"""A character read with a lower confidence is doubtful."""
_SEARCHED: Final = 0.995  # characters below this confidence have their alternatives tried
# The search never takes a combination the engine found 50 times less likely than its own
# reading: check digits are not proof, and three unlikely changes can satisfy two of them.
_MAX_COST: Final = math.log(50)
_WORK: Final = 1280  # longest side of the image the zone is searched in
_FULL: Final = 2600  # longest side of the image the lines are cut from
_PAD_Y: Final = 0.45  # margin above and below a line when cut and its light evened (line heights)
_FORMATS_OK: Final = frozenset({"JPEG", "PNG", "TIFF", "BMP", "WEBP", "MPO"})

UInt8Array = npt.NDArray[np.uint8]

ENGINES: Final = ("ppocr", "mrznet")
"""The character recognisers: PP-OCR's network (decision 0100) and Passage's own
MRZ-only network (:mod:`.mrznet`, decision 0114)."""
DEFAULT_ENGINE: Final = "mrznet"

_engines: dict[str, Recogniser | MRZNet] = {"ppocr": Recogniser(), "mrznet": MRZNet()}
_recogniser = _engines[DEFAULT_ENGINE]


def use_engine(name: str) -> None:
    """Read characters with ``name`` (one of :data:`ENGINES`) from now on (each engine's
    network is loaded once, on its first use)."""
    global _recogniser
    if name not in ENGINES:
        raise ValueError(f"unknown MRZ engine {name!r}: one of {', '.join(ENGINES)}")
    _recogniser = _engines[name]


STAGES: dict[str, float] = {}
"""CPU seconds spent in each step of the reader, summed over every image read since the
dictionary was last cleared (``decode``, ``find``, ``cut``, ``network``, ``choose``), and
``passes`` / ``columns``: the network's passes and the columns fed to it. The benchmark
prints them (``bench/mrz_images.py --stages``); the cost of keeping them is a clock read
per step."""


@contextmanager
def _stage(name: str) -> Iterator[None]:
    start = time.process_time()
    try:
        yield
    finally:
        STAGES[name] = STAGES.get(name, 0.0) + time.process_time() - start


def _trim(strip: UInt8Array, keep: float) -> UInt8Array:
    """``strip`` (cut with a margin of ``_PAD_Y`` line heights above and below) with only
    ``keep`` line heights of margin left: each engine reads the margin it was made for."""
    out_h = strip.shape[0]
    cut = round(out_h * (_PAD_Y - keep) / (1 + 2 * _PAD_Y))
    if cut > 0 and out_h - 2 * cut >= 8:
        return strip[cut : out_h - cut]
    return strip


def _network(strips: list[UInt8Array], squeeze: float | None = None) -> list[LineRead]:
    strips = [np.ascontiguousarray(_trim(s, _recogniser.MARGIN)) for s in strips]
    with _stage("network"):
        reads = _recogniser.read(strips, squeeze=squeeze)
    STAGES["passes"] = STAGES.get("passes", 0.0) + len(strips)
    STAGES["columns"] = STAGES.get("columns", 0.0) + sum(
        len(r.frames) if r.frames is not None else 0 for r in reads
    )
    return reads


class MRZImageError(MRZError, ValueError):
    """An image that could not be read, with a stable ``code`` naming why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class CharRead:
    """One character as chosen, its confidence and the engine's alternatives."""

    line: int
    column: int
    char: str
    confidence: float
    alternatives: tuple[tuple[str, float], ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "line": self.line,
            "column": self.column,
            "char": self.char,
            "confidence": round(self.confidence, 4),
            "alternatives": [[c, round(p, 4)] for c, p in self.alternatives],
        }


@dataclass(slots=True)
class ImageRead:
    """What was read from one image: the lines, the parse, confidences, corrections."""

    lines: tuple[str, ...]
    result: MRZResult
    confidences: list[list[float]]
    corrections: list[Change]
    doubtful: list[CharRead]
    clean: bool
    """Valid, with no character left doubtful: what one frame can say."""
    upside_down: bool = False
    angle: float = 0.0
    box: list[list[float]] = field(default_factory=list)
    confirmed_by: str = ""
    """``"second_frame"`` or ``"dg1"`` when another reading gave the same lines."""
    disagreements: list[tuple[int, int]] = field(default_factory=list)
    """Cells (line, column) where the second frame or DG1 read another character."""
    zone_image: UInt8Array | None = field(default=None, repr=False)
    """The zone as it was read: cut out, turned upright, grey (for the officer to see)."""

    @property
    def certain(self) -> bool:
        """Clean, and confirmed character for character by a second frame or DG1."""
        return self.clean and bool(self.confirmed_by) and not self.disagreements

    def to_dict(self) -> dict[str, object]:
        out = self.result.to_dict()
        out["lines"] = list(self.lines)
        out["certain"] = self.certain
        out["clean"] = self.clean
        out["confirmed_by"] = self.confirmed_by or None
        out["disagreements"] = [[li, col] for li, col in self.disagreements]
        out["confidence"] = [[round(c, 3) for c in row] for row in self.confidences]
        out["corrections"] = [c.to_dict() for c in self.corrections]
        out["doubtful"] = [c.to_dict() for c in self.doubtful]
        out["zone"] = {
            "angle": round(self.angle, 1),
            "upside_down": self.upside_down,
            "box": [[round(x, 1), round(y, 1)] for x, y in self.box],
        }
        return out


# --------------------------------------------------------------------------- decoding


def decode_image(data: bytes) -> UInt8Array:
    """The image in ``data`` as a grey array, or :class:`MRZImageError`."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise MRZImageError("not_image", "expected the bytes of an image file")
    if len(data) == 0:
        raise MRZImageError("not_image", "the file is empty")
    if len(data) > MAX_BYTES:
        raise MRZImageError(
            "too_large", f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            fmt = image.format or ""
            if fmt not in _FORMATS_OK:
                raise MRZImageError(
                    "not_image", f"{fmt or 'this'} files are not read: send JPEG, PNG or TIFF"
                )
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise MRZImageError(
                    "too_large",
                    f"the image has {width} x {height} pixels; at most "
                    f"{MAX_PIXELS // 1_000_000} million are read",
                )
            if width < 60 or height < 20:
                raise MRZImageError(
                    "no_mrz", f"the image is {width} x {height} pixels: too small to hold an MRZ"
                )
            image.draft("L", (_FULL, _FULL))  # JPEG: decode at a reduced scale when large
            image.load()
            grey = image.convert("L")
    except MRZImageError:
        raise
    except UnidentifiedImageError as exc:
        raise MRZImageError("not_image", "the file is not an image Passage can read") from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise MRZImageError(
            "too_large",
            f"the image is too large to decode (more than {MAX_PIXELS // 1_000_000} million "
            "pixels; a decompression bomb?)",
        ) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        text = str(exc)
        if "truncated" in text or isinstance(exc, EOFError):
            raise MRZImageError("truncated", f"the image file is truncated ({text})") from exc
        raise MRZImageError("not_image", f"the image could not be decoded ({text})") from exc
    except Exception as exc:  # Pillow's plugins raise more kinds on hostile files
        raise MRZImageError(
            "not_image", f"the image could not be decoded ({type(exc).__name__})"
        ) from exc
    return np.asarray(grey, dtype=np.uint8)


# --------------------------------------------------------------------------- geometry


Rect = tuple[tuple[float, float], tuple[float, float], float]


@dataclass(slots=True)
class _Zone:
    angle: float  # degrees the image is turned so the lines run left to right
    rects: list[Rect]  # in the turned work image
    up_ink: float
    down_ink: float


def _resize_max(img: UInt8Array, side: int) -> tuple[UInt8Array, float]:
    h, w = img.shape
    scale = min(1.0, side / max(h, w))
    if scale < 1.0:
        img = np.asarray(
            cv2.resize(img, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA),
            dtype=np.uint8,
        )
    return np.ascontiguousarray(img), scale


def _ink(work: UInt8Array) -> UInt8Array:
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (15, 15))
    blackhat = cv2.morphologyEx(work, cv2.MORPH_BLACKHAT, kernel)
    _, binary = cv2.threshold(blackhat, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    # Otsu on a page with little ink may settle on the noise: require some contrast.
    floor = max(12.0, float(np.percentile(blackhat[::4, ::4], 99)) * 0.25)
    binary[blackhat < floor] = 0
    return np.asarray(binary, dtype=np.uint8)


def _angles(binary: UInt8Array) -> list[tuple[float, float]]:
    """Candidate text angles (degrees) and line heights (pixels), the most likely first."""
    side = max(binary.shape)
    found: list[tuple[float, float, float]] = []
    for k in (5, 9, 15):
        dilated = cv2.dilate(binary, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
        contours, _ = cv2.findContours(dilated, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for c in contours:
            _, (w, h), a = cv2.minAreaRect(c)
            long, short = max(w, h), min(w, h)
            if long < 0.12 * side or short < k + 4 or long < 6 * short:
                continue
            if cv2.contourArea(c) < 0.55 * long * short:
                continue
            angle = a if w >= h else a + 90.0
            found.append((long, angle, short - k + 1))
    found.sort(reverse=True)
    angles: list[tuple[float, float]] = []
    for _, a, height in found:
        if all(abs(((a - b + 90) % 180) - 90) > 3 for b, _ in angles):
            angles.append((a, height))
        if len(angles) == 3:
            break
    return angles


def _rotate(img: UInt8Array, angle: float, border: int = 255) -> tuple[UInt8Array, Any]:
    h, w = img.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    out = cv2.warpAffine(img, m, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=border)
    return np.asarray(out, dtype=np.uint8), m


def _zone(binary: UInt8Array, angle: float, height: float) -> _Zone | None:
    turned, _ = _rotate(binary, angle, border=0)
    best: _Zone | None = None
    best_score = 0.0
    # The blob that gave the angle may be one line or two merged: its height (less the
    # dilation) is one or two character heights.
    for char_h in sorted({max(4, round(height)), max(4, round(height / 2.4))}, reverse=True):
        closed = cv2.morphologyEx(
            # Wide enough to bridge a faded filler or two (shadow, glare).
            turned,
            cv2.MORPH_CLOSE,
            cv2.getStructuringElement(cv2.MORPH_RECT, (2 * char_h, 1)),
        )
        closed = cv2.morphologyEx(
            closed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (char_h * 3, 1))
        )
        contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        lines = []
        for c in contours:
            x, y, w, h = cv2.boundingRect(c)
            if w < 18 * char_h * 0.6 or h < 0.5 * char_h or w < 8 * h:
                continue
            (_cx, cy), (rw, rh), _ra = cv2.minAreaRect(c)
            lines.append((x, y, w, h, c, float(cy), float(min(rw, rh))))
        lines.sort(key=lambda t: t[1])
        for i, (x, _y, w, _h, _c, _cy, _t) in enumerate(lines):
            group = [lines[i]]
            for other in lines[i + 1 :]:
                ox, _oy, ow, _oh, _, ocy, _ot = other
                last = group[-1]
                # Line pitch against line thickness, both from the lines' own rectangles:
                # a bounding box grows with any tilt left (perspective), the pitch not.
                gap, thick = ocy - last[5], last[6]
                if not 1.0 * thick <= gap <= 3.2 * thick:
                    continue
                if abs(ow - w) > 0.2 * w or abs(ox - x) > 0.15 * w:
                    continue
                group.append(other)
                if len(group) == 3:
                    break
            if len(group) < 2:
                continue
            score = sum(g[2] for g in group)
            if score > best_score:
                best_score = score
                top = min(g[1] for g in group)
                bottom = max(g[1] + g[3] for g in group)
                left, right = min(g[0] for g in group), max(g[0] + g[2] for g in group)
                # MRZ lines have one length and one left margin: a line whose end faded
                # (shadow, glare) is cut as long as the longest.
                rects = [_span(_rect(cv2.minAreaRect(g[4])), left, right) for g in group]
                span = bottom - top
                above = turned[max(0, top - 8 * span) : top, left:right]
                below = turned[bottom : bottom + 8 * span, left:right]
                best = _Zone(
                    angle,
                    rects,
                    float(above.mean()) if above.size else 0.0,
                    float(below.mean()) if below.size else 0.0,
                )
        if best is not None:
            break
    return best


def _rect(r: Any) -> Rect:
    (cx, cy), (w, h), a = r
    return ((float(cx), float(cy)), (float(w), float(h)), float(a))


def _span(rect: Rect, left: float, right: float) -> Rect:
    """``rect`` (a near-horizontal line) stretched to run from ``left`` to ``right``."""
    (cx, cy), (w, h), a = rect
    if w < h:
        w, h, a = h, w, a - 90.0
    a = ((a + 90.0) % 180.0) - 90.0
    mid = (left + right) / 2
    cy += (mid - cx) * math.tan(math.radians(a))
    width = (right - left) / max(math.cos(math.radians(a)), 0.5)
    return ((mid, cy), (max(width, w), h), a)


def _strip(image: UInt8Array, rect: Rect, flip: bool) -> UInt8Array:
    (cx, cy), (w, h), a = rect
    if w < h:
        w, h, a = h, w, a - 90.0
    a = ((a + 90.0) % 180.0) - 90.0  # the same rectangle, its text left to right
    pad_x, pad_y = 1.6 * h, _PAD_Y * h
    out_w, out_h = round(w + 2 * pad_x), round(h + 2 * pad_y)
    m = cv2.getRotationMatrix2D((cx, cy), a, 1.0)
    m[0, 2] += out_w / 2 - cx
    m[1, 2] += out_h / 2 - cy
    strip = cv2.warpAffine(
        image, m, (out_w, out_h), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE
    )
    if flip:
        strip = cv2.rotate(strip, cv2.ROTATE_180)
    # Even out the light along the strip: divide by the local background.
    bg = cv2.dilate(strip, cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, out_h // 2), 1)))
    bg = cv2.blur(bg, (max(3, out_h), max(3, out_h // 2)))
    norm = cv2.divide(strip, np.maximum(bg, 1), scale=235)
    # The network is then given only the margin its engine reads best (``_network``,
    # decision 0109): PP-OCR scales every strip to 48 px high, so the less margin, the
    # taller the characters it sees and the more frames each gets — a run of fillers no
    # longer merges, G and 6 part. Passage's own network was trained on the whole margin.
    return np.ascontiguousarray(norm, dtype=np.uint8)


# --------------------------------------------------------------------------- choosing


def _allowed(fmt: str) -> list[list[str]]:
    rows = [[ALPHABET] * n for n in LINE_LENGTHS[fmt]]
    for line, col in DIGIT_COLUMNS[fmt]:
        name = FIELD_AT[fmt][line][col]
        # Dates may hold fillers for unknown parts; an empty personal number's check
        # digit may be a filler (9303-4 §4.2.2).
        filler = name.endswith("date") or name == "personal_number_check_digit"
        rows[line][col] = "0123456789<" if filler else "0123456789"
    for line, col in LETTER_COLUMNS[fmt]:
        rows[line][col] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ<"
    for line, row in enumerate(FIELD_AT[fmt]):
        for col, name in enumerate(row):
            if name == "sex":
                rows[line][col] = "MFX<"
            elif name == "document_code" and col == 0:
                rows[line][col] = {"TD3": "P", "MRVA": "V", "MRVB": "V"}.get(fmt, "ACI")
    return rows


_INDEX: Final = {c: i for i, c in enumerate(ALPHABET)}


def _fit_length(read: LineRead, n: int) -> tuple[str, npt.NDArray[np.float32], bool]:
    """Lengthen or shorten the longest filler run so the line has ``n`` characters."""
    text, probs = read.text, read.probs
    if len(text) == n or not text:
        return text, probs, False
    runs = [(m.end() - m.start(), m.start(), m.end()) for m in _runs(text)]
    if not runs or abs(len(text) - n) > 3:
        return text, probs, False
    length, _start, end = max(runs)
    filler = np.zeros(len(ALPHABET), dtype=np.float32)
    filler[_INDEX["<"]] = 1.0
    if len(text) < n:
        extra = n - len(text)
        text = text[:end] + "<" * extra + text[end:]
        probs = np.concatenate([probs[:end], np.tile(filler, (extra, 1)), probs[end:]])
    else:
        extra = len(text) - n
        if length <= extra:
            return text, probs, False
        text = text[: end - extra] + text[end:]
        probs = np.concatenate([probs[: end - extra], probs[end:]])
    return text, probs, True


def _runs(text: str) -> list[Any]:
    return list(re.finditer(r"<{2,}", text))


def _format(reads: list[LineRead]) -> str | None:
    if len(reads) == 3:
        return "TD1"
    if len(reads) != 2:
        return None
    width = (len(reads[0].text) + len(reads[1].text)) / 2
    first = reads[0].probs[0] if len(reads[0].text) else None
    # A visa when V is the likeliest of the document codes a two-line MRZ starts with.
    visa = first is not None and first[_INDEX["V"]] > max(first[_INDEX[c]] for c in "PACI")
    if abs(width - 44) <= abs(width - 36):
        return "MRVA" if visa else "TD3"
    return "MRVB" if visa else "TD2"


@dataclass(slots=True)
class _Choice:
    lines: list[str]
    conf: list[list[float]]
    corrections: list[Change]
    doubtful_cells: set[tuple[int, int]]
    options: dict[tuple[int, int], list[tuple[str, float]]]


def _typed_choice(fmt: str, reads: list[LineRead]) -> _Choice:
    allowed = _allowed(fmt)
    lines: list[str] = []
    conf: list[list[float]] = []
    corrections: list[Change] = []
    options: dict[tuple[int, int], list[tuple[str, float]]] = {}
    for li, read in enumerate(reads):
        n = LINE_LENGTHS[fmt][li]
        text, probs, fitted = _fit_length(read, n)
        if fitted:
            corrections.append(
                Change("line", li, 0, read.text, text, f"line length {len(read.text)} → {n}")
            )
        row: list[str] = []
        row_conf: list[float] = []
        for col, raw in enumerate(text):
            if col >= n:
                row.append(raw)
                row_conf.append(float(probs[col].max()))
                continue
            ok = allowed[li][col]
            p = np.array([probs[col][_INDEX[c]] for c in ok], dtype=np.float64)
            total = float(p.sum())
            if total <= 1e-6:
                p = np.full(len(ok), 1.0 / len(ok))
                total = 1.0
            p = p / total
            order = np.argsort(-p)
            best = ok[int(order[0])]
            confidence = float(p[order[0]])
            if best != raw:
                name = FIELD_AT[fmt][li][col]
                corrections.append(
                    Change(name, li, col, raw, best, "field type: only " + _kind(ok) + " here")
                )
            row.append(best)
            row_conf.append(confidence)
            if confidence < _SEARCHED:
                options[(li, col)] = [(ok[int(i)], float(p[i])) for i in order[:3] if p[i] >= 0.005]
        lines.append("".join(row))
        conf.append(row_conf)
    doubtful = {cell for cell in options if conf[cell[0]][cell[1]] < CERTAIN}
    return _Choice(lines, conf, corrections, doubtful, options)


def _kind(ok: str) -> str:
    if ok.startswith("0123"):
        return "digits"
    if ok.startswith("ABC"):
        return "letters or fillers"
    return " ".join(ok)


def _search(
    choice: _Choice, reference: date | None, budget: int = 300
) -> tuple[MRZResult, list[str], set[tuple[int, int]]]:
    """Best-first over the alternatives of doubtful cells for a valid MRZ.

    Returns the parse, the lines chosen, and the cells still doubtful: those that differ
    between the best valid MRZ and another valid one nearly as probable (within a factor
    of 20), or every doubtful cell when no valid MRZ was found.
    """
    cells = sorted(choice.options, key=lambda c: choice.conf[c[0]][c[1]])[:16]
    opts = [choice.options[c] for c in cells]
    base = [list(line) for line in choice.lines]

    def text_of(pick: tuple[int, ...]) -> list[str]:
        rows = [row[:] for row in base]
        for i, ((li, col), k) in enumerate(zip(cells, pick, strict=True)):
            rows[li][col] = opts[i][k][0]
        return ["".join(r) for r in rows]

    weights = [[-math.log(max(p, 1e-6)) for _, p in o] for o in opts]

    def cost(pick: tuple[int, ...]) -> float:
        return sum(weights[i][k] for i, k in enumerate(pick))

    start = tuple(0 for _ in cells)
    base_cost = cost(start)
    heap = [(base_cost, start)]
    seen = {start}
    valid: list[tuple[float, list[str], MRZResult]] = []
    first: MRZResult | None = None
    tries = 0
    while heap and tries < budget:
        c, pick = heapq.heappop(heap)
        if c - base_cost > _MAX_COST:
            break
        tries += 1
        lines = text_of(pick)
        result = parse_mrz("\n".join(lines), reference=reference)
        if first is None:
            first = result
        if result.valid:
            valid.append((c, lines, result))
            if len(valid) == 2:
                break
        for i in range(len(cells)):
            if pick[i] + 1 < len(opts[i]):
                nxt = (*pick[:i], pick[i] + 1, *pick[i + 1 :])
                if nxt not in seen:
                    seen.add(nxt)
                    step = weights[i][pick[i] + 1] - weights[i][pick[i]]
                    heapq.heappush(heap, (c + step, nxt))
    if not valid:
        if first is None:
            first = parse_mrz("\n".join(choice.lines), reference=reference)
        return first, choice.lines, set(choice.doubtful_cells)
    best_cost, best_lines, best_result = valid[0]
    doubtful: set[tuple[int, int]] = set()
    covered = _covered(best_result.format or "")
    for cell in choice.doubtful_cells:
        if cell not in covered:
            doubtful.add(cell)  # no check digit can confirm this character
    if len(valid) > 1 and valid[1][0] - best_cost <= math.log(20):
        other = valid[1][1]
        for li, (a, b) in enumerate(zip(best_lines, other, strict=True)):
            doubtful.update(
                (li, col) for col, (x, y) in enumerate(zip(a, b, strict=True)) if x != y
            )
    for li, col in choice.doubtful_cells:
        # A character that no alternative changed but that stayed far below certainty.
        if choice.conf[li][col] < 0.5:
            doubtful.add((li, col))
    return best_result, best_lines, doubtful


def _covered(fmt: str) -> set[tuple[int, int]]:
    """Cells covered by a check digit (field or composite) in ``fmt``."""
    names = {
        "document_number",
        "document_number_check_digit",
        "birth_date",
        "birth_date_check_digit",
        "expiry_date",
        "expiry_date_check_digit",
        "personal_number",
        "personal_number_check_digit",
        "composite_check_digit",
    }
    if fmt in ("TD1", "TD2", "TD3"):
        names |= {"optional_data", "optional_data_2"}
    rows = FIELD_AT.get(fmt, ())
    return {(li, col) for li, row in enumerate(rows) for col, n in enumerate(row) if n in names}


# --------------------------------------------------------------------------- reading


def _read_zone(
    full: UInt8Array, zone: _Zone, factor: float, flip: bool, reference: date | None
) -> ImageRead | None:
    with _stage("cut"):
        turned, _ = _rotate(full, zone.angle)
        rects: list[Rect] = []
        for (cx, cy), (rw, rh), ra in zone.rects:
            rects.append(((cx * factor, cy * factor), (rw * factor, rh * factor), ra))
        if flip:
            rects = rects[::-1]
        strips = [_strip(turned, r, flip) for r in rects]
        zone_image = _zone_image(turned, rects, flip)
    first_reads = _network(strips)
    fmt = _format(first_reads)
    if fmt is None:
        return None
    wider: dict[int, LineRead] = {}
    read = _read_lines(fmt, first_reads, strips, wider, reference)
    width = sum(len(r.text) for r in first_reads) / len(first_reads)
    if fmt in _OTHER_LENGTH and (not read.result.valid or 37 <= width <= 43):
        # Two lines of 36 or of 44: a line cut short or merged misleads the first guess.
        other = _read_lines(_OTHER_LENGTH[fmt], first_reads, strips, wider, reference)
        if _quality(other) > _quality(read):
            read = other
    read.upside_down = flip
    read.angle = zone.angle
    read.box = [
        list(map(float, p)) for r in (zone.rects[0], zone.rects[-1]) for p in cv2.boxPoints(r)
    ]
    read.zone_image = zone_image
    return read


_OTHER_LENGTH: Final = {"TD2": "TD3", "TD3": "TD2", "MRVA": "MRVB", "MRVB": "MRVA"}


def _read_lines(
    fmt: str,
    first_reads: list[LineRead],
    strips: list[UInt8Array],
    wider: dict[int, LineRead],
    reference: date | None,
) -> ImageRead:
    """The lines read as format ``fmt``: lengths fitted, characters typed, then chosen."""
    reads = list(first_reads)
    # A line shorter or longer than its format's: the network merged or split characters
    # (most often a run of fillers). Read it again with more columns per character.
    # First the most probable reading of the same frames with exactly n characters
    # (ocr.decode_length), then a second look at a wider scale; the better-scored wins.
    for i, n in enumerate(LINE_LENGTHS[fmt]):
        if len(reads[i].text) != n:
            candidates = [reads[i]]
            with _stage("choose"):
                fitted = decode_length(reads[i], n)
            if fitted is not None:
                candidates.append(fitted)
            if i not in wider:
                wider[i] = _network([strips[i]], squeeze=1.0)[0]
            again = wider[i]
            candidates.append(again)
            if len(again.text) != n:
                with _stage("choose"):
                    refitted = decode_length(again, n)
                if refitted is not None:
                    candidates.append(refitted)
            reads[i] = max(candidates, key=lambda r: (len(r.text) == n, r.score))
    with _stage("choose"):
        choice = _typed_choice(fmt, reads)
        result, lines, doubtful_cells = _search(choice, reference)
    corrections = list(choice.corrections)
    for li, (a, b) in enumerate(zip(choice.lines, lines, strict=True)):
        for col, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                corrections.append(
                    Change(
                        FIELD_AT[fmt][li][col],
                        li,
                        col,
                        x,
                        y,
                        "alternative chosen: check digits, codes and dates agree",
                    )
                )
    conf = [row[:] for row in choice.conf]
    for li, (a, b) in enumerate(zip(choice.lines, lines, strict=True)):
        for col, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                conf[li][col] = dict(choice.options[(li, col)]).get(y, 0.0)
                if conf[li][col] < 0.2:
                    # The check digits chose what the engine barely saw: not certain.
                    doubtful_cells.add((li, col))
    doubtful = [
        CharRead(
            li,
            col,
            lines[li][col],
            conf[li][col],
            tuple(choice.options.get((li, col), [])),
        )
        for li, col in sorted(doubtful_cells)
        if li < len(lines) and col < len(lines[li])
    ]
    clean = result.valid and not doubtful
    return ImageRead(tuple(lines), result, conf, corrections, doubtful, clean)


def _zone_image(turned: UInt8Array, rects: list[Rect], flip: bool) -> UInt8Array:
    """The upright zone: the lines' rectangles' bounding box with a margin, in grey."""
    points = np.concatenate([cv2.boxPoints(r) for r in rects])
    x0, y0 = points.min(axis=0)
    x1, y1 = points.max(axis=0)
    line_h = max(min(min(r[1]) for r in rects), 4.0)
    pad = 0.8 * line_h
    h, w = turned.shape
    left, top = max(0, int(x0 - pad)), max(0, int(y0 - pad))
    right, bottom = min(w, int(x1 + pad) + 1), min(h, int(y1 + pad) + 1)
    crop = turned[top:bottom, left:right]
    if flip:
        return np.ascontiguousarray(cv2.rotate(crop, cv2.ROTATE_180), dtype=np.uint8)
    return np.ascontiguousarray(crop, dtype=np.uint8)


def _quality(read: ImageRead | None) -> tuple[int, float]:
    """Valid reads first, then the engine's mean confidence (a wrong cut or turn reads
    as low-confidence noise, whatever the parser makes of it)."""
    if read is None:
        return (-1, 0.0)
    return (int(read.result.valid), _mean(read))


def read_mrz_image(data: bytes | UInt8Array, *, reference: date | None = None) -> ImageRead:
    """Find and read the MRZ in an image (file bytes or a grey/colour array)."""
    with _stage("decode"):
        grey = _as_grey(data) if isinstance(data, np.ndarray) else decode_image(data)
    try:
        return _read(grey, reference)
    except MRZImageError:
        raise
    except EngineUnavailable as exc:
        raise MRZImageError("engine_unavailable", str(exc)) from exc
    except (ValueError, ArithmeticError, IndexError) as exc:  # a geometry we did not foresee
        raise MRZImageError("unreadable", f"the MRZ could not be read ({exc})") from exc


def _as_grey(array: npt.NDArray[Any]) -> UInt8Array:
    if array.ndim == 3 and array.shape[2] in (3, 4):
        array = cv2.cvtColor(array.astype(np.uint8), cv2.COLOR_RGB2GRAY)
    if array.ndim != 2 or array.size == 0:
        raise MRZImageError("not_image", "expected a grey or colour image array")
    if array.size > MAX_PIXELS:
        raise MRZImageError("too_large", "the image has too many pixels")
    if array.shape[0] < 20 or array.shape[1] < 20:
        raise MRZImageError("no_mrz", "the image is too small to hold an MRZ")
    return np.ascontiguousarray(array.astype(np.uint8))


def _at_edge(shape: tuple[int, ...], zone: _Zone) -> bool:
    """Whether a line of ``zone`` reaches the edge of the image it was found in: the
    frame cuts the MRZ (a line's end, or a line, is missing)."""
    h, w = shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), zone.angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    m[0, 2] += int(h * sin + w * cos) / 2 - w / 2
    m[1, 2] += int(h * cos + w * sin) / 2 - h / 2
    back = cv2.invertAffineTransform(m)
    for rect in zone.rects:
        corners = cv2.transform(cv2.boxPoints(rect)[None, :, :], back)[0]
        margin = 0.5 * min(rect[1])  # half a line's thickness
        x, y = corners[:, 0], corners[:, 1]
        if (x < margin).any() or (y < margin).any():
            return True
        if (x > w - 1 - margin).any() or (y > h - 1 - margin).any():
            return True
    return False


CUT_MESSAGE: Final = (
    "the MRZ is not wholly in the image: its lines run to the edge of the frame; "
    "take the picture again with the whole page in view"
)


def _read(grey: UInt8Array, reference: date | None) -> ImageRead:
    with _stage("find"):
        full, full_scale = _resize_max(grey, _FULL)
        work, work_scale = _resize_max(full, _WORK)
        factor = 1.0 / work_scale  # work → full coordinates
        binary = _ink(work)
        angles = _angles(binary)
    best: ImageRead | None = None
    cut = False  # a zone found reaches the edge of the image
    best_cut = False
    for angle, height in angles:
        with _stage("find"):
            zone = _zone(binary, angle, height)
            at_edge = zone is not None and _at_edge(binary.shape, zone)
        if zone is None:
            continue
        cut = cut or at_edge
        upside_first = zone.down_ink > zone.up_ink
        read = _read_zone(full, zone, factor, upside_first, reference)
        if read is None or not read.result.valid or _mean(read) < 0.8:
            other = _read_zone(full, zone, factor, not upside_first, reference)
            if _quality(other) > _quality(read):
                read = other
        if _quality(read) > _quality(best):
            best = read
            best_cut = at_edge
        if best is not None and best.result.valid:
            break
    if cut and (best is None or not best.result.valid):
        # Characters beyond the frame cannot be read: say so, not "invalid" nor "no MRZ".
        raise MRZImageError("mrz_cut", CUT_MESSAGE)
    if best is None:
        raise MRZImageError("no_mrz", "no machine-readable zone was found in the image")
    if best_cut:
        # Valid, but the frame reaches the zone: the characters at the cut were filled in
        # by the ICAO rules, not seen. Never clean (so never certain).
        best.clean = False
        best.result.warnings.append(
            Issue(
                "mrz",
                Text(
                    "the MRZ reaches the edge of the image: characters at the edge may be guessed"
                ),
                "mrz_at_edge",
            )
        )
    if full_scale != 1.0:
        best.box = [[x / full_scale, y / full_scale] for x, y in best.box]
    return best


def _mean(read: ImageRead) -> float:
    values = [c for row in read.confidences for c in row]
    return float(sum(values) / len(values)) if values else 0.0


# --------------------------------------------------------------------------- confirming


def confirm(read: ImageRead, other: Sequence[str], *, by: str) -> ImageRead:
    """``read`` confirmed by ``other`` lines (a second frame's, or the chip's DG1): every
    cell where they differ is a disagreement, and the read is certain only with none.

    ``by`` names the other reading (``"second_frame"`` or ``"dg1"``). Lines are compared
    as the parser would see them (spaces and case ignored); a different number or length
    of lines disagrees everywhere.
    """
    theirs = [re.sub(r"\s+", "", line).upper() for line in other if line.strip()]
    ours = list(read.lines)
    cells: list[tuple[int, int]] = []
    if len(theirs) != len(ours) or any(
        len(a) != len(b) for a, b in zip(ours, theirs, strict=False)
    ):
        cells = [(li, col) for li, line in enumerate(ours) for col in range(len(line))]
    else:
        for li, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            cells.extend((li, col) for col, (x, y) in enumerate(zip(a, b, strict=True)) if x != y)
    read.confirmed_by = by
    read.disagreements = cells
    return read


def read_mrz_frames(
    first: bytes | UInt8Array,
    second: bytes | UInt8Array | None = None,
    *,
    reference: date | None = None,
) -> tuple[ImageRead, tuple[int, MRZImageError] | None]:
    """Read one frame, or two frames of the same page and compare them.

    Returns the read to show (of two, the better: valid first, then the engine's mean
    confidence) with ``confirmed_by="second_frame"`` and the cells where the frames
    disagree; and, when one of two frames could not be read, its number (0 or 1) and
    its error (the read is then not confirmed). Raises :class:`MRZImageError` when no
    frame can be read (the first frame's error when both fail).
    """
    if second is None:
        return read_mrz_image(first, reference=reference), None
    try:
        read = read_mrz_image(first, reference=reference)
    except MRZImageError as exc:
        try:
            return read_mrz_image(second, reference=reference), (0, exc)
        except MRZImageError:
            raise exc from None
    try:
        other = read_mrz_image(second, reference=reference)
    except MRZImageError as exc:
        return read, (1, exc)
    best, rest = (other, read) if _quality(other) > _quality(read) else (read, other)
    return confirm(best, rest.lines, by="second_frame"), None
