from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passage.accounts import audit
from passage.accounts.access import requires
from passage.core.problems import ProblemError
from passage.reference.access import crossing_points_for
from passage.travellers.models import Traveller

from . import services
from .choices import OverstayStatus, PermitKind
from .models import OverstayCase


def _cases(request: HttpRequest) -> tuple[Any, dict[str, str]]:
    filters = {
        "status": request.GET.get("status", "open"),
        "post": request.GET.get("post", ""),
        "nationality": request.GET.get("nationality", "").upper(),
        "min_days": request.GET.get("min_days", ""),
    }
    cases = OverstayCase.objects.filter(
        entry__crossing_point__in=crossing_points_for(request.user)
    ).select_related("entry__traveller", "entry__crossing_point", "reviewed_by")
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
    return cases.order_by("authorised_until"), filters


@requires("stay.review_overstay")
def overstay_list(request: HttpRequest) -> HttpResponse:
    cases, filters = _cases(request)
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    audit.record_now(
        request.user,
        "read",
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
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@requires("stay.review_overstay")
def overstay_export(request: HttpRequest) -> StreamingHttpResponse:
    cases, filters = _cases(request)
    audit.record_now(
        request.user,
        "export",
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


@requires("stay.review_overstay")
@require_POST
def overstay_review(request: HttpRequest, pk: str) -> HttpResponse:
    case = OverstayCase.objects.filter(
        pk=pk, entry__crossing_point__in=crossing_points_for(request.user)
    ).first()
    if case is None:
        raise Http404("No such case.")
    try:
        services.review_case(
            request.user,
            case,
            confirm=request.POST.get("decision") == "confirm",
            note=request.POST.get("note", ""),
        )
    except ProblemError as exc:
        for name, message in exc.problems.items():
            messages.error(request, f"{name}: {message}")
    else:
        messages.success(request, _("Review recorded."))
    return redirect("stay:overstaycase_list")


@requires("stay.record_visa")
@require_POST
def traveller_visa(request: HttpRequest, pk: str) -> HttpResponse:
    traveller = Traveller.objects.filter(pk=pk).first()
    if traveller is None:
        raise Http404("No such traveller.")
    kind = request.POST.get("kind", "visa")
    try:
        valid_from = dt.date.fromisoformat(request.POST.get("valid_from", ""))
        valid_until = dt.date.fromisoformat(request.POST.get("valid_until", ""))
    except ValueError:
        messages.error(request, _("valid_from, valid_until: give dates as YYYY-MM-DD"))
        return redirect("crossings:traveller_detail", pk=traveller.pk)
    try:
        if kind == "visa":
            entries = request.POST.get("entries_allowed", "")
            duration = request.POST.get("duration_days", "")
            services.record_visa(
                request.user,
                traveller=traveller,
                number=request.POST.get("number", "").upper(),
                issuing_state_id=request.POST.get("issuing_state", "").upper() or None,
                valid_from=valid_from,
                valid_until=valid_until,
                entries_allowed=int(entries) if entries.isdigit() else None,
                duration_days=int(duration) if duration.isdigit() else None,
            )
        elif kind in PermitKind.values:
            services.record_permit(
                request.user,
                traveller=traveller,
                kind=kind,
                number=request.POST.get("number", "").upper(),
                valid_from=valid_from,
                valid_until=valid_until,
            )
        else:
            raise ProblemError({"kind": "visa, residence or work"})
    except ProblemError as exc:
        for name, message in exc.problems.items():
            messages.error(request, f"{name}: {message}")
    else:
        messages.success(request, _("Recorded."))
    return redirect("crossings:traveller_detail", pk=traveller.pk)
