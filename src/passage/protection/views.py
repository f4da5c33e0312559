"""Pages of humanitarian border management.

Protection officers: the queue, a flag and its referrals, case notes, the directory.
Officers and supervisors: indicator suggestions at the counter, mass-influx household
registration in emergency mode, completion of households into traveller records.
Every page that shows protection details records the read in the audit log.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passage.accounts import audit
from passage.accounts.access import SignedInRequest, requires
from passage.accounts.choices import AuditAction
from passage.accounts.idempotency import KeyReused
from passage.core.problems import ProblemError, show_on_form
from passage.reference.access import access_crossing_point
from passage.reference.choices import CrossingPointMode
from passage.travellers.services import Identity

from . import services
from .access import access_assessment, access_household, access_member, access_referral
from .choices import OPEN_REFERRAL, AgeBand, AssessmentStatus
from .forms import (
    SEXES,
    CloseForm,
    HouseholdForm,
    MemberForm,
    NoteForm,
    ReferralForm,
    StatusForm,
    count_field,
)
from .models import Assessment, Household, Referral, Service, ServiceProvider

QUEUE_PER_PAGE = 50


@requires("protection.view_protection")
def queue(request: SignedInRequest) -> HttpResponse:
    """The protection officer's queue: open flags and open referrals at their posts."""
    flags = Paginator(
        Assessment.objects.restrict(request.user)
        .filter(status=AssessmentStatus.OPEN)
        .select_related("traveller", "household", "crossing_point")
        .prefetch_related("indicators")
        .annotate(open_referrals=Count("referrals", filter=Q(referrals__status__in=OPEN_REFERRAL)))
        .order_by("-created_at", "pk"),
        QUEUE_PER_PAGE,
    ).get_page(request.GET.get("flags_page"))
    referrals = Paginator(
        Referral.objects.restrict(request.user)
        .filter(status__in=OPEN_REFERRAL)
        .select_related(
            "service",
            "provider",
            "crossing_point",
            "assessment__traveller",
            "assessment__household",
        )
        .queue_order(),
        QUEUE_PER_PAGE,
    ).get_page(request.GET.get("referrals_page"))
    audit.record_now(
        request.user,
        AuditAction.READ,
        object_type="protection.referral",
        object_id=",".join(str(r.pk) for r in referrals)[:100],
        details={
            "flags": [str(a.pk) for a in flags],
            "referrals": [str(r.pk) for r in referrals],
        },
        message="protection queue viewed",
    )
    return render(request, "protection/queue.html", {"flags": flags, "referrals": referrals})


@requires("protection.view_protection")
def assessment_detail(request: SignedInRequest, pk: str) -> HttpResponse:
    assessment = access_assessment(request.user, pk)
    codes = list(assessment.indicators.values_list("code", flat=True))
    suggested = services.suggestions(codes, assessment.crossing_point)
    initial: dict[str, Any] = {}
    if suggested:
        initial["service"] = suggested[0].service.code
        if suggested[0].providers:
            initial["provider"] = str(suggested[0].providers[0].pk)
    form = ReferralForm(initial=initial, services=list(Service.objects.all()))
    return _assessment_page(request, assessment, form, CloseForm(), suggested)


def _assessment_page(
    request: SignedInRequest,
    assessment: Assessment,
    form: ReferralForm,
    close_form: CloseForm,
    suggested: list[services.Suggestion] | None = None,
    status: int = 200,
) -> HttpResponse:
    if suggested is None:
        codes = list(assessment.indicators.values_list("code", flat=True))
        suggested = services.suggestions(codes, assessment.crossing_point)
    audit.record_read(request.user, assessment, message="protection flag viewed")
    return render(
        request,
        "protection/assessment_detail.html",
        {
            "assessment": assessment,
            "indicators": assessment.indicators.all(),
            "referrals": assessment.referrals.select_related("service", "provider"),
            "suggested": suggested,
            "form": form,
            "close_form": close_form,
            "members": assessment.household.members.all() if assessment.household else [],
        },
        status=status,
    )


