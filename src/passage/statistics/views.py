"""Dashboard, monthly report and exports: aggregates only, every count through suppression."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passage.accounts import audit
from passage.accounts.access import SignedInRequest, requires
from passage.accounts.choices import AuditAction
from passage.core.problems import ProblemError
from passage.reference.models import BorderCrossingPoint

from . import exports, queries, services
from .choices import Period


def _filters(request: SignedInRequest) -> tuple[queries.Filters | None, dict[str, str]]:
    try:
        return queries.parse_filters(request.GET, request.user), {}
    except ProblemError as exc:
        return None, exc.problems


def _context(
    request: SignedInRequest, f: queries.Filters | None, problems: dict[str, str]
) -> dict[str, Any]:
    return {
        "filters": f,
        "problems": problems,
        "params": request.GET,
        "points": BorderCrossingPoint.objects.restrict(request.user).order_by("code"),
        "periods": Period.choices,
        "min_cell": queries.min_cell(),
        "refreshed": services.last_refreshed(),
        "can_refresh": request.user.has_perm("statistics.refresh_statistics"),
    }


@requires("statistics.view_statistics")
def dashboard(request: SignedInRequest) -> HttpResponse:
    f, problems = _filters(request)
    context = _context(request, f, problems)
    if f is not None:
        context["tables"] = queries.dashboard(f)
        context["screening"] = queries.screening(f)
        context["hit_rates"] = queries.hit_rates(context["screening"])
        context["protection"], context["protection_tables"] = queries.protection(f)
        context["query"] = request.GET.urlencode()
    return render(request, "statistics/dashboard.html", context, status=400 if problems else 200)


@requires("statistics.view_statistics")
def report(request: SignedInRequest) -> HttpResponse:
    """The monthly border-statistics report: one month, printable."""
    raw = request.GET.get("month", "")
    problems: dict[str, str] = {}
    try:
        month = dt.date.fromisoformat(f"{raw}-01") if raw else None
    except ValueError:
        problems["month"] = "a month as YYYY-MM"
        month = None
    params = request.GET.copy()
    if month is None:
        latest = queries.parse_filters({}, request.user).end if not problems else dt.date.today()
        month = latest.replace(day=1)
    end = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    params["start"], params["end"], params["period"] = (
        month.isoformat(),
        end.isoformat(),
        Period.DAY,
    )
    try:
        f = queries.parse_filters(params, request.user)
    except ProblemError as exc:
        problems.update(exc.problems)
        f = None
    context = _context(request, f, problems)
    context["month"] = month
    previous = (month - dt.timedelta(days=1)).replace(day=1)
    context["previous"] = previous.strftime("%Y-%m")
    context["next"] = (end + dt.timedelta(days=1)).strftime("%Y-%m")
    if f is not None:
        context["tables"] = queries.dashboard(f)
    return render(request, "statistics/report.html", context, status=400 if problems else 200)


FORMATS = {"csv", "xlsx", "hxl"}


@requires("statistics.view_statistics")
def export(request: SignedInRequest, key: str, fmt: str) -> HttpResponse:
    f, problems = _filters(request)
    if fmt not in FORMATS:
        problems["format"] = "csv, xlsx or hxl"
    tables: list[queries.Table] = []
    if f is not None and not problems:
        try:
            tables = queries.dashboard(f) if key == "all" else [queries.table(key, f)]
        except ProblemError as exc:
            problems.update(exc.problems)
        if key == "all" and fmt != "xlsx":
            problems["format"] = "all tables together come as xlsx only"
    if problems or f is None:
        return HttpResponse(
            "\n".join(f"{k}: {v}" for k, v in problems.items()),
            status=400,
            content_type="text/plain",
        )
    audit.record_now(
        request.user,
        AuditAction.STATISTICS_EXPORTED,
        object_type="statistics.fact",
        details={"table": key, "format": fmt, **f.as_params()},
        message="aggregates exported (suppressed)",
    )
    if fmt == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(tables, f),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "hxl":
        response = HttpResponse(
            exports.to_hxl(tables[0], f), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            exports.to_csv(tables[0], f), content_type="text/csv; charset=utf-8"
        )
    ext = {"xlsx": "xlsx", "hxl": "hxl.csv", "csv": "csv"}[fmt]
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(key, f, ext)}"'
    return response


@require_POST
@requires("statistics.refresh_statistics")
def refresh(request: SignedInRequest) -> HttpResponse:
    runs = services.refresh(request.user)
    rows = sum(r.rows for r in runs)
    messages.success(
        request,
        _("Statistics brought up to date: %(rows)s new records read in %(seconds).1f s.")
        % {"rows": f"{rows:,}", "seconds": sum(r.seconds for r in runs)},
    )
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/statistics/") else "statistics:dashboard")
