"""Corrections of a traveller, field by field, and their conflicts (decision 0105).

A correction is never a new copy of the whole traveller: it names each field it changes
with the value it was made on and the value it sets, and the traveller's version then.
Where it is made it applies at once (``correct``); where it arrives later (HQ receiving
a post's correction) it is merged field by field (``merge``, ``passage.core.merge``):
fields nobody else changed apply, fields changed elsewhere since are kept as a
``CorrectionConflict`` with both values until a supervisor chooses (``resolve``). HQ's
own corrections and resolutions are logged as ``TravellerChange`` rows, which the
posts holding the traveller receive (``apply_from_hq``). Creation fields
(``created_at``, ``created_by``) and the key are never changed by any of these.

Every write here is atomic and audited in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import User
from passage.core import freetext
from passage.core.freetext import text_problem
from passage.core.merge import FieldChange
from passage.core.merge import merge as merge_fields
from passage.core.problems import ProblemError

from .choices import DocumentType
from .models import (
    CORRECTABLE,
    ConflictStatus,
    CorrectionConflict,
    Traveller,
    TravellerChange,
    TravellerCorrection,
)
from .services import Identity

HQ_ORIGIN = "hq"  # at a post: the origin of the changes HQ sent


def current_values(traveller: Traveller) -> dict[str, Any]:
    return {name: getattr(traveller, name) for name in CORRECTABLE}


def _normalise(traveller: Traveller, changes: dict[str, Any]) -> dict[str, Any]:
    """The changed fields as Passage stores them, checked as the counter checks them."""
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise ProblemError({name: "this field cannot be corrected" for name in unknown})
    merged = {**current_values(traveller), **changes}
    identity = Identity(
        primary_name=merged["primary_name"] or "",
        secondary_name=merged["secondary_name"] or "",
        native_primary_name=merged["native_primary_name"] or "",
        native_secondary_name=merged["native_secondary_name"] or "",
        sex=merged["sex"] or "",
        birth_year=merged["birth_year"],
        birth_month=merged["birth_month"],
        birth_day=merged["birth_day"],
        nationality=merged["nationality_id"] or "",
        document_type=DocumentType.NONE,
    ).clean(timezone.localdate())
    values = identity.traveller_fields()
    nationality = values.pop("nationality")
    values["nationality_id"] = nationality.pk if nationality is not None else None
    return {name: values[name] for name in changes}


def _log(
    traveller: Traveller,
    values: dict[str, Any],
    origin: str,
    correction: TravellerCorrection | None,
) -> None:
    for name, value in values.items():
        setattr(traveller, name, value)
    traveller.version += 1
    traveller.save(update_fields=[*values, "version"])
    TravellerChange.objects.create(
        traveller=traveller, values=values, origin=origin, correction=correction
    )


@transaction.atomic
def correct(
    actor: User | None,
    traveller_id: Any,
    changes: dict[str, Any],
    *,
    version: int,
    reason: str,
) -> TravellerCorrection:
    """Correct some of a traveller's fields, made on ``version`` (what the officer saw).

    Refused when the traveller changed since (another correction applied here), when a
    field cannot be corrected or a value is not valid, or when nothing changes.
    """
    traveller = Traveller.objects.select_for_update().filter(pk=traveller_id).first()
    if traveller is None:
        raise ProblemError({"traveller": "no such traveller"})
    if traveller.version != version:
        raise ProblemError(
            {
                "version": f"the traveller was corrected since (now version "
                f"{traveller.version}, not {version}): reload and correct again"
            }
        )
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise ProblemError({"reason": "say why the record is corrected"})
    if (problem := text_problem(reason, freetext.REASON)) is not None:
        raise ProblemError({"reason": problem})
    wanted = _normalise(traveller, changes)
    held = current_values(traveller)
    fields = {
        name: {"base": held[name], "value": value}
        for name, value in wanted.items()
        if value != held[name]
    }
    if not fields:
        raise ProblemError({"changes": "nothing to correct: the values are the ones held"})
    correction = TravellerCorrection.objects.create(
        traveller=traveller,
        changes=fields,
        base_version=version,
        reason=reason,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _log(traveller, {name: c["value"] for name, c in fields.items()}, "", correction)
    audit.record(
        actor,
        AuditAction.CORRECT,
        obj=traveller,
        before={name: c["base"] for name, c in fields.items()},
        after={name: c["value"] for name, c in fields.items()},
        details={"correction": str(correction.pk), "version": traveller.version},
        message=reason,
    )
    return correction


def merge(correction: TravellerCorrection, origin: str) -> list[CorrectionConflict]:
    """Merge a correction received from ``origin`` (a node) into the traveller held here.

    Runs inside the caller's transaction (HQ's batch). Returns the conflicts kept.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("merge() runs inside the transaction of the batch")
    traveller = Traveller.objects.select_for_update().get(pk=correction.traveller_id)
    sent = correction.changes
    if (
        not isinstance(sent, dict)
        or not sent
        or not all(isinstance(c, dict) and "base" in c and "value" in c for c in sent.values())
    ):
        raise ProblemError({"changes": "each corrected field needs a base and a value"})
    # Checked as a correction made here would be: unknown fields, impossible values.
    _normalise(traveller, {name: c["value"] for name, c in sent.items()})
    changes = {name: FieldChange(base=c["base"], value=c["value"]) for name, c in sent.items()}
    result = merge_fields(current_values(traveller), changes)
    conflicts = [
        CorrectionConflict(
            traveller=traveller,
            field=name,
            base=c.base,
            held=c.held,
            incoming=c.incoming,
            correction=correction,
            origin=origin,
        )
        for name, c in result.conflicts.items()
    ]
    CorrectionConflict.objects.bulk_create(conflicts)
    before = {name: getattr(traveller, name) for name in result.apply}
    if result.apply:
        _log(traveller, dict(result.apply), origin, correction)
    audit.record(
        None,
        AuditAction.CORRECT,
        obj=traveller,
        before=before,
        after=dict(result.apply),
        details={
            "correction": str(correction.pk),
            "origin": origin,
            "applied": sorted(result.apply),
            "conflicts": sorted(result.conflicts),
            "already": sorted(result.unchanged),
        },
        message="correction received from a post"
        + (f"; {len(conflicts)} field(s) kept as conflicts" if conflicts else ""),
    )
    return conflicts


