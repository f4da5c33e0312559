"""The counter and what follows it: secondary inspection, amendments, refusal notices."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passage.accounts import audit
from passage.accounts.access import SignedInRequest, requires
from passage.accounts.choices import AuditAction
from passage.accounts.idempotency import KeyReused
from passage.core.mrz import MRZResult, parse_mrz
from passage.core.problems import ProblemError, show_on_form
from passage.reference.access import access_crossing_point
from passage.reference.choices import CrossingPointMode
from passage.reference.models import BorderCrossingPoint
from passage.reference.services import set_crossing_point_mode
from passage.travellers.choices import DocumentType
from passage.travellers.queries import possible_matches, recognise

from . import services
from .access import access_crossing, access_inspection, access_traveller, history
from .checks import CHECKS
from .choices import Decision, InspectionStatus
from .forms import AmendmentForm, CounterForm, InspectionDecisionForm, ModeForm
from .models import Crossing, SecondaryInspection

ACTIONS = {"admit": Decision.ADMITTED, "refuse": Decision.REFUSED, "secondary": Decision.SECONDARY}
HISTORY_SHOWN = 10


def _highlighted(result: MRZResult) -> list[list[tuple[str, str, str]]]:
    """Each MRZ character with a CSS class and a title, so bad characters are underlined."""
    marks: dict[tuple[int, int], tuple[str, str]] = {}
    for kind, issues in (("warn", result.warnings), ("bad", result.errors)):
        for issue in issues:
            if issue.line is None or issue.start is None:
                continue
            for column in range(issue.start, issue.end or issue.start + 1):
                marks[(issue.line, column)] = (kind, f"{issue.field}: {issue.message}")
    return [
        [(ch, *marks.get((n, i), ("", ""))) for i, ch in enumerate(line)]
        for n, line in enumerate(result.lines)
    ]


def _prefill(result: MRZResult) -> dict[str, Any]:
    values: dict[str, Any] = {
        "document_code": (result.document_code or "").replace("<", "")[:2],
        "document_type": DocumentType.from_mrz_code(result.document_code or ""),
        "issuing_state": result.issuing_state or "",
        "number": result.document_number or "",
        "primary_name": result.surname or "",
        "secondary_name": result.given_names or "",
        "sex": result.sex if result.sex in ("F", "M", "X") else "",
        "nationality": result.nationality or "",
    }
    if result.birth_date:
        values["birth_date"] = result.birth_date.isoformat()
    if result.expiry_date:
        values["expiry_date"] = result.expiry_date.isoformat()
    return {k: v for k, v in values.items() if v not in (None, "")}


def _reading(request: SignedInRequest, data: dict[str, Any]) -> dict[str, Any]:
    """What the counter shows after the MRZ box changes: fields, problems, who this is."""
    text = (data.get("mrz") or "").strip()
    context: dict[str, Any] = {"result": None, "recognised": None, "matches": [], "history": []}
    if text:
        result = parse_mrz(text, reference=timezone.localdate(), repair=True)
        context["result"] = result
        context["mrz_lines"] = _highlighted(result)
        if result.format is not None:
            data.update(_prefill(result))
    document = recognise(data.get("issuing_state", ""), data.get("number", ""))
    if document is not None:
        traveller = document.traveller
        context["recognised"] = traveller
        context["history"] = list(
            history(request.user, traveller).select_related("crossing_point")[:HISTORY_SHOWN]
        )
        audit.record_read(
            request.user, traveller, message="shown at the counter (recognised by document)"
        )
        data["traveller_id"] = str(traveller.pk)
        if not data.get("nationality"):
            data["nationality"] = traveller.nationality_id or ""
    else:
        birth = (data.get("birth_date") or "").split("-")
        year = int(birth[0]) if birth and birth[0].isdigit() else None
        month = int(birth[1]) if len(birth) > 1 and birth[1].isdigit() else None
        day = int(birth[2]) if len(birth) > 2 and birth[2].isdigit() else None
        context["matches"] = list(
            possible_matches(
                data.get("primary_name", ""), data.get("secondary_name", ""), year, month, day
            )
        )
        # One read per person shown, each under their own id, so that a person's own file
        # (and the DPO's search by id) finds every time they were shown.
        with transaction.atomic():
            for match in context["matches"]:
                audit.record(
                    request.user,
                    AuditAction.READ,
                    obj=match,
                    message="possible match by name and date of birth shown at the counter",
                )
    for panel in CHECKS.panels:
        context.update(panel(data, context["recognised"]))
    return context


def _counter_context(point: BorderCrossingPoint, form: CounterForm, **extra: Any) -> dict[str, Any]:
    return {
        "point": point,
        "form": form,
        "degraded": point.mode == CrossingPointMode.DEGRADED,
        "last": extra.pop("last", None),
        **extra,
    }


@requires("crossings.record_crossing")
def counter(request: SignedInRequest, code: str) -> HttpResponse:
    point = access_crossing_point(request, code)
    last = None
    if last_id := request.GET.get("last"):
        last = (
            Crossing.objects.filter(pk=last_id, crossing_point=point).first()
            if _is_uuid(last_id)
            else None
        )
        if last is not None:  # the page shows the traveller's name again
            audit.record_read(request.user, last, message="last crossing shown at the counter")
    if request.method != "POST":
        return render(
            request, "crossings/counter.html", _counter_context(point, CounterForm(), last=last)
        )
    action = request.POST.get("action", "read")
    if _too_long(request.POST):
        # Bounded before anything parses, matches or screens it (a 4 MB MRZ took 53 s):
        # the form names the field.
        form = CounterForm(request.POST)
        form.is_valid()
        return render(request, "crossings/counter.html", _counter_context(point, form), status=400)
    if action == "read":
        data = request.POST.dict()
        reading = _reading(request, data)
        form = CounterForm(initial=data)
        template = (
            "crossings/partials/counter_details.html"
            if request.headers.get("HX-Request")
            else "crossings/counter.html"
        )
        return render(request, template, _counter_context(point, form, **reading))
    if action not in ACTIONS:
        return HttpResponse(status=400)
    posted = request.POST.copy()
    mrz_text = posted.get("mrz", "").strip()
    result = parse_mrz(mrz_text, reference=timezone.localdate()) if mrz_text else None
    if result is not None and result.format is not None:
        # What the MRZ says fills every field the officer left empty (a reader's
        # keyboard wedge may submit before the form was refreshed).
        for name, value in _prefill(result).items():
            if not posted.get(name):
                posted[name] = value
    form = CounterForm(posted)
    if form.is_valid():
        entry = services.CrossingInput(
            direction=form.cleaned_data["direction"],
            identity=form.identity(result.format or "" if result else ""),
            decision=ACTIONS[action],
            at=form.cleaned_data.get("at") if point.mode == CrossingPointMode.DEGRADED else None,
            purpose=form.cleaned_data["purpose"] or "unknown",
            transport_mode=form.cleaned_data["transport_mode"],
            carrier=form.cleaned_data["carrier"],
            transport_reference=form.cleaned_data["transport_reference"],
            refusal_grounds=form.cleaned_data["refusal_grounds"] if action == "refuse" else [],
            notes=form.cleaned_data["notes"],
            authorised_until=form.cleaned_data["authorised_until"] if action == "admit" else None,
            secondary_reason=form.cleaned_data["secondary_reason"],
            traveller_id=form.cleaned_data["traveller_id"],
            submission_key=form.cleaned_data["submission_key"],
            minimal=point.mode == CrossingPointMode.DEGRADED,
        )
        if request.user.has_perm("protection.flag_vulnerability"):  # protection app
            entry.protection_indicators = request.POST.getlist("protection_indicators")
            entry.protection_note = request.POST.get("protection_note", "")
        if entry.minimal and not entry.identity.issuing_state:
            entry.identity.issuing_state = entry.identity.nationality
        try:
            recorded = services.record_crossing(request.user, point, entry)
        except ProblemError as exc:
            show_on_form(form, exc)
        except KeyReused:
            form.add_error(
                None, _("This form was already used for another crossing: open the counter again.")
            )
        else:
            crossing = recorded.crossing
            if recorded.created:
                messages.success(
                    request,
                    _("%(direction)s recorded: %(name)s — %(decision)s.")
                    % {
                        "direction": crossing.get_direction_display(),
                        "name": crossing.traveller,
                        "decision": crossing.get_decision_display(),
                    },
                )
                for warning in recorded.warnings:
                    messages.warning(request, warning)
            else:  # the service's "Repeated submission" warning, said in the page's language
                messages.info(
                    request, _("This form was already submitted; the crossing was recorded once.")
                )
            return redirect(f"{request.path}?last={crossing.pk}")
    reading = _reading(request, posted.dict())
    return render(
        request, "crossings/counter.html", _counter_context(point, form, **reading), status=400
    )


def _too_long(posted: Any) -> bool:
    """Whether a posted text is longer than the counter form's field takes."""
    for name, field in CounterForm.base_fields.items():
        limit = getattr(field, "max_length", None)
        if limit is not None and any(len(v) > limit for v in posted.getlist(name)):
            return True
    return False


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@requires("crossings.view_crossing")
def crossing_detail(request: SignedInRequest, pk: str) -> HttpResponse:
    crossing = access_crossing(request.user, pk)
    audit.record_read(request.user, crossing, message="crossing record viewed")
    amend_form = AmendmentForm(initial=services.effective_values(crossing))
    return render(
        request,
        "crossings/crossing_detail.html",
        {
            "crossing": crossing,
            "effective": services.effective_values(crossing),
            "decision": services.effective_decision(crossing),
            "amendments": crossing.amendments.select_related("author"),
            "grounds": crossing.refusal_grounds.all(),
            "inspection": SecondaryInspection.objects.filter(crossing=crossing).first(),
            "amend_form": amend_form,
        },
    )


