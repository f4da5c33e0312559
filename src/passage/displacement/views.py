"""Dashboard, exports and the import page: figures through disclosure control only."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from uuid_utils.compat import uuid7

from passage.accounts import audit
from passage.accounts.access import SignedInRequest, requires
from passage.accounts.choices import AuditAction
from passage.core.displacement import GROUPS, VULNERABILITIES
from passage.core.problems import ProblemError

from . import exports, fieldforms, queries, services, svg
from .access import access_point
from .choices import Direction, FormKind, TransportMode
from .imports import ImportRejected, import_file
from .models import FlowCount, FlowMonitoringPoint, ImportBatch

UPLOAD_MAX = 20 * 1024 * 1024


def _filters(request: SignedInRequest) -> tuple[queries.Filters | None, dict[str, str]]:
    try:
        return queries.parse_filters(request.GET, request.user), {}
    except ProblemError as exc:
        return None, exc.problems


@requires("displacement.view_displacement")
def dashboard(request: SignedInRequest) -> HttpResponse:
    f, problems = _filters(request)
    context: dict[str, Any] = {
        "filters": f,
        "problems": problems,
        "start_text": request.GET.get("start", ""),
        "end_text": request.GET.get("end", ""),
        "points": FlowMonitoringPoint.objects.restrict(request.user),
        "min_cell": queries.min_cell(),
    }
    if f is not None:
        user = request.user
        areas = queries.arrivals_by_area(user, f)
        at_points = queries.by_point(user, f)
        over_time = queries.over_time(user, f)
        pyramid = queries.pyramid(user, f)
        context |= {
            "over_time": over_time,
            "lines": svg.lines(over_time.rows, over_time.columns, over_time.published.cells),
            "pyramid": pyramid,
            "bars": svg.pyramid_bars(pyramid.rows, pyramid.published.cells),
            "od": queries.origin_destination(user, f),
            "vulnerabilities": queries.vulnerabilities(user, f),
            "at_points": at_points,
            "areas": areas,
            "sites": queries.sites(user),
            "query": f.query(),
            "map": svg.map_context(
                {code: areas.published.cells[i][0] for i, (code, _l) in enumerate(areas.rows)},
                [
                    (p.code, p.name, float(p.latitude), float(p.longitude), cells[0])
                    for p, cells in zip(
                        at_points.extra["points"], at_points.published.cells, strict=True
                    )
                ],
            ),
        }
    return render(request, "displacement/dashboard.html", context, status=400 if problems else 200)


@requires("displacement.view_displacement")
def export(request: SignedInRequest, fmt: str) -> HttpResponse:
    f, problems = _filters(request)
    if fmt not in {"csv", "xlsx"}:
        problems["format"] = "csv or xlsx"
    if f is None or problems:
        return HttpResponse(
            "\n".join(f"{k}: {v}" for k, v in problems.items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    audit.record_now(
        request.user,
        AuditAction.STATISTICS_EXPORTED,
        object_type="displacement.flowday",
        details={"format": fmt, "start": f.start, "end": f.end, "point": f.point},
        message="displacement flows exported (suppressed)",
    )
    name = f"passage-flows-{f.start.isoformat()}-{f.end.isoformat()}"
    if fmt == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(request.user, f),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            exports.to_csv(request.user, f), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@requires("displacement.import_submissions")
def import_page(request: SignedInRequest) -> HttpResponse:
    context: dict[str, Any] = {
        "forms": FormKind.choices,
        "batches": ImportBatch.objects.filter(imported_by=request.user)[:20],
        "points": FlowMonitoringPoint.objects.restrict(request.user),
    }
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        form = request.POST.get("form") or None
        problems: dict[str, str] = {}
        if upload is None:
            problems["file"] = _("Choose an export file.")
        elif upload.size is None or upload.size > UPLOAD_MAX:
            problems["file"] = _(
                "At most 20 MB on this page: use `passage displacement import` for bigger files."
            )
        elif form and form not in FormKind.values:
            problems["form"] = _("Unknown form.")
        if not problems and upload is not None:
            try:
                context["result"] = import_file(
                    request.user, upload.read(), upload.name or "upload", form=form
                )
            except ImportRejected as exc:
                context["rejected"] = exc.result
                status = 422
            except ProblemError as exc:
                problems = exc.problems
        if problems:
            context["problems"] = problems
            status = 400
    return render(request, "displacement/import.html", context, status=status)


COUNT_FIELDS = (
    "day",
    "direction",
    "transport",
    "origin",
    "destination",
    *GROUPS,
    "total",
    *VULNERABILITIES,
)


def _inputs(names: tuple[str, ...], values: dict[str, str]) -> list[tuple[str, str, str]]:
    """(name, label in the user's language, value typed) for each number input."""
    return [
        (
            name,
            str(getattr(FlowCount._meta.get_field(name), "verbose_name", name)),
            values.get(name) or "0",
        )
        for name in names
    ]


@requires("displacement.record_flow")
def count_entry(request: SignedInRequest, code: str) -> HttpResponse:
    """A flow count typed at the point (the same checks as an imported one)."""
    point = access_point(request.user, code, "change")
    values = {name: request.POST.get(name, "") for name in COUNT_FIELDS}
    context: dict[str, Any] = {
        "point": point,
        "values": values,
        "groups": _inputs(GROUPS, values),
        "vulnerabilities": _inputs(VULNERABILITIES, values),
        "total": values["total"],
        "directions": Direction.choices,
        "transports": TransportMode.choices,
    }
    status = 200
    if request.method == "POST":
        raw = {**values, "point": point.code, "form_version": fieldforms.spec("flow_count").version}
        try:
            count = services.record(request.user, "flow_count", raw, f"page-{uuid7()}")
        except ProblemError as exc:
            context["problems"] = exc.problems
            status = 400
        else:
            context["recorded"] = count
            context["groups"] = _inputs(GROUPS, {})
            context["vulnerabilities"] = _inputs(VULNERABILITIES, {})
            context["total"] = ""
    return render(request, "displacement/count_entry.html", context, status=status)
