"""Travel documents: the ICAO 9303 engine behind an endpoint for readers and the counter."""

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
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


# Images of data pages: JPEG, PNG or TIFF, recognised by their first bytes.
MAX_IMAGE_BYTES = 5 * 1024 * 1024
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*")
# What an image that cannot be read answers: the field, a stable code and the reason (the
# site's body limit answers a larger request first, with {"detail": {"body": …}}).
IMAGE_ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "field": {"type": "string"},
        "code": {"type": "string"},
        "error": {"type": "string"},
        "detail": {},
    },
}
_STATUS = {"too_large": 413, "not_image": 415, "engine_unavailable": 503}


def _image_error(code: str, message: str) -> JsonResponse:
    return JsonResponse(
        {"field": "image", "code": code, "error": message}, status=_STATUS.get(code, 422)
    )


@router.post(
    "/documents/read",
    summary="Read the MRZ from an image of a data page (JPEG, PNG or TIFF)",
    description=(
        "The request body is the image itself (Content-Type image/jpeg, image/png or "
        f"image/tiff, at most {MAX_IMAGE_BYTES // (1024 * 1024)} MiB). The answer is the "
        "object `passage mrz read` prints. The image is read in memory and never stored."
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                kind: {"schema": {"type": "string", "format": "binary"}}
                for kind in ("image/jpeg", "image/png", "image/tiff")
            },
        },
        "responses": {
            str(status): {
                "description": description,
                "content": {"application/json": {"schema": IMAGE_ERROR_SCHEMA}},
            }
            for status, description in (
                (413, "The image is larger than the limit"),
                (415, "The body is not a JPEG, PNG or TIFF image"),
                (422, "No MRZ could be read from the image (the code says why)"),
                (503, "The recognition model is not installed"),
            )
        },
    },
)
@requires_api("accounts.access_site")
def read_document(request: HttpRequest) -> HttpResponse | dict[str, Any]:
    # Late on purpose, as in `passage mrz read`: OpenCV and onnxruntime load only in a
    # process that reads an image. Not a dependency cycle (core is below every app).
    from passage.core.mrz.image import MRZImageError, read_mrz_image

    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_IMAGE_BYTES:
        return _image_error(
            "too_large", f"the image is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MiB"
        )
    data = request.body
    if not data:
        return _image_error("not_image", "send the image as the request body")
    if len(data) > MAX_IMAGE_BYTES:
        return _image_error(
            "too_large", f"the image is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MiB"
        )
    if not data.startswith(_IMAGE_MAGIC):
        return _image_error("not_image", "the body is not a JPEG, PNG or TIFF image")
    try:
        read = read_mrz_image(data, reference=timezone.localdate())
    except MRZImageError as exc:
        return _image_error(exc.code, exc.message)
    return read.to_dict()
