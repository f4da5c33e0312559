"""The data-protection officer's retention page: the schedule, the next purge per kind,
the runs and their counts, and legal holds (placed and lifted here, audited)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passage.accounts.access import SignedInRequest, requires
from passage.core.problems import ProblemError

from . import services
from .models import LegalHold, PurgeRun
from .schedule import Kind, rules


def _page(
    request: SignedInRequest, problems: dict[str, str], values: dict[str, str]
) -> HttpResponse:
    today = timezone.localdate()
    dates = services.next_purge_dates(today)
    schedule = [(rule, dates.get(rule.kind)) for rule in rules()]
    runs = list(PurgeRun.objects.filter(dry_run=False)[:10])
    labels = dict(Kind.choices)
    for run in runs:
        run.rows = [(labels.get(k, k), n) for k, n in sorted(run.counts.items())]  # type: ignore[attr-defined]
    return render(
        request,
        "retention/schedule.html",
        {
            "today": today,
            "schedule": schedule,
            "runs": runs,
            "warned": services.due_soon(today).count(),
            "eu_family": services.eu_family_crossings().count(),
            "holds": LegalHold.objects.filter(lifted_at__isnull=True).order_by("-placed_at"),
            "can_hold": request.user.has_perm("retention.manage_legal_hold"),
            "problems": problems,
            "values": values,
        },
        status=400 if problems else 200,
    )


@requires("retention.view_retention")
def schedule(request: SignedInRequest) -> HttpResponse:
    return _page(request, {}, {"traveller": "", "reason": "", "reference": ""})


@requires("retention.manage_legal_hold")
@require_POST
def hold_place(request: SignedInRequest) -> HttpResponse:
    values = {k: request.POST.get(k, "").strip() for k in ("traveller", "reason", "reference")}
    try:
        services.place_hold(
            request.user,
            values["traveller"],
            reason=values["reason"],
            reference=values["reference"],
        )
    except ProblemError as exc:
        return _page(request, exc.problems, values)
    messages.success(request, _("Legal hold placed."))
    return redirect("retention:schedule")


@requires("retention.manage_legal_hold")
@require_POST
def hold_lift(request: SignedInRequest, pk: str) -> HttpResponse:
    hold = get_object_or_404(LegalHold, pk=pk)
    try:
        services.lift_hold(request.user, hold, reason=request.POST.get("reason", ""))
    except ProblemError as exc:
        messages.error(request, exc.problems.get("reason", ""))
    else:
        messages.success(request, _("Legal hold lifted."))
    return redirect("retention:schedule")
