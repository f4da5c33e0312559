from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Case, CharField, F, Q, When
from django.utils.translation import gettext_lazy as _
from uuid_utils.compat import uuid7

from passage.documents.choices import ChipVerdict
from passage.reference.access import PostScopedQuerySet

from .choices import (
    Decision,
    Direction,
    InspectionStatus,
    OverrideStatus,
    Purpose,
    ReviewReason,
    TransportMode,
)


class ImmutableError(Exception):
    """A recorded crossing is evidence: it is corrected by amendment, never changed."""


# The decision that stands: the secondary inspection's outcome once decided, else the
# counter's. Amendments cannot change a decision (crossings.services.AMENDABLE), so this
# is the effective decision after inspection and amendments alike.
EFFECTIVE_DECISION = Case(
    When(
        Q(decision=Decision.SECONDARY, inspection__status=InspectionStatus.DECIDED),
        then=F("inspection__outcome"),
    ),
    default=F("decision"),
    output_field=CharField(),
)


class CrossingQuerySet(PostScopedQuerySet["Crossing"]):
    """Crossings, restricted to those recorded at the user's posts."""

    def with_effective_decision(self) -> CrossingQuerySet:
        """Each crossing annotated with ``effective_decision`` (see ``EFFECTIVE_DECISION``);
        every list, page and API answer reads it from here."""
        return self.annotate(effective_decision=EFFECTIVE_DECISION)