@requires("protection.manage_referral")
@require_POST
def referral_create(request: SignedInRequest, pk: str) -> HttpResponse:
    assessment = access_assessment(request.user, pk)
    form = ReferralForm(request.POST, services=list(Service.objects.all()))
    if form.is_valid():
        data = services.ReferralInput(
            service=form.cleaned_data["service"],
            provider=form.cleaned_data["provider"],
            urgency=form.cleaned_data["urgency"],
            consent=form.cleaned_data["consent"],
            consent_override_reason=form.cleaned_data["consent_override_reason"],
            follow_up_on=form.cleaned_data["follow_up_on"],
            note=form.cleaned_data["note"],
        )
        try:
            referral = services.create_referral(request.user, assessment, data)
        except ProblemError as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, _("Referral recorded."))
            return redirect("protection:referral_detail", pk=referral.pk)
    return _assessment_page(request, assessment, form, CloseForm(), status=400)


@requires("protection.manage_referral")
@require_POST
def assessment_close(request: SignedInRequest, pk: str) -> HttpResponse:
    assessment = access_assessment(request.user, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.close_assessment(request.user, assessment, form.cleaned_data["note"])
        except ProblemError as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, _("Protection flag closed."))
            return redirect("protection:queue")
    return _assessment_page(
        request, assessment, ReferralForm(services=list(Service.objects.all())), form, status=400
    )


@requires("protection.view_protection")
def referral_detail(request: SignedInRequest, pk: str) -> HttpResponse:
    referral = access_referral(request.user, pk)
    return _referral_page(request, referral, StatusForm(), NoteForm())


def _referral_page(
    request: SignedInRequest,
    referral: Referral,
    status_form: StatusForm,
    note_form: NoteForm,
    status: int = 200,
) -> HttpResponse:
    audit.record_read(request.user, referral, message="referral and case notes viewed")
    return render(
        request,
        "protection/referral_detail.html",
        {
            "referral": referral,
            "assessment": referral.assessment,
            "events": referral.events.select_related("actor"),
            "notes": referral.notes.select_related("author"),
            "status_form": status_form,
            "note_form": note_form,
            "closed": referral.status not in OPEN_REFERRAL,
        },
        status=status,
    )


@requires("protection.manage_referral")
@require_POST
def referral_status(request: SignedInRequest, pk: str) -> HttpResponse:
    referral = access_referral(request.user, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.change_status(
                request.user,
                referral,
                form.cleaned_data["status"],
                form.cleaned_data["note"],
                provider=form.cleaned_data["provider"] or None,
            )
        except ProblemError as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, _("Referral updated."))
            return redirect("protection:referral_detail", pk=referral.pk)
    return _referral_page(request, referral, form, NoteForm(), status=400)


@requires("protection.manage_referral")
@require_POST
def referral_note(request: SignedInRequest, pk: str) -> HttpResponse:
    referral = access_referral(request.user, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(
                request.user, referral, form.cleaned_data["text"], form.cleaned_data["follow_up_on"]
            )
        except ProblemError as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, _("Case note added."))
            return redirect("protection:referral_detail", pk=referral.pk)
    return _referral_page(request, referral, StatusForm(), form, status=400)


@requires("protection.view_serviceprovider")
def provider_list(request: SignedInRequest) -> HttpResponse:
    service = request.GET.get("service", "")
    providers = ServiceProvider.objects.filter(active=True).prefetch_related("services", "areas")
    if service:
        providers = providers.filter(services__code=service).distinct()
    return render(
        request,
        "protection/provider_list.html",
        {"providers": providers, "services": Service.objects.all(), "service": service},
    )


@requires("protection.flag_vulnerability")
def counter_suggestions(request: SignedInRequest, code: str) -> HttpResponse:
    """At the counter: the referrals that fit the ticked indicators (an htmx fragment)."""
    point = access_crossing_point(request, code)
    codes = request.GET.getlist("protection_indicators")
    return render(
        request,
        "protection/partials/suggestions.html",
        {"suggested": services.suggestions(codes, point) if codes else []},
    )


# --- households -------------------------------------------------------------------


