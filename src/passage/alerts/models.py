"""Alert lists, their versions and entries; screening results and hits at the counter.

Versions are ranges, not copies: an entry belongs to the versions from ``added_in``
up to (not including) ``removed_in``. An import that replaces a list closes every live
entry at the new version and adds the new ones; adding or withdrawing one entry makes a
new version that differs by that entry. Any version's entries can be listed again, and
a million-entry list is not copied for a one-entry change (docs/decisions/0010).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from uuid_utils.compat import uuid7

from passage.reference.access import PostScopedQuerySet

from .choices import (
    AlertAction,
    DocumentStatus,
    EntryKind,
    HitKind,
    HitStatus,
    ImportFormat,
    ListKind,
    ListStatus,
    ScreeningOutcome,
    VersionOrigin,
)


class AlertList(models.Model):
    """A national or international list: wanted persons, refusals of entry, lost documents."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    name = models.CharField(_("name"), max_length=120, unique=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    authority = models.CharField(_("issuing authority"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ListKind.choices)
    default_action = models.CharField(
        _("default action"), max_length=8, choices=AlertAction.choices
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ListStatus.choices, default=ListStatus.ACTIVE
    )
    active_version = models.ForeignKey(
        "AlertListVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        permissions = [
            ("manage_alerts", "Manage alert lists: create, import, add and withdraw entries"),
            ("view_alert_reason", "See why a person is listed and the entry's full details"),
            ("review_hit", "Decide alert hits: true match or false positive"),
        ]

    def __str__(self) -> str:
        return self.name

    def in_force(self, day: dt.date | None = None) -> bool:
        day = day or timezone.localdate()
        return (
            self.status == ListStatus.ACTIVE
            and (self.valid_from is None or self.valid_from <= day)
            and (self.valid_until is None or day <= self.valid_until)
        )


class AlertListVersion(models.Model):
    """One state of a list; every import or change makes a new one."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    alert_list = models.ForeignKey(AlertList, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    origin = models.CharField(max_length=10, choices=VersionOrigin.choices)
    import_format = models.CharField(max_length=8, choices=ImportFormat.choices, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    entries = models.PositiveIntegerField(default=0, help_text="live entries in this version")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["alert_list", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["alert_list", "number"], name="alert_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.alert_list} v{self.number}"

    def live_entries(self) -> QuerySet[AlertEntry]:
        """The entries of this version (withdrawn ones included only before withdrawal)."""
        return AlertEntry.objects.filter(
            Q(removed_in__isnull=True) | Q(removed_in__gt=self.number),
            alert_list_id=self.alert_list_id,
            added_in__lte=self.number,
        )


class AlertEntry(models.Model):
    """A listed person (names, partial birth dates, nationalities, documents) or document."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    alert_list = models.ForeignKey(AlertList, on_delete=models.PROTECT, related_name="entries")
    added_in = models.PositiveIntegerField(help_text="first version holding the entry")
    removed_in = models.PositiveIntegerField(
        null=True, blank=True, help_text="first version no longer holding it"
    )
    kind = models.CharField(max_length=8, choices=EntryKind.choices)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    # Stable across re-imports (the reference, or a digest of the content): suppressions
    # of false positives follow the listed person, not one version's row.
    key = models.CharField(max_length=100, db_index=True)
    action = models.CharField(_("action"), max_length=8, choices=AlertAction.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    names = models.JSONField(_("names (Latin script)"), default=list, blank=True)
    original_names = models.JSONField(_("names (original script)"), default=list, blank=True)
    birth_dates = models.JSONField(_("dates of birth"), default=list, blank=True)
    nationalities = models.JSONField(_("nationalities"), default=list, blank=True)
    documents = models.JSONField(
        _("documents"), default=list, blank=True, help_text='[{"type", "number", "issuing_state"}]'
    )
    issuing_state = models.CharField(_("issuing state"), max_length=3, blank=True)
    document_number = models.CharField(_("document number"), max_length=40, blank=True)
    document_type = models.CharField(_("document type"), max_length=40, blank=True)
    document_status = models.CharField(
        _("document status"), max_length=8, choices=DocumentStatus.choices, blank=True
    )
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    withdrawn = models.BooleanField(default=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "alert entries"
        indexes = [
            models.Index(fields=["alert_list", "added_in", "removed_in"], name="alert_entry_range"),
            models.Index(fields=["issuing_state", "document_number"], name="alert_entry_document"),
        ]

    def __str__(self) -> str:
        if self.kind == EntryKind.DOCUMENT:
            return f"{self.issuing_state} {self.document_number}"
        return str((self.names or self.original_names or [self.reference or str(self.pk)])[0])

    @property
    def effective_action(self) -> str:
        return str(self.action or self.alert_list.default_action)

    def get_effective_action_display(self) -> str:
        return str(AlertAction(self.effective_action).label)

    def expired(self, day: dt.date | None = None) -> bool:
        return self.expires_on is not None and self.expires_on < (day or timezone.localdate())


class ScreeningResult(models.Model):
    """How one crossing was screened: against which list versions, and the outcome."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    crossing = models.OneToOneField(
        "crossings.Crossing", on_delete=models.PROTECT, related_name="screening"
    )
    outcome = models.CharField(max_length=12, choices=ScreeningOutcome.choices)
    lists = models.JSONField(default=list, help_text='[{"list", "version", "number"}]')
    documents_only = models.BooleanField(default=False, help_text="degraded: no names screened")
    names_only = models.BooleanField(
        default=False,
        db_default=False,  # rows written by a worker not yet restarted after the upgrade
        help_text="names screened with no birth date to compare (decision 0270)",
    )
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Screening of {self.crossing_id}: {self.outcome}"


class HitQuerySet(PostScopedQuerySet["ScreeningHit"]):
    point = "crossing__crossing_point"


class ScreeningHit(models.Model):
    """An alert entry at or above the threshold for a crossing, with what matched."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    crossing = models.ForeignKey(
        "crossings.Crossing", on_delete=models.PROTECT, related_name="alert_hits"
    )
    entry = models.ForeignKey(AlertEntry, on_delete=models.PROTECT, related_name="hits")
    list_version = models.ForeignKey(AlertListVersion, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8, choices=HitKind.choices)
    score = models.FloatField()
    explanation = models.JSONField(default=dict)
    action = models.CharField(max_length=8, choices=AlertAction.choices)
    status = models.CharField(max_length=16, choices=HitStatus.choices, default=HitStatus.PENDING)
    suppression = models.ForeignKey(
        "FalsePositiveSuppression",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suppressed_hits",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HitQuerySet.as_manager()

    class Meta:
        ordering = ["-score"]
        indexes = [models.Index(fields=["status", "created_at"], name="alert_hit_queue")]

    def __str__(self) -> str:
        return f"Hit {self.entry_id} on {self.crossing_id} ({self.score:.2f})"


class FalsePositiveSuppression(models.Model):
    """A confirmed false positive: this document does not raise this entry again until expiry."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    alert_list = models.ForeignKey(AlertList, on_delete=models.PROTECT, related_name="+")
    entry_key = models.CharField(max_length=100)
    entry = models.ForeignKey(AlertEntry, on_delete=models.PROTECT, related_name="+")
    issuing_state = models.CharField(max_length=3)
    document_number = models.CharField(max_length=40)
    hit = models.ForeignKey(ScreeningHit, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(
                fields=["issuing_state", "document_number", "entry_key"], name="alert_suppression"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuing_state} {self.document_number} not raised by {self.entry_key}"