@requires("crossings.amend_crossing")
@require_POST
def crossing_amend(request: SignedInRequest, pk: str) -> HttpResponse:
    crossing = access_crossing(request.user, pk)
    form = AmendmentForm(request.POST)
    if form.is_valid():
        current = services.effective_values(crossing)
        changes = {
            name: value
            for name, value in form.cleaned_data.items()
            if name != "reason" and name in request.POST and _differs(current.get(name), value)
        }
        try:
            services.amend_crossing(request.user, crossing, changes, form.cleaned_data["reason"])
        except ProblemError as exc:
            for message in exc.problems.items():
                messages.error(request, f"{message[0]}: {message[1]}")
        else:
            messages.success(request, _("Amendment recorded."))
    else:
        for name, errors in form.errors.items():
            messages.error(request, f"{name}: {' '.join(str(e) for e in errors)}")
    return redirect("crossings:crossing_detail", pk=crossing.pk)


def _differs(current: Any, value: Any) -> bool:
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    return (current or "") != (value or "")


@requires("crossings.view_crossing")
def refusal_notice(request: SignedInRequest, pk: str) -> HttpResponse:
    crossing = access_crossing(request.user, pk)
    if services.effective_decision(crossing) != Decision.REFUSED:
        raise Http404("This crossing is not a refusal.")
    inspection = SecondaryInspection.objects.filter(crossing=crossing).first()
    grounds = (
        inspection.outcome_grounds.all()
        if inspection and inspection.outcome
        else crossing.refusal_grounds.all()
    )
    audit.record_read(request.user, crossing, message="refusal notice printed")
    return render(
        request, "crossings/refusal_notice.html", {"crossing": crossing, "grounds": grounds}
    )


