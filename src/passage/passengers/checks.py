"""Screening and stay position for every person on a list, before the flight lands.

:func:`check_all` does the whole list at once: the alert lists and document lists with
``alerts.screening.screen_many`` (the counter's engine and threshold, one call for the list),
the stay positions with ``stay.bulk.assess_entries`` (the counter's calculator, a few
queries for the list) for an entry on the scheduled arrival day. :func:`check_each` is
the earlier person-by-person path (``alerts.screening.screen`` and
``stay.assessment.assess`` per person): the tests compare the two and the benchmark
times both. Results are suggestions for the officer and supervisor, as at the counter
(DESIGN.md §7).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from passage.alerts.screening import Screening, Subject, active_versions, screen, screen_many
from passage.core.paxlst import Person
from passage.core.stay import StayError
from passage.crossings.choices import Direction
from passage.stay.assessment import assess
from passage.stay.bulk import Wanted, assess_entries
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
    return _hits(screen(subject_of(person)))


def _hits(result: Screening) -> tuple[str, list[dict[str, Any]]]:
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


def _document_type(code: str) -> str:
    return _DOCUMENT_TYPES.get(code, DocumentType.PASSPORT)


def _not_assessed(person: Person) -> tuple[str, str] | None:
    if person.role != "passenger":
        return StayPosition.NOT_CHECKED, "Crew: stay rules not applied."
    if not person.nationality:
        return StayPosition.NOT_CHECKED, "No nationality sent."
    return None


def _position(person: Person, arrival: dt.date, assessed: Any) -> tuple[str, str]:
    """The stay position from the calculator's answer (or its :class:`StayError`)."""
    if isinstance(assessed, StayError):
        return StayPosition.CANNOT_TELL, str(assessed)[:300]
    result, rule = assessed
    doc = person.document
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


def _stay(
    person: Person,
    arrival: dt.date,
    known: dict[tuple[str, str], Any],
    first_visits: dict[tuple[str, str], Any],
) -> tuple[str, str]:
    skipped = _not_assessed(person)
    if skipped is not None:
        return skipped
    doc = person.document
    traveller_id = known.get((doc.issuing_state or "", doc.number or ""))
    code = doc.type or "P"
    # A traveller never seen before has no history, visa or permit: the assessment
    # depends on nationality and document alone, so it is worked out once per pair.
    nationality = person.nationality or ""
    key = (nationality, code)
    if traveller_id is None and key in first_visits:
        assessed = first_visits[key]
    else:
        try:
            assessed = assess(
                direction=Direction.ENTRY,
                traveller_id=traveller_id,
                nationality=nationality,
                document_type=_document_type(code),
                document_code=code,
                purpose="",
                on=arrival,
            )
        except StayError as exc:
            assessed = exc
        if traveller_id is None:
            first_visits[key] = assessed
    return _position(person, arrival, assessed)


def check_each(persons: list[Person], arrival: dt.date) -> list[Checked]:
    """Person by person: one screening and (for known travellers) one stay assessment
    each. Kept as the reference :func:`check_all` is tested and measured against."""
    lists_active = bool(active_versions())
    known = _known(persons)
    first_visits: dict[tuple[str, str], Any] = {}
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


def _stay_all(persons: list[Person], arrival: dt.date) -> list[tuple[str, str]]:
    """Every stay position with one :func:`assess_entries` call: one request per known
    traveller, one per (nationality, document) pair for travellers never seen."""
    known = _known(persons)
    wanted: list[Wanted] = []
    slot: dict[Any, int] = {}
    which: list[int | None] = []
    for person in persons:
        if _not_assessed(person) is not None:
            which.append(None)
            continue
        doc = person.document
        traveller_id = known.get((doc.issuing_state or "", doc.number or ""))
        code = doc.type or "P"
        key = ("t", traveller_id) if traveller_id is not None else ("n", person.nationality, code)
        if key not in slot:
            slot[key] = len(wanted)
            wanted.append(
                Wanted(traveller_id, person.nationality or "", _document_type(code), code)
            )
        which.append(slot[key])
    assessed = assess_entries(wanted, arrival)
    out = []
    for person, w in zip(persons, which, strict=True):
        skipped = _not_assessed(person)
        if skipped is not None or w is None:
            out.append(skipped or (StayPosition.NOT_CHECKED, ""))
        else:
            out.append(_position(person, arrival, assessed[w]))
    return out


def check_all(persons: list[Person], arrival: dt.date) -> list[Checked]:
    """Screen and assess every person of a list at once (see the module docstring)."""
    if active_versions():
        screened = [_hits(r) for r in screen_many([subject_of(p) for p in persons])]
    else:
        screened = [("no_lists", []) for _p in persons]
    stays = _stay_all(persons, arrival)
    return [
        Checked(outcome, hits, position, message)
        for (outcome, hits), (position, message) in zip(screened, stays, strict=True)
    ]
