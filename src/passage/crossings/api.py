"""The counter's API: document readers and e-gates record crossings through it."""

import datetime as dt
import uuid
from typing import Annotated, Any, Literal, cast

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from passage.accounts import audit
from passage.accounts.api import AuthedRequest, ErrorOut, requires_api
from passage.accounts.fields import SINGLE_LINE, Code, MrzText, Name, Note, Reason
from passage.accounts.idempotency import KeyReused
from passage.core.mrz import parse_mrz
from passage.core.problems import ProblemError
from passage.documents import chips
from passage.reference.access import access_crossing_point
from passage.reference.choices import CrossingPointMode
from passage.travellers import corrections
from passage.travellers.choices import DocumentType
from passage.travellers.models import Traveller
from passage.travellers.queries import recognise
from passage.travellers.services import Identity

from . import services
from .access import access_traveller, history
from .forms import parse_partial_date
from .models import Crossing, CrossingQuerySet

router = Router(tags=["crossings"])


class PersonIn(Schema):
    primary_name: Name = ""
    secondary_name: Name = ""
    native_primary_name: Name = ""
    native_secondary_name: Name = ""
    sex: Annotated[str, Field(max_length=1), SINGLE_LINE] = ""
    birth_date: Annotated[str, Field(max_length=10), SINGLE_LINE] = Field(
        "", description="YYYY-MM-DD, YYYY-MM or YYYY"
    )
    nationality: Annotated[str, Field(max_length=3), SINGLE_LINE] = ""
    document_type: Code = DocumentType.PASSPORT
    issuing_state: Annotated[str, Field(max_length=3), SINGLE_LINE] = ""
    number: Annotated[str, Field(max_length=24), SINGLE_LINE] = ""
    expiry_date: dt.date | None = None
    issue_date: dt.date | None = Field(
        default=None,
        description="the document's date of issue as printed on the data page (not in the "
        "MRZ); optional; refused (422 naming issue_date) before 1950, in the future, or on "
        "or after the expiry date",
    )


class DocumentOverrideIn(Schema):
    checked_by_hand: Literal[True] = Field(
        ..., description="the officer examined the document itself and accepts it"
    )
    reason: Reason = Field(
        ..., min_length=1, description="what was checked, and why it is accepted"
    )


class ChipFilesIn(Schema):
    files: dict[str, str] = Field(
        ..., description="each file of the chip (EF.SOD, EF.DG1, EF.DG2…) as base64, by name"
    )


class CrossingIn(Schema):
    crossing_point: Code = Field(..., description="code of the crossing point, e.g. UTO-AIR")
    direction: Literal["entry", "exit"]
    mrz: MrzText = Field("", description="the MRZ lines as read; fields below fill what it lacks")
    person: PersonIn | None = None
    traveller_id: uuid.UUID | None = Field(
        None, description="an existing traveller the officer confirmed"
    )
    decision: Literal["admitted", "refused", "secondary"] = "admitted"
    refusal_grounds: list[Code] = Field([], max_length=20)
    at: dt.datetime | None = None
    purpose: Code = "unknown"
    transport_mode: Annotated[str, Field(max_length=8), SINGLE_LINE] = ""
    carrier: Annotated[str, Field(max_length=80), SINGLE_LINE] = ""
    transport_reference: Annotated[str, Field(max_length=40), SINGLE_LINE] = ""
    eu_family_of: Annotated[str, Field(max_length=3), SINGLE_LINE] = Field(
        "",
        description="the traveller is a family member of a citizen of this free-movement "
        "state (ICAO code, e.g. FRA, D) exercising that right: kept one year after the exit "
        "(EES art. 34(2)); needs eu_family_document",
    )
    eu_family_document: Annotated[str, Field(max_length=40), SINGLE_LINE] = Field(
        "", description="the number of the citizen's document shown as evidence of the tie"
    )
    authorised_until: dt.date | None = None
    secondary_reason: Reason = ""
    notes: Note = ""
    submission_key: uuid.UUID | None = Field(
        None, description="idempotency key: a retry with the same key returns the first crossing"
    )
    protection_indicators: list[Code] = Field(
        [], max_length=20, description="vulnerability indicator codes to flag (protection app)"
    )
    document_override: DocumentOverrideIn | None = Field(
        None,
        description="An MRZ that fails its checks may be admitted only with this override "
        "(audited; the crossing goes to the supervisors' document-override review queue). "
        "Without it such an admission answers 422 naming the failed fields as mrz.<field>.",
    )
    chip: ChipFilesIn | None = Field(
        None,
        description="The document's chip as the reader read it (EF.SOD, EF.DG1, EF.DG2… "
        "as base64, by name). It is verified against the trusted CSCAs and the MRZ; the "
        "verdict and each check are stored on the crossing, never the files. A failed chip "
        "turns an admission into a referral to secondary inspection; a file that cannot "
        "be read answers 422 naming chip.files.<file>.",
    )


