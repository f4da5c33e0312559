"""Every write of identity resolution: the batch run, decisions, undoing them.

Links are proposals: only a supervisor's "same person" decision gives a link effects
(:func:`linked_documents`). A decided pair is not proposed again unless one of its two
records changes (its fingerprint), and a decision names the link version it was made
on, so a decision on a link that changed meanwhile is refused.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import User
from passage.core.problems import ProblemError
from passage.identity.engine import Colour, Pair, Resolver, default_model_path, prepare
from passage.identity.engine.model import write_rows
from passage.travellers.models import TravelDocument

from .access import access_link
from .choices import Decision, LinkColour, LinkState
from .models import Link, ResolutionRun

DECISION_COLOUR = {
    Decision.SAME: LinkColour.WHITE,
    Decision.DIFFERENT: LinkColour.GREEN,
    Decision.FRAUD: LinkColour.RED,
}
_COMPARED = (
    "surname",
    "given_names",
    "birth_date",
    "sex",
    "nationality",
    "issuing_state",
    "document_number",
    "valid_from",
    "valid_until",
)


def record_of(doc: TravelDocument) -> dict[str, Any]:
    """A stored document and its traveller as the model's record (``record_id`` the
    document's id). A document is valid from its issue date when known (the MRZ does
    not carry it); the day it was first recorded is no issue date: a renewal first seen
    years after it was issued would read as a document of no history (decision 0158).
    That day is sent as ``first_seen``: the document was issued by then, which is what
    the red rule reads when the issue date is unknown (decision 0164)."""
    t = doc.traveller
    return {
        "record_id": str(doc.pk),
        "surname": t.primary_name or t.native_primary_name,
        "given_names": t.secondary_name or t.native_secondary_name,
        "birth_date": t.birth_date_display or None,
        "sex": t.sex or None,
        "nationality": t.nationality_id,
        "issuing_state": doc.issuing_state_id,
        "document_number": doc.number,
        "valid_from": doc.issue_date.isoformat() if doc.issue_date else None,
        "valid_until": doc.expiry_date.isoformat() if doc.expiry_date else None,
        # Not a validity start for the renewal level (a renewal first seen years after
        # its issue would read as no renewal), only a bound for the red rule (0164).
        "first_seen": doc.created_at.date().isoformat() if doc.created_at else None,
    }


def fingerprint(record: dict[str, Any]) -> str:
    data = json.dumps([record.get(k) for k in _COMPARED], sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def _documents(since: datetime | None = None) -> Iterable[TravelDocument]:
    docs = TravelDocument.objects.select_related("traveller").order_by("pk")
    if since is not None:
        docs = docs.filter(created_at__gte=since)
    return docs.iterator(chunk_size=5000)


def _fields(pair: Pair) -> dict[str, dict[str, Any]]:
    return {
        name: {"level": pair.levels[name], "weight": pair.contributions[name]}
        for name in pair.levels
    }


_PROPOSED_COLOUR = {
    Colour.WHITE: LinkColour.WHITE,
    Colour.YELLOW: LinkColour.YELLOW,
    Colour.RED: LinkColour.RED,
}


@dataclass
class RunResult:
    run: ResolutionRun
    problems: list[str]


def run_resolution(
    actor: User | None = None, *, incremental: bool = False, backend: str | None = None
) -> RunResult:
    """Score every stored document (or, incremental, pairs touching documents recorded
    since the last run) and store the proposals; decided pairs are left alone unless one
    of their records changed, then they are proposed again."""
    started = timezone.now()
    since = None
    if incremental:
        last = ResolutionRun.objects.filter(finished_at__isnull=False).order_by("-bookmark").first()
        since = last.bookmark if last else None
    backend = backend or settings.PASSAGE_IDENTITY_BACKEND
    rows_dir = Path(settings.PASSAGE_IDENTITY_ROWS)
    stored = sorted(rows_dir.glob("rows-*.parquet")) if rows_dir.is_dir() else []
    spark = None
    if backend == "spark":
        from passage.identity.spark import session

        spark = session()
    resolver = Resolver(default_model_path(), backend=backend, spark=spark)
    traveller_of: dict[str, str] = {}
    records = []
    if since is not None and stored:
        # Only the documents recorded since the last run are read and prepared; they are
        # compared with the rows stored by earlier runs (blocking on the new ones).
        for doc in _documents(since):
            records.append(record_of(doc))
            traveller_of[str(doc.pk)] = str(doc.traveller_id)
        prepared = prepare(records)
        scored = list(resolver.score_new(prepared, stored))
        others = {x for p in scored for x in (p.left, p.right)} - traveller_of.keys()
        for doc in TravelDocument.objects.filter(pk__in=[UUID(x) for x in others]).select_related(
            "traveller"
        ):
            records.append(record_of(doc))  # fingerprints of the stored side, as they are now
            traveller_of[str(doc.pk)] = str(doc.traveller_id)
        new_rows = prepared
        keep_stored = True
    else:
        for doc in _documents():
            records.append(record_of(doc))
            traveller_of[str(doc.pk)] = str(doc.traveller_id)
        new = {str(d.pk) for d in _documents(since)} if since is not None else None
        prepared = prepare(records)
        scored = [
            p for p in resolver.score(prepared) if new is None or p.left in new or p.right in new
        ]
        new_rows = prepared
        keep_stored = False
    problems = [f"document {rid}: {m}" for rid, ms in prepared.problems.items() for m in ms]
    problems += [f"record {i}: {m}" for i, m in prepared.rejected]
    pairs = [
        p
        for p in scored
        if p.colour in _PROPOSED_COLOUR
        # a stored row whose document is gone (purged) proposes nothing
        and p.left in traveller_of
        and p.right in traveller_of
        and traveller_of[p.left] != traveller_of[p.right]
    ]
    _store_rows(rows_dir, new_rows, started, keep=stored if keep_stored else [])
    prints = {r["record_id"]: fingerprint(r) for r in records}
    counts = {"proposed": 0, "reopened": 0, "kept": 0}
    with transaction.atomic():
        existing = {
            (str(link.left_id), str(link.right_id)): link
            for link in Link.objects.filter(
                left_id__in=[UUID(p.left) for p in pairs]
            ).select_for_update()
        }
        for pair in pairs:
            _store(pair, existing.get((pair.left, pair.right)), prints, counts)
        run = ResolutionRun.objects.create(
            finished_at=timezone.now(),
            incremental=incremental,
            bookmark=started,
            records=len(prepared.rows) + len(prepared.rejected),
            problems=problems[:1000],
            **counts,
        )
        audit.record(
            actor,
            AuditAction.LINK_PROPOSED,
            run,
            details={
                "records": len(prepared.rows) + len(prepared.rejected),
                **counts,
                "incremental": incremental,
            },
            message=f"identity run: {counts['proposed']} proposed, {counts['reopened']} reopened",
        )
    return RunResult(run, problems)


def _store_rows(rows_dir: Path, prepared: Any, started: datetime, keep: list[Path]) -> None:
    """Keep this run's prepared rows for the next incremental run: a full run replaces
    every stored file, an incremental one adds its new rows beside them."""
    rows_dir.mkdir(parents=True, exist_ok=True)
    target = rows_dir / f"rows-{started.strftime('%Y%m%dT%H%M%S%f')}.parquet"
    partial = target.with_suffix(".part")
    write_rows(prepared, partial)
    partial.replace(target)
    for old in rows_dir.glob("rows-*.parquet"):
        if old != target and old not in keep:
            old.unlink()


def forget_documents(ids: Iterable[str]) -> int:
    """Take purged or erased documents' prepared rows out of the files stored for
    incremental runs (they are personal data; waiting for the next full run would keep
    them). Ids that are not documents' match nothing. Returns the rows removed."""
    wanted = sorted({str(i) for i in ids})
    rows_dir = Path(settings.PASSAGE_IDENTITY_ROWS)
    if not wanted or not rows_dir.is_dir():
        return 0
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    gone = pa.array(wanted, type=pa.string())
    removed = 0
    for path in sorted(rows_dir.glob("rows-*.parquet")):
        table = pq.read_table(path)
        kept = table.filter(pc.invert(pc.is_in(table["unique_id"], value_set=gone)))
        if kept.num_rows == table.num_rows:
            continue
        removed += table.num_rows - kept.num_rows
        partial = path.with_suffix(".part")
        pq.write_table(kept, partial)
        partial.replace(path)
    return removed


