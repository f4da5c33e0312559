"""Travel documents: the ICAO 9303 engine behind an endpoint for readers and the counter."""

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from ninja import Field, Router, Schema

from passage.accounts.api import requires_api
from passage.accounts.fields import MrzText
from passage.core.mrz import parse_mrz

from . import images

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


# Images of data pages: the limits and errors are shared with the counter (.images).
MAX_IMAGE_BYTES = images.MAX_IMAGE_BYTES
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


def _image_error(problem: images.ImageProblem) -> JsonResponse:
    return JsonResponse(problem.as_dict(), status=problem.status)


@router.post(
    "/documents/read",
    summary="Read the MRZ from an image of a data page (JPEG, PNG or TIFF)",
    description=(
        "The request body is the image itself (Content-Type image/jpeg, image/png or "
        f"image/tiff, at most {MAX_IMAGE_BYTES // (1024 * 1024)} MiB), or a "
        "multipart/form-data body with the file `image` and, optionally, `image2` (a "
        "second frame of the same page) or `dg1` (the chip's EF.DG1 file). The answer is "
        "the object `passage mrz read` prints. One frame is never `certain`: a read is "
        "certain only when a second frame or DG1 gives the same lines character for "
        "character (`confirmed_by`, `disagreements`; decision 0102); `frame_error` names "
        "a second frame or DG1 that could not be read. Nothing is stored."
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                **{
                    kind: {"schema": {"type": "string", "format": "binary"}}
                    for kind in ("image/jpeg", "image/png", "image/tiff")
                },
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["image"],
                        "properties": {
                            "image": {"type": "string", "format": "binary"},
                            "image2": {"type": "string", "format": "binary"},
                            "dg1": {"type": "string", "format": "binary"},
                        },
                    }
                },
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
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    too_large = images.ImageProblem(
        "image", "too_large", f"the image is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MiB"
    )
    if length > 2 * MAX_IMAGE_BYTES + 64 * 1024:
        return _image_error(too_large)
    try:
        first, second = _posted_images(request)
        dg1 = request.FILES.get("dg1") if request.content_type == "multipart/form-data" else None
        read, problem = images.read_images(
            first,
            second,
            dg1=dg1.read(images.MAX_DG1_BYTES + 1) if dg1 is not None else None,
            reference=timezone.localdate(),
        )
    except images.ImageProblem as exc:
        return _image_error(exc)
    out = read.to_dict()
    if problem is not None:
        out["frame_error"] = problem.as_dict()
    return out


def _posted_images(request: HttpRequest) -> tuple[bytes, bytes | None]:
    """The image (and the second frame) of a raw or a multipart body."""
    if request.content_type == "multipart/form-data":
        files: list[bytes | None] = []
        for name in ("image", "image2"):
            upload = request.FILES.get(name)
            if upload is None:
                files.append(None)
                continue
            if upload.size is not None and upload.size > MAX_IMAGE_BYTES:
                raise images.ImageProblem(
                    name,
                    "too_large",
                    f"the image is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MiB",
                )
            files.append(upload.read())
        if files[0] is None:
            raise images.ImageProblem("image", "not_image", "send the image in the field `image`")
        return files[0], files[1]
    data = request.body
    if not data:
        raise images.ImageProblem("image", "not_image", "send the image as the request body")
    return data, None
