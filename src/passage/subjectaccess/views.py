"""The data-protection officer's pages for a person's requests, and the protection
officer's release page. Every view names its permission; every step is audited by the
services it calls."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from passage.accounts.access import NotFound, SignedInRequest, requires
from passage.core.problems import ProblemError, show_on_form

from . import pdf, services
from .access import HANDLE, RELEASE, access_request, requests_for
from .choices import RequestKind, RequestStatus
from .forms import AnswerForm, DecisionForm, ReleaseForm, RequestForm
from .personfile import dumps, with_protection_records

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
REQUESTS_PER_PAGE = 50


@requires(HANDLE)
@require_http_methods(["GET", "POST"])
def request_list(request: SignedInRequest) -> HttpResponse:
    """Requests with their legal deadline (overdue flagged), and a form for a new one."""
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.receive_request(
                request.user,
                data["kind"],
                services.Lookup(
                    document=data["document"],
                    surname=data["surname"],
                    given_names=data["given_names"],
                    birth_date=data["birth_date"],
                ),
                received_on=data["received_on"],
                requester=data["requester"],
                details=data["details"],
                changes=form.changes(),
            )
        except ProblemError as exc:
            show_on_form(form, exc)
        else:
            if created.traveller_id is None:
                messages.warning(
                    request,
                    _(
                        "Passage holds no record of a person by this description. The request is recorded and can be answered so."
                    ),
                )
            return redirect("subjectaccess:subjectrequest_detail", pk=created.pk)
    status = request.GET.get("status", "open")
    rows = requests_for(request.user).select_related("traveller").order_by("due_on", "received_on")
    if status == "open":
        rows = rows.exclude(status=RequestStatus.ANSWERED)
    page = Paginator(rows.order_by("due_on", "received_on", "pk"), REQUESTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "subjectaccess/request_list.html",
        {
            "form": form,
            "requests": page,
            "page": page,
            "status": status,
            "today": timezone.localdate(),
            "overdue": requests_for(request.user)
            .exclude(status=RequestStatus.ANSWERED)
            .filter(due_on__lt=timezone.localdate())
            .count(),
        },
        status=422 if form.errors else 200,
    )


@requires(HANDLE)
@require_http_methods(["GET"])
def request_detail(request: SignedInRequest, pk: str) -> HttpResponse:
    """One request and the person's file (reading it is audited on the person)."""
    subject_request = access_request(request.user, pk)
    data = services.assemble_file(request.user, subject_request)
    return render(
        request,
        "subjectaccess/request_detail.html",
        {
            "req": subject_request,
            "file": data,
            "decision_form": DecisionForm(),
            "answer_form": AnswerForm(),
            "export_languages": settings.LANGUAGES,
        },
    )


@requires(HANDLE)
@require_POST
def request_decide(request: SignedInRequest, pk: str) -> HttpResponse:
    subject_request = access_request(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_request(
                request.user,
                subject_request,
                form.cleaned_data["outcome"],
                form.cleaned_data["reason"],
            )
        except ProblemError as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("subjectaccess:subjectrequest_detail", pk=subject_request.pk)
    data = services.assemble_file(request.user, subject_request)
    return render(
        request,
        "subjectaccess/request_detail.html",
        {
            "req": subject_request,
            "file": data,
            "decision_form": form,
            "answer_form": AnswerForm(),
            "export_languages": settings.LANGUAGES,
        },
        status=422,
    )


@requires(HANDLE)
@require_POST
def request_answer(request: SignedInRequest, pk: str) -> HttpResponse:
    subject_request = access_request(request.user, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_request(request.user, subject_request, form.cleaned_data["answered_on"])
        except ProblemError as exc:
            for field, message in exc.problems.items():
                messages.error(request, f"{field}: {message}")
        else:
            messages.success(request, _("Answer recorded."))
    else:
        messages.error(request, _("Give a valid date."))
    return redirect("subjectaccess:subjectrequest_detail", pk=subject_request.pk)


@requires(HANDLE)
@require_http_methods(["GET"])
def request_export(request: SignedInRequest, pk: str, fmt: str) -> HttpResponse:
    """The person's file as PDF or JSON, in the language asked for (``?lang=``)."""
    subject_request = access_request(request.user, pk)
    if fmt not in ("pdf", "json"):
        raise NotFound("The file is given as PDF or JSON.")
    language = request.GET.get("lang", translation.get_language() or "en")
    if language not in LANGUAGE_CODES:
        return HttpResponse(
            _("lang: one of %(codes)s") % {"codes": ", ".join(LANGUAGE_CODES)},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    with translation.override(language):
        data = services.assemble_file(
            request.user, subject_request, purpose=f"subject access: export {fmt} ({language})"
        )
        if fmt == "pdf":
            body = pdf.render(data)
            content_type = "application/pdf"
        else:
            body = dumps(data).encode()
            content_type = "application/json"
    services.record_export(request.user, subject_request, fmt, language)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="person-file-{subject_request.pk}-{language}.{fmt}"'
    )
    return response


@requires(RELEASE)
@require_http_methods(["GET", "POST"])
def release_list(request: SignedInRequest) -> HttpResponse:
    """Access requests about persons with protection records, awaiting release."""
    # Filtered and ordered by the database, then paged: the page took the 200 requests
    # due first of every open access request and kept those naming protected persons,
    # so past 200 a protected person's request never reached it (decision 0223).
    pending = Paginator(
        with_protection_records(
            requests_for(request.user)
            .filter(kind=RequestKind.ACCESS, protection_release__isnull=True)
            .exclude(status=RequestStatus.ANSWERED)
        )
        .select_related("traveller")
        .order_by("due_on", "received_on", "pk"),
        REQUESTS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    form = ReleaseForm(request.POST or None)
    if request.method == "POST":
        subject_request = access_request(request.user, request.POST.get("request", ""))
        if form.is_valid():
            try:
                services.release_protection(
                    request.user,
                    subject_request,
                    released=form.cleaned_data["released"] == "yes",
                    note=form.cleaned_data["note"],
                )
            except ProblemError as exc:
                show_on_form(form, exc)
            else:
                messages.success(request, _("Your answer is recorded."))
                return redirect("subjectaccess:protectionrelease_list")
    return render(
        request,
        "subjectaccess/release_list.html",
        {"pending": pending, "form": form},
        status=422 if form.errors else 200,
    )
