"""`POST /api/v1/passenger-lists`: a carrier gateway sends PAXLST interchanges.

The body is the interchange as sent (any character set its UNB names). The answer says
what was stored and never whether anyone was found on an alert list: the carrier must
not learn it.
"""

from __future__ import annotations

from typing import Any

from ninja import Router, Schema
from ninja.responses import Status

from passage.accounts.api import AuthedRequest, ErrorOut, requires_api

from .choices import Channel
from .services import MAX_BYTES, StoreBusy, ingest

router = Router(tags=["passengers"])


class StoredOut(Schema):
    flight: str
    departure_port: str
    arrival_port: str
    flight_date: str
    kind: str
    outcome: str
    version: int
    persons: int


class ListsOut(Schema):
    lists: list[StoredOut]


@router.post(
    "/passenger-lists",
    response={201: ListsOut, 413: ErrorOut, 422: ErrorOut, 503: ErrorOut},
    summary="Store PAXLST passenger or crew lists (the request body); all or nothing",
)
@requires_api("passengers.submit_passenger_lists")
def submit(request: AuthedRequest) -> Status[Any]:
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BYTES:
        return Status(413, {"detail": {"body": f"larger than {MAX_BYTES:,} bytes"}})
    # A refused list raises ProblemError, which site.api answers with 422 and the fields.
    try:
        results = ingest(request.auth, request.body, channel=Channel.API, source="body")
    except StoreBusy as exc:  # nothing stored: the gateway sends the list again later
        return Status(503, {"detail": {"database": f"{exc}; send the list again"}})
    return Status(
        201,
        {
            "lists": [
                {
                    "flight": r.passenger_list.flight_number,
                    "departure_port": r.passenger_list.departure_port,
                    "arrival_port": r.passenger_list.arrival_port,
                    "flight_date": r.passenger_list.flight_date.isoformat(),
                    "kind": r.passenger_list.kind,
                    "outcome": r.outcome,
                    "version": r.passenger_list.version,
                    "persons": r.persons,
                }
                for r in results
            ]
        },
    )