def _store(pair: Pair, link: Link | None, prints: dict[str, str], counts: dict[str, int]) -> None:
    colour = _PROPOSED_COLOUR[pair.colour]  # type: ignore[index]
    left_print, right_print = prints[pair.left], prints[pair.right]
    if link is None:
        Link.objects.create(
            left_id=pair.left,
            right_id=pair.right,
            colour=colour,
            proposed_colour=colour,
            weight=pair.weight,
            reason=pair.reason,
            fields=_fields(pair),
            fingerprint_left=left_print,
            fingerprint_right=right_print,
        )
        counts["proposed"] += 1
        return
    unchanged = (link.fingerprint_left, link.fingerprint_right) == (left_print, right_print)
    if link.state != LinkState.PROPOSED and unchanged:
        counts["kept"] += 1  # decided (or undone) on these very records: not proposed again
        return
    if link.state == LinkState.PROPOSED and unchanged and link.proposed_colour == colour:
        counts["kept"] += 1
        return
    if link.state != LinkState.PROPOSED:
        counts["reopened"] += 1
    else:
        counts["proposed"] += 1
    link.state = LinkState.PROPOSED
    link.decision = ""
    link.colour = link.proposed_colour = colour
    link.weight, link.reason, link.fields = pair.weight, pair.reason, _fields(pair)
    link.fingerprint_left, link.fingerprint_right = left_print, right_print
    link.version += 1
    link.save()


