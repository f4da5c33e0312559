"""Writes of humanitarian border management: flags, referrals, notes, households.

Every function runs in one transaction with its audit event. Input that must be
refused (a referral without consent or justified override, a provider that does not
offer the service, a transition the referral's status does not allow) raises
``ProblemError`` naming each field, after an audit event recording the refused
attempt has been committed on its own (the attempt is evidence even though nothing
was stored).

    ProblemError(ValueError)      bad input; ``problems`` maps field -> message
    NotPermitted(PermissionError)    the actor lacks the permission or the scope
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from passage.accounts import audit, idempotency
from passage.accounts.choices import AuditAction
from passage.accounts.models import User
from passage.core import freetext
from passage.core.freetext import text_problem
from passage.core.problems import ProblemError
from passage.reference.choices import CrossingPointMode
from passage.reference.models import AdminArea, BorderCrossingPoint
from passage.travellers.services import Identity, resolve

from .choices import (
    CHILD_BANDS,
    TRANSITIONS,
    AgeBand,
    AssessmentStatus,
    Consent,
    HouseholdDocument,
    IndicatorCategory,
    ReferralStatus,
    Urgency,
)
from .models import (
    Assessment,
    CaseNote,
    Household,
    HouseholdMember,
    Indicator,
    Referral,
    ReferralEvent,
    Service,
    ServiceProvider,
)

MAX_HOUSEHOLD = 40
CHILD_HEADED = "SC-CH"
AUTOMATIC_CONSENT_REASON = (
    "Unaccompanied or separated child: referred to child protection in the child's best "
    "interests, without waiting for consent (automatic referral)."
)


# What an audit event says instead of a protection officer's words (decision 0041).
PROTECTION_TEXT_WITHHELD = "[written: see the protection record]"


class NotPermitted(PermissionError):
    pass


def _refuse(actor: User, problems: dict[str, str], *, obj: Any = None, what: str) -> None:
    """Audit a refused protection action (committed on its own) and raise."""
    audit.record_now(
        actor,
        AuditAction.PROTECTION_REFUSED,
        obj=obj,
        object_type="" if obj is not None else "protection.referral",
        details={"action": what, "problems": problems},
        message=f"{what} refused: " + "; ".join(f"{k}: {v}" for k, v in problems.items()),
    )
    raise ProblemError(problems)


def _require(actor: User, permission: str, point: BorderCrossingPoint | None = None) -> None:
    if not actor.has_perm(permission):
        raise NotPermitted(f"missing permission {permission}")
    if (
        point is not None
        and not BorderCrossingPoint.objects.restrict(actor).filter(pk=point.pk).exists()
    ):
        raise NotPermitted(f"not assigned to {point.code}")


# --- reference data ---------------------------------------------------------------


@dataclass
class LoadReport:
    services: int = 0
    indicators: int = 0

    def summary(self) -> str:
        return f"protection reference data: {self.services} services, {self.indicators} indicators"


def _rows(source: Path | str | bytes | None, default: str) -> list[dict[str, str]]:
    if source is None:
        text = resources.files("passage.protection").joinpath("data", default).read_text("utf-8")
    elif isinstance(source, bytes):
        text = source.decode("utf-8")
    else:
        text = Path(source).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@transaction.atomic
def load_reference(
    actor: User | None,
    services: Path | str | bytes | None = None,
    indicators: Path | str | bytes | None = None,
) -> LoadReport:
    """Load services and indicators from CSV (the files shipped in ``data/`` by default).

    A file with any bad row changes nothing; the error names the line and the field.
    """
    report = LoadReport()
    service_rows = _rows(services, "services.csv")
    for line, row in enumerate(service_rows, start=2):
        code = (row.get("code") or "").strip()
        if not code or not (row.get("label") or "").strip():
            raise ProblemError({f"services line {line}": "code and label are required"})
        Service.objects.update_or_create(
            code=code,
            defaults={"label": row["label"].strip(), "order": int(row.get("order") or 0)},
        )
        report.services += 1
    known_services = set(Service.objects.values_list("code", flat=True))
    indicator_rows = _rows(indicators, "indicators.csv")
    parents: list[tuple[str, str]] = []
    for line, row in enumerate(indicator_rows, start=2):
        code = (row.get("code") or "").strip().upper()
        category = (row.get("category") or "").strip()
        if not code:
            raise ProblemError({f"indicators line {line}": "code is required"})
        if category not in IndicatorCategory.values:
            raise ProblemError(
                {f"indicators line {line}, category": f"{category!r} is not a known category"}
            )
        wanted = (row.get("services") or "").split()
        unknown = set(wanted) - known_services
        if unknown:
            raise ProblemError(
                {f"indicators line {line}, services": f"unknown: {', '.join(sorted(unknown))}"}
            )
        indicator, _ = Indicator.objects.update_or_create(
            code=code,
            defaults={
                "category": category,
                "label": (row.get("label") or "").strip(),
                "always_refer": (row.get("always_refer") or "0").strip() in ("1", "true", "yes"),
                "order": int(row.get("order") or 0),
                "active": True,
                "parent": None,
            },
        )
        indicator.services.set(Service.objects.filter(code__in=wanted))
        if parent := (row.get("parent") or "").strip().upper():
            parents.append((code, parent))
        report.indicators += 1
    for code, parent in parents:
        if not Indicator.objects.filter(code=parent).exists():
            raise ProblemError({f"indicator {code}, parent": f"unknown indicator {parent!r}"})
        Indicator.objects.filter(code=code).update(parent_id=parent)
    audit.record(
        actor,
        AuditAction.IMPORT,
        object_type="protection.indicator",
        details={"services": report.services, "indicators": report.indicators},
        message=report.summary(),
    )
    return report


def primary_service(indicator: Indicator) -> Service | None:
    """The service an automatic referral uses: the indicator's service that comes first
    in the services' own order (child protection before family tracing)."""
    services = list(indicator.services.all())
    by_order = sorted(services, key=lambda s: (s.order, s.code))
    return by_order[0] if by_order else None


