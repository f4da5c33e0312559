"""Alert lists (administrators), hit review (supervisors)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passage.accounts import audit
from passage.accounts.access import SignedInRequest, requires
from passage.accounts.choices import AuditAction
from passage.core.problems import ProblemError, show_on_form

from . import conf, indexes, screening, services
from .access import access_entry, access_hit, access_list
from .choices import HitStatus, ListKind
from .forms import AlertListForm, EntryForm, HitDecisionForm, ImportForm, StatusForm, WithdrawForm
from .models import AlertList, ScreeningHit

ENTRIES_SHOWN = 100
HITS_PER_PAGE = 50


@requires("alerts.view_alertlist")
def list_index(request: SignedInRequest) -> HttpResponse:
    lists = AlertList.objects.select_related("active_version").order_by("name")
    return render(request, "alerts/alertlist_list.html", {"lists": lists})


@requires("alerts.manage_alerts")
def list_create(request: SignedInRequest) -> HttpResponse:
    form = AlertListForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        alert_list = services.create_list(request.user, form.instance)
        messages.success(request, _("List created: import its entries or add them one by one."))
        return redirect("alerts:alertlist_detail", pk=alert_list.pk)
    return render(
        request, "alerts/alertlist_form.html", {"form": form}, status=400 if form.errors else 200
    )


@requires("alerts.view_alertlist")
def list_detail(request: SignedInRequest, pk: str) -> HttpResponse:
    alert_list = access_list(pk)
    context = {
        "list": alert_list,
        "versions": alert_list.versions.select_related("created_by")[:20],
        "status_form": StatusForm(initial={"status": alert_list.status}),
        "q": request.GET.get("q", "").strip(),
    }
    if request.user.has_perm("alerts.view_alertentry") and alert_list.active_version:
        entries = alert_list.active_version.live_entries().order_by("-added_in", "reference")
        q = str(context["q"])
        if q:
            entries = entries.annotate(text=Cast("names", TextField())).filter(
                Q(text__icontains=q)
                | Q(reference__icontains=q)
                | Q(document_number__icontains=q.upper())
            )
        context["entries"] = entries[:ENTRIES_SHOWN]
        audit.record_now(
            request.user,
            AuditAction.READ,
            obj=alert_list,
            message=f"alert entries listed{' for ' + repr(context['q']) if context['q'] else ''}",
        )
    return render(request, "alerts/alertlist_detail.html", context)


@requires("alerts.manage_alerts")
@require_POST
def list_status(request: SignedInRequest, pk: str) -> HttpResponse:
    alert_list = access_list(pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.set_status(request.user, alert_list, form.cleaned_data["status"])
        messages.success(request, _("Status changed."))
    return redirect("alerts:alertlist_detail", pk=alert_list.pk)


@requires("alerts.manage_alerts")
def list_import(request: SignedInRequest, pk: str) -> HttpResponse:
    alert_list = access_list(pk)
    limit = conf.upload_max_bytes()
    form = ImportForm()
    status = 200
    if request.method == "POST":
        # Refuse an oversized upload before Django reads it.
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > limit + 64 * 1024:
            messages.error(
                request,
                _(
                    "file: %(size)s bytes; uploads are limited to %(limit)s. Use `passage alerts import` for big lists."
                )
                % {"size": f"{length:,}", "limit": f"{limit:,}"},
            )
            return render(
                request,
                "alerts/alertlist_import.html",
                {"list": alert_list, "form": form},
                status=413,
            )
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                version, warnings = services.import_entries(
                    request.user,
                    alert_list,
                    form.cleaned_data["format"],
                    upload.read(limit + 1),
                    file_name=upload.name,
                    replace=form.cleaned_data["replace"],
                    max_bytes=limit,
                )
            except ProblemError as exc:
                form.add_error(None, _("Nothing was imported."))
                for where, message in exc.problems.items():
                    form.add_error(None, f"{where}: {message}")
            else:
                indexes.build(version)
                messages.success(
                    request,
                    _("Version %(n)s: %(count)s entries; its screening index is built.")
                    % {"n": version.number, "count": version.entries},
                )
                for w in warnings[:20]:
                    messages.warning(request, str(w))
                return redirect("alerts:alertlist_detail", pk=alert_list.pk)
        status = 400
    return render(
        request,
        "alerts/alertlist_import.html",
        {"list": alert_list, "form": form, "limit": limit},
        status=status,
    )


@requires("alerts.manage_alerts")
def entry_add(request: SignedInRequest, pk: str) -> HttpResponse:
    alert_list = access_list(pk)
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.add_entry(request.user, alert_list, form.raw())
        except ProblemError as exc:
            show_on_form(form, exc)
        else:
            indexes.build(alert_list.versions.get(number=entry.added_in))
            messages.success(request, _("Entry added."))
            return redirect("alerts:alertentry_detail", pk=entry.pk)
    return render(
        request,
        "alerts/alertentry_form.html",
        {"list": alert_list, "form": form, "documents": alert_list.kind == ListKind.DOCUMENTS},
        status=400 if form.errors else 200,
    )


@requires("alerts.view_alertentry")
def entry_detail(request: SignedInRequest, pk: str) -> HttpResponse:
    entry = access_entry(pk)
    audit.record_read(request.user, entry, message="alert entry viewed")
    return render(
        request,
        "alerts/alertentry_detail.html",
        {
            "entry": entry,
            "form": WithdrawForm(),
            "hits": entry.hits.select_related("crossing__crossing_point")[:50],
        },
    )


@requires("alerts.manage_alerts")
@require_POST
def entry_withdraw(request: SignedInRequest, pk: str) -> HttpResponse:
    entry = access_entry(pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            version = services.withdraw_entry(request.user, entry, form.cleaned_data["reason"])
        except ProblemError as exc:
            for name, message in exc.problems.items():
                messages.error(request, f"{name}: {message}")
        else:
            indexes.build(version)
            messages.success(request, _("Entry withdrawn."))
    else:
        messages.error(request, _("reason: say why the entry is withdrawn"))
    return redirect("alerts:alertentry_detail", pk=entry.pk)


@requires("alerts.review_hit")
def hit_list(request: SignedInRequest) -> HttpResponse:
    status = request.GET.get("status", HitStatus.PENDING)
    hits = ScreeningHit.objects.restrict(request.user).select_related(
        "entry__alert_list",
        "crossing__traveller",
        "crossing__crossing_point",
        "crossing__document",
        "crossing__officer",
    )
    if status in HitStatus.values:
        hits = hits.filter(status=status)
    else:
        status = ""
    # Hits waiting for a verdict, the longest-waiting first; decided ones, the latest first.
    order = "created_at" if status == HitStatus.PENDING else "-created_at"
    page = Paginator(hits.order_by(order, "pk"), HITS_PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page)
    # The page shows travellers' names: an audited read, naming each person shown.
    audit.record_now(
        request.user,
        "read",
        object_type="alerts.screeninghit",
        details={
            "status": status or "all",
            "page": page.number,
            "travellers": list(dict.fromkeys(str(h.crossing.traveller_id) for h in shown)),
        },
        message="alert hits listed",
    )
    # once per traveller shown: is one of the records confirmed to be this person hit too?
    linked: dict[object, set[object]] = {}
    for h in shown:
        tid = h.crossing.traveller_id
        if tid not in linked:
            linked[tid] = set(screening.linked_hits(tid).values_list("pk", flat=True)[:1])
        h.linked_alert_hit = bool(linked[tid] - {h.pk})  # type: ignore[attr-defined]
    return render(
        request,
        "alerts/screeninghit_list.html",
        {
            "hits": shown,
            "page": page,
            "status": status,
            "statuses": HitStatus.choices,
        },
    )


@requires("alerts.review_hit")
def hit_detail(request: SignedInRequest, pk: str) -> HttpResponse:
    hit = access_hit(request.user, pk)
    form = HitDecisionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.decide_hit(
                    request.user,
                    hit,
                    true_match=form.cleaned_data["verdict"] == "true_match",
                    reason=form.cleaned_data["reason"],
                )
            except ProblemError as exc:
                show_on_form(form, exc)
            else:
                messages.success(request, _("Verdict recorded."))
                inspection = getattr(hit.crossing, "inspection", None)
                if inspection is not None:
                    return redirect("crossings:secondaryinspection_detail", pk=inspection.pk)
                return redirect("alerts:screeninghit_list")
    else:
        audit.record_read(request.user, hit, message="alert hit reviewed")
    return render(
        request,
        "alerts/screeninghit_detail.html",
        {
            "hit": hit,
            "entry": hit.entry,
            "crossing": hit.crossing,
            "form": form,
            # hits on records confirmed to be this person, those this user reaches
            "linked_hits": list(
                ScreeningHit.objects.restrict(request.user)
                .filter(pk__in=screening.linked_hits(hit.crossing.traveller_id).values("pk"))
                .exclude(pk=hit.pk)
                .select_related("entry__alert_list", "crossing__traveller")[:20]
            ),
            "linked_hit_elsewhere": screening.linked_hits(hit.crossing.traveller_id)
            .exclude(pk=hit.pk)
            .exists(),
            "show_reason": request.user.has_perm("alerts.view_alert_reason"),
        },
        status=400 if form.errors else 200,
    )
