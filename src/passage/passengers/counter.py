"""At the counter: the traveller's document found among the expected arrivals.

Registered as a counter panel (``crossings.checks``). For an entry at a crossing point
that receives passenger lists, the document (issuing state and number) is looked up
among the persons of lists arriving there from 12 hours before now to 12 hours after:
the officer sees "on UX123 from MAD, seat 14C" and every difference between what the
carrier sent and the document in hand (names, date of birth, sex, nationality, expiry).
A difference is a fact for the officer to look at, not a decision.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import timezone

from passage.core.names import normalise_name

from .models import ListedPerson

WINDOW = dt.timedelta(hours=12)


def _same_name(listed: str, typed: str) -> bool:
    """The same written name once case, accents, script and MRZ fillers are set aside."""
    return [p.text for p in normalise_name(listed).parts] == [
        p.text for p in normalise_name(typed).parts
    ]


def differences(person: ListedPerson, data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(field, on the list, on the document) for each field both give and that differ."""
    out: list[tuple[str, str, str]] = []
    pairs = (
        ("surname", person.surname, data.get("primary_name", "")),
        ("given_names", person.given_names, data.get("secondary_name", "")),
    )
    for name, listed, typed in pairs:
        if listed and typed and not _same_name(listed, typed):
            out.append((name, listed, typed))
    born = (data.get("birth_date") or "").strip()
    if person.birth_date and len(born) == 10 and person.birth_date.isoformat() != born:
        out.append(("birth_date", person.birth_date.isoformat(), born))
    for name, listed, typed in (
        ("sex", person.sex, data.get("sex", "")),
        ("nationality", person.nationality, data.get("nationality", "")),
    ):
        if listed and typed and listed.upper() != typed.upper() and listed.upper() != "U":
            out.append((name, listed, typed))
    expiry = (data.get("expiry_date") or "").strip()
    if (
        person.document_expiry
        and len(expiry) == 10
        and person.document_expiry.isoformat() != expiry
    ):
        out.append(("document_expiry", person.document_expiry.isoformat(), expiry))
    return out


def expected(
    point_code: str, issuing_state: str, number: str, now: Any = None
) -> list[ListedPerson]:
    """Persons with this document on lists arriving at ``point_code`` around now."""
    number = "".join(number.split()).upper()
    if not point_code or not number:
        return []
    now = now or timezone.now()
    found = (
        ListedPerson.objects.select_related("passenger_list")
        .filter(
            passenger_list__crossing_point__code=point_code,
            passenger_list__purged_at__isnull=True,
            document_number=number,
        )
        .filter(
            Q(
                passenger_list__scheduled_arrival__gte=now - WINDOW,
                passenger_list__scheduled_arrival__lte=now + WINDOW,
            )
            | Q(
                passenger_list__scheduled_arrival__isnull=True,
                passenger_list__flight_date__gte=timezone.localdate(now) - dt.timedelta(days=1),
                passenger_list__flight_date__lte=timezone.localdate(now),
            )
        )
        .order_by("passenger_list__scheduled_arrival")
    )
    if issuing_state:
        found = found.filter(Q(issuing_state=issuing_state.upper()) | Q(issuing_state=""))
    return list(found[:3])


def counter_panel(form_data: dict[str, Any], traveller: Any) -> dict[str, Any]:
    """The counter's "expected arrival" card: the listed persons found, with differences."""
    if form_data.get("direction", "entry") != "entry":
        return {}
    found = expected(
        form_data.get("crossing_point", ""),
        form_data.get("issuing_state", ""),
        form_data.get("number", ""),
    )
    return {
        "expected_arrivals": [(p, differences(p, form_data)) for p in found],
        "passenger_lists_checked": bool(form_data.get("number")),
    }
