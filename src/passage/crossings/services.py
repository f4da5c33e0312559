"""Writes at the counter: record a crossing, amend it, decide a secondary inspection.

Every function runs in one transaction with its audit events, so a refused request
leaves nothing half-written. A crossing is immutable; corrections are amendments.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Any, Final

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from passage.accounts import audit, idempotency
from passage.accounts.choices import AuditAction
from passage.accounts.models import User
from passage.core import freetext
from passage.core.freetext import text_problem
from passage.core.mrz import parse_mrz
from passage.core.problems import ProblemError
from passage.core.text import Text
from passage.documents.choices import ChipVerdict
from passage.reference.choices import CrossingPointMode, CrossingPointStatus
from passage.reference.models import BorderCrossingPoint, RefusalGround
from passage.travellers import images
from passage.travellers.choices import DocumentType
from passage.travellers.models import Traveller
from passage.travellers.services import Identity, resolve

from .checks import CHECKS
from .choices import (
    Decision,
    Direction,
    InspectionStatus,
    OverrideStatus,
    Purpose,
    ReviewReason,
    TransportMode,
)
from .models import Amendment, Crossing, DocumentImage, DocumentOverride, SecondaryInspection
from .referrals import chip_referral

# How far ahead of the server's clock a client's time may be (clock drift at posts).
CLOCK_TOLERANCE = dt.timedelta(minutes=5)
AMENDABLE = (
    "purpose",
    "transport_mode",
    "carrier",
    "transport_reference",
    "authorised_until",
    "notes",
)


# Free text of a crossing: (field, length, multi-line), as the counter form has them.
TEXT_FIELDS: Final = (
    ("carrier", 80, False),
    ("transport_reference", 40, False),
    ("notes", freetext.SHORT_NOTE, True),
    ("secondary_reason", freetext.REASON, False),
    ("protection_note", freetext.SHORT_NOTE, True),
    ("eu_family_document", 40, False),
)


class NotAllowedHere(PermissionError):
    """The actor is not assigned to the crossing point."""


@dataclass
class CrossingInput:
    direction: str
    identity: Identity
    decision: str = Decision.ADMITTED
    at: dt.datetime | None = None
    purpose: str = Purpose.UNKNOWN
    transport_mode: str = ""
    carrier: str = ""
    transport_reference: str = ""
    refusal_grounds: list[str] = field(default_factory=list)
    notes: str = ""
    authorised_until: dt.date | None = None
    secondary_reason: str = ""
    traveller_id: Any = None
    submission_key: uuid.UUID | None = None
    minimal: bool = False
    protection_indicators: list[str] = field(default_factory=list)  # protection app
    protection_note: str = ""
    # An admission of a document whose MRZ fails its checks: the officer checked the
    # document by hand and says why (audited; the crossing goes to the supervisors'
    # review queue). Without it such a document may only be refused or referred.
    document_override_reason: str = ""
    # The stay calculator (docs/stay.md) for clients that do not show it to the officer first
    # (the API): an admitted entry without ``authorised_until`` gets the calculator's
    # date, and its assessment comes back with the crossing. The counter page shows the
    # assessment before the officer decides and sends the date it confirmed.
    assess_stay: bool = False
    # The document's chip as the reader sent it, verified (``documents.chips``): the
    # report stored on the crossing. A failed chip cannot be admitted: an admission is
    # turned into a referral to secondary inspection, as an alert hit is.
    chip: dict[str, Any] | None = None
    # The data page's image the counter's camera captured (JPEG, PNG or TIFF bytes):
    # kept with the crossing only when PASSAGE_KEEP_DOCUMENT_IMAGES is on, else ignored.
    document_image: bytes | None = field(default=None, repr=False)
    # A family member of a citizen of a free-movement state (EES art. 34(2)): the
    # citizen's nationality (ICAO code) and the number of the document shown as
    # evidence; both or neither. Kept one year after the exit (docs/retention.md).
    eu_family_of: str = ""
    eu_family_document: str = ""


OVERRIDE_HINT: Final = (
    "send the traveller to secondary inspection, or admit only with the document "
    "checked by hand and a reason (document_override)"
)


def mrz_failures(identity: Identity, day: dt.date) -> list[dict[str, str]]:
    """The MRZ checks that fail for the MRZ the crossing carries, as ``{field, message}``
    (empty when it carries none or every check passes).

    The MRZ is judged as it was submitted: a repair the counter offered counts only once
    the officer used it, which changes the submitted text.
    """
    text = identity.mrz.strip()
    if not text:
        return []
    result = parse_mrz(text, reference=day)
    if result.valid:
        return []
    if not result.errors:  # an unrecognised format always carries an error; be safe
        return [{"field": "mrz", "message": "not a machine readable zone"}]
    return [{"field": e.field, "message": e.message} for e in result.errors]


def _override_problems(data: CrossingInput, failed: list[dict[str, str]]) -> dict[str, str]:
    """An invalid document is admitted only with an explicit override that names a reason."""
    reason = data.document_override_reason.strip()
    if reason and not failed:
        return {"document_override": Text("the document passes its checks: nothing to override")}
    if reason and data.decision != Decision.ADMITTED:
        return {"document_override": Text("an override is given only with an admission")}
    if len(reason) > 500:
        return {"document_override": Text("at most {limit} characters", limit=500)}
    if not failed or data.decision != Decision.ADMITTED or reason:
        return {}
    names = ", ".join(dict.fromkeys(f["field"] for f in failed))
    problems = {"mrz": f"the document fails its checks ({names}): {OVERRIDE_HINT}"}
    for item in failed:
        problems.setdefault(f"mrz.{item['field']}", item["message"])
    return problems


@dataclass(frozen=True)
class Recorded:
    crossing: Crossing
    created: bool  # False when a repeated submission returned the first one
    warnings: tuple[str, ...] = ()
    stay: dict[str, Any] | None = None  # the stay assessment, when asked for
    # The alert lists' referral among the warnings: the counter page shows it as a banner
    # over the crossing, coloured by the lists' actions (decision 0251), not as a message.
    referral: str = ""


def _check(point: BorderCrossingPoint, data: CrossingInput, now: dt.datetime) -> dict[str, str]:
    problems: dict[str, str] = {}
    if data.direction not in Direction.values:
        problems["direction"] = "entry or exit"
    if data.decision not in Decision.values:
        problems["decision"] = "admitted, refused or secondary"
    if data.purpose not in Purpose.values:
        problems["purpose"] = f"{data.purpose!r} is not a known purpose"
    if data.transport_mode and data.transport_mode not in TransportMode.values:
        problems["transport_mode"] = f"{data.transport_mode!r} is not a known transport mode"
    if point.status == CrossingPointStatus.CLOSED:
        problems["crossing_point"] = Text("{point} is closed", point=point.code)
    if data.minimal and point.mode != CrossingPointMode.DEGRADED:
        problems["minimal"] = Text("{point} is not in degraded mode", point=point.code)
    at = data.at or now
    if timezone.is_naive(at):
        problems["at"] = Text("give a time zone")
    elif at > now + CLOCK_TOLERANCE:
        problems["at"] = Text("in the future")
    elif at < now - dt.timedelta(days=30):
        problems["at"] = Text("more than 30 days ago: record late crossings as amendments at HQ")
    for name, limit, multiline in TEXT_FIELDS:
        problem = text_problem(getattr(data, name), limit, multiline=multiline)
        if problem is not None:
            problems[name] = problem
    if data.decision == Decision.REFUSED and not data.refusal_grounds:
        problems["refusal_grounds"] = Text("a refusal needs at least one ground")
    if data.decision != Decision.REFUSED and data.refusal_grounds:
        problems["refusal_grounds"] = Text("grounds are given only with a refusal")
    problems.update(_eu_family_problems(data))
    if data.authorised_until is not None:
        if data.direction != Direction.ENTRY or data.decision != Decision.ADMITTED:
            problems["authorised_until"] = Text("only an admitted entry has an authorised stay")
        elif "at" not in problems and data.authorised_until < timezone.localdate(at):
            problems["authorised_until"] = Text("before the day of entry")
    ident = data.identity
    if (
        ident.expiry_date is not None
        and "at" not in problems
        and ident.expiry_date < timezone.localdate(at)
        and data.direction == Direction.ENTRY
        and data.decision == Decision.ADMITTED
        and ident.document_type != DocumentType.VISA
    ):
        problems["expiry_date"] = Text(
            "the document expired on {date}: refuse (ground A) or send to secondary inspection",
            date=ident.expiry_date.isoformat(),
        )
    return problems


def free_movement_states() -> frozenset[str]:
    """ICAO codes of the states whose citizens' family members the one-year rule covers."""
    return frozenset(settings.PASSAGE_FREE_MOVEMENT_STATES)