def _snapshot(link: Link) -> dict[str, Any]:
    return {
        "colour": link.colour,
        "state": link.state,
        "decision": link.decision,
        # The reason stays in the trail when an undo writes its own over the decision's.
        "reason": link.decision_reason,
        "version": link.version,
    }


def decide(user: User, link_id: Any, *, version: int, decision: str, reason: str) -> Link:
    """A supervisor's decision on a proposed link: same person, different people, fraud."""
    problems: dict[str, str] = {}
    if decision not in Decision.values:
        problems["decision"] = _("Choose same person, different people or fraud suspected.")
    if not reason.strip():
        problems["reason"] = _("Say why: the decision is audited.")
    elif len(reason) > 2000 or "\x00" in reason:
        problems["reason"] = _("At most 2000 characters of text.")
    if problems:
        raise ProblemError(problems)
    with transaction.atomic():
        access_link(user, link_id, "change")
        link = Link.objects.select_for_update().get(pk=link_id)
        _same_version(link, version)
        if link.state != LinkState.PROPOSED:
            raise ProblemError({"decision": _("This link is already decided; undo it first.")})
        before = _snapshot(link)
        link.decision = decision
        link.colour = DECISION_COLOUR[Decision(decision)]
        link.state = LinkState.DECIDED
        link.decision_reason = reason.strip()
        link.decided_by = user
        link.decided_at = timezone.now()
        link.version += 1
        link.save()
        audit.record(
            user,
            AuditAction.LINK_DECIDED,
            link,
            before=before,
            after=_snapshot(link),
            message=f"identity link decided: {Decision(decision).value}",
        )
    return link


