"""Access reviews signed off by the data-protection officer, and users' working hours.

A review keeps what the officer saw when signing (the counts of reads and of each flag),
so that it stays a record of the review even after the audit events it covered are
purged by the retention schedule.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from uuid_utils.compat import uuid7


class AccessReview(models.Model):
    """One user's reads of personal data over a period, reviewed and signed off."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="access_reviews",
        verbose_name=_("user reviewed"),
    )
    subject_name = models.CharField(_("username reviewed"), max_length=150)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    reads = models.PositiveIntegerField(_("reads"))
    flags = models.JSONField(_("flagged reads by kind"), default=dict)
    note = models.TextField(_("note"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("signed off by"),
    )
    signed_by_name = models.CharField(max_length=150)
    signed_at = models.DateTimeField(_("signed off at"))

    class Meta:
        ordering = ["-signed_at"]
        default_permissions = ("view",)
        permissions = [
            ("review_access", "Review users' reads of personal data and sign the reviews off"),
            ("publish_transparency", "Produce and export the transparency report"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lte=models.F("end")), name="access_review_period"
            )
        ]

    def __str__(self) -> str:
        return f"Access review of {self.subject_name}, {self.start} to {self.end}"

    @property
    def flagged(self) -> int:
        return int(sum(int(v) for v in (self.flags or {}).values()))


class WorkingHours(models.Model):
    """When a user (or everyone assigned to a post) works: reads outside are flagged.

    A user's own rows apply when they have any; otherwise those of their assigned
    posts; with neither, their reads are not judged by the hour (decision 0130).
    ``start`` after ``end`` is a night shift that runs past midnight.
    """

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="working_hours",
    )
    crossing_point = models.ForeignKey(
        "reference.BorderCrossingPoint",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="working_hours",
    )
    weekdays = models.CharField(
        _("weekdays"), max_length=7, help_text=_("ISO weekday numbers: 1 Monday … 7 Sunday")
    )
    start = models.TimeField(_("from"))
    end = models.TimeField(_("to"))

    class Meta:
        default_permissions = ()
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(user__isnull=False, crossing_point__isnull=True)
                    | models.Q(user__isnull=True, crossing_point__isnull=False)
                ),
                name="working_hours_of_user_or_post",
            )
        ]

    def __str__(self) -> str:
        who: Any = self.user or self.crossing_point
        return f"{who}: {self.weekdays} {self.start:%H:%M}-{self.end:%H:%M}"
