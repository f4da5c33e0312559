from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    ENTRY = "entry", _("Entry")
    EXIT = "exit", _("Exit")


class Decision(models.TextChoices):
    ADMITTED = "admitted", _("Admitted")
    REFUSED = "refused", _("Refused")
    SECONDARY = "secondary", _("Sent to secondary inspection")


class Purpose(models.TextChoices):
    TOURISM = "tourism", _("Tourism")
    BUSINESS = "business", _("Business")
    WORK = "work", _("Work")
    STUDY = "study", _("Study")
    FAMILY = "family", _("Family visit")
    TRANSIT = "transit", _("Transit")
    HUMANITARIAN = "humanitarian", _("Humanitarian, protection")
    RETURNING = "returning", _("Returning home")
    TRADE = "trade", _("Cross-border trade")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not recorded")


class TransportMode(models.TextChoices):
    AIR = "air", _("Air")
    CAR = "car", _("Car")
    BUS = "bus", _("Bus")
    TRUCK = "truck", _("Truck")
    FOOT = "foot", _("On foot")
    SEA = "sea", _("Sea")
    RAIL = "rail", _("Rail")
    OTHER = "other", _("Other")


class InspectionStatus(models.TextChoices):
    OPEN = "open", _("Waiting")
    DECIDED = "decided", _("Decided")


class OverrideStatus(models.TextChoices):
    OPEN = "open", _("To review")
    CLOSED = "closed", _("Reviewed")


class ReviewReason(models.TextChoices):
    NONE = "", _("—")
    EXIT_WITHOUT_ENTRY = "exit_without_entry", _("Exit without a recorded entry")
    ENTRY_WHILE_INSIDE = "entry_while_inside", _("Entry while a previous entry is still open")
    MINIMAL_RECORD = "minimal_record", _("Minimal record from degraded mode: to be completed")
