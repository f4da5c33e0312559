from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CountryKind(models.TextChoices):
    ISO = "iso", _("ISO 3166-1 country or territory")
    STATE = "state", _("State without an ISO code")
    NATIONALITY_STATUS = "nationality_status", _("Nationality status (stateless, refugee, British)")
    ORGANISATION = "organisation", _("International organisation")
    DEPRECATED = "deprecated", _("Deprecated code")
    SPECIMEN = "specimen", _("Specimen (not a real state)")


class CrossingPointKind(models.TextChoices):
    AIR = "air", _("Air")
    LAND = "land", _("Land")
    SEA = "sea", _("Sea")
    RAIL = "rail", _("Rail")


class CrossingPointStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SEASONAL = "seasonal", _("Open seasonally")
    CLOSED = "closed", _("Closed")


class CrossingPointMode(models.TextChoices):
    NORMAL = "normal", _("Normal")
    DEGRADED = "degraded", _("Degraded: minimal registration")
    EMERGENCY = "emergency", _("Emergency: mass-influx registration")