@requires("crossings.decide_secondary")
def secondary_queue(request: SignedInRequest, code: str) -> HttpResponse:
    point = access_crossing_point(request, code)
    waiting = list(
        SecondaryInspection.objects.filter(
            crossing__crossing_point=point, status=InspectionStatus.OPEN
        )
        .select_related(
            "crossing",
            "crossing__traveller",
            "crossing__traveller__nationality",
            "crossing__officer",
        )
        .order_by("created_at")
    )
    if waiting:  # the queue shows travellers' names: an audited read, naming each person
        audit.record_now(
            request.user,
            AuditAction.READ,
            obj=point,
            details={"travellers": [str(i.crossing.traveller_id) for i in waiting]},
            message="secondary inspection queue viewed",
        )
    return render(request, "crossings/secondary_queue.html", {"point": point, "waiting": waiting})


@requires("crossings.decide_secondary")
def inspection_detail(request: SignedInRequest, pk: str) -> HttpResponse:
    inspection = access_inspection(request.user, pk)
    form = InspectionDecisionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.decide_inspection(
                    request.user,
                    inspection,
                    outcome=form.cleaned_data["outcome"],
                    grounds=form.cleaned_data["grounds"],
                    authorised_until=form.cleaned_data["authorised_until"],
                    notes=form.cleaned_data["notes"],
                )
            except ProblemError as exc:
                show_on_form(form, exc)
            else:
                messages.success(request, _("Decision recorded."))
                return redirect(
                    "crossings:secondary_queue", code=inspection.crossing.crossing_point.code
                )
        status = 400
    else:
        audit.record_read(
            request.user, inspection.crossing.traveller, message="secondary inspection opened"
        )
    history = inspection.crossing.traveller.crossings.select_related("crossing_point").order_by(
        "-at"
    )[:HISTORY_SHOWN]
    return render(
        request,
        "crossings/inspection_detail.html",
        {
            "inspection": inspection,
            "crossing": inspection.crossing,
            "form": form,
            "history": history,
        },
        status=status,
    )


@requires("reference.switch_mode")
def crossing_point_mode(request: SignedInRequest, code: str) -> HttpResponse:
    point = access_crossing_point(request, code)
    form = ModeForm(request.POST or None, initial={"mode": point.mode})
    if request.method == "POST" and form.is_valid():
        try:
            set_crossing_point_mode(
                request.user, point, form.cleaned_data["mode"], form.cleaned_data["reason"]
            )
        except ProblemError as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, _("Mode switched."))
            return redirect("crossings:counter", code=point.code)
    return render(
        request,
        "crossings/mode.html",
        {"point": point, "form": form},
        status=400 if form.errors else 200,
    )


@requires("travellers.view_traveller_history")
def traveller_detail(request: SignedInRequest, pk: str) -> HttpResponse:
    traveller = access_traveller(request.user, pk)
    audit.record_read(request.user, traveller, message="traveller history viewed")
    crossings = history(request.user, traveller).select_related("crossing_point", "document")[:200]
    return render(
        request,
        "crossings/traveller_detail.html",
        {
            "traveller": traveller,
            "crossings": crossings,
            "documents": traveller.documents.select_related("issuing_state"),
        },
    )
