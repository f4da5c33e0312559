from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passage.core.problems import ProblemError, show_on_form

from . import audit, auditlog, services
from .access import SignedInRequest, access_token, public, reach, requires, signed_in
from .choices import AuditAction
from .forms import TokenForm
from .models import ApiToken, AuditEvent


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["expired"] = self.request.GET.get("expired") == "1"
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.record_login(form.get_user())
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        username = self.request.POST.get("username", "")
        if not getattr(self.request, "axes_locked_out", False):
            services.record_login_failure(username)
        return super().form_invalid(form)


login = public("the sign-in page")(LoginView.as_view())


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """django-axes calls this when a username/address has failed too often."""
    username = (credentials or {}).get("username", "") or request.POST.get("username", "")
    services.record_login_failure(str(username), locked=True)
    return render(request, "accounts/locked_out.html", status=429)


@public("signing out needs no permission")
@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    services.record_logout(request.user)
    auth_logout(request)
    messages.info(request, _("You have signed out."))
    return redirect("accounts:login")


@requires("accounts.hold_api_tokens")
def token_list(request: HttpRequest) -> HttpResponse:
    issued = None
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                issued = services.create_token(
                    signed_in(request),
                    signed_in(request),
                    form.cleaned_data["name"],
                    form.cleaned_data["days"],
                )
            except ProblemError as exc:
                show_on_form(form, exc)
            else:
                form = TokenForm()
    else:
        form = TokenForm()
    tokens = ApiToken.objects.filter(user=signed_in(request))
    status = 201 if issued else (400 if form.errors else 200)
    return render(
        request,
        "accounts/token_list.html",
        {"form": form, "tokens": tokens, "issued": issued, "now": timezone.now()},
        status=status,
    )


@requires("accounts.hold_api_tokens")
@require_POST
def token_revoke(request: HttpRequest, pk: str) -> HttpResponse:
    token = access_token(signed_in(request), pk)
    services.revoke_token(signed_in(request), token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("accounts:apitoken_list")


@requires("accounts.view_auditevent")
def auditevent_list(request: SignedInRequest) -> HttpResponse:
    try:
        events, filters = auditlog.filtered(request.GET)
        problems: dict[str, str] = {}
    except ProblemError as exc:
        events, problems = AuditEvent.objects.none(), exc.problems
        filters = {name: request.GET.get(name, "") for name in auditlog.FILTER_NAMES}
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = {k: v for k, v in filters.items() if v}
    return render(
        request,
        "accounts/auditevent_list.html",
        {
            "page": page,
            "events": auditlog.shown(page, request.user),
            "filters": filters,
            "query": urlencode(query),
            "problems": problems,
            "actions": AuditAction.choices,
        },
        status=400 if problems else 200,
    )


@requires("accounts.view_auditevent")
def auditevent_detail(request: SignedInRequest, seq: int) -> HttpResponse:
    event = reach(AuditEvent.objects.all(), seq, "audit event")
    item = auditlog.shown([event], request.user)[0]
    audit.record_now(
        request.user,
        AuditAction.READ,
        object_type="accounts.auditevent",
        object_id=str(event.seq),
        message="audit event detail viewed",
    )
    return render(request, "accounts/auditevent_detail.html", {"item": item})


@requires("accounts.view_auditevent")
def auditevent_export(request: SignedInRequest) -> HttpResponse:
    """The filtered events as CSV (at most ``EXPORT_LIMIT``, newest first); audited."""
    try:
        events, filters = auditlog.filtered(request.GET)
    except ProblemError as exc:
        return JsonResponse({"detail": exc.problems}, status=400)
    rows = list(events[: auditlog.EXPORT_LIMIT])
    audit.record_now(
        request.user,
        AuditAction.EXPORT,
        object_type="accounts.auditevent",
        details={"filters": {k: v for k, v in filters.items() if v}, "rows": len(rows)},
        message="audit log exported as CSV",
    )
    response = HttpResponse(
        auditlog.to_csv(rows, request.user), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="passage-audit-{stamp}.csv"'
    return response


@requires("accounts.verify_audit")
@require_POST
def audit_verify(request: HttpRequest) -> HttpResponse:
    result = audit.verify()
    audit.record_now(
        signed_in(request),
        AuditAction.AUDIT_VERIFIED,
        details={"ok": result.ok, "checked": result.checked, "broken_seq": result.broken_seq},
        message=result.reason or "chain intact",
    )
    return render(
        request, "accounts/audit_verify.html", {"result": result}, status=200 if result.ok else 409
    )