# --- suggestions ------------------------------------------------------------------


def _area_chain(area: AdminArea | None) -> list[str]:
    chain: list[str] = []
    while area is not None and area.pcode not in chain:
        chain.append(area.pcode)
        area = area.parent
    return chain


def providers_for(service: Service | str, point: BorderCrossingPoint) -> list[ServiceProvider]:
    """Active providers of ``service`` serving the post's admin area (or an area above it);
    providers serving the area itself come before those serving a wider one."""
    code = service.code if isinstance(service, Service) else service
    chain = _area_chain(point.admin_area)
    providers = (
        ServiceProvider.objects.filter(active=True, services__code=code)
        .prefetch_related("areas", "services")
        .distinct()
    )
    ranked: list[tuple[int, str, ServiceProvider]] = []
    for provider in providers:
        served = {a.pcode for a in provider.areas.all()}
        if not served:
            ranked.append((len(chain) + 1, provider.organisation, provider))
            continue
        hits = [chain.index(p) for p in served if p in chain]
        if hits:
            ranked.append((min(hits), provider.organisation, provider))
    return [p for _, _, p in sorted(ranked, key=lambda r: (r[0], r[1]))]


@dataclass(frozen=True)
class Suggestion:
    service: Service
    because: tuple[str, ...]
    providers: tuple[ServiceProvider, ...]
    automatic: bool


