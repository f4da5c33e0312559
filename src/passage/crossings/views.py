"""The counter and what follows it: secondary inspection, amendments, refusal notices."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from passage.accounts import audit
from passage.accounts.access import SignedInRequest, requires
from passage.accounts.choices import AuditAction
from passage.accounts.idempotency import KeyReused
from passage.common.bidi import dates_isolated
from passage.core.mrz import Issue, MRZResult, parse_mrz
from passage.core.problems import ProblemError, show_on_form
from passage.core.text import translate
from passage.documents import chips
from passage.documents.chips import ChipReading
from passage.reference.access import access_crossing_point
from passage.reference.choices import CrossingPointMode
from passage.reference.models import BorderCrossingPoint
from passage.reference.services import set_crossing_point_mode
from passage.travellers import images
from passage.travellers.choices import DocumentType
from passage.travellers.queries import possible_matches, recognise

from . import services
from .access import (
    access_crossing,
    access_document_override,
    access_inspection,
    access_traveller,
    history,
    person_history,
)
from .checks import CHECKS
from .choices import Decision, Direction, InspectionStatus, OverrideStatus
from .forms import AmendmentForm, CounterForm, InspectionDecisionForm, ModeForm, OverrideReviewForm
from .models import (
    Crossing,
    CrossingQuerySet,
    DocumentImage,
    DocumentOverride,
    SecondaryInspection,
    decision_label,
)
from .notice import notice_context

ACTIONS = {
    "admit": Decision.ADMITTED,
    "exit": Decision.ADMITTED,  # an exit recorded: the traveller departs
    "refuse": Decision.REFUSED,
    "secondary": Decision.SECONDARY,
}
HISTORY_SHOWN = 10
QUEUE_PER_PAGE = 50


def _highlighted(result: MRZResult) -> list[list[tuple[str, str, Issue | None]]]:
    """Each MRZ character with a CSS class and its finding, so bad characters are underlined.

    The page writes the finding as the title, in the reader's language (``mrz_field``,
    ``localized``).
    """
    marks: dict[tuple[int, int], tuple[str, Issue | None]] = {}
    for kind, issues in (("warn", result.warnings), ("bad", result.errors)):
        for issue in issues:
            if issue.line is None or issue.start is None:
                continue
            for column in range(issue.start, issue.end or issue.start + 1):
                marks[(issue.line, column)] = (kind, issue)
    return [
        [(ch, *marks.get((n, i), ("", None))) for i, ch in enumerate(line)]
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
    elif result.birth_date_partial:  # YYYY or YYYY-MM, as the field takes them
        values["birth_date"] = result.birth_date_partial
    if result.expiry_date:
        values["expiry_date"] = result.expiry_date.isoformat()
    return {k: v for k, v in values.items() if v not in (None, "")}


def _expired_on(data: dict[str, Any], result: MRZResult | None) -> Any:
    """The document's expiry date when it lies before today (a visa's expiry is the
    visa's business, not the travel document's)."""
    expiry = result.expiry_date if result is not None and result.format else None
    if expiry is None:
        try:
            expiry = dt.date.fromisoformat(str(data.get("expiry_date") or ""))
        except ValueError:
            return None
    if data.get("document_type") == DocumentType.VISA:
        return None
    return expiry if expiry < timezone.localdate() else None


CHIP_TOKEN_AGE = 3600
"""Seconds a chip verdict shown at the counter may be recorded without the files again."""


def _chip_salt(request: SignedInRequest) -> str:
    return f"passage.counter.chip:{request.user.pk}"


def _chip(request: SignedInRequest, data: dict[str, Any]) -> tuple[ChipReading | None, str]:
    """The chip the reader's files hold, verified against the printed MRZ; or the verdict
    this officer was shown for the same document within the hour (``chip_token``: the
    browser forgets chosen files when a page is shown again). Returns the reading and a
    problem to show (files that cannot be read, a verdict for another document)."""
    files = {}
    for upload in request.FILES.getlist("chip"):
        if upload.size is not None and upload.size > chips.MAX_FILE_BYTES:
            return None, _("%(file)s: larger than %(limit)s bytes") % {
                "file": upload.name,
                "limit": f"{chips.MAX_FILE_BYTES:,}",
            }
        files[upload.name or "?"] = upload.read()
    mrz = (data.get("mrz") or "").strip() or None
    if files:
        try:
            return chips.check_chip(files, mrz, with_portrait=True), ""
        except ProblemError as exc:
            return None, "; ".join(
                f"{k.removeprefix('chip.')}: {v}" for k, v in exc.problems.items()
            )
    token = data.get("chip_token") or ""
    if not token:
        return None, ""
    try:
        report = signing.loads(token, salt=_chip_salt(request), max_age=CHIP_TOKEN_AGE)
    except signing.BadSignature:
        return None, _(
            "The chip's verdict has expired or was altered: choose the chip's files again."
        )
    if (
        report.get("document_number")
        and data.get("number")
        and (report["document_number"] != data.get("number", "").strip().upper())
    ):
        return None, _(
            "The chip read belongs to another document: choose this document's chip files."
        )
    return ChipReading(report), ""


def _reading(request: SignedInRequest, data: dict[str, Any]) -> dict[str, Any]:
    """What the counter shows after the MRZ box changes: fields, problems, who this is."""
    text = (data.get("mrz") or "").strip()
    context: dict[str, Any] = {"result": None, "recognised": None, "matches": [], "history": []}
    result = None
    if text:
        result = parse_mrz(text, reference=timezone.localdate(), repair=True)
        context["result"] = result
        context["mrz_lines"] = _highlighted(result)
        if result.format is not None:
            prefill = _prefill(result)
            typed = str(data.get("birth_date") or "")
            if result.birth_date is None and typed.startswith(prefill.get("birth_date", "\0")):
                # A date the officer typed within what the MRZ gives (1980-03-14 where it
                # gives 80<<<<) stays when the MRZ is read again (a review, decision 0270).
                del prefill["birth_date"]
            data.update(prefill)
        if not result.valid:
            context["failed_fields"] = list(dict.fromkeys(e.field for e in result.errors))
    context["expired_on"] = _expired_on(data, result)
    document = recognise(data.get("issuing_state", ""), data.get("number", ""))
    if document is not None:
        traveller = document.traveller
        context["recognised"] = traveller
        context["recognised_document"] = document
        # Every document confirmed to be this person's: the days the stay card counts.
        context["history"] = list(
            _decided(person_history(request.user, traveller)).select_related(
                "crossing_point", "document"
            )[:HISTORY_SHOWN]
        )
        audit.record_read(
            request.user, traveller, message="shown at the counter (recognised by document)"
        )
        data["traveller_id"] = str(traveller.pk)
        if document.issue_date and not data.get("issue_date"):
            # Recorded at an earlier crossing: shown, so it is not typed again.
            data["issue_date"] = document.issue_date.isoformat()
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
    chip, problem = _chip(request, data)
    context["chip"], context["chip_problem"] = chip, problem
    if chip is not None:
        context["chip_token"] = signing.dumps(chip.report, salt=_chip_salt(request), compress=True)
        if chip.report.get("issue_date") and not data.get("issue_date"):
            data["issue_date"] = chip.report["issue_date"]  # DG12 of a chip that passed
    for panel in CHECKS.panels:
        context.update(panel(data, context["recognised"]))
    context.update(_stay_so_far(data, context))
    return context


def _stay_so_far(data: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    """At an exit, the stay that ends: the day of the open entry and the days since."""
    traveller, stay = context.get("recognised"), context.get("stay")
    if data.get("direction") != Direction.EXIT or traveller is None or stay is None:
        return {}
    entry = services.open_entry(traveller.pk)
    if entry is None:
        return {}
    entered = timezone.localdate(entry.at)
    return {"stay_entered_on": entered, "stay_days_this_stay": (stay.on - entered).days + 1}


def _decided(crossings: Any) -> CrossingQuerySet:
    """Crossings with the decision that stands (``CrossingQuerySet.with_effective_decision``)."""
    return cast(CrossingQuerySet, crossings).with_effective_decision()


def _counter_context(point: BorderCrossingPoint, form: CounterForm, **extra: Any) -> dict[str, Any]:
    return {
        "point": point,
        "form": form,
        "degraded": point.mode == CrossingPointMode.DEGRADED,
        "keep_images": settings.PASSAGE_KEEP_DOCUMENT_IMAGES,
        "last": extra.pop("last", None),
        **extra,
    }


@requires("crossings.record_crossing")
def counter(request: SignedInRequest, code: str) -> HttpResponse:
    point = access_crossing_point(request, code)
    last = None
    if last_id := request.GET.get("last"):
        last = (
            Crossing.objects.with_effective_decision()
            .select_related("traveller")
            .filter(pk=last_id, crossing_point=point)
            .first()
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
        data = {**request.POST.dict(), "crossing_point": point.code}
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
    direction = posted.get("direction", Direction.ENTRY)
    image, image_problem = _document_image(request)
    mrz_text = posted.get("mrz", "").strip()
    result = parse_mrz(mrz_text, reference=timezone.localdate()) if mrz_text else None
    if result is not None and result.format is not None:
        # What the MRZ says fills every field the officer left empty (a reader's
        # keyboard wedge may submit before the form was refreshed).
        for name, value in _prefill(result).items():
            if not posted.get(name):
                posted[name] = value
    form = CounterForm(posted)
    if (
        form.is_valid()
        and (action == "exit") != (direction == Direction.EXIT)
        and action
        in (
            "admit",
            "exit",
        )
    ):
        form.add_error(
            "direction",
            _("This is an exit: press “Record exit” (Alt+X).")
            if direction == Direction.EXIT
            else _("“Record exit” records an exit: choose the direction Exit first."),
        )
    if form.is_valid():
        override = (
            form.cleaned_data["document_override_reason"].strip()
            if form.cleaned_data["document_checked"]
            else ""
        )
        if form.cleaned_data["document_checked"] and not override:
            form.add_error(
                "document_override_reason", _("Say what you checked and why you accept it.")
            )
    if image_problem:
        _show_counter_problems(form, ProblemError({"document_image": image_problem}))
    chip = None
    if form.is_valid():
        chip, problem = _chip(request, posted.dict())
        if problem:
            form.add_error(None, _("The chip cannot be used: %(problem)s") % {"problem": problem})
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
            eu_family_of=form.cleaned_data["eu_family_of"],
            eu_family_document=form.cleaned_data["eu_family_document"],
            refusal_grounds=form.cleaned_data["refusal_grounds"] if action == "refuse" else [],
            notes=form.cleaned_data["notes"],
            authorised_until=form.cleaned_data["authorised_until"] if action == "admit" else None,
            secondary_reason=form.cleaned_data["secondary_reason"],
            traveller_id=form.cleaned_data["traveller_id"],
            submission_key=form.cleaned_data["submission_key"],
            minimal=point.mode == CrossingPointMode.DEGRADED,
            document_override_reason=override if action in ("admit", "exit") else "",
            chip=chip.report if chip is not None else None,
            document_image=image,
        )
        if request.user.has_perm("protection.flag_vulnerability"):  # protection app
            entry.protection_indicators = request.POST.getlist("protection_indicators")
            entry.protection_note = request.POST.get("protection_note", "")
        if entry.minimal and not entry.identity.issuing_state:
            entry.identity.issuing_state = entry.identity.nationality
        try:
            recorded = services.record_crossing(request.user, point, entry)
        except ProblemError as exc:
            _show_counter_problems(form, exc)
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
                        "decision": decision_label(crossing.direction, crossing.decision),
                    },
                )
                for warning in recorded.warnings:
                    # The referral is the banner over the last crossing (alerts' tag).
                    if warning != recorded.referral:
                        # Dates isolated: a stay's reason holds one (decision 0255).
                        messages.warning(request, dates_isolated(translate(warning, _)))
            else:  # the service's "Repeated submission" warning, said in the page's language
                messages.info(
                    request, _("This form was already submitted; the crossing was recorded once.")
                )
            return redirect(f"{request.path}?last={crossing.pk}")
    reading = _reading(request, {**posted.dict(), "crossing_point": point.code})
    # The decision was not recorded: the page says so at the top and takes the focus, so
    # an officer who pressed Alt+A is not left looking at an unchanged screen while the
    # reason sits below the fold. The captured image comes back with the form.
    context = _counter_context(
        point, form, not_recorded=True, held_image=_held_image(image), **reading
    )
    return render(request, "crossings/counter.html", context, status=400)


# The counter's Camera button (docs/counter.md, "Camera"): what each problem with an image
# is called on the page; the reader's own words follow, in English, as the detail.
IMAGE_PROBLEMS = {
    "not_image": _lazy("The file is not a JPEG, PNG or TIFF image."),
    "too_large": _lazy("The image is too large."),
    "truncated": _lazy("The image file is truncated: it was not saved or sent whole."),
    "no_mrz": _lazy("No machine readable zone was found in the image."),
    "mrz_cut": _lazy(
        "The machine readable zone is not wholly in the image: take the picture again "
        "with the whole page in view."
    ),
    "unreadable": _lazy("The machine readable zone could not be read."),
    "engine_unavailable": _lazy("The recognition model is not installed on this machine."),
    "not_dg1": _lazy("The chip file is not an EF.DG1 holding an MRZ."),
}
FIELD_NAMES = {
    "image": _lazy("first frame"),
    "image2": _lazy("second frame"),
    "dg1": _lazy("the chip's EF.DG1"),
}


@requires("crossings.record_crossing")
@require_POST
def counter_capture(request: SignedInRequest, code: str) -> HttpResponse:
    """Read the MRZ from the camera's frames (or a file): the zone as read, the lines with
    each doubtful character marked by its confidence. Nothing is recorded: the page puts
    the lines in the MRZ box and the officer confirms as for a typed MRZ."""
    point = access_crossing_point(request, code)
    template = "crossings/partials/counter_capture.html"
    try:
        first, second = _captured(request)
        dg1 = request.FILES.get("dg1")
        read, frame_problem = images.read_images(
            first,
            second,
            dg1=dg1.read(images.MAX_DG1_BYTES + 1) if dg1 is not None else None,
            reference=timezone.localdate(),
        )
    except images.ImageProblem as exc:
        context = {"point": point, "problem": exc, "problem_text": IMAGE_PROBLEMS.get(exc.code)}
        context["problem_field"] = FIELD_NAMES.get(exc.field, exc.field)
        return render(request, template, context, status=exc.status)
    doubtful = {(c.line, c.column): c for c in read.doubtful}
    disagree = set(read.disagreements)
    rows = []
    for li, line in enumerate(read.lines):
        row = []
        for col, char in enumerate(line):
            cell = doubtful.get((li, col))
            confidence = read.confidences[li][col] if col < len(read.confidences[li]) else 0.0
            row.append(
                {
                    "char": char,
                    "line": li + 1,
                    "column": col + 1,
                    "doubtful": cell is not None or (li, col) in disagree,
                    "disagrees": (li, col) in disagree,
                    "percent": round(100 * confidence),
                    "alternatives": [
                        (alt, round(100 * p))
                        for alt, p in (cell.alternatives if cell else ())
                        if alt != char
                    ],
                }
            )
        rows.append(row)
    context = {
        "point": point,
        "read": read,
        "rows": rows,
        "marked": [c for row in rows for c in row if c["doubtful"]],
        "mrz": "\n".join(read.lines),
        "zone_url": images.zone_data_url(read),
        "frames": 1 if second is None else 2,
        "by_chip": read.confirmed_by == "dg1",
        "frame_problem": frame_problem,
        "frame_problem_text": IMAGE_PROBLEMS.get(frame_problem.code) if frame_problem else None,
    }
    return render(request, template, context)


# A form shown again after an error sends the captured image back with it, so the officer
# need not capture it again (docs/counter.md, "Camera"): as base64 in a hidden field, which
# Django counts against DATA_UPLOAD_MAX_MEMORY_SIZE (5 MiB) with the other fields, so only
# images up to 3 MiB (4 MiB as text) are held; a camera frame is a few hundred kB.
HELD_IMAGE_BYTES = 3 * 1024 * 1024
HELD_IMAGE_FIELD = "kept_document_image"


def _document_image(request: SignedInRequest) -> tuple[bytes | None, str]:
    """The image sent with the decision, when the agency keeps them: a new capture, or
    the one held across an error; and what is wrong with the held one. The service
    checks the image itself; a file over the limit is not even read."""
    if not settings.PASSAGE_KEEP_DOCUMENT_IMAGES:
        return None, ""
    upload = request.FILES.get("document_image")
    if upload is not None:
        if upload.size is not None and upload.size > images.MAX_IMAGE_BYTES:
            return bytes(upload.read(images.MAX_IMAGE_BYTES + 1)), ""
        return bytes(upload.read()), ""
    held = request.POST.get(HELD_IMAGE_FIELD, "")
    if not held:
        return None, ""
    damaged = _("The document image held from before is damaged: capture it again.")
    if len(held) > (HELD_IMAGE_BYTES + 2) // 3 * 4:
        return None, damaged
    try:
        return base64.b64decode(held, validate=True), ""
    except (binascii.Error, ValueError):
        return None, damaged


def _held_image(image: bytes | None) -> str:
    """``image`` as base64 for the form shown again, if it is one the service would keep
    (checked again, decoded) and small enough to come back; else ""."""
    if image is None or len(image) > HELD_IMAGE_BYTES:
        return ""
    try:
        images.check_image(image, "document_image", decode=True)
    except images.ImageProblem:
        return ""
    return base64.b64encode(image).decode("ascii")


def _captured(request: SignedInRequest) -> tuple[bytes, bytes | None]:
    """The posted frames, bounded before they are read."""
    limit = images.MAX_IMAGE_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    too_large = _("the image is larger than %(mib)s MiB") % {"mib": limit // (1024 * 1024)}
    if length > 2 * limit + 64 * 1024:
        raise images.ImageProblem("image", "too_large", too_large)
    frames: list[bytes | None] = []
    for name in ("image", "image2"):
        upload = request.FILES.get(name)
        if upload is None:
            frames.append(None)
        elif upload.size is not None and upload.size > limit:
            raise images.ImageProblem(name, "too_large", too_large)
        else:
            frames.append(upload.read())
    first, second = frames
    if first is None:
        if second is None:
            raise images.ImageProblem("image", "not_image", _("no image was sent"))
        first, second = second, None
    return first, second


def _show_counter_problems(form: CounterForm, exc: ProblemError) -> None:
    """The service's problems on the counter form; an MRZ that fails its checks is said
    once, in words that name the way forward (the echo marks each failed field)."""
    # In the page's language: the service's messages are ``Text`` (decision 0063).
    problems = {k: translate(v, _) for k, v in exc.problems.items() if not k.startswith("mrz.")}
    failed = [k[4:] for k in exc.problems if k.startswith("mrz.")]
    if "mrz" in problems and failed:
        problems["mrz"] = _(
            "The document fails its checks (%(fields)s). Send the traveller to "
            "secondary inspection, or tick “Document checked by hand” and say why."
        ) % {"fields": ", ".join(failed)}
    if "document_override" in problems:
        problems["document_override_reason"] = problems.pop("document_override")
    show_on_form(form, ProblemError(problems))


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
    override = DocumentOverride.objects.filter(crossing=crossing).select_related("reviewed_by")
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
            "override": override.first(),
            "amend_form": amend_form,
            "document_image": DocumentImage.objects.filter(crossing=crossing)
            .only("id", "taken_at")
            .first(),
        },
    )


@requires("crossings.view_crossing")
def crossing_document_image(request: SignedInRequest, pk: str) -> HttpResponse:
    """The image kept with a crossing (PASSAGE_KEEP_DOCUMENT_IMAGES), to who may see the
    crossing; each showing is audited."""
    crossing = access_crossing(request.user, pk)
    image = DocumentImage.objects.filter(crossing=crossing).first()
    if image is None:
        raise Http404("no image is kept with this crossing")
    audit.record_read(request.user, image, message="document image viewed")
    response = HttpResponse(bytes(image.data), content_type=image.content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


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
    context = notice_context(crossing, translation.get_language(), request.GET.get("second", ""))
    audit.record_read(request.user, crossing, message="refusal notice printed")
    return render(request, "crossings/refusal_notice.html", context)


def _queue_read(request: SignedInRequest, point: Any, rows: Any, message: str) -> None:
    """A post's queue shows travellers' names: an audited read naming each person shown
    (rows reach their traveller through ``crossing``); nothing shown, nothing read."""
    travellers = [str(row.crossing.traveller_id) for row in rows]
    if travellers:
        audit.record_now(
            request.user,
            AuditAction.READ,
            obj=point,
            details={"travellers": travellers},
            message=message,
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
            "crossing__document",
            "crossing__officer",
        )
        .order_by("created_at")
    )
    _queue_read(request, point, waiting, "secondary inspection queue viewed")
    return render(request, "crossings/secondary_queue.html", {"point": point, "waiting": waiting})


@requires("crossings.review_document_override")
def override_queue(request: SignedInRequest, code: str) -> HttpResponse:
    """Documents that failed their MRZ checks and were admitted after a check by hand."""
    point = access_crossing_point(request, code)
    status = request.GET.get("status", OverrideStatus.OPEN)
    if status not in OverrideStatus.values:
        status = OverrideStatus.OPEN
    overrides = (
        DocumentOverride.objects.filter(crossing__crossing_point=point, status=status)
        .select_related(
            "crossing",
            "crossing__traveller",
            "crossing__traveller__nationality",
            "crossing__document",
            "crossing__officer",
            "reviewed_by",
        )
        # Open ones the longest-waiting first; reviewed ones the latest first.
        .order_by("created_at" if status == OverrideStatus.OPEN else "-created_at", "pk")
    )
    page = Paginator(overrides, QUEUE_PER_PAGE).get_page(request.GET.get("page"))
    _queue_read(request, point, page, "document override queue viewed")
    return render(
        request,
        "crossings/override_queue.html",
        {
            "point": point,
            "overrides": page,
            "page": page,
            "status": status,
            "statuses": OverrideStatus.choices,
        },
    )


@requires("crossings.review_document_override")
def override_detail(request: SignedInRequest, pk: str) -> HttpResponse:
    override = access_document_override(request.user, pk)
    crossing = access_crossing(request.user, override.crossing_id)
    form = OverrideReviewForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.review_document_override(
                    request.user, override, form.cleaned_data["review_note"]
                )
            except ProblemError as exc:
                show_on_form(form, exc)
            else:
                messages.success(request, _("Review recorded."))
                return redirect("crossings:override_queue", code=crossing.crossing_point.code)
        status = 400
    else:
        audit.record_read(
            request.user, crossing.traveller, message="document override opened for review"
        )
    return render(
        request,
        "crossings/override_detail.html",
        {
            "override": override,
            "crossing": crossing,
            "decision": crossing.get_effective_decision_display(),
            "form": form,
            "mrz_lines": _highlighted(parse_mrz(override.mrz)) if override.mrz else [],
        },
        status=status,
    )


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
    recent = (
        inspection.crossing.traveller.crossings.with_effective_decision()
        .select_related("crossing_point")
        .order_by("-at")[:HISTORY_SHOWN]
    )
    return render(
        request,
        "crossings/inspection_detail.html",
        {
            "inspection": inspection,
            "crossing": inspection.crossing,
            "form": form,
            "history": recent,
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
    # Newest first, paged: a daily commuter passes 200 crossings in a few months, and
    # the page showed the 200 newest and nothing of the rest (decision 0223).
    crossings = Paginator(
        _decided(history(request.user, traveller)).select_related("crossing_point", "document"),
        QUEUE_PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "crossings/traveller_detail.html",
        {
            "traveller": traveller,
            "crossings": crossings,
            "documents": traveller.documents.select_related("issuing_state"),
        },
    )