def merge_whole_record(traveller_id: Any, fields: dict[str, Any], origin: str) -> int:
    """A whole traveller sent as changed (posts running code from before decision 0105):
    with no base to merge on, every field that differs from what is held is kept as a
    conflict rather than overwriting it. Returns the number of conflicts kept."""
    traveller = Traveller.objects.select_for_update().filter(pk=traveller_id).first()
    if traveller is None:
        return 0
    held = current_values(traveller)
    conflicts = [
        CorrectionConflict(
            traveller=traveller,
            field=name,
            base=None,
            held=held[name],
            incoming=fields[name],
            origin=origin,
        )
        for name in CORRECTABLE
        if name in fields and fields[name] != held[name]
    ]
    if conflicts:
        CorrectionConflict.objects.bulk_create(conflicts)
        audit.record(
            None,
            AuditAction.CORRECT,
            obj=traveller,
            details={"origin": origin, "applied": [], "conflicts": [c.field for c in conflicts]},
            message="whole record received from a post: differing fields kept as conflicts",
        )
    return len(conflicts)


@transaction.atomic
def resolve(actor: User, conflict_id: Any, choice: str, note: str = "") -> CorrectionConflict:
    """A supervisor's decision on a conflict: keep HQ's value (``held``) or take the
    post's (``incoming``). Either way the value is sent to every post holding the
    traveller, the post whose correction lost included."""
    conflict = CorrectionConflict.objects.select_for_update().filter(pk=conflict_id).first()
    if conflict is None:
        raise ProblemError({"conflict": "no such conflict"})
    if conflict.status != ConflictStatus.OPEN:
        raise ProblemError({"conflict": "already resolved"})
    if choice not in ("held", "incoming"):
        raise ProblemError({"choice": f"{choice!r} is neither 'held' nor 'incoming'"})
    note = " ".join(str(note or "").split())
    if (problem := text_problem(note, freetext.REASON)) is not None:
        raise ProblemError({"note": problem})
    value = conflict.held if choice == "held" else conflict.incoming
    traveller = Traveller.objects.select_for_update().get(pk=conflict.traveller_id)
    wanted = _normalise(traveller, {conflict.field: value})
    before = getattr(traveller, conflict.field)
    _log(traveller, wanted, "", conflict.correction)
    conflict.status = ConflictStatus.RESOLVED
    conflict.chosen = wanted[conflict.field]
    conflict.resolved_at = timezone.now()
    conflict.resolved_by = actor
    conflict.note = note
    conflict.save(update_fields=["status", "chosen", "resolved_at", "resolved_by", "note"])
    audit.record(
        actor,
        AuditAction.CONFLICT_RESOLVED,
        obj=traveller,
        before={conflict.field: before},
        after=wanted,
        details={
            "conflict": str(conflict.pk),
            "field": conflict.field,
            "choice": choice,
            "held": conflict.held,
            "incoming": conflict.incoming,
            "origin": conflict.origin,
        },
        message=note,
    )
    return conflict


def apply_from_hq(traveller: Traveller, values: dict[str, Any]) -> dict[str, Any]:
    """At a post: HQ's values for some fields (its corrections, merges and resolutions).

    Runs in the pull's transaction; returns what changed (audited as an update)."""
    values = {
        name: value
        for name, value in values.items()
        if name in CORRECTABLE and getattr(traveller, name) != value
    }
    if not values:
        return {}
    before = {name: getattr(traveller, name) for name in values}
    _log(traveller, values, HQ_ORIGIN, None)
    audit.record(
        None,
        AuditAction.UPDATE,
        obj=traveller,
        before=before,
        after=values,
        details={"origin": HQ_ORIGIN, "version": traveller.version},
        message="correction received from headquarters",
    )
    return values
