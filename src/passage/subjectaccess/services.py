"""Every write about data-subject requests: atomic and audited.

Only the data-protection officer calls these (``subjectaccess.handle_subject_requests``),
except ``release_protection``, which is the protection officer's
(``subjectaccess.release_protection_records``). Views and the command check the
permission; the services check what the request allows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import User
from passage.core.problems import ProblemError
from passage.crossings.models import Crossing
from passage.crossings.services import AMENDABLE, amend_crossing
from passage.reference.models import Country
from passage.travellers import corrections
from passage.travellers.choices import Sex
from passage.travellers.models import Traveller
from passage.travellers.queries import recognise

from . import erasure
from .choices import Outcome, RequestKind, RequestStatus
from .models import ProtectionRelease, SubjectRequest
from .personfile import no_such_person, person_file

_DOCUMENT = re.compile(r"^([A-Z<]{1,3}):([A-Z0-9<]{1,24})$")
_BIRTH = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# Fields of a traveller a rectification may correct; crossings' through their amendments.
TRAVELLER_FIELDS = (
    "primary_name",
    "secondary_name",
    "native_primary_name",
    "native_secondary_name",
    "sex",
    "birth_date",
    "nationality",
)


@dataclass(frozen=True)
class Lookup:
    """How the person was described: a document, or a name and birth date."""

    document: str = ""
    surname: str = ""
    given_names: str = ""
    birth_date: str = ""

    def as_dict(self) -> dict[str, str]:
        if self.document:
            return {"document": self.document}
        return {
            "surname": self.surname,
            "given_names": self.given_names,
            "birth_date": self.birth_date,
        }


def parse_document(text: str) -> tuple[str, str]:
    """``STATE:NUMBER`` (``UTO:L898902C3``) as issuing state and number."""
    match = _DOCUMENT.match(text.strip().upper())
    if match is None:
        raise ProblemError(
            {"document": "give the issuing state and number as STATE:NUMBER, e.g. UTO:L898902C3"}
        )
    return match.group(1).rstrip("<"), match.group(2)


def _birth(text: str) -> tuple[int, int | None, int | None]:
    match = _BIRTH.match(text.strip())
    if match is None:
        raise ProblemError({"birth_date": "YYYY-MM-DD, YYYY-MM or YYYY"})
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ProblemError({"birth_date": f"{text.strip()} is not a date"}) from None
    if year < 1880 or dt.date(year, month or 1, day or 1) > timezone.localdate():
        raise ProblemError({"birth_date": f"{text.strip()} is not a possible date of birth"})
    return year, month, day


def find_person(lookup: Lookup) -> Traveller | None:
    """The one traveller the description names, or None when Passage holds nobody.

    By name and birth date more than one person may match: that is a problem to put to
    the requester (a document settles it), never a guess.
    """
    if lookup.document:
        state, number = parse_document(lookup.document)
        document = recognise(state, number)
        return document.traveller if document is not None else None
    problems = {}
    if not lookup.surname.strip():
        problems["surname"] = "give the surname, or a document as STATE:NUMBER"
    if not lookup.birth_date.strip():
        problems["birth_date"] = "give the date of birth with the name"
    if problems:
        raise ProblemError(problems)
    year, month, day = _birth(lookup.birth_date)
    found = Traveller.objects.filter(
        primary_name=lookup.surname.strip().upper(),
        birth_year=year,
        birth_month=month,
        birth_day=day,
    )
    if lookup.given_names.strip():
        found = found.filter(secondary_name=lookup.given_names.strip().upper())
    matches = list(found[:2])
    if len(matches) > 1:
        raise ProblemError(
            {"surname": "more than one person has this name and date of birth: ask for a document"}
        )
    return matches[0] if matches else None


def _clean_changes(traveller: Traveller | None, changes: dict[str, Any]) -> dict[str, Any]:
    """The rectification asked for, checked field by field (``crossing:<id>:<field>`` for
    a crossing's amendable fields)."""
    problems: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        value = "" if value is None else str(value).strip()
        if key.startswith("crossing:"):
            parts = key.split(":")
            if len(parts) != 3 or parts[2] not in AMENDABLE:
                problems[key] = "a crossing's field is one of " + ", ".join(AMENDABLE)
                continue
            if (
                traveller is None
                or not _uuid_like(parts[1])
                or not Crossing.objects.filter(pk=parts[1], traveller=traveller).exists()
            ):
                problems[key] = "not a crossing of this person"
                continue
        elif key not in TRAVELLER_FIELDS:
            problems[key] = "cannot be rectified"
            continue
        elif key == "sex" and value not in Sex.values:
            problems[key] = f"one of {', '.join(Sex.values)}"
            continue
        elif key == "birth_date" and value:
            try:
                _birth(value)
            except ProblemError as error:
                problems[key] = error.problems["birth_date"]
                continue
        elif key == "nationality" and value and not Country.objects.filter(pk=value.upper()):
            problems[key] = f"{value!r} is not a known country code"
            continue
        elif key in {"primary_name", "secondary_name"}:
            value = value.upper()
        if len(value) > 120:
            problems[key] = "at most 120 characters"
            continue
        clean[key] = value
    if problems:
        raise ProblemError(problems)
    return clean


def _uuid_like(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-fA-F-]{32,36}", text))


@transaction.atomic
def receive_request(
    actor: User,
    kind: str,
    lookup: Lookup,
    *,
    received_on: dt.date | None = None,
    requester: str = "",
    details: str = "",
    changes: dict[str, Any] | None = None,
) -> SubjectRequest:
    """Record a request as received; its deadline is one month later (GDPR Art. 12(3)).

    A request for a person Passage does not hold is recorded too, decided at once
    ("no such person") and answered as such (audited like any other).
    """
    problems: dict[str, str] = {}
    if kind not in RequestKind.values:
        problems["kind"] = f"one of {', '.join(RequestKind.values)}"
    today = timezone.localdate()
    received_on = received_on or today
    if received_on > today:
        problems["received_on"] = "cannot be after today"
    if problems:
        raise ProblemError(problems)
    traveller = find_person(lookup)
    clean = _clean_changes(traveller, changes or {}) if kind == RequestKind.RECTIFICATION else {}
    if kind == RequestKind.RECTIFICATION and traveller is not None and not clean:
        raise ProblemError({"changes": "say what is to be corrected"})
    request = SubjectRequest.objects.create(
        kind=kind,
        lookup=lookup.as_dict(),
        traveller=traveller,
        requester=requester.strip()[:200],
        received_on=received_on,
        due_on=SubjectRequest.deadline(received_on),
        changes=clean,
        details=details.strip(),
        created_by=actor,
    )
    if traveller is None:
        request.outcome = Outcome.NO_SUCH_PERSON
        request.status = RequestStatus.DECIDED
        request.decided_on = today
        request.decided_by = actor
        request.decision_reason = "Passage holds no record of a person by this description."
        request.save()
    audit.record(
        actor,
        AuditAction.CREATE,
        obj=request,
        details={
            "kind": kind,
            "lookup": lookup.as_dict(),
            "found": traveller is not None,
            "due_on": request.due_on,
        },
        message=f"{kind} request received"
        + ("" if traveller is not None else ": no such person held"),
    )
    return request


def assemble_file(actor: User, request: SubjectRequest, *, purpose: str = "") -> dict[str, Any]:
    """The person's file for an access request (or any request: what it is about).

    The read is audited on the traveller, naming the request: the file itself will show it
    next time.
    """
    with transaction.atomic():
        if request.traveller is None:
            audit.record(
                actor,
                AuditAction.READ,
                obj=request,
                message=purpose or "subject access: no such person held",
            )
            return no_such_person(request.lookup, request)
        audit.record(
            actor,
            AuditAction.READ,
            obj=request.traveller,
            details={"request": request.pk},
            message=purpose or f"subject access request {request.pk}",
        )
    return person_file(request.traveller, request)


@transaction.atomic
def record_export(actor: User, request: SubjectRequest, fmt: str, language: str) -> None:
    """Audit that the file left Passage (a PDF or JSON handed to the person)."""
    audit.record(
        actor,
        AuditAction.EXPORT,
        obj=request,
        details={"format": fmt, "language": language, "traveller": request.traveller_id},
        message=f"person's file exported as {fmt.upper()} ({language})",
    )


def _lock(request: SubjectRequest) -> SubjectRequest:
    return (
        SubjectRequest.objects.select_for_update(of=("self",))
        .select_related("traveller")
        .get(pk=request.pk)
    )


@transaction.atomic
def decide_request(
    actor: User, request: SubjectRequest, outcome: str, reason: str
) -> SubjectRequest:
    """Grant or refuse, with a reason. A granted rectification is carried out as
    amendments; a granted erasure removes the person's data (``erasure.erase_person``)
    unless something holds it (an open case, a pending hit, an open referral)."""
    request = _lock(request)
    problems: dict[str, str] = {}
    if request.status != RequestStatus.RECEIVED:
        problems["status"] = "already decided"
    if outcome not in (Outcome.GRANTED, Outcome.REFUSED):
        problems["outcome"] = "granted or refused"
    if not reason.strip():
        problems["reason"] = "say why"
    if problems:
        raise ProblemError(problems)
    traveller = request.traveller
    applied: dict[str, Any] = {}
    if outcome == Outcome.GRANTED and traveller is not None:
        if request.kind == RequestKind.RECTIFICATION:
            applied = _rectify(actor, request, traveller, reason.strip())
        elif request.kind == RequestKind.ERASURE:
            holds = erasure.holds(traveller)
            if holds:
                raise ProblemError(
                    {"outcome": "the law keeps these records for now: " + "; ".join(holds)}
                )
            applied = erasure.erase_person(
                actor, traveller, reason=f"erasure request {request.pk}", reference=str(request.pk)
            )
            request.traveller = None  # erased: the request keeps its lookup only
    before = {"status": request.status, "outcome": request.outcome}
    request.status = RequestStatus.DECIDED
    request.outcome = outcome
    request.decision_reason = reason.strip()
    request.decided_on = timezone.localdate()
    request.decided_by = actor
    request.save()
    audit.record(
        actor,
        AuditAction.DECIDE,
        obj=request,
        before=before,
        after={"status": request.status, "outcome": outcome},
        details={"carried_out": sorted(applied)} if applied else None,
        message=reason.strip(),
    )
    return request


def _rectify(
    actor: User, request: SubjectRequest, traveller: Traveller, reason: str
) -> dict[str, Any]:
    """Carry out a rectification: crossings by amendment, the traveller's fields with
    their before and after in the audit event (never a silent edit)."""
    why = f"rectification request {request.pk}: {reason}"
    by_crossing: dict[str, dict[str, Any]] = {}
    person: dict[str, Any] = {}
    for key, value in request.changes.items():
        if key.startswith("crossing:"):
            _, crossing_id, name = key.split(":")
            if name == "authorised_until" and value:
                value = dt.date.fromisoformat(value)
            by_crossing.setdefault(crossing_id, {})[name] = value
        else:
            person[key] = value
    applied: dict[str, Any] = {}
    for crossing_id, fields in by_crossing.items():
        crossing = Crossing.objects.get(pk=crossing_id, traveller=traveller)
        amendment = amend_crossing(actor, crossing, fields, why)
        applied[f"crossing:{crossing_id}"] = amendment.changes
    if person:
        applied["traveller"] = _correct_traveller(actor, traveller, person, why)
    return applied


def _correct_traveller(
    actor: User, traveller: Traveller, person: dict[str, Any], why: str
) -> dict[str, list[Any]]:
    """The person's own fields go through ``travellers.corrections`` (decision 0165): a
    field-level, versioned correction, logged for the posts holding the person (and
    merged there, conflicts kept for a supervisor), shown in the file as an amendment."""
    changes: dict[str, Any] = {}
    for name, value in person.items():
        if name == "birth_date":
            year, month, day = _birth(value) if value else (None, None, None)
            changes.update(birth_year=year, birth_month=month, birth_day=day)
        elif name == "nationality":
            changes["nationality_id"] = value.upper() or None
        else:
            changes[name] = value
    held = Traveller.objects.select_for_update().get(pk=traveller.pk)
    wanted = {k: v for k, v in changes.items() if getattr(held, k) != v}
    if not wanted:
        return {}  # the record already says what the person asked for
    correction = corrections.correct(actor, held.pk, wanted, version=held.version, reason=why)
    return {name: [c["base"], c["value"]] for name, c in correction.changes.items()}


@transaction.atomic
def answer_request(
    actor: User, request: SubjectRequest, answered_on: dt.date | None = None
) -> SubjectRequest:
    """Record that the answer went to the person (in time or late: the page says which)."""
    request = _lock(request)
    today = timezone.localdate()
    answered_on = answered_on or today
    problems: dict[str, str] = {}
    if request.status != RequestStatus.DECIDED:
        problems["status"] = "decide the request before answering it"
    if answered_on > today:
        problems["answered_on"] = "cannot be after today"
    elif answered_on < request.received_on:
        problems["answered_on"] = "cannot be before the request was received"
    if problems:
        raise ProblemError(problems)
    request.status = RequestStatus.ANSWERED
    request.answered_on = answered_on
    request.answered_by = actor
    request.save()
    audit.record(
        actor,
        AuditAction.UPDATE,
        obj=request,
        after={"status": request.status, "answered_on": answered_on},
        details={"in_time": request.answered_in_time},
        message="answer sent to the person" + ("" if request.answered_in_time else " (late)"),
    )
    return request


@transaction.atomic
def release_protection(
    actor: User, request: SubjectRequest, *, released: bool, note: str
) -> ProtectionRelease:
    """A protection officer releases (or withholds, saying why) the person's protection
    records for one access request. The audit event names the request and the choice,
    never the records (decision 0041)."""
    problems: dict[str, str] = {}
    if request.kind != RequestKind.ACCESS or request.traveller_id is None:
        problems["request"] = "only an access request about a person held has protection records"
    elif ProtectionRelease.objects.filter(request=request).exists():
        problems["request"] = "already released or withheld"
    if not note.strip():
        problems["note"] = "say why"
    if problems:
        raise ProblemError(problems)
    release = ProtectionRelease.objects.create(
        request=request, released=released, note=note.strip(), by=actor
    )
    audit.record(
        actor,
        AuditAction.DECIDE,
        obj=request,
        details={"protection_records": "released" if released else "withheld"},
        message="protection records "
        + ("released" if released else "withheld")
        + " for the person's file",
    )
    return release