def _eu_family_problems(data: CrossingInput) -> dict[str, str]:
    code = data.eu_family_of.strip().upper()
    document = data.eu_family_document.strip()
    if not code and not document:
        return {}
    if not code:
        return {"eu_family_of": Text("give the citizen's nationality with their document")}
    if code not in free_movement_states():
        return {
            "eu_family_of": Text(
                "{code} is not a state whose citizens have free movement", code=repr(code)
            )
        }
    if not document:
        return {"eu_family_document": Text("give the number of the citizen's document seen")}
    return {}


def _national(traveller: Any) -> bool:
    return bool(traveller.nationality_id) and traveller.nationality_id == settings.PASSAGE_COUNTRY


def open_entry(traveller_id: Any) -> Crossing | None:
    """The traveller's latest admitted entry that no exit has closed yet."""
    admitted = Q(decision=Decision.ADMITTED) | Q(
        decision=Decision.SECONDARY, inspection__outcome=Decision.ADMITTED
    )
    return (
        Crossing.objects.filter(
            admitted, traveller_id=traveller_id, direction=Direction.ENTRY, closed_by__isnull=True
        )
        .order_by("-at")
        .first()
    )


def record_crossing(actor: User, point: BorderCrossingPoint, data: CrossingInput) -> Recorded:
    """Record one entry or exit at ``point``; see the module docstring for the guarantees.

    A repeated ``submission_key`` (a double-clicked form, a retried API call) returns
    the crossing recorded the first time instead of a second one.
    """
    if not BorderCrossingPoint.objects.restrict(actor).filter(pk=point.pk).exists():
        raise NotAllowedHere(f"You are not assigned to crossing point {point.code}.")
    digest = submission_digest(point, data)
    if data.submission_key is not None:
        existing = Crossing.objects.filter(submission_key=data.submission_key).first()
        if existing is not None:
            return _first_recorded(actor, existing, point, digest)
    if data.decision == Decision.REFUSED:
        for guard in CHECKS.refusal_guards:
            guard(actor, point, data)  # audited ProblemError while protection is open
    # Validation and the checks that only read (screening, the stay calculator) come
    # before the transaction: on SQLite it holds the database's one write lock, which the
    # other counters wait for.
    data, prepared = _prepare(point, data, digest)
    try:
        with transaction.atomic():
            return _record(actor, point, data, prepared)
    except IntegrityError:
        if data.submission_key is not None:
            existing = Crossing.objects.filter(submission_key=data.submission_key).first()
            if existing is not None:
                return _first_recorded(actor, existing, point, digest)
        raise


