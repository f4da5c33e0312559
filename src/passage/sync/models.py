"""Replication between border posts (nodes) and headquarters.

At a post: ``OutboxEvent`` (every change, numbered per node, written in the transaction
of the change), ``PostLink`` (how to reach HQ and how far HQ has acknowledged) and
``DatasetCopy`` (which version of each HQ dataset the post holds).

At headquarters: ``Node`` (an enrolled post and its keys), ``InboxReceipt`` (one row per
batch stored), ``NodeAuditEvent`` (each post's audit chain, kept apart from HQ's own),
``SyncAlias`` (a post's traveller or document linked to the one HQ already knew),
``ClockFlag`` (a post's record made while its clock was off) and ``SeenNonce`` (replay
protection).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from uuid_utils.compat import uuid7

# --- headquarters ------------------------------------------------------------------------


class Node(models.Model):
    """A border post enrolled at headquarters.

    Its key is never stored: it is derived from the HQ sync master key, the node id and
    ``key_generation`` (docs/decisions/0025-derived-node-keys.md); ``key_fingerprint``
    lets an administrator compare what a post holds.
    """

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    name = models.CharField(
        _("name"),
        max_length=64,
        unique=True,
        help_text=_("Short name of the post's server, e.g. the crossing point code."),
    )
    crossing_point = models.ForeignKey(
        "reference.BorderCrossingPoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    key_generation = models.PositiveIntegerField(default=1)
    key_fingerprint = models.CharField(max_length=16, blank=True)
    enrolled_at = models.DateTimeField(auto_now_add=True)
    enrolled_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Highest contiguous outbox sequence stored from this node.
    received_seq = models.BigIntegerField(default=0)
    # The node's own count of outbox rows, from the signed report of its newest request
    # (``reported_ts``: that request's timestamp; an older request never replaces it) and
    # when HQ received it: the backlog is what HQ knew then (decision 0117).
    reported_head = models.BigIntegerField(default=0)
    reported_ts = models.BigIntegerField(default=0)
    reported_at = models.DateTimeField(null=True, blank=True)
    # What the post last said went wrong on its side (a failed pull, a push refused).
    post_error = models.TextField(blank=True)
    # The post's clock minus HQ's, in seconds, as last measured (decision 0118).
    clock_offset = models.FloatField(null=True, blank=True)
    clock_checked_at = models.DateTimeField(null=True, blank=True)
    clock_ok_at = models.DateTimeField(null=True, blank=True)
    last_contact_at = models.DateTimeField(null=True, blank=True)
    last_received_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # The node's audit chain as far as HQ holds it (checked link by link on arrival).
    audit_head_seq = models.BigIntegerField(default=0)
    audit_head_hash = models.CharField(max_length=64, blank=True)
    datasets = models.JSONField(default=dict, blank=True, help_text="dataset -> version held")
    # The head of its own audit chain the post last reported, to compare with HQ's copy.
    reported_audit_seq = models.BigIntegerField(default=0)
    reported_audit_hash = models.CharField(max_length=64, blank=True)
    reported_audit_at = models.DateTimeField(null=True, blank=True)
    # Set when the post's chain is found behind or apart from HQ's copy (restored from a
    # backup); cleared when the post reports a chain that agrees again (decision 0110).
    restored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        permissions = [
            ("view_sync_status", "See synchronisation status (posts and headquarters)"),
            ("enrol_node", "Enrol, re-key and revoke post nodes"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def backlog(self) -> int:
        return max(0, self.reported_head - self.received_seq)

    @property
    def backlog_known(self) -> bool:
        """False until the post has reported its outbox head in a signed request."""
        return self.reported_at is not None

    @property
    def clock_off(self) -> bool:
        margin = float(settings.PASSAGE_SYNC_CLOCK_MARGIN)
        return self.clock_offset is not None and abs(self.clock_offset) > margin

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class InboxReceipt(models.Model):
    """One batch stored at HQ: which sequence numbers, how many rows, its digest."""

    id = models.BigAutoField(primary_key=True)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="receipts")
    first_seq = models.BigIntegerField()
    last_seq = models.BigIntegerField()
    rows = models.PositiveIntegerField()
    digest = models.CharField(max_length=64)
    received_at = models.DateTimeField(auto_now_add=True)
    # The batch as received (gzip JSON): a post restored from a backup takes back its
    # own history from these (decision 0110). Empty for batches stored before.
    body = models.BinaryField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["node", "last_seq"], name="receipt_node_last_seq")
        ]

    def __str__(self) -> str:
        return f"{self.node_id} #{self.first_seq}-{self.last_seq}"


class NodeAuditEvent(models.Model):
    """A post's audit event, as the post chained it. Same fields as ``AuditEvent``."""

    id = models.BigAutoField(primary_key=True)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="audit_events")
    seq = models.BigIntegerField()
    at = models.DateTimeField()
    actor_id = models.CharField(max_length=64, blank=True)
    actor_name = models.CharField(max_length=150, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    source_ip = models.CharField(max_length=64, blank=True)
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=100, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    data = models.TextField(blank=True)
    message = models.TextField(blank=True)
    payload_digest = models.CharField(max_length=64, blank=True)
    purged_on = models.DateField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["node", "seq"], name="node_audit_node_seq")]
        # A purge removes the payloads of the events about the records it deletes.
        indexes = [models.Index(fields=["object_id"], name="node_audit_object")]

    def __str__(self) -> str:
        return f"{self.node_id} #{self.seq} {self.action}"


class SyncAlias(models.Model):
    """A record a post created that HQ links to one it already held (same document)."""

    model = models.CharField(max_length=100)
    remote_id = models.CharField(max_length=64)
    local_id = models.CharField(max_length=64)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "remote_id"], name="alias_model_remote")
        ]

    def __str__(self) -> str:
        return f"{self.model} {self.remote_id} -> {self.local_id}"


