"""Travel documents: the ICAO 9303 engine behind an endpoint for readers and the counter."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from passage.accounts.api import requires_api
from passage.accounts.fields import MrzText
from passage.core.mrz import parse_mrz

router = Router(tags=["documents"])

MAX_MRZ_CHARS = 400


class ParseIn(Schema):
    mrz: MrzText = Field(..., description="the MRZ lines, separated by newlines")
    reference_date: dt.date | None = Field(None, description="for century inference; default today")
    repair: bool = Field(True, description="suggest corrections of OCR confusions (never applied)")


@router.post("/documents/parse", summary="Parse and validate an MRZ (ICAO 9303)")
@requires_api("accounts.access_site")
def parse_document(request: HttpRequest, payload: ParseIn) -> dict[str, Any]:
    """Always 200 with ``valid`` and the ``errors``/``warnings`` (field and character span)."""
    result = parse_mrz(
        payload.mrz, reference=payload.reference_date or timezone.localdate(), repair=payload.repair
    )
    return result.to_dict()