def submission_digest(point: BorderCrossingPoint, data: CrossingInput) -> str:
    """The fingerprint of what was submitted, taken before validation and screening
    change ``data``; the key itself and the flags the server sets are left out."""
    values = dataclasses.asdict(data)
    for name in ("submission_key", "minimal", "assess_stay"):
        values.pop(name, None)
    image = values.pop("document_image", None)
    values["document_image"] = hashlib.sha256(image).hexdigest() if image else None
    values["identity"].pop("countries", None)
    values["crossing_point"] = point.code
    return idempotency.digest(values)


REPEATED: Final = "Repeated submission: this is the crossing recorded the first time."


def _first_recorded(
    actor: User, crossing: Crossing, point: BorderCrossingPoint, digest: str
) -> Recorded:
    """A repeated submission's answer: the first crossing with the stay assessment its
    audit event kept (the assessment of the moment it was recorded, not of now).
    Raises ``KeyReused`` for a key of another post, officer or payload."""
    assert crossing.submission_key is not None
    first = idempotency.repeat(
        actor,
        crossing,
        crossing.submission_key,
        in_scope=crossing.officer_id == actor.pk and crossing.crossing_point_id == point.pk,
        sent=digest,
    )
    stay = first.get("after", {}).get("stay")
    return Recorded(crossing, created=False, warnings=(REPEATED,), stay=stay)


