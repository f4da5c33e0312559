"""Purge runs, the deletions HQ sends to posts, and legal holds.

``PurgeRun`` is what other apps read to say how much was purged (the transparency
report's "records purged": ``PurgeRun.objects.filter(dry_run=False, …)`` and its
``counts`` per kind, see ``services.purged_counts``). ``Deletion`` is HQ's numbered log of
what it deleted, sent to every post as the ``deletions`` dataset (decision 0122).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from uuid_utils.compat import uuid7


class PurgeRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        INTERRUPTED = "interrupted", _("Interrupted (resumed by the next run)")

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    as_of = models.DateField(_("as of"))
    dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Rows deleted (or, for audit, payloads removed) per kind: {"crossings": 12, ...}.
    counts = models.JSONField(default=dict)
    persons = models.PositiveIntegerField(default=0)
    held = models.PositiveIntegerField(default=0)
    blocked = models.PositiveIntegerField(default=0)
    resumes = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-started_at"]
        permissions = [
            ("view_retention", "See the retention schedule, purges and legal holds"),
            ("manage_legal_hold", "Place and lift legal holds"),
        ]

    def __str__(self) -> str:
        return f"purge as of {self.as_of} ({self.status})"

    @property
    def total(self) -> int:
        return sum(int(v) for v in self.counts.values())


class Deletion(models.Model):
    """One batch of deletions HQ made (a purge batch or an erasure), for the posts.

    ``crossings`` and ``travellers`` hold every id the posts may know them by (HQ's and
    the posts' own, from the sync aliases). A post deletes the listed crossings and then
    each listed person left with no crossing, and removes the payloads of the audit
    events about them.
    """

    class Reason(models.TextChoices):
        RETENTION = "retention", _("Retention period over")
        ERASURE = "erasure", _("Erasure")

    seq = models.BigAutoField(primary_key=True)
    at = models.DateTimeField()
    reason = models.CharField(max_length=10, choices=Reason.choices)
    purge_run = models.ForeignKey(
        PurgeRun, on_delete=models.PROTECT, null=True, blank=True, related_name="deletions"
    )
    crossings = models.JSONField(default=list)
    travellers = models.JSONField(default=list)
    # Every row deleted (HQ's ids and the posts' aliases), for scrubbing HQ's stored
    # batches of them (decision 0167); not sent to the posts.
    objects_deleted = models.JSONField(default=list)
    history_scrubbed = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"deletion #{self.seq} ({self.reason})"


class LegalHold(models.Model):
    """Keeps a person's records past their retention: a court order, an inquiry, a
    complaint. The purge keeps a person with an active hold; so does an erasure."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    traveller_id = models.UUIDField(db_index=True)
    reason = models.CharField(_("reason"), max_length=300)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    placed_at = models.DateTimeField()
    lifted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"hold on {self.traveller_id}: {self.reason}"
