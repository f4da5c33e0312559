"""Humanitarian border management: indicators, providers, referrals, households.

Who sees what is decided in ``access.py``; every write is a service in ``services.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from uuid_utils.compat import uuid7

from passage.common.ordering import ranked
from passage.reference.access import PostScopedQuerySet
from passage.travellers.choices import Sex

from .choices import (
    AgeBand,
    AssessmentStatus,
    Consent,
    HouseholdDocument,
    IndicatorCategory,
    ReferralStatus,
    Urgency,
)

URGENCY_ORDER = (Urgency.IMMEDIATE, Urgency.PRIORITY, Urgency.ROUTINE)


class Service(models.Model):
    """A kind of help a provider offers (reference data: ``data/services.csv``)."""

    code = models.SlugField(_("code"), max_length=32, primary_key=True)
    label = models.CharField(_("label"), max_length=120)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label


class Indicator(models.Model):
    """A vulnerability indicator: UNHCR specific-needs code, trafficking indicator, or
    the request for protection (reference data: ``data/indicators.csv``)."""

    code = models.CharField(_("code"), max_length=16, primary_key=True)
    category = models.CharField(_("category"), max_length=20, choices=IndicatorCategory.choices)
    label = models.CharField(_("label"), max_length=160)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    always_refer = models.BooleanField(
        _("always creates a referral"),
        default=False,
        help_text=_("Flagging it refers the person at once (unaccompanied or separated child)."),
    )
    services = models.ManyToManyField(Service, blank=True, related_name="indicators")
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    @property
    def shown_label(self) -> str:
        """The label in the reader's language, as the refusal grounds': the reference file's
        labels are msgids; a country's own indicator, not in the catalogue, reads as loaded
        (and an empty label stays empty: gettext("") would be the catalogue's header)."""
        return gettext(self.label) if self.label else ""


class ServiceProvider(models.Model):
    """An organisation people can be referred to, managed by administrators."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    organisation = models.CharField(_("organisation"), max_length=160)
    services = models.ManyToManyField(Service, related_name="providers")
    areas = models.ManyToManyField(
        "reference.AdminArea",
        blank=True,
        related_name="+",
        verbose_name=_("areas served"),
        help_text=_("Admin areas (P-codes) served; a country-level area serves the country."),
    )
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("ISO 639 codes, comma separated")
    )
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    contact = models.TextField(_("contact"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["organisation"]
        verbose_name = _("service provider")

    def __str__(self) -> str:
        return self.organisation

    @property
    def language_list(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]


class HouseholdQuerySet(PostScopedQuerySet["Household"]):
    """Households registered at the user's posts."""


class Household(models.Model):
    """A household registered in one screen during a mass influx (emergency mode)."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    crossing_point = models.ForeignKey(
        "reference.BorderCrossingPoint", on_delete=models.PROTECT, related_name="households"
    )
    registered_at = models.DateTimeField(_("registered at"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    place_of_origin = models.CharField(_("place of origin"), max_length=160)
    intended_destination = models.CharField(_("intended destination"), max_length=160)
    size = models.PositiveSmallIntegerField(_("people"))
    completed_at = models.DateTimeField(_("completed into traveller records"), null=True)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["crossing_point", "registered_at"], name="household_post_time")
        ]

    def __str__(self) -> str:
        return f"Household {str(self.pk)[-6:]} ({self.size})"


class MemberQuerySet(PostScopedQuerySet["HouseholdMember"]):
    point = "household__crossing_point"


class HouseholdMember(models.Model):
    """One person of a household: the head by name, the others by sex and age band
    until the household is completed into traveller records."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    position = models.PositiveSmallIntegerField()
    is_head = models.BooleanField(default=False)
    primary_name = models.CharField(_("surname"), max_length=120, blank=True)
    secondary_name = models.CharField(_("given names"), max_length=120, blank=True)
    sex = models.CharField(_("sex"), max_length=1)
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices)
    document_type = models.CharField(
        _("document"),
        max_length=20,
        choices=HouseholdDocument.choices,
        default=HouseholdDocument.NONE,
    )
    document_number = models.CharField(_("document number"), max_length=24, blank=True)
    traveller = models.ForeignKey(
        "travellers.Traveller",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="household_memberships",
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["household", "position"], name="member_position")
        ]

    def __str__(self) -> str:
        name = " ".join(p for p in (self.secondary_name, self.primary_name) if p)
        return name or f"{self.get_sex_display()} {self.age_band}"

    def get_sex_display(self) -> str:

        return str(dict(Sex.choices).get(self.sex, self.sex))