@dataclass(frozen=True)
class _Prepared:
    now: dt.datetime
    grounds: list[RefusalGround]
    screening: Any  # passage.alerts.screening.Screening, None with the checks off
    stay: dict[str, Any] | None
    stay_warning: str
    mrz_failed: list[dict[str, str]]
    digest: str
    chip_warning: Text | None = None


def _prepare(
    point: BorderCrossingPoint, data: CrossingInput, digest: str
) -> tuple[CrossingInput, _Prepared]:
    """Validate ``data`` and run the checks that only read; nothing is written."""
    issued = (data.chip or {}).get("issue_date")
    if issued and data.identity.issue_date is None:
        # A chip that passed, and its DG12 says when the document was issued (decision
        # 0163): validated below like a typed date.
        data.identity.issue_date = dt.date.fromisoformat(issued)
    now = timezone.now()
    problems = _check(point, data, now)
    # A time without a zone (refused by _check) is read as now for the other checks.
    day = timezone.localdate(now if "at" in problems or data.at is None else data.at)
    failed = mrz_failures(data.identity, day)
    problems.update(_override_problems(data, failed))
    try:
        data.identity.clean(day)
    except ProblemError as exc:
        problems = {**exc.problems, **problems}
    if data.traveller_id and not Traveller.objects.filter(pk=data.traveller_id).exists():
        problems["traveller_id"] = f"no traveller {data.traveller_id}"
    grounds = list(RefusalGround.objects.filter(code__in=data.refusal_grounds, active=True))
    unknown = set(data.refusal_grounds) - {g.code for g in grounds}
    if unknown:
        problems["refusal_grounds"] = Text(
            "unknown ground(s): {grounds}", grounds=", ".join(sorted(unknown))
        )
    for check in CHECKS.input_checks:
        problems.update(check(data))
    if data.document_image is not None and settings.PASSAGE_KEEP_DOCUMENT_IMAGES:
        try:
            images.check_image(data.document_image, "document_image", decode=True)
        except images.ImageProblem as exc:
            problems["document_image"] = exc.message
    if problems:
        raise ProblemError(problems)
    # Alert-list screening (docs/alerts.md): a hit turns an admission into a referral. Off only
    # when the counter's checks are switched off to measure their cost (bench/counter.py).
    data, chip_warning = _chip_referral(data)
    screening = None
    if settings.PASSAGE_COUNTER_CHECKS:
        for screen in CHECKS.screens:
            data, screening = screen(data)
    stay, warning = None, ""
    if data.assess_stay and settings.PASSAGE_COUNTER_CHECKS and data.decision != Decision.REFUSED:
        for assessor in CHECKS.stay_assessors[:1]:
            stay, until, warning = assessor(data, day)
        if (
            until is not None
            and data.direction == Direction.ENTRY
            and data.decision == Decision.ADMITTED
            and data.authorised_until is None
        ):
            data.authorised_until = until
    return data, _Prepared(now, grounds, screening, stay, warning, failed, digest, chip_warning)


