"""The data-protection officer's pages: access reviews and the transparency report."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passage.accounts.access import SignedInRequest, requires
from passage.accounts.models import User
from passage.core.problems import ProblemError, show_on_form
from passage.statistics.queries import min_cell

from . import reviews, services, transparency
from .access import access_review, access_reviewed_user, reviews_for
from .forms import HoursForm, SignOffForm

REVIEW = "oversight.review_access"
PUBLISH = "oversight.publish_transparency"


def _last_month() -> tuple[dt.date, dt.date]:
    first = timezone.localdate().replace(day=1)
    end = first - dt.timedelta(days=1)
    return end.replace(day=1), end


@requires(REVIEW)
def review_list(request: SignedInRequest) -> HttpResponse:
    """Choose a user and a period; the reviews signed so far."""
    if chosen := request.GET.get("user"):
        subject = access_reviewed_user(request.user, chosen)
        period = urlencode({k: request.GET.get(k, "") for k in ("start", "end")})
        target = reverse("oversight:accessreview_user", kwargs={"pk": subject.pk})
        return redirect(f"{target}?{period}")
    start, end = _last_month()
    signed = Paginator(reviews_for(request.user).select_related("subject"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "oversight/review_list.html",
        {
            "users": User.objects.filter(is_active=True).order_by("username"),
            "start": start,
            "end": end,
            "signed": signed,
        },
    )


def _review_context(request: SignedInRequest, subject: User, **extra: Any) -> dict[str, Any]:
    return {"subject": subject, "params": request.GET, **extra}


@requires(REVIEW)
def review_user(request: SignedInRequest, pk: str) -> HttpResponse:
    """One user's reads over a period, the unusual flagged; sign-off and working hours."""
    subject = access_reviewed_user(request.user, pk)
    source = request.POST if request.method == "POST" else request.GET
    try:
        start, end = reviews.parse_period(source)
        found = reviews.review(subject, start, end, request.user)
    except ProblemError as exc:
        context = _review_context(request, subject, problems=exc.problems)
        return render(request, "oversight/review_user.html", context, status=400)
    form = SignOffForm()
    status = 200
    if request.method == "POST":
        form = SignOffForm(request.POST)
        if form.is_valid():
            try:
                signed = services.sign_off(
                    request.user, subject, start, end, form.cleaned_data["note"]
                )
            except ProblemError as exc:
                show_on_form(form, exc)
            else:
                messages.success(request, _("Review signed off."))
                return redirect("oversight:accessreview_detail", pk=signed.pk)
        status = 400
    services.record_review_viewed(request.user, subject, start, end, len(found.reads))
    only_flagged = request.GET.get("flagged") == "1"
    shown = found.flagged if only_flagged else found.reads
    page = Paginator(shown, 100).get_page(request.GET.get("page"))
    hours = found.hours[0] if found.hours_of == "user" else None
    hours_form = HoursForm(
        prefix="hours",
        initial={"weekdays": hours.weekdays, "start": hours.start, "end": hours.end}
        if hours
        else None,
    )
    return render(
        request,
        "oversight/review_user.html",
        _review_context(
            request,
            subject,
            review=found,
            page=page,
            only_flagged=only_flagged,
            form=form,
            hours_form=hours_form,
            period={"start": start.isoformat(), "end": end.isoformat()},
            own_review=subject.pk == request.user.pk,
        ),
        status=status,
    )


@requires(REVIEW)
@require_POST
def working_hours(request: SignedInRequest, pk: str) -> HttpResponse:
    subject = access_reviewed_user(request.user, pk)
    form = HoursForm(request.POST, prefix="hours")
    back = urlencode(
        {
            "start": request.POST.get("period_start", ""),
            "end": request.POST.get("period_end", ""),
        }
    )
    if form.is_valid():
        try:
            services.set_working_hours(
                request.user,
                form.cleaned_data["weekdays"],
                form.cleaned_data["start"],
                form.cleaned_data["end"],
                user=subject,
            )
        except ProblemError as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, _("Working hours saved."))
            target = reverse("oversight:accessreview_user", kwargs={"pk": subject.pk})
            return redirect(f"{target}?{back}")
    return render(
        request,
        "oversight/working_hours.html",
        {"subject": subject, "hours_form": form, "back": back},
        status=400,
    )


@requires(REVIEW)
def review_detail(request: SignedInRequest, pk: str) -> HttpResponse:
    signed = access_review(request.user, pk)
    return render(request, "oversight/review_detail.html", {"signed": signed})


@requires(PUBLISH)
def transparency_page(request: SignedInRequest) -> HttpResponse:
    raw = request.GET.get("year") or str(timezone.localdate().year - 1)
    try:
        year = transparency.parse_year(raw)
    except ProblemError as exc:
        return render(
            request,
            "oversight/transparency.html",
            {"problems": exc.problems, "year": raw},
            status=400,
        )
    sections = transparency.report(year)
    services.record_transparency(request.user, year, "page")
    return render(
        request,
        "oversight/transparency.html",
        {"year": year, "sections": sections, "min_cell": min_cell()},
    )


@requires(PUBLISH)
def transparency_export(request: SignedInRequest, year: str, fmt: str) -> HttpResponse:
    try:
        number = transparency.parse_year(year)
        if fmt not in transparency.FORMATS:
            raise ProblemError({"format": "csv, hxl or xlsx"})
    except ProblemError as exc:
        return HttpResponse(
            "; ".join(f"{k}: {v}" for k, v in exc.problems.items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    content_type, write = transparency.FORMATS[fmt]
    body = write(number, transparency.report(number))
    services.record_transparency(request.user, number, fmt)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{transparency.filename(number, fmt)}"'
    return response
