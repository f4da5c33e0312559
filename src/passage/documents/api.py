"""e-Passport chips for document readers and e-gates: passive authentication over HTTP."""

import base64
import binascii
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from passage.accounts.api import requires_api
from passage.core.chip import ChipError, read_files, verify_chip
from passage.core.problems import ProblemError

from .queries import trust_store

router = Router(tags=["documents"])

MAX_FILES = 20
MAX_FILE_BASE64 = 1_400_000
"""About 1 MB of bytes per file: more than any data group a reader sends for checking."""
MAX_PRINTED_MRZ = 200


class ChipIn(Schema):
    files: dict[str, str] = Field(
        ...,
        description="each file of the chip (EF.SOD, EF.DG1, EF.DG2…) as base64, by name",
    )
    printed_mrz: str | None = Field(
        None, max_length=MAX_PRINTED_MRZ, description="the MRZ printed on the data page"
    )


@router.post(
    "/documents/chip", summary="Verify an e-Passport chip (ICAO 9303 passive authentication)"
)
@requires_api("accounts.access_site")
def verify_document_chip(request: HttpRequest, payload: ChipIn) -> dict[str, Any]:
    """200 with the verdict and each check (docs/chip.md); 422 naming the file that cannot
    be read. Nothing is stored."""
    if len(payload.files) > MAX_FILES:
        raise ProblemError({"files": f"at most {MAX_FILES} files"})
    files: dict[str, bytes] = {}
    for name, text in payload.files.items():
        field = f"files.{name[:40]}"
        if len(text) > MAX_FILE_BASE64:
            raise ProblemError({field: f"larger than {MAX_FILE_BASE64} base64 characters"})
        try:
            files[name] = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ProblemError({field: "not base64"}) from exc
    try:
        sod, groups = read_files(files)
        report = verify_chip(sod, groups, trust_store(), printed_mrz=payload.printed_mrz)
    except ChipError as exc:
        raise ProblemError({f"files.{exc.source[:40]}": exc.message}) from exc
    return report.to_dict()