class Crossing(models.Model):
    """One entry or exit, as recorded at the counter. Immutable once recorded."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    direction = models.CharField(_("direction"), max_length=5, choices=Direction.choices)
    crossing_point = models.ForeignKey(
        "reference.BorderCrossingPoint", on_delete=models.PROTECT, related_name="crossings"
    )
    at = models.DateTimeField(_("time"))
    recorded_at = models.DateTimeField(auto_now_add=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    traveller = models.ForeignKey(
        "travellers.Traveller", on_delete=models.PROTECT, related_name="crossings"
    )
    document = models.ForeignKey(
        "travellers.TravelDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="crossings",
    )
    purpose = models.CharField(
        _("purpose"), max_length=16, choices=Purpose.choices, default=Purpose.UNKNOWN
    )
    transport_mode = models.CharField(
        _("transport"), max_length=8, choices=TransportMode.choices, blank=True
    )
    carrier = models.CharField(_("carrier"), max_length=80, blank=True)
    transport_reference = models.CharField(
        _("flight, vehicle plate, vessel or train"), max_length=40, blank=True
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    refusal_grounds = models.ManyToManyField(
        "reference.RefusalGround", blank=True, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)
    authorised_until = models.DateField(_("authorised to stay until"), null=True, blank=True)
    closes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closed_by",
        verbose_name=_("entry closed by this exit"),
    )
    review_reason = models.CharField(
        max_length=24, choices=ReviewReason.choices, blank=True, default=""
    )
    minimal = models.BooleanField(_("minimal record (degraded mode)"), default=False)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # Passive authentication of the document's chip, when a reader sent its files: the
    # verdict and each check with its reason, the signer and its CSCA — never the data
    # groups themselves (docs/chip.md).
    chip_verdict = models.CharField(
        _("chip"), max_length=12, choices=ChipVerdict.choices, blank=True, default=""
    )
    chip_report = models.JSONField(default=dict, blank=True, editable=False)
    # The traveller is a family member of a citizen of a free-movement state (EU, EEA,
    # Switzerland) exercising that right, as the officer learnt at the counter: the
    # citizen's nationality and the document shown as evidence. Such records are kept
    # one year after the exit (EES art. 34(2); docs/retention.md, decision 0166).
    eu_family_of = models.CharField(
        _("family member of a citizen of"), max_length=3, blank=True, default=""
    )
    eu_family_document = models.CharField(
        _("the citizen's document"), max_length=40, blank=True, default=""
    )

    objects = CrossingQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["crossing_point", "at"], name="crossing_post_time"),
            models.Index(fields=["traveller", "at"], name="crossing_traveller_time"),
            models.Index(fields=["at"], name="crossing_time"),
            # statistics: the refresh reads new crossings in the order they were stored.
            models.Index(fields=["recorded_at", "id"], name="crossing_recorded"),
        ]
        permissions = [
            ("record_crossing", "Record entries and exits at the counter"),
            ("amend_crossing", "Correct a recorded crossing by amendment"),
            ("decide_secondary", "Decide secondary inspections"),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.crossing_point_id} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableError("A recorded crossing cannot be changed; record an amendment.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError("A recorded crossing cannot be deleted.")

    def get_effective_decision(self) -> str:
        """The decision that stands, from the ``with_effective_decision`` annotation when
        the crossing was read with it (lists), else from its inspection (one crossing)."""
        annotated = getattr(self, "effective_decision", None)
        if annotated is not None:
            return str(annotated)
        if self.decision == Decision.SECONDARY:
            inspection = SecondaryInspection.objects.filter(crossing_id=self.pk).first()
            if inspection is not None and inspection.status == InspectionStatus.DECIDED:
                return str(inspection.outcome)
        return str(self.decision)

    def get_effective_decision_display(self) -> str:
        """The standing decision in words, said as an exit when it is one."""
        return decision_label(self.direction, self.get_effective_decision())


def decision_label(direction: str, decision: str) -> str:
    """A decision in words: an admitted exit is a departure, not an admission."""
    if direction == Direction.EXIT:
        if decision == Decision.ADMITTED:
            return str(_("Departed"))
        if decision == Decision.REFUSED:
            return str(_("Exit refused"))
    return str(Decision(decision).label) if decision in Decision.values else decision


class Amendment(models.Model):
    """A correction of a recorded crossing: what changed, why, and who said so."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        COMPLETION = "completion", _("Completion of a minimal record")

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    crossing = models.ForeignKey(Crossing, on_delete=models.PROTECT, related_name="amendments")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.CORRECTION)
    changes = models.JSONField(help_text="{field: [before, after]}")
    reason = models.TextField(_("reason"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.crossing_id}"


class InspectionQuerySet(PostScopedQuerySet["SecondaryInspection"]):
    point = "crossing__crossing_point"


class SecondaryInspection(models.Model):
    """A traveller sent from the counter to a supervisor's closer examination."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    crossing = models.OneToOneField(Crossing, on_delete=models.PROTECT, related_name="inspection")
    reason = models.TextField(_("why"), blank=True)
    status = models.CharField(
        max_length=8, choices=InspectionStatus.choices, default=InspectionStatus.OPEN
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Decision.choices, blank=True)
    outcome_grounds = models.ManyToManyField(
        "reference.RefusalGround", blank=True, related_name="+"
    )
    authorised_until = models.DateField(null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["status", "created_at"], name="inspection_queue")]

    def __str__(self) -> str:
        return f"Secondary inspection of {self.crossing_id}"


class OverrideQuerySet(PostScopedQuerySet["DocumentOverride"]):
    """Document overrides, restricted to those at the user's posts."""

    point = "crossing__crossing_point"


class DocumentOverride(models.Model):
    """A document that failed its MRZ checks, admitted because an officer checked it by
    hand: the officer's reason, the checks that failed, and a supervisor's review."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    crossing = models.OneToOneField(
        Crossing, on_delete=models.PROTECT, related_name="document_override"
    )
    reason = models.TextField(_("why the document was accepted"))
    mrz = models.TextField(_("MRZ as submitted"), blank=True)
    failed = models.JSONField(help_text="[{field, message}] of the MRZ checks that failed")
    status = models.CharField(
        max_length=8, choices=OverrideStatus.choices, default=OverrideStatus.OPEN
    )
    review_note = models.TextField(_("review note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OverrideQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["status", "created_at"], name="override_queue")]
        permissions = [("review_document_override", "Review documents checked by hand")]

    def __str__(self) -> str:
        return f"Document override on {self.crossing_id}"

    @property
    def failed_fields(self) -> list[str]:
        return [str(item.get("field", "")) for item in self.failed]
