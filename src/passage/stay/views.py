from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passage.accounts import audit
from passage.accounts.access import SignedInRequest, requires
from passage.accounts.choices import AuditAction
from passage.core.problems import ProblemError
from passage.crossings.access import access_traveller

from . import services
from .access import access_case
from .choices import OverstayStatus
from .forms import VISA, ReviewForm, VisaForm
from .models import OverstayCase


def _cases(request: SignedInRequest) -> tuple[Any, dict[str, str]]:
    filters = {
        "status": request.GET.get("status", "open"),
        "post": request.GET.get("post", ""),
        "nationality": request.GET.get("nationality", "").upper(),
        "min_days": request.GET.get("min_days", ""),
    }
    cases = OverstayCase.objects.restrict(request.user).select_related(
        "entry__traveller", "entry__crossing_point", "reviewed_by"
    )
    if filters["status"] in OverstayStatus.values:
        cases = cases.filter(status=filters["status"])
    if filters["post"]:
        cases = cases.filter(entry__crossing_point__code=filters["post"])
    if filters["nationality"]:
        cases = cases.filter(entry__traveller__nationality_id=filters["nationality"])
    if filters["min_days"].isdigit():
        cases = cases.filter(
            authorised_until__lte=timezone.localdate() - dt.timedelta(days=int(filters["min_days"]))
        )
    return cases.order_by("authorised_until", "pk"), filters


@requires("stay.review_overstay")
def overstay_list(request: SignedInRequest) -> HttpResponse:
    cases, filters = _cases(request)
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    audit.record_now(
        request.user,
        AuditAction.READ,
        object_type="stay.overstaycase",
        details=filters,
        message="overstay list viewed",
    )
    return render(
        request,
        "stay/overstay_list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": OverstayStatus.choices,
            "today": timezone.localdate(),
            "last_run": services.last_report_run(),
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@requires("stay.review_overstay")
def overstay_export(request: SignedInRequest) -> StreamingHttpResponse:
    cases, filters = _cases(request)
    audit.record_now(
        request.user,
        AuditAction.EXPORT,
        object_type="stay.overstaycase",
        details=filters,
        message="overstay list exported",
    )
    today = timezone.localdate()
    writer = csv.writer(_Echo())
    header = [
        "case",
        "status",
        "surname",
        "given_names",
        "birth_date",
        "nationality",
        "entered",
        "post",
        "authorised_until",
        "days_over",
    ]

    def rows() -> Any:
        yield writer.writerow(header)
        for c in cases.iterator(chunk_size=2000):
            t = c.entry.traveller
            yield writer.writerow(
                [
                    c.id,
                    c.status,
                    t.primary_name,
                    t.secondary_name,
                    t.birth_date_display,
                    t.nationality_id or "",
                    timezone.localdate(c.entry.at).isoformat(),
                    c.entry.crossing_point.code,
                    c.authorised_until.isoformat(),
                    (today - c.authorised_until).days,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="overstays-{today}.csv"'
    return response


def _problems_to_messages(request: SignedInRequest, problems: dict[str, str]) -> None:
    """These pages answer with a redirect, so problems travel as messages, each named."""
    for name, message in problems.items():
        messages.error(request, f"{name}: {message}")


def _form_problems(form: forms.Form) -> dict[str, str]:
    return {name: " ".join(str(e) for e in errors) for name, errors in form.errors.items()}


@requires("stay.review_overstay")
@require_POST
def overstay_review(request: SignedInRequest, pk: str) -> HttpResponse:
    case = access_case(request.user, pk, "change")
    form = ReviewForm(request.POST)
    if not form.is_valid():
        _problems_to_messages(request, _form_problems(form))
        return redirect("stay:overstaycase_list")
    try:
        services.review_case(
            request.user,
            case,
            confirm=form.cleaned_data["decision"] == "confirm",
            note=form.cleaned_data["note"],
        )
    except ProblemError as exc:
        _problems_to_messages(request, exc.problems)
    else:
        messages.success(request, _("Review recorded."))
    return redirect("stay:overstaycase_list")


@requires("stay.record_visa")
@require_POST
def traveller_visa(request: SignedInRequest, pk: str) -> HttpResponse:
    traveller = access_traveller(request.user, pk, "change")
    form = VisaForm(request.POST)
    if not form.is_valid():
        _problems_to_messages(request, _form_problems(form))
        return redirect("crossings:traveller_detail", pk=traveller.pk)
    record = services.record_visa if form.cleaned_data["kind"] == VISA else services.record_permit
    try:
        record(request.user, traveller=traveller, **form.service_fields())
    except ProblemError as exc:
        _problems_to_messages(request, exc.problems)
    else:
        messages.success(request, _("Recorded."))
    return redirect("crossings:traveller_detail", pk=traveller.pk)