def suggestions(codes: Iterable[str], point: BorderCrossingPoint) -> list[Suggestion]:
    """The referrals that fit the selected indicators, with providers near the post."""
    indicators = Indicator.objects.filter(code__in=list(codes), active=True).prefetch_related(
        "services"
    )
    found: dict[str, tuple[Service, list[str], bool]] = {}
    for indicator in indicators:
        first = primary_service(indicator)
        for service in indicator.services.all():
            entry = found.setdefault(service.code, (service, [], False))
            automatic = entry[2] or (indicator.always_refer and service == first)
            found[service.code] = (service, [*entry[1], indicator.code], automatic)
    return [
        Suggestion(service, tuple(because), tuple(providers_for(service, point)), automatic)
        for service, because, automatic in sorted(
            found.values(), key=lambda v: (not v[2], v[0].order)
        )
    ]


def indicator_problems(codes: Iterable[str]) -> dict[str, str]:
    codes = [c.strip().upper() for c in codes if c.strip()]
    known = set(
        Indicator.objects.filter(code__in=codes, active=True).values_list("code", flat=True)
    )
    unknown = sorted(set(codes) - known)
    return (
        {"protection_indicators": f"unknown indicator(s): {', '.join(unknown)}"} if unknown else {}
    )


# --- flags and referrals ----------------------------------------------------------


def _indicators(codes: Iterable[str]) -> list[Indicator]:
    codes = sorted({c.strip().upper() for c in codes if c.strip()})
    problems = indicator_problems(codes)
    if problems:
        raise ProblemError(problems)
    return list(Indicator.objects.filter(code__in=codes).prefetch_related("services"))


