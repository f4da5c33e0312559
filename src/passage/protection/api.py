"""The protection API: mass-influx registration, and referrals for protection officers."""

import datetime as dt
import uuid
from typing import Annotated, Any

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from passage.accounts import audit
from passage.accounts.api import MAX_OFFSET, AuthedRequest, ErrorOut, requires_api
from passage.accounts.choices import AuditAction
from passage.accounts.fields import SINGLE_LINE, Code, Name, Note, Place
from passage.accounts.idempotency import KeyReused
from passage.reference.access import access_crossing_point

from . import services
from .access import access_assessment, access_referral
from .choices import OPEN_REFERRAL, HouseholdDocument
from .models import Indicator, Referral

router = Router(tags=["protection"])


class IndicatorOut(Schema):
    code: str
    category: str
    label: str
    parent: str | None = Field(None, alias="parent_id")
    always_refer: bool


@router.get(
    "/protection/indicators", response=list[IndicatorOut], summary="Vulnerability indicators"
)
@requires_api("protection.flag_vulnerability")
def indicators(request: AuthedRequest) -> Any:
    return Indicator.objects.filter(active=True)


class MemberIn(Schema):
    sex: str = Field(..., description="F, M or X")
    age_band: str = Field(..., description="0-4, 5-11, 12-17, 18-59 or 60+")
    primary_name: Name = ""
    secondary_name: Name = ""
    document_type: Annotated[str, Field(max_length=20), SINGLE_LINE] = HouseholdDocument.NONE
    document_number: Annotated[str, Field(max_length=24), SINGLE_LINE] = ""


class MemberCountIn(Schema):
    sex: str
    age_band: str
    count: int = Field(1, ge=1, le=40)


class HouseholdIn(Schema):
    crossing_point: Code
    head: MemberIn
    members: list[MemberCountIn] = Field(
        [], description="the other members, counted by sex and age band"
    )
    indicators: list[Code] = Field([], max_length=40)
    place_of_origin: Place
    intended_destination: Place
    note: Note = ""
    submission_key: uuid.UUID | None = None


class HouseholdOut(Schema):
    id: uuid.UUID
    crossing_point: str
    size: int
    registered_at: dt.datetime
    created: bool
    referred: bool = Field(description="flagged for protection (details: protection officers)")


@router.post(
    "/protection/households",
    response={
        201: HouseholdOut,
        200: HouseholdOut,
        409: ErrorOut,
        422: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
    },
    summary="Register a household at a post in emergency mode (mass influx)",
)
@requires_api("protection.register_household")
def register_household(request: AuthedRequest, payload: HouseholdIn) -> Status[Any]:
    point = access_crossing_point(request, payload.crossing_point)
    if sum(m.count for m in payload.members) >= services.MAX_HOUSEHOLD:
        return Status(
            422,
            {"detail": {"members": f"at most {services.MAX_HOUSEHOLD} people in one household"}},
        )
    data = services.HouseholdInput(
        head=services.MemberInput(**payload.head.dict()),
        members=[
            services.MemberInput(sex=m.sex, age_band=m.age_band)
            for m in payload.members
            for _ in range(m.count)
        ],
        indicators=payload.indicators,
        place_of_origin=payload.place_of_origin,
        intended_destination=payload.intended_destination,
        note=payload.note,
        submission_key=payload.submission_key,
    )
    try:
        registered = services.register_household(request.auth, point, data)
    except services.NotPermitted as exc:
        raise HttpError(403, str(exc)) from exc
    except KeyReused as exc:
        return Status(409, {"detail": {"submission_key": str(exc)}})
    household = registered.household
    return Status(
        201 if registered.created else 200,
        {
            "id": household.pk,
            "crossing_point": household.crossing_point.code,
            "size": household.size,
            "registered_at": household.registered_at,
            "created": registered.created,
            "referred": registered.flagged,
        },
    )


class ReferralOut(Schema):
    id: uuid.UUID
    assessment: uuid.UUID
    crossing_point: str
    traveller: uuid.UUID | None
    household: uuid.UUID | None
    indicators: list[str]
    service: str
    provider: uuid.UUID | None
    provider_name: str
    urgency: str
    consent: str
    consent_override_reason: str
    status: str
    automatic: bool
    follow_up_on: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime


def _out(referral: Referral) -> dict[str, Any]:
    assessment = referral.assessment
    return {
        "id": referral.pk,
        "assessment": assessment.pk,
        "crossing_point": referral.crossing_point.code,
        "traveller": assessment.traveller_id,
        "household": assessment.household_id,
        "indicators": sorted(i.code for i in assessment.indicators.all()),
        "service": referral.service_id,
        "provider": referral.provider_id,
        "provider_name": referral.provider.organisation if referral.provider else "",
        "urgency": referral.urgency,
        "consent": referral.consent,
        "consent_override_reason": referral.consent_override_reason,
        "status": referral.status,
        "automatic": referral.automatic,
        "follow_up_on": referral.follow_up_on,
        "created_at": referral.created_at,
        "updated_at": referral.updated_at,
    }


@router.get(
    "/protection/referrals",
    response=list[ReferralOut],
    summary="Open referrals at the caller's posts (the protection officer's queue)",
)
@requires_api("protection.view_protection")
def referral_queue(
    request: AuthedRequest,
    offset: int = Query(0, ge=0, le=MAX_OFFSET),  # type: ignore[type-arg]
    limit: int = Query(500, ge=1, le=500),  # type: ignore[type-arg]
) -> Any:
    """As the queue page orders them: the most urgent first, the longest-waiting first
    within one urgency; ``offset`` and ``limit`` page through them."""
    referrals = list(
        Referral.objects.restrict(request.auth)
        .filter(status__in=OPEN_REFERRAL)
        .select_related("assessment", "crossing_point", "provider")
        .prefetch_related("assessment__indicators")
        .queue_order()[offset : offset + limit]
    )
    audit.record_now(
        request.auth,
        AuditAction.READ,
        object_type="protection.referral",
        details={"referrals": [str(r.pk) for r in referrals]},
        message="protection queue read through the API",
    )
    return [_out(r) for r in referrals]


def _referral(request: AuthedRequest, pk: uuid.UUID) -> Referral:
    return access_referral(request.auth, pk)


@router.get(
    "/protection/referrals/{pk}",
    response={200: ReferralOut, 404: ErrorOut},
    summary="One referral (audited read)",
)
@requires_api("protection.view_protection")
def referral(request: AuthedRequest, pk: uuid.UUID) -> Any:
    found = _referral(request, pk)
    audit.record_read(request.auth, found, message="referral read through the API")
    return _out(found)


class ReferralIn(Schema):
    service: str
    provider: uuid.UUID
    urgency: str = "routine"
    consent: str = Field("", description="given, or override with consent_override_reason")
    consent_override_reason: Note = ""
    follow_up_on: dt.date | None = None
    note: Note = ""


@router.post(
    "/protection/flags/{pk}/referrals",
    response={201: ReferralOut, 404: ErrorOut, 422: ErrorOut},
    summary="Refer a flagged person to a provider for a service",
)
@requires_api("protection.manage_referral")
def create_referral(request: AuthedRequest, pk: uuid.UUID, payload: ReferralIn) -> Status[Any]:
    assessment = access_assessment(request.auth, pk, "change")
    created = services.create_referral(
        request.auth,
        assessment,
        services.ReferralInput(**payload.dict()),
    )
    return Status(201, _out(created))


class StatusIn(Schema):
    status: Annotated[str, Field(max_length=12), SINGLE_LINE]
    note: Note = ""
    provider: uuid.UUID | None = None


@router.post(
    "/protection/referrals/{pk}/status",
    response={200: ReferralOut, 404: ErrorOut, 422: ErrorOut},
    summary="Change a referral's status (with history)",
)
@requires_api("protection.manage_referral")
def referral_status(request: AuthedRequest, pk: uuid.UUID, payload: StatusIn) -> Status[Any]:
    found = _referral(request, pk)
    changed = services.change_status(
        request.auth,
        found,
        payload.status,
        payload.note,
        provider=payload.provider,
    )
    return Status(200, _out(access_referral(request.auth, changed.pk)))