def _chip_referral(data: CrossingInput) -> tuple[CrossingInput, Text | None]:
    """A failed chip at an entry: an admission becomes a referral, with the reason."""
    if not data.chip or data.chip.get("verdict") != ChipVerdict.FAILED:
        return data, None
    if data.direction != Direction.ENTRY or data.decision not in (
        Decision.ADMITTED,
        Decision.SECONDARY,
    ):
        return data, None
    failed = [c["name"] for c in data.chip.get("checks", []) if c.get("status") == "failed"]
    reason = chip_referral(failed)
    secondary_reason = "\n".join(r for r in (data.secondary_reason.strip(), reason) if r)
    if data.decision == Decision.SECONDARY:
        return dataclasses.replace(data, secondary_reason=secondary_reason), None
    referred = dataclasses.replace(
        data, decision=Decision.SECONDARY, authorised_until=None, secondary_reason=secondary_reason
    )
    return referred, Text(
        "Chip check failed ({checks}): the traveller is sent to secondary inspection.",
        checks=", ".join(failed),
    )


def _record(
    actor: User, point: BorderCrossingPoint, data: CrossingInput, prepared: _Prepared
) -> Recorded:
    grounds, screening, stay = prepared.grounds, prepared.screening, prepared.stay
    at = data.at or prepared.now
    resolved = resolve(actor, data.identity, traveller_id=data.traveller_id, audited=False)
    warnings: list[str] = [w for w in (prepared.chip_warning, prepared.stay_warning) if w]
    if resolved.issue_date_recorded is not None:
        warnings.append(
            Text(
                "This document is recorded as issued on {recorded}, not {given}: the recorded "
                "date is kept. Check the data page.",
                recorded=resolved.issue_date_recorded.isoformat(),
                given=data.identity.issue_date.isoformat() if data.identity.issue_date else "",
            )
        )
    closes = None
    review = ReviewReason.MINIMAL_RECORD if data.minimal else ReviewReason.NONE
    inside = None if resolved.traveller_created else open_entry(resolved.traveller.pk)
    if data.direction == Direction.EXIT:
        if inside is not None and inside.at > at:
            raise ProblemError(
                {
                    "at": f"exit before the entry recorded at {timezone.localtime(inside.at):%Y-%m-%d %H:%M}"
                }
            )
        if inside is not None and data.decision == Decision.ADMITTED:
            closes = inside
        elif inside is None and not data.minimal and not _national(resolved.traveller):
            review = ReviewReason.EXIT_WITHOUT_ENTRY
            warnings.append(
                Text(
                    "No open entry for this traveller: the exit is recorded and flagged for review."
                )
            )
    elif inside is not None and data.decision == Decision.ADMITTED and not data.minimal:
        review = ReviewReason.ENTRY_WHILE_INSIDE
        warnings.append(
            Text(
                "This traveller's entry of {day} has no exit: flagged for review.",
                day=f"{timezone.localtime(inside.at):%Y-%m-%d}",
            )
        )
    crossing = Crossing(
        direction=data.direction,
        crossing_point=point,
        at=at,
        officer=actor,
        traveller=resolved.traveller,
        document=resolved.document,
        purpose=data.purpose,
        transport_mode=data.transport_mode,
        carrier=data.carrier.strip(),
        transport_reference=data.transport_reference.strip().upper(),
        decision=data.decision,
        notes=data.notes.strip(),
        authorised_until=data.authorised_until,
        closes=closes,
        review_reason=review,
        minimal=data.minimal,
        submission_key=data.submission_key,
        chip_verdict=(data.chip or {}).get("verdict", ""),
        chip_report=data.chip or {},
        eu_family_of=data.eu_family_of.strip().upper(),
        eu_family_document=data.eu_family_document.strip().upper(),
    )
    crossing.save(force_insert=True)
    if grounds:
        crossing.refusal_grounds.set(grounds)
    after = audit.snapshot(crossing)
    after["refusal_grounds"] = sorted(g.code for g in grounds)
    referral = ""
    if screening is not None:
        after["screening"] = screening.record(crossing)
        if screening.counter_warning:
            warnings.append(screening.counter_warning)
        if screening.refer:
            referral = screening.counter_warning
    if stay is not None:
        after["stay"] = stay
    # One event for the whole counter transaction: the crossing, and the traveller and
    # document records it created (their ids are in the crossing's own fields).
    if resolved.traveller_created:
        after["created_traveller"] = audit.snapshot(resolved.traveller)
    if resolved.document_created and resolved.document is not None:
        after["created_document"] = audit.snapshot(resolved.document)
    details = {"submission": prepared.digest} if data.submission_key is not None else None
    audit.record(actor, AuditAction.CREATE, obj=crossing, after=after, details=details)
    if data.document_override_reason.strip() and prepared.mrz_failed:
        _record_override(
            actor, crossing, data.identity.mrz, data.document_override_reason, prepared.mrz_failed
        )
        warnings.append(
            Text("Document checked by hand: the crossing is in the supervisors' review queue.")
        )
    if data.document_image is not None and settings.PASSAGE_KEEP_DOCUMENT_IMAGES:
        _keep_document_image(actor, crossing, data.document_image)
    for after_record in CHECKS.after_record:
        after_record(actor, crossing, data, closes)
    if data.decision == Decision.SECONDARY:
        inspection = SecondaryInspection.objects.create(
            crossing=crossing, reason=data.secondary_reason.strip()
        )
        audit.record(actor, AuditAction.CREATE, obj=inspection, message=inspection.reason)
    return Recorded(crossing, created=True, warnings=tuple(warnings), stay=stay, referral=referral)