class ClockFlag(models.Model):
    """A post's record made while its clock was off (HQ): dated after it reached HQ, or
    made after HQ last saw the post's clock right and before it saw it wrong."""

    class Reason(models.TextChoices):
        FUTURE = "future", _("dated after it reached headquarters")
        CLOCK_OFF = "clock_off", _("made while the post's clock was off")

    id = models.BigAutoField(primary_key=True)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="clock_flags")
    seq = models.BigIntegerField(help_text="the post's audit event")
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=100, blank=True)
    recorded_at = models.DateTimeField(help_text="the time the post's clock gave")
    received_at = models.DateTimeField()
    offset = models.FloatField(null=True, help_text="the post's clock minus HQ's, seconds")
    reason = models.CharField(max_length=16, choices=Reason.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["node", "seq"], name="clock_flag_node_seq")]

    def __str__(self) -> str:
        return f"{self.node_id} #{self.seq} {self.reason}"


class SeenNonce(models.Model):
    """Nonces of signed requests inside the accepted clock window: a replay is refused."""

    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)
    # The post's request counter the nonce begins with (decision 0112); None for posts
    # from before counters. Kept here rather than on the node row, which a batch being
    # applied holds locked.
    counter = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["node", "nonce"], name="nonce_once")]

    def __str__(self) -> str:
        return self.nonce


# --- post node -----------------------------------------------------------------------------


class OutboxEvent(models.Model):
    """A change at this post, queued for HQ in the transaction that made it.

    ``seq`` is the node's sequence number: allocated under the audit chain's head lock,
    so it has no gaps and follows the order of commits. ``group`` is the audit event
    whose recording queued the row; a batch never splits a group.
    """

    class Kind(models.TextChoices):
        OBJECT = "object", _("object")
        AUDIT = "audit", _("audit event")

    seq = models.BigIntegerField(primary_key=True)
    group = models.BigIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    model = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    data = models.TextField(help_text="Canonical JSON of the row as sent")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["model", "object_id"], name="outbox_object")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.model} {self.object_id}"


class PostLink(models.Model):
    """This post's credentials at HQ and how far the exchange has gone (one row)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    hq_url = models.URLField(_("headquarters address"), max_length=300)
    node_id = models.CharField(max_length=64)
    key = models.CharField(max_length=128)
    acked_seq = models.BigIntegerField(default=0)
    # Outbox rows up to here are at HQ and HQ's copy of the audit chain agrees with this
    # post's: what pruning may remove (with ``OutboxAck`` for HQ's own backups).
    verified_seq = models.BigIntegerField(default=0)
    # Monotonic, signed into every request's nonce (replay protection, decision 0112).
    request_counter = models.BigIntegerField(default=0)
    # What the last recovery from a restore did, in words (shown on the sync page).
    recovery = models.TextField(blank=True)
    recovered_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # A pull fails on its own: pushes go on (issue 24, point 2).
    last_pull_error = models.TextField(blank=True)
    # This post's clock minus HQ's, in seconds, measured against HQ's signed answers;
    # requests are signed with the corrected time so that a wrong clock does not stop sync.
    clock_offset = models.FloatField(null=True, blank=True)
    clock_checked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"post {self.node_id} -> {self.hq_url}"

    @property
    def clock_off(self) -> bool:
        margin = float(settings.PASSAGE_SYNC_CLOCK_MARGIN)
        return self.clock_offset is not None and abs(self.clock_offset) > margin


class OutboxAck(models.Model):
    """When HQ acknowledged the outbox up to ``seq``: pruning keeps what HQ acknowledged
    recently, which an HQ restored from its last backup would ask for again."""

    seq = models.BigIntegerField(primary_key=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"#{self.seq} at {self.at:%Y-%m-%d %H:%M}"


class DatasetCopy(models.Model):
    """The version of an HQ dataset (reference data, stay rules, alert lists) held here."""

    name = models.CharField(max_length=64, primary_key=True)
    # A content digest, or a longer marker (alert lists: what is held of each list).
    version = models.TextField()
    fetched_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)
    rows = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} {self.version}"

    def as_dict(self) -> dict[str, Any]:
        return {"version": self.version, "fetched_at": self.fetched_at.isoformat()}


class HeldTraveller(models.Model):
    """At HQ: a traveller a post holds, under the post's own key (``remote_id``), which
    differs from HQ's when HQ linked the post's traveller to one it held (decision 28).
    HQ's corrections of the traveller are sent to every post holding it (decision 0105).
    """

    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="+")
    traveller_id = models.UUIDField()
    remote_id = models.UUIDField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["node", "remote_id"], name="held_traveller_once")
        ]
        indexes = [models.Index(fields=["node", "traveller_id"], name="held_traveller_node")]

    def __str__(self) -> str:
        return f"{self.node_id}: {self.remote_id} -> {self.traveller_id}"


class RefusalWindow(models.Model):
    """Unauthenticated sync requests refused from one address in one minute: the count
    behind the 429 (``PASSAGE_SYNC_UNAUTHENTICATED_LIMIT``), kept in the database so that
    every worker process of HQ sees the same count (Django's default cache is each
    process's own; decision 0191). Rows older than the last minute are deleted as a new
    minute starts: the table holds a few rows per address that is refused."""

    address = models.CharField(max_length=64)
    minute = models.BigIntegerField(help_text="Unix time // 60")
    refused = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["address", "minute"], name="sync_refusalwindow_key")
        ]

    def __str__(self) -> str:
        return f"{self.address} @{self.minute}: {self.refused}"
