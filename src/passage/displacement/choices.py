from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PointKind(models.TextChoices):
    OFFICIAL = "official", _("Official crossing point")
    INFORMAL = "informal", _("Informal crossing point")
    TRANSIT = "transit", _("Transit point (bus station, market)")


class SiteKind(models.TextChoices):
    CAMP = "camp", _("Planned camp")
    COLLECTIVE = "collective", _("Collective centre")
    INFORMAL = "informal", _("Informal settlement")


class Direction(models.TextChoices):
    INBOUND = "in", _("Inbound")
    OUTBOUND = "out", _("Outbound")


class TransportMode(models.TextChoices):
    FOOT = "foot", _("On foot")
    BUS = "bus", _("Bus")
    CAR = "car", _("Car")
    TRUCK = "truck", _("Truck")
    BOAT = "boat", _("Boat")
    ANIMAL = "animal", _("Animal")
    OTHER = "other", _("Other")


class Consent(models.TextChoices):
    GIVEN = "yes", _("Consent given")
    REFUSED = "no", _("Consent refused")


class SurveySex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    OTHER = "X", _("Other or not said")


class AgeBand(models.TextChoices):
    CHILD = "0-17", _("0-17")
    ADULT = "18-59", _("18-59")
    ELDERLY = "60+", _("60+")


class Reason(models.TextChoices):
    CONFLICT = "conflict", _("Conflict or violence")
    DISASTER = "disaster", _("Natural disaster")
    ECONOMIC = "economic", _("Economic reasons")
    FAMILY = "family", _("Family reunification")
    SERVICES = "services", _("Access to services")
    OTHER = "other", _("Other")


class Intention(models.TextChoices):
    STAY = "stay", _("Stay at the destination")
    RETURN = "return", _("Return home")
    ONWARD = "onward", _("Move on to another country")
    UNDECIDED = "undecided", _("Undecided")


class Need(models.TextChoices):
    FOOD = "food", _("Food")
    WATER = "water", _("Water")
    SHELTER = "shelter", _("Shelter")
    HEALTH = "health", _("Health care")
    CASH = "cash", _("Cash")
    DOCUMENTS = "documents", _("Documents")
    PROTECTION = "protection", _("Protection")
    NONE = "none", _("None")


class ArrivalPeriod(models.TextChoices):
    LAST_MONTH = "last_month", _("In the last month")
    LAST_3_MONTHS = "last_3_months", _("One to three months ago")
    EARLIER = "earlier", _("More than three months ago")


class Adequacy(models.TextChoices):
    ADEQUATE = "adequate", _("Adequate")
    PARTIAL = "partial", _("Partly adequate")
    INADEQUATE = "inadequate", _("Inadequate")
    NONE = "none", _("None")


class FormKind(models.TextChoices):
    FLOW_COUNT = "flow_count", _("Flow count")
    FLOW_SURVEY = "flow_survey", _("Flow monitoring survey")
    BASELINE = "baseline", _("Baseline assessment")
    SITE = "site", _("Site assessment")


class Source(models.TextChoices):
    PAGE = "page", _("Entered on a page")
    KOBO_JSON = "kobo_json", _("KoboToolbox JSON export")
    KOBO_CSV = "kobo_csv", _("KoboToolbox CSV export")
    ODK_CSV = "odk_csv", _("ODK Central CSV export")
    ODK_JSON = "odk_json", _("ODK Central OData JSON")
