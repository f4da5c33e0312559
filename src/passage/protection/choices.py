from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorCategory(models.TextChoices):
    PROTECTION_REQUEST = "protection_request", _("Asks for protection")
    CHILD = "child", _("Child")
    SPECIFIC_NEEDS = "specific_needs", _("Specific needs")
    TRAFFICKING = "trafficking", _("Trafficking indicator")


class AssessmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed by a protection officer")


class ReferralStatus(models.TextChoices):
    """As in UNICEF's Primero: in progress, accepted, rejected, done, revoked."""

    IN_PROGRESS = "in_progress", _("In progress")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    DONE = "done", _("Done")
    REVOKED = "revoked", _("Revoked")


# A referral in one of these states still protects the person (refusal safeguard).
OPEN_REFERRAL = (ReferralStatus.IN_PROGRESS, ReferralStatus.ACCEPTED)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    ReferralStatus.IN_PROGRESS: (
        ReferralStatus.ACCEPTED,
        ReferralStatus.REJECTED,
        ReferralStatus.REVOKED,
    ),
    ReferralStatus.ACCEPTED: (ReferralStatus.DONE, ReferralStatus.REVOKED),
    ReferralStatus.REJECTED: (),
    ReferralStatus.DONE: (),
    ReferralStatus.REVOKED: (),
}


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine (within a week)")
    PRIORITY = "priority", _("Priority (within 24 hours)")
    IMMEDIATE = "immediate", _("Immediate")


class Consent(models.TextChoices):
    GIVEN = "given", _("Consent given")
    OVERRIDE = "override", _("No consent: override with justification")


class AgeBand(models.TextChoices):
    """DTM-style age bands for mass-influx registration."""

    A0_4 = "0-4", _("0-4")
    A5_11 = "5-11", _("5-11")
    A12_17 = "12-17", _("12-17")
    A18_59 = "18-59", _("18-59")
    A60 = "60+", _("60 and over")


CHILD_BANDS = (AgeBand.A0_4, AgeBand.A5_11, AgeBand.A12_17)


class HouseholdDocument(models.TextChoices):
    """What a person in a mass influx may carry: accepted as it is (Moldova, 2022)."""

    PASSPORT = "passport", _("Passport")
    NATIONAL_ID = "national_id", _("Internal ID card")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    NONE = "none", _("No document")
