"""Writes of the sync app: enrol, re-key and revoke posts (HQ); join HQ and apply pulled
datasets (post). Each runs in one transaction with its audit event."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F
from django.db.models.functions import Greatest
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent, User
from passage.core.problems import ProblemError
from passage.reference.models import BorderCrossingPoint

from . import outbox, signing
from .models import (
    DatasetCopy,
    InboxReceipt,
    Node,
    NodeAuditEvent,
    OutboxAck,
    OutboxEvent,
    PostLink,
)
from .registry import Export, dataset


@dataclass(frozen=True)
class Credentials:
    node: Node
    key: str

    @property
    def join_command(self) -> str:
        # --key=…: a key may begin with "-", which argparse would take for an option.
        return f"passage sync join --hq https://HQ-ADDRESS --node {self.node.pk} --key={self.key}"


# --- headquarters ------------------------------------------------------------------------


@transaction.atomic
def enrol_node(actor: User | None, name: str, crossing_point: str = "") -> Credentials:
    name = name.strip()
    problems = {}
    if not name or len(name) > 64:
        problems["name"] = "give the post's server a name of 1 to 64 characters"
    elif Node.objects.filter(name=name).exists():
        problems["name"] = f"a node named {name!r} is already enrolled"
    point = None
    if crossing_point:
        point = BorderCrossingPoint.objects.filter(code=crossing_point.strip().upper()).first()
        if point is None:
            problems["crossing_point"] = f"no crossing point {crossing_point!r}"
    if problems:
        raise ProblemError(problems)
    node = Node(name=name, crossing_point=point, enrolled_by=_user(actor))
    key = signing.node_key(str(node.pk), node.key_generation)
    node.key_fingerprint = signing.fingerprint(key)
    node.save(force_insert=True)
    audit.record(
        actor,
        AuditAction.NODE_ENROLLED,
        obj=node,
        after={"name": name, "crossing_point": point.code if point else "", "key": "[shown once]"},
    )
    return Credentials(node, key)


@transaction.atomic
def rekey_node(actor: User | None, node: Node) -> Credentials:
    """A new key (the old one stops working at once); also lifts a revocation."""
    node = Node.objects.select_for_update().get(pk=node.pk)
    node.key_generation += 1
    key = signing.node_key(str(node.pk), node.key_generation)
    node.key_fingerprint = signing.fingerprint(key)
    node.revoked_at = None
    node.save(update_fields=["key_generation", "key_fingerprint", "revoked_at"])
    audit.record(
        actor, AuditAction.NODE_REKEYED, obj=node, details={"generation": node.key_generation}
    )
    return Credentials(node, key)


@transaction.atomic
def revoke_node(actor: User | None, node: Node, reason: str = "") -> Node:
    node = Node.objects.select_for_update().get(pk=node.pk)
    if node.revoked_at is None:
        node.revoked_at = timezone.now()
        node.save(update_fields=["revoked_at"])
        audit.record(actor, AuditAction.NODE_REVOKED, obj=node, message=reason.strip())
    return node


def take_report(node: Node, report: str, timestamp: int) -> None:
    """Keep what a post said of itself in a signed, fresh request (``X-Passage-Report``):
    its outbox head, its last error and its clock. A report older than the one held (by
    the request's signed timestamp) changes nothing, so a request replayed or delayed
    never lowers the backlog HQ shows (decision 0117). Without a clock offset in the
    report (a post of before it), the request's own timestamp measures the clock."""
    now = timezone.now()
    facts = _read_report(report)
    Node.objects.filter(pk=node.pk).update(last_contact_at=now)
    newer = Node.objects.filter(pk=node.pk, reported_ts__lte=timestamp)
    offset = facts.get("clock_offset", timestamp - now.timestamp())
    clock: dict[str, Any] = {"clock_offset": offset, "clock_checked_at": now}
    if abs(offset) <= float(settings.PASSAGE_SYNC_CLOCK_MARGIN):
        clock["clock_ok_at"] = now
    newer.update(**clock)
    if "head" in facts:
        # Same second: two requests of one round (pipelined); the higher head is newer.
        Node.objects.filter(pk=node.pk, reported_ts=timestamp).update(
            reported_head=Greatest(F("reported_head"), facts["head"]), reported_at=now
        )
        Node.objects.filter(pk=node.pk, reported_ts__lt=timestamp).update(
            reported_head=facts["head"], reported_ts=timestamp, reported_at=now
        )
    if "error" in facts:
        newer.update(post_error=facts["error"])


def _read_report(text: str) -> dict[str, Any]:
    """The report's fields that are well formed; anything else is left out."""
    try:
        raw = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(raw, dict):
        return {}
    facts: dict[str, Any] = {}
    head = raw.get("head")
    if isinstance(head, int) and not isinstance(head, bool) and 0 <= head < 2**62:
        facts["head"] = head
    offset = raw.get("clock_offset")
    if (
        isinstance(offset, int | float)
        and not isinstance(offset, bool)
        and math.isfinite(offset)
        and abs(offset) < 10 * 365 * 86400
    ):
        facts["clock_offset"] = float(offset)
    error = raw.get("error")
    if isinstance(error, str):
        facts["error"] = error.replace("\x00", "")[:2000]
    return facts


def nodes_known() -> list[Node]:
    """Every enrolled post with how many of its records are flagged for its clock."""
    return list(
        Node.objects.select_related("crossing_point").annotate(flagged=Count("clock_flags"))
    )


def unauthenticated_refusals(hours: int = 24) -> int:
    """Sync requests refused without a valid signature in the last ``hours``, from the
    audit log (one event per address and window, each saying how many the window
    before it left unrecorded: the count trails by at most one window)."""
    since = timezone.now() - dt.timedelta(hours=hours)
    total = 0
    for data in AuditEvent.objects.filter(
        action=AuditAction.SYNC_REFUSED, object_type="", at__gte=since
    ).values_list("data", flat=True):
        details = json.loads(data).get("details", {}) if data else {}
        total += 1 + int(details.get("unrecorded_before", 0))
    return total


def node_key(node: Node) -> str:
    return signing.node_key(str(node.pk), node.key_generation)


@dataclass(frozen=True)
class ChainResult:
    ok: bool
    checked: int
    first_seq: int | None
    reason: str = ""


def verify_node_chain(node: Node) -> ChainResult:
    """Walk a post's audit chain as HQ holds it; name the first broken link."""
    node = Node.objects.get(pk=node.pk)
    prev_hash: str | None = None
    expected: int | None = None
    first: int | None = None
    checked = 0
    for event in NodeAuditEvent.objects.filter(node=node).order_by("seq").iterator(2000):
        if first is None:
            first = event.seq
            if event.seq == 1 and event.prev_hash != audit.GENESIS:
                return ChainResult(False, 0, first, "event #1 does not start from the genesis")
        elif event.seq != expected:
            return ChainResult(False, checked, first, f"event #{expected} is missing")
        elif event.prev_hash != prev_hash:
            return ChainResult(False, checked, first, f"event #{event.seq} breaks the link")
        if audit.link_hash(event.prev_hash, event) != event.hash:  # type: ignore[arg-type]
            return ChainResult(False, checked, first, f"event #{event.seq} was altered")
        prev_hash, expected = event.hash, event.seq + 1
        checked += 1
    last = expected - 1 if expected is not None else 0
    if node.audit_head_seq != last:
        return ChainResult(False, checked, first, "events removed from the end")
    return ChainResult(True, checked, first)


RESTORED = "restored from a backup"


@transaction.atomic
def mark_restored(node: Node, reason: str) -> None:
    """Say on the Posts page that a post's history parted from HQ's copy (audited once)."""
    node = Node.objects.select_for_update().get(pk=node.pk)
    message = (
        f"{RESTORED}: {reason}. The post stops sending and takes back HQ's copy of its "
        "history at its next sync (docs/operations.md)"
    )[:2000]
    first = node.restored_at is None
    node.restored_at = node.restored_at or timezone.now()
    node.last_error = message
    node.save(update_fields=["restored_at", "last_error"])
    if first:
        audit.record(
            None,
            AuditAction.SYNC_RESTORE_DETECTED,
            obj=node,
            details={"received_seq": node.received_seq, "audit_head": node.audit_head_seq},
            message=reason[:500],
        )


@transaction.atomic
def compare_post_chain(node: Node, seq: int, digest: str) -> dict[str, Any]:
    """Compare the head of its chain a post reports with HQ's copy of that chain.

    ``agrees`` is False when the post is behind HQ's copy or its event at a place HQ
    holds differs (restored from a backup), True when HQ's copy is a prefix of the
    post's chain as far as HQ can tell (the post checks its own event at HQ's head)."""
    node = Node.objects.select_for_update().get(pk=node.pk)
    held = None
    if 0 < seq <= node.audit_head_seq:
        held = (
            NodeAuditEvent.objects.filter(node=node, seq=seq).values_list("hash", flat=True).first()
        )
    if seq < node.audit_head_seq:
        agrees = False
        reason = f"its audit chain ends at #{seq}, HQ holds it up to #{node.audit_head_seq}"
    elif held is not None and held != digest:
        agrees = False
        reason = f"its audit event #{seq} is not the one HQ holds"
    else:
        agrees, reason = True, ""
    node.reported_audit_seq, node.reported_audit_hash = seq, digest
    node.reported_audit_at = node.last_contact_at = timezone.now()
    fields = ["reported_audit_seq", "reported_audit_hash", "reported_audit_at", "last_contact_at"]
    if agrees and node.restored_at is not None:
        node.restored_at = None
        if node.last_error.startswith(RESTORED):
            node.last_error = ""
        fields += ["restored_at", "last_error"]
    node.save(update_fields=fields)
    if not agrees:
        mark_restored(node, reason)
    return {
        "received": node.received_seq,
        "audit_seq": node.audit_head_seq,
        "audit_hash": node.audit_head_hash,
        "agrees": agrees,
    }


def post_history(node: Node, after: int) -> dict[str, Any]:
    """The post's rows HQ stored after ``after``, one received batch's worth."""
    receipt = (
        InboxReceipt.objects.filter(node=node, last_seq__gt=after).order_by("last_seq").first()
    )
    if receipt is None:
        return {"received": node.received_seq, "events": []}
    if receipt.first_seq > after + 1:
        raise signing.Refusal(409, f"HQ holds no batch with #{after + 1} from this post")
    if receipt.body is None:
        raise signing.Refusal(
            410,
            f"HQ stored #{receipt.first_seq}-#{receipt.last_seq} before it kept batches: "
            "this post cannot take them back by itself (docs/operations.md)",
        )
    doc = json.loads(gzip.decompress(bytes(receipt.body)))
    events = [e for e in doc["events"] if after < e["seq"] <= receipt.last_seq]
    return {"received": node.received_seq, "events": events}


def compare_reported_head(node: Node) -> str:
    """HQ's side of ``sync verify``: the post's last reported head against HQ's copy."""
    if not node.reported_audit_seq:
        return "the post has not reported its chain yet"
    when = f"{node.reported_audit_at:%Y-%m-%d %H:%M} UTC" if node.reported_audit_at else "?"
    if node.reported_audit_seq > node.audit_head_seq:
        return (
            f"post reported #{node.reported_audit_seq} at {when}; "
            f"{node.reported_audit_seq - node.audit_head_seq} events not yet received"
        )
    held = (
        NodeAuditEvent.objects.filter(node=node, seq=node.reported_audit_seq)
        .values_list("hash", flat=True)
        .first()
    )
    if held != node.reported_audit_hash:
        raise ValueError(
            f"the post's event #{node.reported_audit_seq} (reported {when}) is not the one "
            "HQ holds: the chains disagree"
        )
    return f"agrees with the head #{node.reported_audit_seq} the post reported at {when}"


# --- post --------------------------------------------------------------------------------


@transaction.atomic
def join_hq(actor: User | None, hq_url: str, node_id: str, key: str) -> PostLink:
    """Store this post's credentials; events recorded before the post had an outbox are
    queued first so that HQ receives the whole audit chain."""
    problems = {}
    hq_url = hq_url.strip().rstrip("/")
    if not hq_url.startswith(("https://", "http://")):
        problems["hq"] = "give HQ's address, https://…"
    if not node_id.strip():
        problems["node"] = "give the node id HQ printed"
    if len(key.strip()) < 32:
        problems["key"] = "give the key HQ printed (43 characters)"
    if problems:
        raise ProblemError(problems)
    outbox.backfill_audit()
    link = PostLink.objects.select_for_update().filter(pk=1).first() or PostLink(pk=1)
    same_node = link.node_id == node_id.strip()
    link.hq_url, link.node_id, link.key = hq_url, node_id.strip(), key.strip()
    if not same_node:
        link.acked_seq = link.verified_seq = 0
        OutboxAck.objects.all().delete()
    link.last_error = ""
    link.save()
    audit.record(
        actor,
        AuditAction.SYNC_JOINED,
        obj=link,
        details={"hq": hq_url, "node": link.node_id, "key": signing.fingerprint(link.key)},
    )
    return link


@transaction.atomic
def apply_dataset(actor: User | None, name: str, export: Export) -> DatasetCopy | None:
    """Write a dataset pulled from HQ (the whole copy or the delta) and remember its version."""
    ds = dataset(name)
    if ds is None or export.mode == "current":
        return None
    if export.mode not in ("full", "delta"):
        raise ProblemError({name: f"unknown mode {export.mode!r}"})
    rows = ds.apply(actor, export)
    copy, _ = DatasetCopy.objects.update_or_create(
        name=name,
        defaults={
            "version": export.version,
            "fetched_at": timezone.now(),
            "published_at": _when(export.published_at),
            "rows": rows,
        },
    )
    audit.record(
        actor,
        AuditAction.SYNC_PULLED,
        object_type="sync.dataset",
        object_id=name,
        details={"dataset": name, "version": export.version, "mode": export.mode, "rows": rows},
    )
    return copy


def _when(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _user(actor: User | None) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


@dataclass(frozen=True)
class PostStatus:
    linked: bool
    hq_url: str
    node_id: str
    head: int
    acked: int
    backlog: int
    last_success_at: dt.datetime | None
    last_attempt_at: dt.datetime | None
    last_error: str
    last_pull_error: str
    clock_offset: float | None
    clock_checked_at: dt.datetime | None
    clock_off: bool
    datasets: list[DatasetCopy]
    recovery: str = ""
    recovered_at: dt.datetime | None = None


def post_status() -> PostStatus:
    link = PostLink.objects.filter(pk=1).first()
    head = outbox.head()
    acked = link.acked_seq if link else 0
    return PostStatus(
        linked=link is not None,
        hq_url=link.hq_url if link else "",
        node_id=link.node_id if link else "",
        head=head,
        acked=acked,
        backlog=max(0, head - acked),
        last_success_at=link.last_success_at if link else None,
        last_attempt_at=link.last_attempt_at if link else None,
        last_error=link.last_error if link else "",
        last_pull_error=link.last_pull_error if link else "",
        clock_offset=link.clock_offset if link else None,
        clock_checked_at=link.clock_checked_at if link else None,
        clock_off=link.clock_off if link else False,
        datasets=list(DatasetCopy.objects.order_by("name")),
        recovery=link.recovery if link else "",
        recovered_at=link.recovered_at if link else None,
    )


# Outbox rows acknowledged this recently are kept: HQ restored from a backup of that age
# asks for them again.
KEEP_DAYS = 30


@transaction.atomic
def prune_outbox(actor: User | None, keep_days: int = KEEP_DAYS) -> int:
    """Delete outbox rows HQ has acknowledged and verified (its copy of the audit chain
    agreed with this post's) more than ``keep_days`` ago. The last row stays: it carries
    the sequence on. A post restored from a backup takes its history back from HQ, which
    keeps every batch (decision 0111)."""
    link = PostLink.objects.select_for_update().filter(pk=1).first()
    if link is None:
        return 0
    cutoff = timezone.now() - dt.timedelta(days=keep_days)
    acked_before = (
        OutboxAck.objects.filter(at__lt=cutoff)
        .order_by("-seq")
        .values_list("seq", flat=True)
        .first()
        or 0
    )
    upto = min(acked_before, link.verified_seq, link.acked_seq, outbox.head() - 1)
    if upto <= 0:
        return 0
    deleted, _ = OutboxEvent.objects.filter(seq__lte=upto).delete()
    OutboxAck.objects.filter(seq__lt=acked_before).delete()
    if deleted:
        audit.record(
            actor,
            AuditAction.SYNC_PRUNED,
            object_type="sync.outbox",
            details={"through": upto, "rows": deleted, "keep_days": keep_days},
        )
    return deleted
