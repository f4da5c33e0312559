"""After a flight: who was listed and did not cross, and who crossed without being listed.

Entries recorded at the list's crossing point from 6 hours before the scheduled arrival
to 18 hours after it are matched with the persons on the list by document number. A
*no-show* is a listed passenger whose document crossed nowhere in that window; an
*unlisted arrival* is an entry whose transport reference is the flight's number and
whose document is not on the list (or on its crew list). Computed when the page is
shown, from the persons still held: after the retention purge there is nothing to match.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from passage.crossings.choices import Direction
from passage.crossings.models import Crossing

from .models import ListedPerson, PassengerList

BEFORE = dt.timedelta(hours=6)
AFTER = dt.timedelta(hours=18)
SETTLED = dt.timedelta(hours=1)
"""The matching is shown from an hour after the scheduled arrival."""


@dataclass
class AfterArrival:
    settled: bool
    no_shows: list[ListedPerson] = field(default_factory=list)
    unlisted: list[Crossing] = field(default_factory=list)
    crossed: int = 0


def _flight(reference: str) -> str:
    return "".join(ch for ch in reference.upper() if ch.isalnum())


def _arrival(plist: PassengerList) -> dt.datetime:
    if plist.scheduled_arrival is not None:
        return plist.scheduled_arrival
    day = dt.datetime.combine(plist.flight_date, dt.time(12))
    return timezone.make_aware(day)


def after_arrival(plist: PassengerList, now: Any = None) -> AfterArrival:
    now = now or timezone.now()
    arrival = _arrival(plist)
    if plist.purged_at is not None or now < arrival + SETTLED:
        return AfterArrival(settled=False)
    entries = list(
        Crossing.objects.filter(
            crossing_point_id=plist.crossing_point_id,
            direction=Direction.ENTRY,
            at__gte=arrival - BEFORE,
            at__lte=arrival + AFTER,
        )
        .select_related("document", "traveller")
        .order_by("at")
    )
    crossed = {c.document.number for c in entries if c.document is not None}
    on_lists = set(
        ListedPerson.objects.filter(
            passenger_list__crossing_point_id=plist.crossing_point_id,
            passenger_list__flight_number=plist.flight_number,
            passenger_list__flight_date=plist.flight_date,
        ).values_list("document_number", flat=True)
    )
    persons = list(plist.persons.all())
    no_shows = [p for p in persons if p.role == "passenger" and p.document_number not in crossed]
    flight = _flight(plist.flight_number)
    unlisted = [
        c
        for c in entries
        if _flight(c.transport_reference) == flight
        and (c.document is None or c.document.number not in on_lists)
    ]
    return AfterArrival(
        settled=True,
        no_shows=no_shows,
        unlisted=unlisted,
        crossed=sum(1 for p in persons if p.document_number in crossed),
    )