def _keep_document_image(actor: Any, crossing: Crossing, data: bytes) -> DocumentImage:
    """The captured image, kept with the crossing in its transaction (audited; the event
    names the image and its digest, never its pixels)."""
    image = DocumentImage.objects.create(
        crossing=crossing,
        content_type=images.content_type(data) or "application/octet-stream",
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        taken_at=crossing.recorded_at or timezone.now(),
    )
    audit.record(
        actor,
        AuditAction.CREATE,
        obj=image,
        after={"crossing": str(crossing.pk), "sha256": image.sha256, "bytes": len(data)},
        message="document image kept with the crossing",
    )
    return image


def _record_override(
    actor: Any, crossing: Crossing, mrz: str, reason: str, failed: list[dict[str, str]]
) -> DocumentOverride:
    """The override, audited in the crossing's transaction; it opens a review."""
    override = DocumentOverride.objects.create(
        crossing=crossing, reason=reason.strip(), mrz=mrz.strip(), failed=failed
    )
    audit.record(
        actor,
        AuditAction.CREATE,
        obj=override,
        after={"reason": override.reason, "failed": failed},
        message="document checked by hand: " + override.reason,
    )
    return override


@transaction.atomic
def review_document_override(actor: Any, override: DocumentOverride, note: str) -> DocumentOverride:
    """A supervisor's review of a document checked by hand: a note, and the case closed."""
    override = DocumentOverride.objects.select_for_update().get(pk=override.pk)
    problems: dict[str, str] = {}
    if override.status != OverrideStatus.OPEN:
        problems["status"] = "already reviewed"
    if not note.strip():
        problems["review_note"] = "say what the review found"
    elif len(note) > 2000:
        problems["review_note"] = "at most 2,000 characters"
    if problems:
        raise ProblemError(problems)
    override.status = OverrideStatus.CLOSED
    override.review_note = note.strip()
    override.reviewed_by = actor
    override.reviewed_at = timezone.now()
    override.save()
    audit.record(
        actor,
        AuditAction.DECIDE,
        obj=override,
        after={"status": override.status, "review_note": override.review_note},
        message=override.review_note,
    )
    return override


