from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from uuid_utils.compat import uuid7

from .choices import DocumentType, Sex


class Traveller(models.Model):
    """A person as known to Passage.

    Names are kept as the MRZ carries them (Latin capitals, ``primary_name`` the surname)
    and in the document's own script. A date of birth may be partial: some documents
    give only the year, or year and month.
    """

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    primary_name = models.CharField(_("surname (MRZ)"), max_length=120, blank=True, db_index=True)
    secondary_name = models.CharField(_("given names (MRZ)"), max_length=120, blank=True)
    native_primary_name = models.CharField(_("surname (own script)"), max_length=120, blank=True)
    native_secondary_name = models.CharField(
        _("given names (own script)"), max_length=120, blank=True
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True, validators=[MinValueValidator(1880)]
    )
    birth_month = models.PositiveSmallIntegerField(
        _("month of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    birth_day = models.PositiveSmallIntegerField(
        _("day of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    nationality = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["primary_name", "birth_year"], name="traveller_name_birth")]
        permissions = [("view_traveller_history", "See a traveller's crossing history")]

    def __str__(self) -> str:
        return self.full_name or str(self.pk)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.secondary_name, self.primary_name) if p)

    @property
    def native_name(self) -> str:
        return " ".join(p for p in (self.native_secondary_name, self.native_primary_name) if p)

    @property
    def birth_date(self) -> dt.date | None:
        if self.birth_year and self.birth_month and self.birth_day:
            return dt.date(self.birth_year, self.birth_month, self.birth_day)
        return None

    @property
    def birth_date_display(self) -> str:
        """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` as far as it is known."""
        parts = [f"{self.birth_year:04d}" if self.birth_year else None]
        if self.birth_year and self.birth_month:
            parts.append(f"{self.birth_month:02d}")
            if self.birth_day:
                parts.append(f"{self.birth_day:02d}")
        return "-".join(p for p in parts if p) or ""


class TravelDocument(models.Model):
    """A document a traveller presented; recognised again by issuing state and number."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    traveller = models.ForeignKey(Traveller, on_delete=models.PROTECT, related_name="documents")
    document_type = models.CharField(_("type"), max_length=32, choices=DocumentType.choices)
    document_code = models.CharField(_("MRZ document code"), max_length=2, blank=True)
    issuing_state = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    number = models.CharField(_("number"), max_length=24, blank=True)
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True)
    mrz = models.TextField(_("MRZ as read"), blank=True)
    mrz_format = models.CharField(max_length=8, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # A document is recognised by issuing state and number; documents without a
            # number (birth certificates, none) are never matched this way.
            models.UniqueConstraint(
                fields=["issuing_state", "number"],
                condition=~Q(number=""),
                name="document_unique_state_number",
            )
        ]
        indexes = [
            # The lookup at every crossing. SQLite cannot tell that ``number = 'X'`` meets
            # the partial unique index's condition, and without this index scanned every
            # document of the issuing state (4 s at 10 million crossings).
            models.Index(fields=["issuing_state", "number"], name="document_state_number")
        ]

    def __str__(self) -> str:
        return f"{self.get_document_type_display()} {self.issuing_state_id or '?'} {self.number or '—'}"

    def expired_on(self, day: dt.date) -> bool:
        return self.expiry_date is not None and self.expiry_date < day
