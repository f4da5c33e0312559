from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from uuid_utils.compat import uuid7

from passage.accounts.access import acts_everywhere
from passage.accounts.models import User

from .choices import CountryKind, CrossingPointKind, CrossingPointMode, CrossingPointStatus
from .names import country_name

icao_code_validator = RegexValidator(
    r"^[A-Z]{1,3}$", _("An ICAO code is one to three capital letters, without fillers.")
)


class Country(models.Model):
    """A state, organisation or status with an ICAO 9303 code (Part 3 §5).

    ``icao_code`` is the code as written in an MRZ without fillers: Germany is ``D``.
    """

    icao_code = models.CharField(
        _("ICAO code"), max_length=3, primary_key=True, validators=[icao_code_validator]
    )
    iso_alpha2 = models.CharField(_("ISO alpha-2"), max_length=2, blank=True)
    iso_alpha3 = models.CharField(_("ISO alpha-3"), max_length=3, blank=True)
    iso_numeric = models.CharField(_("ISO numeric"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=CountryKind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return f"{self.name} ({self.icao_code})"

    @property
    def display_name(self) -> str:
        """The name in the interface language (``str()`` stays English, for records)."""
        return country_name(self.iso_alpha2, self.name)


class AdminArea(models.Model):
    """An administrative area identified by its P-code (opaque, hierarchical)."""

    pcode = models.CharField(_("P-code"), max_length=32, primary_key=True)
    name = models.CharField(_("name"), max_length=120)
    level = models.PositiveSmallIntegerField(
        _("admin level"), validators=[MinValueValidator(0), MaxValueValidator(5)]
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="admin_areas")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["pcode"]
        verbose_name = _("admin area")

    def __str__(self) -> str:
        return f"{self.name} ({self.pcode})"


class CrossingPointQuerySet(models.QuerySet["BorderCrossingPoint"]):
    def restrict(
        self, user: User | AnonymousUser, action: str = "view"
    ) -> models.QuerySet[BorderCrossingPoint]:
        """The posts at which ``user`` may act: those assigned, or all with national scope.
        One rule for every action: officers see and act at the same posts."""
        if acts_everywhere(user):
            return self.all()
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(assigned_users=user)


class BorderCrossingPoint(models.Model):
    """A border crossing point (BCP): where travellers are checked."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    code = models.CharField(
        _("code"),
        max_length=16,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Z0-9-]{2,16}$", _("Use 2 to 16 capitals, digits or '-'."))
        ],
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=8, choices=CrossingPointKind.choices)
    admin_area = models.ForeignKey(
        AdminArea, on_delete=models.PROTECT, null=True, blank=True, related_name="crossing_points"
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CrossingPointStatus.choices,
        default=CrossingPointStatus.OPEN,
    )
    mode = models.CharField(
        _("mode"),
        max_length=10,
        choices=CrossingPointMode.choices,
        default=CrossingPointMode.NORMAL,
        help_text=_("Switched by a supervisor during extreme queues or a mass influx."),
    )
    mode_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    mode_reason = models.CharField(max_length=200, blank=True, editable=False)

    objects = CrossingPointQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("border crossing point")
        permissions = [("switch_mode", "Switch a crossing point to degraded or emergency mode")]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class RefusalGround(models.Model):
    """A coded ground for refusing entry, modelled on the Schengen standard form.

    Regulation (EU) 2016/399 (Schengen Borders Code), Annex V Part B: grounds A to I.
    Reference data: a country loads its own list.
    """

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    label = models.CharField(_("label"), max_length=200)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    legal_text = models.TextField(
        _("legal text"),
        blank=True,
        help_text=_("The condition not met, in words: printed on the notice."),
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("refusal ground")

    def __str__(self) -> str:
        return f"{self.code}: {self.label}"