class CrossingOut(Schema):
    id: uuid.UUID
    direction: str
    crossing_point: str
    at: dt.datetime
    traveller_id: uuid.UUID
    document_id: uuid.UUID | None
    decision: str = Field(..., description="the decision recorded at the counter")
    effective_decision: str = Field(
        ..., description="the decision that stands: the secondary inspection's outcome once decided"
    )
    refusal_grounds: list[str]
    purpose: str
    transport_mode: str
    carrier: str
    transport_reference: str
    eu_family_of: str = Field(
        "", description="family member of a citizen of this free-movement state (or empty)"
    )
    eu_family_document: str = Field("", description="the citizen's document seen as evidence")
    authorised_until: dt.date | None
    closes: uuid.UUID | None
    review_reason: str
    minimal: bool
    officer: str
    chip_verdict: str = Field(
        ..., description="passed, failed or cannot_tell; empty when no chip was read"
    )
    chip_report: dict[str, Any] = Field(
        ..., description="each passive-authentication check with its reason (docs/chip.md)"
    )

    @staticmethod
    def resolve_effective_decision(obj: Crossing) -> str:
        return obj.get_effective_decision()

    @staticmethod
    def resolve_crossing_point(obj: Crossing) -> str:
        return obj.crossing_point.code

    @staticmethod
    def resolve_refusal_grounds(obj: Crossing) -> list[str]:
        return [g.code for g in obj.refusal_grounds.all()]

    @staticmethod
    def resolve_closes(obj: Crossing) -> uuid.UUID | None:
        return obj.closes_id

    @staticmethod
    def resolve_officer(obj: Crossing) -> str:
        return obj.officer.get_username()


class RecordedOut(Schema):
    crossing: CrossingOut
    created: bool
    warnings: list[str]
    stay: dict[str, Any] | None = Field(
        None,
        description="The stay calculator's assessment (authorised_until, days_used, "
        "days_remaining, overstay_days, decided_by, rule; reasons when it cannot tell). "
        "An admitted entry sent without authorised_until is recorded with its date.",
    )


def _partial(value: str) -> tuple[int | None, int | None, int | None]:
    from django import forms

    try:
        return parse_partial_date(value) if value else (None, None, None)
    except forms.ValidationError as exc:
        raise HttpError(422, f"person.birth_date: {exc.messages[0]}") from exc


def _identity(payload: CrossingIn) -> Identity:
    person = payload.person or PersonIn(birth_date="")
    year, month, day = _partial(person.birth_date)
    identity = Identity(
        primary_name=person.primary_name,
        secondary_name=person.secondary_name,
        native_primary_name=person.native_primary_name,
        native_secondary_name=person.native_secondary_name,
        sex=person.sex,
        birth_year=year,
        birth_month=month,
        birth_day=day,
        nationality=person.nationality,
        document_type=person.document_type,
        issuing_state=person.issuing_state,
        number=person.number,
        expiry_date=person.expiry_date,
        issue_date=person.issue_date,
    )
    if payload.mrz.strip():
        result = parse_mrz(payload.mrz, reference=timezone.localdate())
        if result.format is None:
            messages = "; ".join(f"{e.field}: {e.message}" for e in result.errors)
            raise HttpError(422, f"mrz: not a machine readable zone ({messages})")
        identity.mrz = result.mrz
        identity.mrz_format = result.format
        identity.document_code = (result.document_code or "").replace("<", "")[:2]
        identity.document_type = DocumentType.from_mrz_code(result.document_code or "")
        for name, value in (
            ("primary_name", result.surname),
            ("secondary_name", result.given_names),
            ("issuing_state", result.issuing_state),
            ("number", result.document_number),
            ("nationality", result.nationality),
        ):
            if value and not getattr(identity, name):
                setattr(identity, name, value)
        if result.sex in ("F", "M", "X") and not identity.sex:
            identity.sex = result.sex
        if result.birth_date and identity.birth_year is None:
            identity.birth_year, identity.birth_month, identity.birth_day = (
                result.birth_date.year,
                result.birth_date.month,
                result.birth_date.day,
            )
        elif result.birth_date_partial and identity.birth_year is None:
            given_year, _sep, given_month = result.birth_date_partial.partition("-")
            identity.birth_year = int(given_year)
            identity.birth_month = int(given_month) if given_month else None
        if result.expiry_date and identity.expiry_date is None:
            identity.expiry_date = result.expiry_date
    return identity


