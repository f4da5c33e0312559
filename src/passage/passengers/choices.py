from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ListKind(models.TextChoices):
    PASSENGER = "passenger", _("Passenger list")
    CREW = "crew", _("Crew list")


class Channel(models.TextChoices):
    FILE = "file", _("File drop")
    API = "api", _("Carrier gateway (API)")


class StayPosition(models.TextChoices):
    OK = "ok", _("Within the rules")
    PROBLEM = "problem", _("Stay problem")
    CANNOT_TELL = "cannot_tell", _("Cannot tell")
    NOT_CHECKED = "not_checked", _("Not checked")


class HitReview(models.TextChoices):
    """A supervisor's review of a listed person's alert hits (blank: not reviewed)."""

    CONFIRMED = "confirmed", _("Confirmed: the listed person is the one on the alert list")
    DISMISSED = "dismissed", _("Dismissed: not the person on the alert list")