@transaction.atomic
def amend_crossing(
    actor: User, crossing: Crossing, changes: dict[str, Any], reason: str
) -> Amendment:
    """Correct fields of a recorded crossing; the original stays as it was recorded."""
    problems: dict[str, str] = {}
    if not reason.strip():
        problems["reason"] = "say why the record is corrected"
    for name in changes:
        if name not in AMENDABLE:
            problems[name] = "cannot be amended"
    effective = effective_values(crossing)
    diff = {
        name: [_plain(effective.get(name)), _plain(value)]
        for name, value in changes.items()
        if name in AMENDABLE
    }
    diff = {name: pair for name, pair in diff.items() if pair[0] != pair[1]}
    if not problems and not diff:
        problems["changes"] = "nothing differs from the record"
    if "purpose" in changes and changes["purpose"] not in Purpose.values:
        problems["purpose"] = f"{changes['purpose']!r} is not a known purpose"
    if "transport_mode" in changes and changes["transport_mode"] not in ("", *TransportMode.values):
        problems["transport_mode"] = f"{changes['transport_mode']!r} is not a known transport mode"
    if changes.get("authorised_until") is not None and crossing.direction != Direction.ENTRY:
        problems["authorised_until"] = "only an entry has an authorised stay"
    if problems:
        raise ProblemError(problems)
    amendment = Amendment.objects.create(
        crossing=crossing, changes=diff, reason=reason.strip(), author=actor
    )
    audit.record(
        actor, AuditAction.AMEND, obj=crossing, details={"changes": diff}, message=reason.strip()
    )
    return amendment


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def effective_values(crossing: Crossing) -> dict[str, Any]:
    """The crossing's amendable fields as recorded, with every amendment applied in order."""
    values: dict[str, Any] = {name: _plain(getattr(crossing, name)) for name in AMENDABLE}
    for amendment in crossing.amendments.all():
        for name, (_, after) in amendment.changes.items():
            values[name] = after
    return values


def decide_inspection(actor: User, inspection: SecondaryInspection, **decision: Any) -> Any:
    """A supervisor's decision after secondary inspection: admit or refuse, with reasons."""
    if decision.get("outcome") == Decision.REFUSED:
        for guard in CHECKS.inspection_refusal_guards:
            guard(actor, inspection)  # audited outside the transaction
    return _decide_inspection(actor, inspection, **decision)


@transaction.atomic
def _decide_inspection(
    actor: User,
    inspection: SecondaryInspection,
    *,
    outcome: str,
    grounds: list[str] = (),  # type: ignore[assignment]
    authorised_until: dt.date | None = None,
    notes: str = "",
) -> SecondaryInspection:
    inspection = (
        SecondaryInspection.objects.select_for_update()
        .select_related("crossing")
        .get(pk=inspection.pk)
    )
    problems: dict[str, str] = {}
    if inspection.status == InspectionStatus.DECIDED:
        problems["status"] = "already decided"
    if outcome not in (Decision.ADMITTED, Decision.REFUSED):
        problems["outcome"] = "admitted or refused"
    found = list(RefusalGround.objects.filter(code__in=grounds, active=True))
    if outcome == Decision.REFUSED and not found:
        problems["grounds"] = "a refusal needs at least one ground"
    if outcome == Decision.ADMITTED and grounds:
        problems["grounds"] = "grounds are given only with a refusal"
    if set(grounds) - {g.code for g in found}:
        problems["grounds"] = (
            f"unknown ground(s): {', '.join(sorted(set(grounds) - {g.code for g in found}))}"
        )
    if authorised_until is not None and (
        outcome != Decision.ADMITTED or inspection.crossing.direction != Direction.ENTRY
    ):
        problems["authorised_until"] = "only an admitted entry has an authorised stay"
    for blocker in CHECKS.decision_blockers:
        problems.update(blocker(inspection))
    if problems:
        raise ProblemError(problems)
    inspection.status = InspectionStatus.DECIDED
    inspection.outcome = outcome
    inspection.authorised_until = authorised_until
    inspection.notes = notes.strip()
    inspection.decided_by = actor
    inspection.decided_at = timezone.now()
    inspection.save()
    inspection.outcome_grounds.set(found)
    audit.record(
        actor,
        AuditAction.DECIDE,
        obj=inspection,
        after={
            "outcome": outcome,
            "grounds": sorted(g.code for g in found),
            "authorised_until": authorised_until,
        },
        message=inspection.notes,
    )
    return inspection


def effective_decision(crossing: Crossing) -> str:
    """The decision that stands: the secondary inspection's outcome once decided (see
    ``Crossing.get_effective_decision`` and ``CrossingQuerySet.with_effective_decision``)."""
    return crossing.get_effective_decision()
