from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from uuid_utils.compat import uuid7

from passage.crossings.choices import Purpose
from passage.reference.access import PostScopedQuerySet
from passage.travellers.choices import DocumentType

from .choices import OverstayStatus, PermitKind, RuleKind


class StayRule(models.Model):
    """How long a traveller may stay, by nationality, document type and purpose.

    A blank criterion matches anything; the rule matching the most criteria applies, then
    the lowest ``priority``. See docs/stay.md.
    """

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=16, choices=RuleKind.choices, default=RuleKind.VISA_FREE
    )
    nationalities = models.ManyToManyField(
        "reference.Country", blank=True, related_name="+", help_text=_("Empty: every nationality.")
    )
    document_type = models.CharField(
        _("document type"), max_length=32, choices=DocumentType.choices, blank=True
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices, blank=True)
    max_days = models.PositiveIntegerField(
        _("days allowed"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    window_days = models.PositiveIntegerField(
        _("in any period of (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("For a rolling window such as 90 days in any 180; empty for a limit per stay."),
    )
    priority = models.PositiveSmallIntegerField(default=100)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["priority", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.kind == RuleKind.VISA_FREE and not self.max_days:
            raise ValidationError(
                {"max_days": _("A visa-free rule needs the number of days allowed.")}
            )
        if self.window_days and self.max_days and self.max_days > self.window_days:
            raise ValidationError({"max_days": _("Cannot exceed the period it is counted in.")})


class Visa(models.Model):
    """A visa recorded against a traveller (issued here or imported)."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    traveller = models.ForeignKey(
        "travellers.Traveller", on_delete=models.PROTECT, related_name="visas"
    )
    number = models.CharField(_("number"), max_length=24, blank=True)
    issuing_state = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    entries_allowed = models.PositiveSmallIntegerField(
        _("entries allowed"),
        null=True,
        blank=True,
        help_text=_("1, 2, or empty for multiple entries."),
    )
    duration_days = models.PositiveIntegerField(_("duration of stay (days)"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        permissions = [("record_visa", "Record visas and permits")]

    def __str__(self) -> str:
        return f"visa {self.number or '—'} {self.valid_from}…{self.valid_until}"


class Permit(models.Model):
    """A residence or work permit: days under it do not count against short-stay rules."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    traveller = models.ForeignKey(
        "travellers.Traveller", on_delete=models.PROTECT, related_name="permits"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PermitKind.choices)
    number = models.CharField(_("number"), max_length=24, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.valid_from}…{self.valid_until}"


class OverstayCaseQuerySet(PostScopedQuerySet["OverstayCase"]):
    point = "entry__crossing_point"


class OverstayCase(models.Model):
    """An admitted entry whose authorised stay has ended with no exit recorded.

    Found by ``passage overstays``; an officer's review confirms or dismisses it, and an
    exit recorded later closes it.
    """

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    entry = models.OneToOneField(
        "crossings.Crossing", on_delete=models.PROTECT, related_name="overstay"
    )
    authorised_until = models.DateField()
    detected_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=OverstayStatus.choices, default=OverstayStatus.OPEN
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    exit = models.OneToOneField(
        "crossings.Crossing",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="overstay_closed",
    )
    overstay_days = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Known once the exit is recorded.")
    )

    objects = OverstayCaseQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["status", "authorised_until"], name="overstay_queue")]
        permissions = [("review_overstay", "Review and confirm overstays")]

    def __str__(self) -> str:
        return f"overstay since {self.authorised_until}"

    @property
    def days_over(self) -> int:
        """Days past the authorised stay: to the exit once recorded, else to today."""
        if self.overstay_days is not None:
            return self.overstay_days
        from django.utils import timezone

        return max(0, (timezone.localdate() - self.authorised_until).days)
