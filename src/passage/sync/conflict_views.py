"""HQ's page of conflicting corrections of travellers, for supervisors (decision 0105)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passage.accounts import audit
from passage.accounts.access import SignedInRequest, requires
from passage.accounts.choices import AuditAction
from passage.core.problems import ProblemError
from passage.travellers import corrections
from passage.travellers.access import access_conflict, conflicts_for
from passage.travellers.models import ConflictStatus, CorrectionConflict, Traveller

from .models import Node


def _label(attname: str) -> str:
    name = attname[:-3] if attname.endswith("_id") else attname
    field: Any = Traveller._meta.get_field(name)
    return str(field.verbose_name)


def _rows(conflicts: list[CorrectionConflict]) -> list[dict[str, Any]]:
    nodes = dict(Node.objects.values_list("pk", "name"))
    names = {str(pk): name for pk, name in nodes.items()}
    return [
        {
            "conflict": c,
            "label": _label(c.field),
            "post": names.get(c.origin, c.origin),
        }
        for c in conflicts
    ]


def _hq_only() -> None:
    if settings.PASSAGE_ROLE != "hq":
        raise Http404("Conflicts are kept and resolved at headquarters.")


@requires("travellers.resolve_conflict")
def conflict_list(request: SignedInRequest) -> HttpResponse:
    _hq_only()
    visible = conflicts_for(request.user)
    open_ = list(visible.filter(status=ConflictStatus.OPEN).order_by("created_at")[:200])
    resolved = list(visible.filter(status=ConflictStatus.RESOLVED).order_by("-resolved_at")[:20])
    shown = {str(c.traveller_id) for c in (*open_, *resolved)}
    if shown:
        audit.record_now(
            request.user,
            AuditAction.READ,
            object_type="travellers.correctionconflict",
            details={"travellers": sorted(shown)},
            message="conflicting corrections listed",
        )
    return render(
        request,
        "sync/conflict_list.html",
        {"open": _rows(open_), "resolved": _rows(resolved)},
    )


@requires("travellers.resolve_conflict")
@require_POST
def conflict_resolve(request: SignedInRequest, pk: str) -> HttpResponse:
    _hq_only()
    conflict = access_conflict(request.user, pk)
    try:
        corrections.resolve(
            request.user, conflict.pk, request.POST.get("choice", ""), request.POST.get("note", "")
        )
    except ProblemError as exc:
        messages.error(request, "; ".join(f"{k}: {v}" for k, v in exc.problems.items()))
    else:
        messages.success(
            request,
            _("Decided: %(field)s of %(name)s is now sent to every post holding the traveller.")
            % {"field": _label(conflict.field), "name": conflict.traveller},
        )
    return redirect("sync:conflicts")
