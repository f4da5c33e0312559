"""e-Passport chips for document readers and e-gates: passive authentication over HTTP."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from passage.accounts.api import requires_api

from .chips import check_chip, decode_files

router = Router(tags=["documents"])

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
    files = decode_files(payload.files)
    return check_chip(files, payload.printed_mrz, field="files").report