class AssessmentQuerySet(PostScopedQuerySet["Assessment"]):
    """Protection details: protection officers only, at their posts."""

    permissions = {"view": "protection.view_protection", "change": "protection.view_protection"}


class Assessment(models.Model):
    """Vulnerability indicators flagged for a traveller at the counter, or for a
    household in emergency mode: what makes the person's case a protection case."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    traveller = models.ForeignKey(
        "travellers.Traveller",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="protection_assessments",
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="assessments"
    )
    crossing = models.ForeignKey(
        "crossings.Crossing", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    crossing_point = models.ForeignKey(
        "reference.BorderCrossingPoint", on_delete=models.PROTECT, related_name="+"
    )
    indicators = models.ManyToManyField(Indicator, related_name="+")
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        max_length=8, choices=AssessmentStatus.choices, default=AssessmentStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.TextField(blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(traveller__isnull=False) | Q(household__isnull=False),
                name="assessment_has_subject",
            )
        ]
        indexes = [
            models.Index(fields=["crossing_point", "status", "created_at"], name="assessment_queue")
        ]
        permissions = [
            ("flag_vulnerability", "Flag vulnerability indicators at the counter"),
            ("view_protection", "See protection details: indicators, referrals, case notes"),
            ("manage_referral", "Refer, follow up and close protection cases"),
            ("register_household", "Register households in emergency mode"),
            ("complete_household", "Complete households into traveller records"),
        ]

    def __str__(self) -> str:
        return f"Protection flag {str(self.pk)[-6:]}"


class ReferralQuerySet(PostScopedQuerySet["Referral"]):
    permissions = {"view": "protection.view_protection", "change": "protection.view_protection"}

    def queue_order(self) -> ReferralQuerySet:
        """The most urgent first, the longest-waiting first within one urgency. The
        database orders them, so a page or a limit never leaves an immediate referral
        behind routine ones (decision 0223)."""
        return self.order_by(ranked("urgency", URGENCY_ORDER), "created_at", "pk")


class Referral(models.Model):
    """A referral of a flagged person to a provider for one service."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="referrals")
    crossing_point = models.ForeignKey(
        "reference.BorderCrossingPoint", on_delete=models.PROTECT, related_name="+"
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey(
        ServiceProvider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        help_text=_("Empty while an automatic referral waits for a protection officer."),
    )
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices)
    consent = models.CharField(_("consent"), max_length=10, choices=Consent.choices)
    consent_override_reason = models.TextField(_("why without consent"), blank=True)
    status = models.CharField(
        max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.IN_PROGRESS
    )
    automatic = models.BooleanField(default=False)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    objects = ReferralQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(consent="given") | ~Q(consent_override_reason=""),
                name="referral_consent_or_justified_override",
            )
        ]
        indexes = [
            models.Index(fields=["crossing_point", "status", "created_at"], name="referral_queue")
        ]

    def __str__(self) -> str:
        return f"Referral {str(self.pk)[-6:]}"


class ReferralEvent(models.Model):
    """The referral's history: every status change, with who and why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status_from = models.CharField(max_length=12, blank=True)
    status_to = models.CharField(max_length=12, choices=ReferralStatus.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.status_from or '-'} -> {self.status_to}"

    @property
    def status_from_display(self) -> str:
        """The previous status by its label (``in_progress`` → *In progress*)."""
        if self.status_from in ReferralStatus.values:
            return str(ReferralStatus(self.status_from).label)
        return self.status_from


class CaseNote(models.Model):
    """A protection officer's note on a referral (follow-up, contact made, outcome)."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    text = models.TextField(_("note"))

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"Case note {str(self.pk)[-6:]}"
