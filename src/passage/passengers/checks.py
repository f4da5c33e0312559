"""Screening and stay position for every person on a list, before the flight lands.

The alert lists and document lists are screened with the counter's engine
(``alerts.screening.screen``), the stay position with the counter's calculator
(``stay.assessment.assess``) for an entry on the scheduled arrival day. Results are
suggestions for the officer and supervisor, as at the counter (DESIGN.md §7).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from passage.alerts.screening import Subject, active_versions, screen
from passage.core.paxlst import Person
from passage.core.stay import StayError
from passage.crossings.choices import Direction
from passage.stay.assessment import assess
from passage.travellers.choices import DocumentType
from passage.travellers.models import TravelDocument

from .choices import StayPosition

_DOCUMENT_TYPES = {
    "P": DocumentType.PASSPORT,
    "I": DocumentType.ID_CARD,
    "A": DocumentType.ID_CARD,
    "C": DocumentType.ID_CARD,
    "V": DocumentType.VISA,
}


@dataclass
class Checked:
    screening_outcome: str = ""
    hits: list[dict[str, Any]] = field(default_factory=list)
    stay_position: str = StayPosition.NOT_CHECKED
    stay_message: str = ""


def subject_of(person: Person) -> Subject:
    doc = person.document
    name = " ".join(p for p in (person.given_names, person.surname) if p)
    return Subject(
        names=[name],
        birth_date=person.birth_date.isoformat() if person.birth_date else None,
        nationality=person.nationality or "",
        issuing_state=doc.issuing_state or person.nationality or "",
        document_number=doc.number or "",
    )


def _screen(person: Person) -> tuple[str, list[dict[str, Any]]]:
    result = screen(subject_of(person))
    hits = [
        {
            "entry": str(h.entry.pk),
            "list": h.entry.alert_list.name,
            "action": h.action,
            "kind": h.kind,
            "score": round(h.score, 4),
        }
        for h in result.raised
    ]
    return str(result.outcome), hits


def _known(persons: list[Person]) -> dict[tuple[str, str], Any]:
    """Traveller ids by (issuing state, number), one query for the whole list."""
    numbers = {p.document.number for p in persons if p.document.number}
    found = TravelDocument.objects.filter(number__in=numbers).values_list(
        "issuing_state_id", "number", "traveller_id"
    )
    return {(state, number): traveller for state, number, traveller in found}


def _stay(
    person: Person,
    arrival: dt.date,
    known: dict[tuple[str, str], Any],
    first_visits: dict[tuple[str, str], tuple[Any, Any]],
) -> tuple[str, str]:
    if person.role != "passenger":
        return StayPosition.NOT_CHECKED, "Crew: stay rules not applied."
    if not person.nationality:
        return StayPosition.NOT_CHECKED, "No nationality sent."
    doc = person.document
    traveller_id = known.get((doc.issuing_state or "", doc.number or ""))
    code = doc.type or "P"
    # A traveller never seen before has no history, visa or permit: the assessment
    # depends on nationality and document alone, so it is worked out once per pair.
    key = (person.nationality, code)
    try:
        if traveller_id is None and key in first_visits:
            result, rule = first_visits[key]
        else:
            result, rule = assess(
                direction=Direction.ENTRY,
                traveller_id=traveller_id,
                nationality=person.nationality,
                document_type=_DOCUMENT_TYPES.get(code, DocumentType.PASSPORT),
                document_code=code,
                purpose="",
                on=arrival,
            )
            if traveller_id is None:
                first_visits[key] = (result, rule)
    except StayError as exc:
        return StayPosition.CANNOT_TELL, str(exc)[:300]
    if result.cannot_tell:
        return StayPosition.CANNOT_TELL, "; ".join(result.reasons)[:300]
    if result.outcome == "refused":
        return StayPosition.PROBLEM, f"No day of stay authorised ({result.decided_by.text})."[:300]
    if result.days_remaining is not None and result.days_remaining <= 0:
        return StayPosition.PROBLEM, "No days of stay remaining under the rule."
    if doc.expiry is not None and doc.expiry < arrival:
        return StayPosition.PROBLEM, f"The document expired on {doc.expiry.isoformat()}."
    until = result.authorised_until
    if until is not None and until != dt.date.max:
        return StayPosition.OK, f"May stay until {until.isoformat()}" + (
            f" (rule {rule.name})." if rule is not None else "."
        )
    return StayPosition.OK, ""


def check_all(persons: list[Person], arrival: dt.date) -> list[Checked]:
    """Screen and assess every person; one active-list lookup for the whole list."""
    lists_active = bool(active_versions())
    known = _known(persons)
    first_visits: dict[tuple[str, str], tuple[Any, Any]] = {}
    out = []
    for person in persons:
        checked = Checked()
        if lists_active:
            checked.screening_outcome, checked.hits = _screen(person)
        else:
            checked.screening_outcome = "no_lists"
        checked.stay_position, checked.stay_message = _stay(person, arrival, known, first_visits)
        out.append(checked)
    return out
