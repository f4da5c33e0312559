"""Every write to alert lists and hits: atomic, audited, all or nothing.

Error hierarchy::

    ValueError
    └── ProblemError          ``problems`` maps each field (or ``line 12: field``) to a message
        └── ProblemError   a whole import refused; ``problems`` lists every bad line
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import User
from passage.core.problems import ProblemError
from passage.core.screening import normalise_document_number

from . import conf
from .choices import HitStatus, ImportFormat, VersionOrigin
from .formats import ImportTooLarge, Parsed, ParsedEntry, Problem, _check_entry, read
from .models import (
    AlertEntry,
    AlertList,
    AlertListVersion,
    FalsePositiveSuppression,
    ScreeningHit,
)

MAX_PROBLEMS_SHOWN = 200
BATCH = 5000


def _managed_here() -> None:
    """Lists are HQ's: a post holds HQ's copy (same keys, pulled by sync), so that every hit
    it raises names an entry HQ knows. Changing a list at a post is refused."""
    if settings.PASSAGE_ROLE == "node":
        raise ProblemError(
            {"alert_list": "alert lists are managed at HQ; this post receives them by sync"}
        )


@transaction.atomic
def create_list(actor: User | None, alert_list: AlertList) -> AlertList:
    """A new, empty list at version 0 (no entries, nothing to screen yet)."""
    _managed_here()
    alert_list.full_clean()
    alert_list.save(force_insert=True)
    audit.record(actor, AuditAction.CREATE, obj=alert_list, after=audit.snapshot(alert_list))
    return alert_list


def _new_version(
    actor: User | None, alert_list: AlertList, origin: str, **fields: Any
) -> AlertListVersion:
    # Locking the list row serialises version numbers per list.
    AlertList.objects.select_for_update().filter(pk=alert_list.pk).first()
    last = alert_list.versions.aggregate(n=Max("number"))["n"] or 0
    return AlertListVersion.objects.create(
        alert_list=alert_list, number=last + 1, origin=origin, created_by=actor, **fields
    )


def _activate(alert_list: AlertList, version: AlertListVersion) -> None:
    version.entries = version.live_entries().filter(withdrawn=False).count()
    version.save(update_fields=["entries"])
    alert_list.active_version = version
    alert_list.save(update_fields=["active_version"])


def _entry(alert_list: AlertList, number: int, p: ParsedEntry) -> AlertEntry:
    return AlertEntry(
        alert_list=alert_list,
        added_in=number,
        kind=p.kind,
        reference=p.reference,
        key=p.key,
        action=p.action,
        reason=p.reason,
        names=p.names,
        original_names=p.original_names,
        birth_dates=p.birth_dates,
        nationalities=p.nationalities,
        documents=p.documents,
        issuing_state=p.issuing_state,
        document_number=p.document_number,
        document_type=p.document_type,
        document_status=p.document_status,
        expires_on=p.expires_on,
    )


def import_entries(
    actor: User | None,
    alert_list: AlertList,
    fmt: str,
    data: bytes,
    *,
    file_name: str = "",
    replace: bool = True,
    max_bytes: int | None = None,
) -> tuple[AlertListVersion, list[Problem]]:
    """Import a file as a new version: all of it or, on any problem, nothing.

    ``replace`` (the default, for full lists such as the UN's) closes every entry of the
    current version; otherwise the file's entries are added to them. Returns the new
    version and the warnings (values left out of loose sources).
    """
    _managed_here()
    limit = max_bytes if max_bytes is not None else conf.import_max_bytes()
    if len(data) > limit:
        raise ProblemError(
            {
                "file": f"{len(data):,} bytes; the limit is {limit:,} (PASSAGE_ALERT_IMPORT_MAX_BYTES)"
            }
        )
    if fmt not in ImportFormat.values:
        raise ProblemError({"format": f"{fmt!r} is not one of {', '.join(ImportFormat.values)}"})
    try:
        parsed = read(fmt, data, alert_list.kind, conf.import_max_entries())
    except ImportTooLarge as exc:
        raise ProblemError({"file": str(exc)}) from exc
    if parsed.problems:
        shown = parsed.problems[:MAX_PROBLEMS_SHOWN]
        problems = {f"{p.where}: {p.field}": p.message for p in shown}
        if len(parsed.problems) > len(shown):
            problems["more"] = f"{len(parsed.problems) - len(shown)} further problems not shown"
        raise ProblemError(problems)
    if not parsed.entries:
        raise ProblemError({"file": "no entries to import"})
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        version = _new_version(
            actor,
            alert_list,
            VersionOrigin.IMPORT if replace else VersionOrigin.APPEND,
            import_format=fmt,
            file_name=file_name[:200],
            file_sha256=digest,
        )
        if replace:
            AlertEntry.objects.filter(alert_list=alert_list, removed_in__isnull=True).update(
                removed_in=version.number
            )
        for start in range(0, len(parsed.entries), BATCH):
            AlertEntry.objects.bulk_create(
                [
                    _entry(alert_list, version.number, p)
                    for p in parsed.entries[start : start + BATCH]
                ]
            )
        _activate(alert_list, version)
        audit.record(
            actor,
            AuditAction.IMPORT,
            obj=version,
            details={
                "list": alert_list.name,
                "format": fmt,
                "file": file_name,
                "sha256": digest,
                "entries": len(parsed.entries),
                "replace": replace,
                "skipped": parsed.skipped,
                "warnings": len(parsed.warnings),
            },
            message=f"{len(parsed.entries)} entries imported into {alert_list.name} v{version.number}",
        )
    return version, parsed.warnings


def add_entry(actor: User | None, alert_list: AlertList, raw: dict[str, Any]) -> AlertEntry:
    """Add one entry (fields as in a JSON Lines import line) as a new version."""
    _managed_here()

    out = Parsed()
    parsed = ParsedEntry("entry", "")
    _check_entry(parsed, raw, alert_list.kind, "|", out)
    if out.problems:
        raise ProblemError({p.field: p.message for p in out.problems})
    if (
        parsed.reference
        and alert_list.entries.filter(reference=parsed.reference, removed_in__isnull=True).exists()
    ):
        raise ProblemError({"reference": f"{parsed.reference!r} is already on this list"})
    with transaction.atomic():
        version = _new_version(actor, alert_list, VersionOrigin.ADD)
        entry = _entry(alert_list, version.number, parsed)
        entry.save(force_insert=True)
        _activate(alert_list, version)
        audit.record(
            actor,
            AuditAction.CREATE,
            obj=entry,
            after=audit.snapshot(entry),
            message=f"added to {alert_list.name} v{version.number}",
        )
    return entry


def withdraw_entry(actor: User | None, entry: AlertEntry, reason: str) -> AlertListVersion:
    """Withdraw an entry (kept for the hits it raised) as a new version of its list."""
    _managed_here()
    if not reason.strip():
        raise ProblemError({"reason": "say why the entry is withdrawn"})
    with transaction.atomic():
        entry = AlertEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.withdrawn or entry.removed_in is not None:
            raise ProblemError({"entry": "already withdrawn or no longer on the list"})
        version = _new_version(actor, entry.alert_list, VersionOrigin.WITHDRAW, note=reason.strip())
        entry.withdrawn = True
        entry.withdrawn_at = timezone.now()
        entry.withdrawn_by = actor
        entry.withdrawn_reason = reason.strip()
        entry.removed_in = version.number
        entry.save()
        _activate(entry.alert_list, version)
        audit.record(
            actor,
            AuditAction.WITHDRAW,
            obj=entry,
            message=reason.strip(),
            details={"list": entry.alert_list.name, "version": version.number},
        )
    return version


def set_status(actor: User | None, alert_list: AlertList, status: str) -> AlertList:
    _managed_here()
    with transaction.atomic():
        before = alert_list.status
        alert_list.status = status
        alert_list.full_clean()
        alert_list.save(update_fields=["status"])
        audit.record(
            actor,
            AuditAction.UPDATE,
            obj=alert_list,
            before={"status": before},
            after={"status": status},
        )
    return alert_list


@transaction.atomic
def decide_hit(actor: User, hit: ScreeningHit, *, true_match: bool, reason: str) -> ScreeningHit:
    """A supervisor's verdict on a hit; a false positive is suppressed for its document."""
    hit = (
        ScreeningHit.objects.select_for_update(of=("self",))
        .select_related("entry", "crossing__document__issuing_state")
        .get(pk=hit.pk)
    )
    problems: dict[str, str] = {}
    if hit.status != HitStatus.PENDING:
        problems["status"] = "already decided"
    if not reason.strip():
        problems["reason"] = "say why"
    if problems:
        raise ProblemError(problems)
    hit.status = HitStatus.TRUE_MATCH if true_match else HitStatus.FALSE_POSITIVE
    hit.decided_by = actor
    hit.decided_at = timezone.now()
    hit.decision_reason = reason.strip()
    hit.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    audit.record(
        actor,
        AuditAction.DECIDE,
        obj=hit,
        after={"status": hit.status},
        message=hit.decision_reason,
    )
    document = hit.crossing.document
    if not true_match and document is not None and document.number and document.issuing_state_id:
        suppression = FalsePositiveSuppression.objects.create(
            alert_list_id=hit.entry.alert_list_id,
            entry_key=hit.entry.key,
            entry=hit.entry,
            issuing_state=document.issuing_state_id,
            document_number=normalise_document_number(document.number),
            hit=hit,
            reason=hit.decision_reason,
            created_by=actor,
            expires_at=timezone.now() + dt.timedelta(days=conf.suppression_days()),
        )
        audit.record(
            actor,
            AuditAction.SUPPRESS,
            obj=suppression,
            message=hit.decision_reason,
            after={"expires_at": suppression.expires_at, "entry_key": suppression.entry_key},
        )
    return hit