@router.post(
    "/crossings",
    response={
        201: RecordedOut,
        200: RecordedOut,
        409: ErrorOut,
        422: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
    },
    summary="Record an entry or exit (from the MRZ or from fields)",
)
@requires_api("crossings.record_crossing")
def record_crossing(request: AuthedRequest, payload: CrossingIn) -> Status[Any]:
    point = access_crossing_point(request, payload.crossing_point)

    if (
        payload.at is not None
        and point.mode != CrossingPointMode.DEGRADED
        and timezone.is_aware(payload.at)
        and payload.at < timezone.now() - services.CLOCK_TOLERANCE
    ):
        # As on the counter page: a time in the past is recorded only in degraded mode.
        return Status(
            422,
            {
                "detail": {
                    "at": f"{point.code} is not in degraded mode: record the crossing now, "
                    "or switch the post to degraded mode to record earlier ones"
                }
            },
        )
    data = services.CrossingInput(
        direction=payload.direction,
        identity=_identity(payload),
        decision=payload.decision,
        at=payload.at,
        purpose=payload.purpose,
        transport_mode=payload.transport_mode,
        carrier=payload.carrier,
        transport_reference=payload.transport_reference,
        eu_family_of=payload.eu_family_of,
        eu_family_document=payload.eu_family_document,
        refusal_grounds=payload.refusal_grounds,
        notes=payload.notes,
        authorised_until=payload.authorised_until,
        secondary_reason=payload.secondary_reason,
        traveller_id=payload.traveller_id,
        submission_key=payload.submission_key or _idempotency_key(request),
        minimal=point.mode == CrossingPointMode.DEGRADED,
        assess_stay=point.mode != CrossingPointMode.DEGRADED,
        document_override_reason=payload.document_override.reason
        if payload.document_override
        else "",
        chip=_chip(payload),
    )
    if data.minimal and not data.identity.issuing_state:
        data.identity.issuing_state = data.identity.nationality
    if payload.protection_indicators:  # protection app
        if not request.auth.has_perm("protection.flag_vulnerability"):
            raise HttpError(403, "protection_indicators: you may not flag indicators")
        data.protection_indicators = payload.protection_indicators
    try:
        recorded = services.record_crossing(request.auth, point, data)
    except services.NotAllowedHere as exc:
        raise HttpError(403, str(exc)) from exc
    except KeyReused as exc:
        return Status(409, {"detail": {"submission_key": str(exc)}})
    body = {
        "crossing": recorded.crossing,
        "created": recorded.created,
        "warnings": list(recorded.warnings),
        "stay": recorded.stay,
    }
    return Status(201 if recorded.created else 200, body)


def _chip(payload: CrossingIn) -> dict[str, Any] | None:
    if payload.chip is None:
        return None
    files = chips.decode_files(payload.chip.files, field="chip.files")
    return chips.check_chip(files, payload.mrz.strip() or None, field="chip.files").report


def _idempotency_key(request: AuthedRequest) -> uuid.UUID | None:
    value = request.headers.get("Idempotency-Key", "")
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise HttpError(422, "Idempotency-Key: must be a UUID") from exc


class TravellerOut(Schema):
    id: uuid.UUID
    primary_name: str
    secondary_name: str
    native_primary_name: str
    native_secondary_name: str
    sex: str
    birth_date: str
    nationality: str | None

    @staticmethod
    def resolve_birth_date(obj: Traveller) -> str:
        return obj.birth_date_display

    @staticmethod
    def resolve_nationality(obj: Traveller) -> str | None:
        return obj.nationality_id


class HistoryOut(Schema):
    traveller: TravellerOut
    crossings: list[CrossingOut]