def _flag(
    actor: User,
    *,
    point: BorderCrossingPoint,
    indicators: list[Indicator],
    traveller: Any = None,
    household: Household | None = None,
    crossing: Any = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Assessment:
    """Create the assessment and the automatic referrals; runs in the caller's transaction."""
    now = at or timezone.now()
    assessment = Assessment.objects.create(
        traveller=traveller,
        household=household,
        crossing=crossing,
        crossing_point=point,
        note=note.strip(),
        created_by=actor,
        created_at=now,
    )
    assessment.indicators.set(indicators)
    automatic: list[Referral] = []
    for indicator in indicators:
        service = primary_service(indicator) if indicator.always_refer else None
        if service is None or any(r.service_id == service.code for r in automatic):
            continue
        providers = providers_for(service, point)
        referral = Referral.objects.create(
            assessment=assessment,
            crossing_point=point,
            service=service,
            provider=providers[0] if providers else None,
            urgency=Urgency.IMMEDIATE,
            consent=Consent.OVERRIDE,
            consent_override_reason=AUTOMATIC_CONSENT_REASON,
            automatic=True,
            created_by=actor,
            created_at=now,
            updated_at=now,
        )
        ReferralEvent.objects.create(
            referral=referral,
            at=now,
            actor=actor,
            status_to=ReferralStatus.IN_PROGRESS,
            note=f"automatic referral ({indicator.code})",
        )
        automatic.append(referral)
    audit.record(
        actor,
        AuditAction.CREATE,
        obj=assessment,
        after={
            "traveller": traveller.pk if traveller is not None else None,
            "household": household.pk if household is not None else None,
            "crossing": crossing.pk if crossing is not None else None,
            "crossing_point": point.code,
            "indicators": sorted(i.code for i in indicators),
            "automatic_referrals": [
                {"id": r.pk, "service": r.service_id, "provider": r.provider_id} for r in automatic
            ],
        },
    )
    return assessment


def counter_input_problems(data: Any) -> dict[str, str]:
    """The counter's check of the indicators flagged with a crossing (``crossings.checks``)."""
    return indicator_problems(data.protection_indicators) if data.protection_indicators else {}


def flag_recorded_crossing(actor: User, crossing: Any, data: Any, closes: Any) -> None:
    """Flag the indicators given with a crossing, in its transaction (``crossings.checks``)."""
    if data.protection_indicators:
        flag_at_crossing(actor, crossing, data.protection_indicators, data.protection_note)


def flag_at_crossing(
    actor: User, crossing: Any, codes: Iterable[str], note: str = ""
) -> Assessment:
    """Flag indicators for the traveller of a crossing just recorded (same transaction)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("flag_at_crossing() runs inside the crossing's transaction")
    return _flag(
        actor,
        point=crossing.crossing_point,
        indicators=_indicators(codes),
        traveller=crossing.traveller,
        crossing=crossing,
        note=note,
        at=crossing.at,
    )


@dataclass
class ReferralInput:
    service: str
    provider: Any
    urgency: str = Urgency.ROUTINE
    consent: str = ""
    consent_override_reason: str = ""
    follow_up_on: dt.date | None = None
    note: str = ""


def create_referral(actor: User, assessment: Assessment, data: ReferralInput) -> Referral:
    """Refer a flagged person to a provider for a service (a protection officer's act)."""
    _require(actor, "protection.manage_referral", assessment.crossing_point)
    problems: dict[str, str] = {}
    service = Service.objects.filter(code=data.service).first()
    if service is None:
        problems["service"] = f"unknown service {data.service!r}"
    provider = (
        ServiceProvider.objects.filter(pk=data.provider, active=True).first()
        if _is_uuid(data.provider)
        else None
    )
    if provider is None:
        problems["provider"] = "choose an active service provider"
    elif service is not None and not provider.services.filter(code=service.code).exists():
        problems["provider"] = f"{provider.organisation} does not offer “{service.label}”"
    if data.urgency not in Urgency.values:
        problems["urgency"] = f"{data.urgency!r} is not routine, priority or immediate"
    if data.consent == Consent.GIVEN:
        pass
    elif data.consent == Consent.OVERRIDE:
        if not data.consent_override_reason.strip():
            problems["consent_override_reason"] = "justify a referral made without consent"
    else:
        problems["consent"] = "record the person's consent, or override it with a justification"
    if assessment.status != AssessmentStatus.OPEN:
        problems["assessment"] = "this flag is closed: flag the person again to refer"
    if problems:
        _refuse(actor, problems, obj=assessment, what="referral")
    assert service is not None and provider is not None
    now = timezone.now()
    with transaction.atomic():
        referral = Referral.objects.create(
            assessment=assessment,
            crossing_point=assessment.crossing_point,
            service=service,
            provider=provider,
            urgency=data.urgency,
            consent=data.consent,
            consent_override_reason=data.consent_override_reason.strip()
            if data.consent == Consent.OVERRIDE
            else "",
            follow_up_on=data.follow_up_on,
            created_by=actor,
            created_at=now,
            updated_at=now,
        )
        ReferralEvent.objects.create(
            referral=referral,
            at=now,
            actor=actor,
            status_to=ReferralStatus.IN_PROGRESS,
            note=data.note.strip(),
        )
        audit.record(actor, AuditAction.CREATE, obj=referral, after=_referral_after(referral))
    return referral


def change_status(
    actor: User, referral: Referral, status: str, note: str = "", provider: Any = None
) -> Referral:
    """Move a referral on (accepted, rejected, done, revoked), with its history.

    An automatic referral waiting without a provider gets one here (``provider``).
    """
    _require(actor, "protection.manage_referral", referral.crossing_point)
    referral = Referral.objects.select_related("service", "crossing_point").get(pk=referral.pk)
    problems: dict[str, str] = {}
    allowed = TRANSITIONS.get(referral.status, ())
    if status not in ReferralStatus.values:
        problems["status"] = f"{status!r} is not a referral status"
    elif status != referral.status and status not in allowed:
        problems["status"] = (
            f"a referral {referral.get_status_display().lower()} cannot become "
            f"{ReferralStatus(status).label.lower()}"
        )
    new_provider = None
    if provider:
        new_provider = (
            ServiceProvider.objects.filter(pk=provider, active=True).first()
            if _is_uuid(provider)
            else None
        )
        if new_provider is None:
            problems["provider"] = "choose an active service provider"
        elif not new_provider.services.filter(code=referral.service_id).exists():
            problems["provider"] = (
                f"{new_provider.organisation} does not offer “{referral.service.label}”"
            )
    if status == referral.status and new_provider is None and "status" not in problems:
        problems["status"] = "nothing changes"
    if status == ReferralStatus.ACCEPTED and referral.provider_id is None and new_provider is None:
        problems["provider"] = "choose the provider that accepted the referral"
    if status in (ReferralStatus.REJECTED, ReferralStatus.REVOKED) and not note.strip():
        problems["note"] = "say why"
    if problems:
        _refuse(actor, problems, obj=referral, what="referral status change")
    with transaction.atomic():
        expected = referral.status
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if referral.status != expected:  # changed by someone else meanwhile
            raise ProblemError({"status": "changed meanwhile: reload and try again"})
        before = {"status": referral.status, "provider": referral.provider_id}
        if new_provider is not None:
            referral.provider = new_provider
        previous = referral.status
        referral.status = status
        referral.updated_at = timezone.now()
        referral.save(update_fields=["status", "provider", "updated_at"])
        ReferralEvent.objects.create(
            referral=referral,
            at=referral.updated_at,
            actor=actor,
            status_from=previous,
            status_to=status,
            note=note.strip(),
        )
        audit.record(
            actor,
            AuditAction.REFERRAL_STATUS,
            obj=referral,
            before=before,
            after={"status": status, "provider": referral.provider_id},
            message=f"referral {ReferralStatus(status).label.lower()}"
            + (" (with a case note)" if note.strip() else ""),
        )
    return referral


def _referral_after(referral: Referral) -> dict[str, Any]:
    """The referral's fields for its audit event, without the justification a protection
    officer wrote for overriding consent: the audit log is read by the data-protection
    officer, and protection notes live only where protection officers see them."""
    after = audit.snapshot(referral)
    if after.get("consent_override_reason"):
        after["consent_override_reason"] = PROTECTION_TEXT_WITHHELD
    return after


def add_note(
    actor: User, referral: Referral, text: str, follow_up_on: dt.date | None = None
) -> CaseNote:
    _require(actor, "protection.manage_referral", referral.crossing_point)
    if not text.strip():
        _refuse(actor, {"text": "write the note"}, obj=referral, what="case note")
    with transaction.atomic():
        note = CaseNote.objects.create(
            referral=referral, author=actor, at=timezone.now(), text=text.strip()
        )
        if follow_up_on != referral.follow_up_on and follow_up_on is not None:
            referral.follow_up_on = follow_up_on
            referral.save(update_fields=["follow_up_on"])
        audit.record(
            actor,
            AuditAction.CREATE,
            obj=note,
            object_repr=f"case note on {referral}",
            after={"referral": referral.pk, "follow_up_on": follow_up_on},
        )
    return note


def close_assessment(actor: User, assessment: Assessment, note: str) -> Assessment:
    """A protection officer closes a flag: the person's protection needs are addressed.

    Open referrals stay open and still hold the refusal safeguard until they end.
    """
    _require(actor, "protection.manage_referral", assessment.crossing_point)
    problems: dict[str, str] = {}
    if assessment.status != AssessmentStatus.OPEN:
        problems["status"] = "already closed"
    if not note.strip():
        problems["note"] = "say why the flag can be closed"
    if problems:
        _refuse(actor, problems, obj=assessment, what="closing a protection flag")
    with transaction.atomic():
        assessment.status = AssessmentStatus.CLOSED
        assessment.closed_by = actor
        assessment.closed_at = timezone.now()
        assessment.closing_note = note.strip()
        assessment.save(update_fields=["status", "closed_by", "closed_at", "closing_note"])
        audit.record(
            actor,
            AuditAction.UPDATE,
            obj=assessment,
            before={"status": AssessmentStatus.OPEN},
            after={"status": AssessmentStatus.CLOSED},
            message="protection flag closed (with a closing note)",
        )
    return assessment


def _is_uuid(value: Any) -> bool:
    if isinstance(value, uuid.UUID):
        return True
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


# --- households (emergency mode) --------------------------------------------------


@dataclass
class MemberInput:
    sex: str
    age_band: str
    primary_name: str = ""
    secondary_name: str = ""
    document_type: str = HouseholdDocument.NONE
    document_number: str = ""


@dataclass
class HouseholdInput:
    head: MemberInput
    members: list[MemberInput] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    place_of_origin: str = ""
    intended_destination: str = ""
    note: str = ""
    submission_key: uuid.UUID | None = None
    at: dt.datetime | None = None  # registered on paper first; now when None


@dataclass(frozen=True)
class Registered:
    household: Household
    created: bool
    flagged: bool


def _member_problems(prefix: str, member: MemberInput, head: bool) -> dict[str, str]:
    problems: dict[str, str] = {}
    if member.sex not in ("F", "M", "X"):
        problems[f"{prefix}sex"] = "F, M or X"
    if member.age_band not in AgeBand.values:
        problems[f"{prefix}age_band"] = f"one of {', '.join(AgeBand.values)}"
    if member.document_type not in HouseholdDocument.values:
        problems[f"{prefix}document_type"] = (
            f"{member.document_type!r} is not one of {', '.join(HouseholdDocument.values)}"
        )
    needs_number = (HouseholdDocument.PASSPORT, HouseholdDocument.NATIONAL_ID)
    if member.document_type in needs_number and not member.document_number.strip():
        problems[f"{prefix}document_number"] = "required for this document"
    if head and not (member.primary_name.strip() or member.secondary_name.strip()):
        problems[f"{prefix}name"] = "the head of household's name is required"
    for name, limit in (
        ("primary_name", freetext.NAME),
        ("secondary_name", freetext.NAME),
        ("document_number", 24),
    ):
        problem = text_problem(" ".join(getattr(member, name).split()), limit)
        if problem is not None:
            problems[f"{prefix}{name}"] = problem
    return problems


def register_household(actor: User, point: BorderCrossingPoint, data: HouseholdInput) -> Registered:
    """Register one household at a post in emergency mode: one call, one transaction.

    A repeated ``submission_key`` returns the household registered the first time.
    """

    _require(actor, "protection.register_household", point)
    sent = _household_digest(point, data)
    if data.submission_key is not None:
        existing = Household.objects.filter(submission_key=data.submission_key).first()
        if existing is not None:
            return _first_registered(actor, existing, point, sent)
    problems: dict[str, str] = {}
    if point.mode != CrossingPointMode.EMERGENCY:
        problems["crossing_point"] = (
            f"{point.code} is not in emergency mode: a supervisor switches it first"
        )
    problems.update(_member_problems("head.", data.head, head=True))
    for n, member in enumerate(data.members):
        problems.update(_member_problems(f"members[{n}].", member, head=False))
    if len(data.members) + 1 > MAX_HOUSEHOLD:
        problems["members"] = f"at most {MAX_HOUSEHOLD} people in one household"
    for name in ("place_of_origin", "intended_destination"):
        value = getattr(data, name).strip()
        problem = "required" if not value else text_problem(value, freetext.PLACE)
        if problem is not None:
            problems[name] = problem
    note_problem = text_problem(data.note, freetext.SHORT_NOTE, multiline=True)
    if note_problem is not None:
        problems["note"] = note_problem
    codes = {c.strip().upper() for c in data.indicators if c.strip()}
    problems.update(indicator_problems(codes))
    now = timezone.now()
    if data.at is not None and not now - dt.timedelta(days=7) <= data.at <= now:
        problems["at"] = "within the last 7 days, not in the future"
    if problems:
        raise ProblemError(problems)
    if data.head.age_band in CHILD_BANDS and not any(
        m.age_band not in CHILD_BANDS for m in data.members
    ):
        # A household of children only is child-headed, whether or not it was ticked.
        codes.add(CHILD_HEADED)
    indicators = (
        list(Indicator.objects.filter(code__in=codes).prefetch_related("services")) if codes else []
    )
    try:
        with transaction.atomic():
            at = data.at or now
            household = Household.objects.create(
                crossing_point=point,
                registered_at=at,
                registered_by=actor,
                place_of_origin=data.place_of_origin.strip(),
                intended_destination=data.intended_destination.strip(),
                size=len(data.members) + 1,
                submission_key=data.submission_key,
            )
            rows = [
                HouseholdMember(
                    household=household,
                    position=n,
                    is_head=n == 0,
                    primary_name=" ".join(m.primary_name.upper().split()),
                    secondary_name=" ".join(m.secondary_name.upper().split()),
                    sex=m.sex,
                    age_band=m.age_band,
                    document_type=m.document_type,
                    document_number=m.document_number.strip().upper(),
                )
                for n, m in enumerate([data.head, *data.members])
            ]
            HouseholdMember.objects.bulk_create(rows)
            after = audit.snapshot(household)
            after["members"] = [
                {"sex": r.sex, "age_band": r.age_band, "document_type": r.document_type}
                for r in rows
            ]
            details = {"submission": sent} if data.submission_key is not None else None
            audit.record(actor, AuditAction.CREATE, obj=household, after=after, details=details)
            if indicators:
                _flag(
                    actor,
                    point=point,
                    indicators=indicators,
                    household=household,
                    note=data.note,
                    at=at,
                )
    except IntegrityError:
        if data.submission_key is not None:
            existing = Household.objects.filter(submission_key=data.submission_key).first()
            if existing is not None:
                return _first_registered(actor, existing, point, sent)
        raise
    return Registered(household, created=True, flagged=bool(indicators))


def _household_digest(point: BorderCrossingPoint, data: HouseholdInput) -> str:
    values = dataclasses.asdict(data)
    values.pop("submission_key")
    values["crossing_point"] = point.code
    return idempotency.digest(values)


def _first_registered(
    actor: User, household: Household, point: BorderCrossingPoint, sent: str
) -> Registered:
    """A repeated submission: the first household, if the key is the caller's (0040)."""
    assert household.submission_key is not None
    idempotency.repeat(
        actor,
        household,
        household.submission_key,
        in_scope=household.registered_by_id == actor.pk and household.crossing_point_id == point.pk,
        sent=sent,
    )
    return Registered(household, created=False, flagged=household.assessments.exists())


def complete_member(actor: User, member: HouseholdMember, identity: Identity) -> HouseholdMember:
    """Turn one household member into a full traveller record (travellers app)."""
    household = member.household
    _require(actor, "protection.complete_household", household.crossing_point)
    if member.traveller_id is not None:
        raise ProblemError({"member": "already completed"})
    try:
        identity.clean(timezone.localdate())
    except ProblemError as exc:
        raise ProblemError(exc.problems) from exc
    with transaction.atomic():
        member = HouseholdMember.objects.select_for_update().get(pk=member.pk)
        if member.traveller_id is not None:
            raise ProblemError({"member": "already completed"})
        resolved = resolve(actor, identity, audited=True)
        member.traveller = resolved.traveller
        member.primary_name = identity.primary_name
        member.secondary_name = identity.secondary_name
        member.save(update_fields=["traveller", "primary_name", "secondary_name"])
        audit.record(
            actor,
            AuditAction.UPDATE,
            obj=member,
            object_repr=f"member {member.position} of {household}",
            after={"traveller": resolved.traveller.pk, "created": resolved.traveller_created},
        )
        if not household.members.filter(traveller__isnull=True).exists():
            household.completed_at = timezone.now()
            household.save(update_fields=["completed_at"])
    return member