def _household_input(form: HouseholdForm) -> services.HouseholdInput:
    data = form.cleaned_data
    members = [
        services.MemberInput(sex=sex, age_band=band)
        for band in AgeBand.values
        for sex, _label in SEXES
        for _ in range(data.get(count_field(sex, band)) or 0)
    ]
    return services.HouseholdInput(
        head=services.MemberInput(
            sex=data["head_sex"],
            age_band=data["head_age_band"],
            primary_name=data["head_primary_name"],
            secondary_name=data["head_secondary_name"],
            document_type=data["head_document_type"],
            document_number=data["head_document_number"],
        ),
        members=members,
        indicators=data["indicators"],
        place_of_origin=data["place_of_origin"],
        intended_destination=data["intended_destination"],
        note=data["note"],
        submission_key=data["submission_key"],
    )


@requires("protection.register_household")
def household_register(request: SignedInRequest, code: str) -> HttpResponse:
    point = access_crossing_point(request, code)
    emergency = point.mode == CrossingPointMode.EMERGENCY
    form = HouseholdForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                registered = services.register_household(
                    request.user, point, _household_input(form)
                )
            except ProblemError as exc:
                show_on_form(form, exc)
            except services.NotPermitted as exc:
                raise Http404(str(exc)) from exc
            except KeyReused:
                form.add_error(
                    None,
                    _("This form was already used for another household: open it again."),
                )
            else:
                household = registered.household
                messages.success(
                    request,
                    _("Household of %(n)s registered%(flag)s.")
                    % {
                        "n": household.size,
                        "flag": _(": referred to protection") if registered.flagged else "",
                    },
                )
                return redirect("protection:household_register", code=point.code)
        status = 400
    today = (
        Household.objects.restrict(request.user)
        .filter(crossing_point=point)
        .order_by("-registered_at")
    )
    return render(
        request,
        "protection/household_register.html",
        {"point": point, "form": form, "emergency": emergency, "recent": today[:10]},
        status=status,
    )


@requires("protection.complete_household")
def household_list(request: SignedInRequest, code: str) -> HttpResponse:
    point = access_crossing_point(request, code)
    households = (
        Household.objects.restrict(request.user)
        .filter(crossing_point=point)
        .annotate(open_members=Count("members", filter=Q(members__traveller__isnull=True)))
        .order_by("completed_at", "-registered_at")[:300]
    )
    return render(
        request, "protection/household_list.html", {"point": point, "households": households}
    )


@requires("protection.complete_household")
def household_detail(request: SignedInRequest, pk: str) -> HttpResponse:
    household = access_household(request.user, pk)
    return _household_page(request, household)


def _household_page(
    request: SignedInRequest, household: Any, bad: Any = None, bad_form: Any = None
) -> HttpResponse:
    audit.record_read(request.user, household, message="household viewed for completion")
    members = list(household.members.select_related("traveller"))
    forms = [
        (
            member,
            bad_form
            if bad is not None and member.pk == bad.pk
            else MemberForm(
                initial={
                    "primary_name": member.primary_name,
                    "secondary_name": member.secondary_name,
                    "sex": member.sex if member.sex in ("F", "M", "X") else "X",
                    "document_type": member.document_type,
                    "number": member.document_number,
                }
            ),
        )
        for member in members
    ]
    flagged = household.assessments.filter(
        Q(status=AssessmentStatus.OPEN) | Q(referrals__status__in=OPEN_REFERRAL)
    ).exists()
    return render(
        request,
        "protection/household_detail.html",
        {"household": household, "forms": forms, "flagged": flagged},
        status=400 if bad is not None else 200,
    )


@requires("protection.complete_household")
@require_POST
def member_complete(request: SignedInRequest, pk: str) -> HttpResponse:
    member = access_member(request.user, pk)
    form = MemberForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        year, month, day = data["birth_date"]
        identity = Identity(
            primary_name=data["primary_name"],
            secondary_name=data["secondary_name"],
            sex=data["sex"],
            birth_year=year,
            birth_month=month,
            birth_day=day,
            nationality=data["nationality"],
            document_type=data["document_type"],
            issuing_state=data["issuing_state"] or data["nationality"],
            number=data["number"],
        )
        try:
            services.complete_member(request.user, member, identity)
        except ProblemError as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, _("Traveller record created."))
            return redirect("protection:household_detail", pk=member.household_id)
    return _household_page(request, member.household, member, form)