def _history(request: AuthedRequest, traveller: Traveller) -> dict[str, Any]:
    audit.record_read(request.auth, traveller, message="traveller history read through the API")
    crossings = (
        cast(CrossingQuerySet, history(request.auth, traveller))
        .with_effective_decision()
        .select_related("crossing_point", "officer")
        .prefetch_related("refusal_grounds")[:500]
    )
    return {"traveller": traveller, "crossings": list(crossings)}


@router.get(
    "/travellers/{traveller_id}/history", response=HistoryOut, summary="A traveller's crossings"
)
@requires_api("travellers.view_traveller_history")
def traveller_history(request: AuthedRequest, traveller_id: uuid.UUID) -> dict[str, Any]:
    traveller = access_traveller(request.auth, traveller_id)
    return _history(request, traveller)


@router.get(
    "/travellers/by-document", response=HistoryOut, summary="Look up a traveller by document"
)
@requires_api("travellers.view_traveller_history")
def traveller_by_document(
    request: AuthedRequest, issuing_state: str, number: str
) -> dict[str, Any]:
    document = recognise(issuing_state, number)
    if document is None:
        raise HttpError(404, "No traveller known by this document.")
    return _history(request, document.traveller)


@router.get(
    "/crossing-points/{code}/crossings",
    response=list[CrossingOut],
    summary="Crossings at a post, newest first (403 when you are not assigned there)",
)
@requires_api("crossings.view_crossing")
def post_crossings(
    request: AuthedRequest,
    code: str,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int = Query(100, ge=1, le=1000),  # type: ignore[type-arg]
) -> list[Crossing]:
    point = access_crossing_point(request, code, "view")
    qs = Crossing.objects.restrict(request.auth).filter(crossing_point=point)
    if since:
        qs = qs.filter(at__gte=since)
    if until:
        qs = qs.filter(at__lt=until)
    audit.record_now(
        request.auth, "read", obj=point, message=f"crossings listed through the API (limit {limit})"
    )
    return list(
        qs.with_effective_decision()
        .select_related("crossing_point", "officer")
        .prefetch_related("refusal_grounds")
        .order_by("-at")[:limit]
    )


class CorrectionIn(Schema):
    """Only the fields given are corrected; ``version`` is the one the caller read."""

    version: int = Field(..., ge=1, description="the traveller's version the correction is made on")
    reason: Reason = Field(..., min_length=1, description="why the record is corrected")
    primary_name: Name | None = None
    secondary_name: Name | None = None
    native_primary_name: Name | None = None
    native_secondary_name: Name | None = None
    sex: Literal["F", "M", "X", ""] | None = None
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None
    nationality: Code | None = Field(None, description="ICAO code")


_TEXT_FIELDS = {
    "primary_name",
    "secondary_name",
    "native_primary_name",
    "native_secondary_name",
    "sex",
}


class CorrectionOut(Schema):
    id: uuid.UUID
    version: int
    changes: dict[str, Any]


@router.post(
    "/travellers/{traveller_id}/corrections",
    response={201: CorrectionOut, 404: ErrorOut, 422: ErrorOut},
    summary="Correct some of a traveller's fields (sent to HQ field by field)",
    description=(
        "Each field given is corrected; `version` is the traveller's version the caller "
        "read (a correction on an older version is refused with 422 on `version`). At a "
        "post the correction travels to HQ as field-level changes and is merged there; "
        "a clash with another correction of the same field waits for a supervisor "
        "(docs/sync.md, decision 0105)."
    ),
)
@requires_api("travellers.correct_traveller")
def correct_traveller(
    request: AuthedRequest, traveller_id: uuid.UUID, payload: CorrectionIn
) -> Status[Any]:
    traveller = access_traveller(request.auth, traveller_id, "change")
    changes: dict[str, Any] = {}
    for name in sorted(payload.model_fields_set - {"version", "reason"}):
        value = getattr(payload, name)
        if value is None and name in _TEXT_FIELDS:
            value = ""  # an emptied name is blank, never null
        changes["nationality_id" if name == "nationality" else name] = value
    if not changes:
        raise ProblemError({"changes": "give at least one field to correct"})
    correction = corrections.correct(
        request.auth, traveller.pk, changes, version=payload.version, reason=payload.reason
    )
    return Status(
        201,
        {
            "id": correction.pk,
            "version": correction.base_version + 1,
            "changes": correction.changes,
        },
    )
