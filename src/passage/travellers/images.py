"""Images of data pages as the API and the counter receive them: checked, then read.

One place for the limits and the errors, so that `POST /api/v1/documents/read` and the
counter's Camera button refuse the same files in the same words (docs/mrz.md, "Reading
images"). The image reader (OpenCV, onnxruntime) is imported late on purpose: only a
process that reads an image loads it.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import TYPE_CHECKING, Final

from passage.core.mrz import parse_mrz

if TYPE_CHECKING:
    from passage.core.mrz.image import ImageRead

MAX_IMAGE_BYTES: Final = 5 * 1024 * 1024
"""Largest image accepted from a client (bytes)."""
IMAGE_MAGIC: Final = {
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
}
# The HTTP status of each problem's code; anything else is 422.
STATUS: Final = {"too_large": 413, "not_image": 415, "engine_unavailable": 503}
# (not_dg1, a chip file that is not EF.DG1: 422)
ZONE_WIDTH: Final = 900  # widest zone image sent back to the counter (pixels)


class ImageProblem(Exception):
    """An image that cannot be read: the form field, a stable code and the reason."""

    def __init__(self, field: str, code: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.code = code
        self.message = message

    @property
    def status(self) -> int:
        return STATUS.get(self.code, 422)

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "error": self.message}


def content_type(data: bytes) -> str | None:
    """The image type the first bytes say (JPEG, PNG, TIFF), or None."""
    for magic, kind in IMAGE_MAGIC.items():
        if data.startswith(magic):
            return kind
    return None


def check_image(data: bytes, field: str = "image", *, decode: bool = False) -> str:
    """Refuse what is not a JPEG, PNG or TIFF of at most ``MAX_IMAGE_BYTES``, by its
    first bytes; with ``decode``, also decode it (pixel cap before decoding, truncated
    files refused). Returns the content type; raises :class:`ImageProblem`."""
    if not data:
        raise ImageProblem(field, "not_image", "the file is empty")
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageProblem(
            field, "too_large", f"the image is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MiB"
        )
    kind = content_type(data)
    if kind is None:
        raise ImageProblem(field, "not_image", "the file is not a JPEG, PNG or TIFF image")
    if decode:
        from passage.core.mrz.image import MRZImageError, decode_image

        try:
            decode_image(data)
        except MRZImageError as exc:
            raise ImageProblem(field, exc.code, exc.message) from exc
    return kind


MAX_DG1_BYTES: Final = 4096  # EF.DG1 holds 90 characters and a few tags


def read_images(
    first: bytes,
    second: bytes | None = None,
    *,
    dg1: bytes | None = None,
    reference: dt.date | None = None,
) -> tuple[ImageRead, ImageProblem | None]:
    """Read one image, or two frames of the same page and compare them; with the chip's
    EF.DG1, compare the read with the MRZ the chip holds. The read is certain only when
    the other reading agrees character for character (decision 0102).

    Returns the read and the problem that kept a second frame or DG1 from confirming it
    (or None). Raises :class:`ImageProblem` naming the field when nothing can be read.
    """
    from passage.core.mrz.image import MRZImageError, confirm, read_mrz_frames

    check_image(first, "image")
    if second is not None:
        check_image(second, "image2")
    try:
        read, failed = read_mrz_frames(first, second, reference=reference)
    except MRZImageError as exc:
        raise ImageProblem("image", exc.code, exc.message) from exc
    problem = None
    if failed is not None:
        index, error = failed
        problem = ImageProblem(("image", "image2")[index], error.code, error.message)
    if dg1 is not None:
        try:
            chip_lines = dg1_lines(dg1)
        except ImageProblem as exc:
            return read, exc
        # The chip's MRZ is read electronically: it replaces a second frame's word.
        return confirm(read, chip_lines, by="dg1"), None
    return read, problem


def dg1_lines(data: bytes) -> tuple[str, ...]:
    """The MRZ lines EF.DG1 holds; :class:`ImageProblem` (field ``dg1``) when it is not
    an EF.DG1 file."""
    from passage.core.chip.errors import ChipError
    from passage.core.chip.lds import read_dg1

    if len(data) > MAX_DG1_BYTES:
        raise ImageProblem("dg1", "not_dg1", f"larger than {MAX_DG1_BYTES} bytes: not EF.DG1")
    try:
        text = read_dg1(data)
    except ChipError as exc:
        raise ImageProblem("dg1", "not_dg1", str(exc)) from exc
    lines = parse_mrz(text).lines
    if not lines:
        raise ImageProblem("dg1", "not_dg1", "the MRZ in EF.DG1 is not an ICAO MRZ")
    return tuple(lines)


def zone_data_url(read: ImageRead) -> str:
    """The zone as it was read, as a PNG ``data:`` URL (the site's CSP allows ``data:``
    images), at most ``ZONE_WIDTH`` pixels wide."""
    import cv2
    import numpy as np

    zone = read.zone_image
    if zone is None or zone.size == 0:
        return ""
    h, w = zone.shape[:2]
    if w > ZONE_WIDTH:
        size = (ZONE_WIDTH, max(1, round(h * ZONE_WIDTH / w)))
        zone = np.asarray(cv2.resize(zone, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)
    ok, png = cv2.imencode(".png", zone)
    if not ok:
        return ""
    return "data:image/png;base64," + base64.b64encode(png.tobytes()).decode("ascii")