def undo(user: User, link_id: Any, *, version: int, reason: str) -> Link:
    """Undo a decision: the link goes back to the queue, its effects stop."""
    if not reason.strip():
        raise ProblemError({"reason": _("Say why: the decision is audited.")})
    with transaction.atomic():
        access_link(user, link_id, "change")
        link = Link.objects.select_for_update().get(pk=link_id)
        _same_version(link, version)
        if link.state != LinkState.DECIDED:
            raise ProblemError({"decision": _("Only a decided link can be undone.")})
        before = _snapshot(link)
        link.state = LinkState.PROPOSED
        link.decision = ""
        link.colour = link.proposed_colour
        link.decision_reason = reason.strip()
        link.decided_by = user
        link.decided_at = timezone.now()
        link.version += 1
        link.save()
        audit.record(
            user,
            AuditAction.LINK_UNDONE,
            link,
            before=before,
            after=_snapshot(link),
            message="identity link decision undone",
        )
    return link


def _same_version(link: Link, version: int) -> None:
    if link.version != version:
        raise ProblemError(
            {
                "version": _(
                    "This link changed since you opened it (the records or another "
                    "decision): look at it again before deciding."
                )
            }
        )


def linked_documents(document_id: Any) -> set[Any]:
    """Ids of every document of the same person through confirmed links and shared
    travellers, the document itself included (no permission: callers have one)."""
    seen: set[Any] = set()
    frontier = {document_id}
    while frontier:
        seen |= frontier
        travellers = TravelDocument.objects.filter(pk__in=frontier).values_list(
            "traveller_id", flat=True
        )
        same_traveller = set(
            TravelDocument.objects.filter(traveller_id__in=travellers).values_list("pk", flat=True)
        )
        links = Link.objects.confirmed().filter(
            left_id__in=frontier
        ) | Link.objects.confirmed().filter(right_id__in=frontier)
        linked = {x for pair in links.values_list("left_id", "right_id") for x in pair}
        frontier = (same_traveller | linked) - seen
    return seen


def linked_travellers(traveller_id: Any) -> set[Any]:
    """Travellers confirmed to be the same person as ``traveller_id`` (itself included):
    registered with ``travellers.same_person`` for the stay calculator and the counter."""
    docs = TravelDocument.objects.filter(traveller_id=traveller_id).values_list("pk", flat=True)
    first = next(iter(docs), None)
    if first is None:
        return {traveller_id}
    linked = linked_documents(first)
    travellers = set(
        TravelDocument.objects.filter(pk__in=linked).values_list("traveller_id", flat=True)
    )
    return travellers | {traveller_id}


def counter_panel(data: dict[str, Any], traveller: Any) -> dict[str, Any]:
    """The counter's "also known as": the other documents of a recognised traveller that a
    supervisor confirmed are the same person (registered with ``crossings.checks``)."""
    if traveller is None:
        return {}
    others = linked_travellers(traveller.pk) - {traveller.pk}
    if not others:
        return {}
    docs = (
        TravelDocument.objects.filter(traveller_id__in=others)
        .select_related("traveller")
        .order_by("traveller__primary_name", "number")
    )
    shown = list(docs[:20])
    with transaction.atomic():
        for doc in shown:
            audit.record(
                None,
                AuditAction.READ,
                obj=doc.traveller,
                message="shown at the counter as also known as (confirmed link)",
            )
    return {"also_known_as": shown}


def persons_of_travellers() -> dict[Any, Any]:
    """For every traveller in a confirmed link, the key of its person (the smallest
    traveller id of the travellers joined by confirmed links); a traveller not listed is
    a person of its own. For statistics that count persons as well as documents."""
    pairs = Link.objects.confirmed().values_list("left__traveller_id", "right__traveller_id")
    parent: dict[Any, Any] = {}

    def find(x: Any) -> Any:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            keep, gone = sorted((ra, rb), key=str)
            parent[gone] = keep
    return {t: find(t) for t in parent}
