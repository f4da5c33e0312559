from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleKind(models.TextChoices):
    VISA_FREE = "visa_free", _("Visa-free stay")
    VISA_REQUIRED = "visa_required", _("Visa required")
    EXEMPT = "exempt", _("Exempt from stay limits")


class PermitKind(models.TextChoices):
    RESIDENCE = "residence", _("Residence permit")
    WORK = "work", _("Work permit")


class OverstayStatus(models.TextChoices):
    OPEN = "open", _("To review")
    CONFIRMED = "confirmed", _("Confirmed by an officer")
    DISMISSED = "dismissed", _("Dismissed (not an overstay)")
    CLOSED = "closed", _("Closed by a later exit")


class StayOutcome(models.TextChoices):
    """The stay calculator's outcomes (``passage.core.stay.Outcome``) as pages show them."""

    AUTHORISED = "authorised", _("Stay authorised")
    REFUSED = "refused", _("No day of stay authorised")
    OVERSTAYED = "overstayed", _("Overstayed")
    EXEMPT = "exempt", _("Exempt from stay limits")
    CANNOT_TELL = "cannot_tell", _("Cannot tell")
