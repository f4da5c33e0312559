"""Identity links over the API: the review queue and decisions (docs/identity.md).

Thin over :mod:`.services`; a refused decision (bad field, a link that changed since the
caller read it: field ``version``) is a ``ProblemError``, which ``site.api`` answers
with 422 naming the field.
"""

from typing import Any

from ninja import Query, Router, Schema
from ninja.responses import Status

from passage.accounts.api import MAX_OFFSET, AuthedRequest, ErrorOut, requires_api

from . import services
from .access import access_link
from .choices import LinkColour, LinkState
from .models import Link

router = Router(tags=["identity"])


class LinkOut(Schema):
    id: str
    left_document: str
    right_document: str
    colour: str
    weight: float
    reason: str
    state: str
    decision: str
    version: int
    fields: dict[str, Any]


class DecisionIn(Schema):
    version: int
    decision: str
    reason: str


def _out(link: Link) -> dict[str, Any]:
    return {
        "id": str(link.pk),
        "left_document": str(link.left_id),
        "right_document": str(link.right_id),
        "colour": link.colour,
        "weight": link.weight,
        "reason": link.reason,
        "state": link.state,
        "decision": link.decision,
        "version": link.version,
        "fields": link.fields,
    }


@router.get("/identity/links", response=list[LinkOut], summary="Proposed links to review")
@requires_api("identity.review_link")
def link_queue(
    request: AuthedRequest,
    colour: str = "",
    offset: int = Query(0, ge=0, le=MAX_OFFSET),  # type: ignore[type-arg]
    limit: int = Query(500, ge=1, le=500),  # type: ignore[type-arg]
) -> list[dict[str, Any]]:
    """As the queue page orders them: red first, then yellow, then white, the heaviest
    first within a colour; ``offset`` and ``limit`` page through them."""
    links = Link.objects.restrict(request.auth).filter(state=LinkState.PROPOSED)
    if colour in LinkColour.values:
        links = links.filter(colour=colour)
    return [_out(link) for link in links.review_order()[offset : offset + limit]]


@router.post(
    "/identity/links/{link_id}/decision",
    response={200: LinkOut, 404: ErrorOut, 422: ErrorOut},
    summary="Decide a proposed link: same, different or fraud, with a reason",
)
@requires_api("identity.review_link")
def decide(request: AuthedRequest, link_id: str, body: DecisionIn) -> Status[Any]:
    access_link(request.auth, link_id, "change")
    link = services.decide(
        request.auth, link_id, version=body.version, decision=body.decision, reason=body.reason
    )
    return Status(200, _out(link))
