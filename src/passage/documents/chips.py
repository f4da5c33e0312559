"""A document reader's chip files, checked for the counter and the API (docs/chip.md).

One path for both: the files are bounded, read and verified against the trust store
(:func:`check_chip`); what comes back is the report the crossing stores — the verdict
and each check, never the data groups — and, for the page only, the chip's portrait
re-encoded as a small JPEG the browser can show (most chips hold JPEG 2000, which
browsers do not draw). Nothing here is stored or audited: the crossing that carries the
verdict is (``crossings.services``).
"""

from __future__ import annotations

import base64
import binascii
import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PIL import Image, UnidentifiedImageError

from passage.core.chip import (
    ChipError,
    read_dg12_issue_date,
    read_files,
    read_portrait,
    verify_chip,
)
from passage.core.problems import ProblemError

from .queries import trust_store

MAX_FILES = 20
MAX_FILE_BYTES = 1_000_000
"""More than any data group a reader sends for checking (a DG2 portrait is 15 to 40 kB)."""
MAX_FILE_BASE64 = 1_400_000
MAX_PORTRAIT_PIXELS = 4_000_000
PORTRAIT_BOX = (240, 320)

# A reader's dump folder may hold the printed MRZ beside the chip's files; the counter
# takes the printed MRZ from its own MRZ box.
NOT_CHIP_FILES = frozenset({"PRINTED_MRZ.TXT"})


@dataclass(frozen=True)
class ChipReading:
    report: dict[str, Any]
    """``ChipReport.to_dict()``: verdict, checks, issuing state, number, signer, CSCA;
    and ``issue_date`` (ISO) when the chip passed and its DG12 holds one (decision 0163),
    or ``issue_date_problem`` when that DG12 cannot be read."""
    portrait: str | None = None
    """The chip's portrait as a ``data:image/jpeg`` URI, for the page (never stored)."""

    @property
    def verdict(self) -> str:
        return str(self.report["verdict"])

    @property
    def failed_checks(self) -> list[str]:
        return [c["name"] for c in self.report["checks"] if c["status"] == "failed"]


def decode_files(files: Mapping[str, str], field: str = "files") -> dict[str, bytes]:
    """Base64 files of a JSON body, by name; a 422 names the file that is not base64."""
    if len(files) > MAX_FILES:
        raise ProblemError({field: f"at most {MAX_FILES} files"})
    out: dict[str, bytes] = {}
    for name, text in files.items():
        where = f"{field}.{name[:40]}"
        if len(text) > MAX_FILE_BASE64:
            raise ProblemError({where: f"larger than {MAX_FILE_BASE64} base64 characters"})
        try:
            out[name] = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ProblemError({where: "not base64"}) from exc
    return out


def check_chip(
    files: Mapping[str, bytes],
    printed_mrz: str | None,
    *,
    field: str = "chip",
    with_portrait: bool = False,
) -> ChipReading:
    """Verify a reader's chip files; a 422 (``ProblemError``) names the file that cannot
    be read. ``printed_mrz`` is compared with DG1 (check ``printed_mrz``)."""
    chip_files = {n: d for n, d in files.items() if n.upper() not in NOT_CHIP_FILES}
    if len(chip_files) > MAX_FILES:
        raise ProblemError({field: f"at most {MAX_FILES} files"})
    for name, data in chip_files.items():
        if len(data) > MAX_FILE_BYTES:
            raise ProblemError({f"{field}.{name[:40]}": f"larger than {MAX_FILE_BYTES:,} bytes"})
    try:
        sod, groups = read_files(chip_files)
        report = verify_chip(sod, groups, trust_store(), printed_mrz=printed_mrz or None)
    except ChipError as exc:
        raise ProblemError({f"{field}.{exc.source[:40]}": exc.message}) from exc
    portrait = None
    if with_portrait and 2 in groups:
        portrait = portrait_uri(groups[2].raw)
    reading = report.to_dict()
    if report.verdict == "passed" and 12 in groups:
        try:
            issued = read_dg12_issue_date(groups[12].raw)
        except ChipError as exc:
            # The verdict stands and the date is typed; the report (stored with the
            # crossing, in its audit event) says why the chip's date was not used.
            reading["issue_date_problem"] = f"{exc.source}: {exc.message}"
        else:
            if issued is not None:
                reading["issue_date"] = issued.isoformat()
    return ChipReading(reading, portrait)


def portrait_uri(dg2: bytes) -> str | None:
    """DG2's first facial image as a small JPEG ``data:`` URI, or None when it cannot be
    shown (not an image, too large): the verdict stands either way."""
    try:
        portrait = read_portrait(dg2)
        with Image.open(io.BytesIO(portrait.image)) as image:
            if image.width * image.height > MAX_PORTRAIT_PIXELS:
                return None
            image.load()
            shown = image.convert("RGB")
    except (ChipError, UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    shown.thumbnail(PORTRAIT_BOX)
    out = io.BytesIO()
    shown.save(out, format="JPEG", quality=85)
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")
