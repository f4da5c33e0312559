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
    # Counts the corrections applied here (at this installation): a correction names the
    # version it was made on, and a form opened on an older version is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["primary_name", "birth_year"], name="traveller_name_birth")]
        permissions = [
            ("view_traveller_history", "See a traveller's crossing history"),
            ("correct_traveller", "Correct a traveller's names, sex, birth date, nationality"),
        ]

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
    # Not in the MRZ: from the data page or the chip (DG12) when known. Identity
    # resolution reads a renewal from it (issued as the person's other document expired).
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
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


# Identity fields a correction may change (attnames). Creation fields never change.
CORRECTABLE = (
    "primary_name",
    "secondary_name",
    "native_primary_name",
    "native_secondary_name",
    "sex",
    "birth_year",
    "birth_month",
    "birth_day",
    "nationality_id",
)


class TravellerCorrection(models.Model):
    """A correction of a traveller, field by field: for each field the value it was made
    on (``base``) and the value it sets (``value``), with the traveller's version then.

    It is what travels from a post to HQ (never the whole traveller), and is merged there
    field by field (decision 0105): ``{"sex": {"base": "F", "value": "M"}}``.
    """

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    traveller = models.ForeignKey(Traveller, on_delete=models.PROTECT, related_name="corrections")
    changes = models.JSONField()
    base_version = models.PositiveIntegerField()
    reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.traveller_id}: {', '.join(sorted(self.changes))}"


class TravellerChange(models.Model):
    """The values a correction actually changed here, in the order they were applied.

    At HQ this is what the ``traveller_corrections`` dataset sends to the posts holding
    the traveller; ``origin`` is the node a merged correction came from ("" for this
    installation, "hq" at a post for what HQ sent), so a post is not sent its own.
    """

    seq = models.BigAutoField(primary_key=True)
    traveller = models.ForeignKey(Traveller, on_delete=models.PROTECT, related_name="+")
    values = models.JSONField()
    origin = models.CharField(max_length=64, blank=True)
    correction = models.ForeignKey(
        TravellerCorrection, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"#{self.seq} {self.traveller_id}"


class ConflictStatus(models.TextChoices):
    OPEN = "open", _("open")
    RESOLVED = "resolved", _("resolved")


class CorrectionConflict(models.Model):
    """Two corrections of one field made on the same value: HQ keeps the value it held
    (``held``) until a supervisor chooses; the other (``incoming``) is kept here."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    traveller = models.ForeignKey(Traveller, on_delete=models.PROTECT, related_name="+")
    field = models.CharField(max_length=40)
    base = models.JSONField(null=True)
    held = models.JSONField(null=True)
    incoming = models.JSONField(null=True)
    correction = models.ForeignKey(
        TravellerCorrection, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    origin = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=16, choices=ConflictStatus.choices, default=ConflictStatus.OPEN
    )
    chosen = models.JSONField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "created_at"], name="conflict_status_created")]
        permissions = [("resolve_conflict", "Resolve conflicting corrections of a traveller")]

    def __str__(self) -> str:
        return f"{self.traveller_id} {self.field} ({self.status})"
