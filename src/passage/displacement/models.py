"""Displacement tracking: flow monitoring points and their counts and surveys, baseline
mobility assessments of admin areas, and site assessments of camps (docs/displacement.md).

Who reaches what is decided in ``access.py``; every write is a service in ``services.py``.
Flow monitoring points and sites are reference data keyed by their code, loaded under the
same codes at HQ and at posts, so the records that posts send name them by key.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from uuid_utils.compat import uuid7

from passage.accounts.access import Action, acts_everywhere
from passage.accounts.models import User
from passage.reference.models import AdminArea

from .choices import (
    Adequacy,
    AgeBand,
    ArrivalPeriod,
    Consent,
    Direction,
    FormKind,
    Intention,
    PointKind,
    Reason,
    SiteKind,
    Source,
    SurveySex,
    TransportMode,
)

M = TypeVar("M", bound=models.Model)

code_validator = RegexValidator(r"^[A-Z0-9-]{2,24}$", _("Use 2 to 24 capitals, digits or '-'."))


def _latitude() -> models.DecimalField[Any, Any]:
    return models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )


def _longitude() -> models.DecimalField[Any, Any]:
    return models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )


class PointQuerySet(models.QuerySet["FlowMonitoringPoint"]):
    def restrict(
        self, user: User | AnonymousUser, action: Action = "view"
    ) -> models.QuerySet[FlowMonitoringPoint]:
        """The points where ``user`` may count: those assigned, or all with national scope."""
        if acts_everywhere(user):
            return self.all()
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(enumerators=user)


class FlowMonitoringPoint(models.Model):
    """A place where enumerators count people on the move (FMP): an official or an
    informal crossing, a bus station, a market."""

    code = models.CharField(_("code"), max_length=24, primary_key=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=PointKind.choices)
    admin_area = models.ForeignKey(
        AdminArea, on_delete=models.PROTECT, related_name="flow_monitoring_points"
    )
    latitude = _latitude()
    longitude = _longitude()
    active = models.BooleanField(_("active"), default=True)
    enumerators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="flow_monitoring_points"
    )

    objects = PointQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("flow monitoring point")
        permissions = [
            ("record_flow", "Record flow counts and surveys at assigned points"),
            ("assess_sites", "Record baseline and site assessments"),
            ("import_submissions", "Import field form submissions"),
            ("view_displacement", "See displacement dashboards and exports"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Site(models.Model):
    """A camp, collective centre or informal settlement where displaced people live."""

    code = models.CharField(_("code"), max_length=24, primary_key=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=SiteKind.choices)
    admin_area = models.ForeignKey(AdminArea, on_delete=models.PROTECT, related_name="sites")
    latitude = _latitude()
    longitude = _longitude()

    class Meta:
        ordering = ["code"]
        verbose_name = _("displacement site")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class PointScopedQuerySet(models.QuerySet[M]):
    """Records made at a flow monitoring point: ``restrict`` keeps those at the user's
    points (all with national scope)."""

    point: ClassVar[str] = "point"

    def restrict(self, user: User | AnonymousUser, action: Action = "view") -> models.QuerySet[M]:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if acts_everywhere(user):
            return self.all()
        return self.filter(**{f"{self.point}__in": FlowMonitoringPoint.objects.restrict(user)})


class AreaScopedQuerySet(models.QuerySet[M]):
    """Assessments of admin areas: an enumerator reaches the level-1 areas (and all
    below them) of the points assigned to them; national scope reaches all."""

    area: ClassVar[str] = "admin_area"

    def restrict(self, user: User | AnonymousUser, action: Action = "view") -> models.QuerySet[M]:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if acts_everywhere(user):
            return self.all()
        query = models.Q(pk__in=[])
        for prefix in area_prefixes(user):
            query |= models.Q(**{f"{self.area}__pcode__startswith": prefix})
        return self.filter(query)


def area_prefixes(user: User | AnonymousUser) -> set[str]:
    """The P-codes of the level-1 areas holding the user's points (P-codes are
    hierarchical: a child's code begins with its parent's)."""
    prefixes = set()
    for area in AdminArea.objects.filter(
        flow_monitoring_points__in=FlowMonitoringPoint.objects.restrict(user)
    ).select_related("parent"):
        while area.level > 1 and area.parent is not None:
            area = area.parent
        prefixes.add(area.pcode)
    return prefixes


class ImportBatch(models.Model):
    """One imported file: its submissions travel to HQ with it (``related`` in sync)."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    filename = models.CharField(_("file"), max_length=200)
    digest = models.CharField(max_length=64)
    source = models.CharField(_("format"), max_length=10, choices=Source.choices)
    form = models.CharField(_("form"), max_length=20)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.form} import {self.filename}"

    @property
    def form_label(self) -> str:
        """The form's name in the reader's language (the code if Passage no longer knows it)."""
        return str(FormKind(self.form).label) if self.form in FormKind.values else self.form


class Submission(models.Model):
    """What every record from a field form carries: its submission id (idempotent
    imports), the form version, and where it came from."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    submission_id = models.CharField(_("submission id"), max_length=64, unique=True)
    digest = models.CharField(max_length=64, blank=True)
    form_version = models.CharField(_("form version"), max_length=32)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class FlowCount(Submission):
    """People counted passing a point during one period, by age and sex."""

    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="counts"
    )
    point = models.ForeignKey(FlowMonitoringPoint, on_delete=models.PROTECT, related_name="counts")
    day = models.DateField(_("day"))
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    transport = models.CharField(_("transport"), max_length=8, choices=TransportMode.choices)
    # Origin and intended destination: an admin area P-code or an ICAO country code.
    origin = models.CharField(_("origin"), max_length=32)
    destination = models.CharField(_("destination"), max_length=32)
    girls = models.PositiveIntegerField(_("girls (0-17)"), default=0)
    boys = models.PositiveIntegerField(_("boys (0-17)"), default=0)
    women = models.PositiveIntegerField(_("women (18-59)"), default=0)
    men = models.PositiveIntegerField(_("men (18-59)"), default=0)
    elderly_women = models.PositiveIntegerField(_("women (60+)"), default=0)
    elderly_men = models.PositiveIntegerField(_("men (60+)"), default=0)
    total = models.PositiveIntegerField(_("people"))
    unaccompanied_children = models.PositiveIntegerField(_("unaccompanied children"), default=0)
    pregnant_women = models.PositiveIntegerField(_("pregnant women"), default=0)
    elderly_alone = models.PositiveIntegerField(_("elderly people alone"), default=0)
    disabled = models.PositiveIntegerField(_("people with disabilities"), default=0)

    objects = PointScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "point"]
        indexes = [models.Index(fields=["point", "day"])]

    def __str__(self) -> str:
        return f"{self.point_id} {self.day} {self.direction} {self.total}"


class FlowSurvey(Submission):
    """One anonymous interview at a point: never a name or a document number.

    Without consent only the refusal is kept. A remark that looks like it holds a name or
    a document number is flagged (``withheld``) and never exported."""

    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="surveys"
    )
    point = models.ForeignKey(FlowMonitoringPoint, on_delete=models.PROTECT, related_name="surveys")
    day = models.DateField(_("day"))
    consent = models.CharField(_("consent"), max_length=3, choices=Consent.choices)
    sex = models.CharField(_("sex"), max_length=1, choices=SurveySex.choices, blank=True)
    age_band = models.CharField(_("age"), max_length=5, choices=AgeBand.choices, blank=True)
    nationality = models.CharField(_("nationality"), max_length=3, blank=True)
    origin = models.CharField(_("origin"), max_length=32, blank=True)
    destination = models.CharField(_("destination"), max_length=32, blank=True)
    reasons = models.JSONField(_("reasons for moving"), default=list, blank=True)
    intention = models.CharField(
        _("intention"), max_length=10, choices=Intention.choices, blank=True
    )
    needs = models.JSONField(_("needs"), default=list, blank=True)
    remarks = models.TextField(_("remarks"), blank=True, max_length=1000)
    withheld = models.CharField(
        _("remarks withheld because"), max_length=120, blank=True, editable=False
    )

    objects = PointScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "point"]

    def __str__(self) -> str:
        return f"survey {self.point_id} {self.day}"


class BaselineAssessment(Submission):
    """Who is present in an admin area, from key informants (DTM mobility tracking)."""

    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="baselines"
    )
    admin_area = models.ForeignKey(AdminArea, on_delete=models.PROTECT, related_name="baselines")
    day = models.DateField(_("day"))
    idps = models.PositiveIntegerField(_("internally displaced persons"), default=0)
    returnees = models.PositiveIntegerField(_("returnees"), default=0)
    migrants = models.PositiveIntegerField(_("migrants"), default=0)
    arrival_period = models.CharField(
        _("most arrived"), max_length=14, choices=ArrivalPeriod.choices
    )
    main_reason = models.CharField(_("main reason"), max_length=10, choices=Reason.choices)
    informants = models.PositiveSmallIntegerField(_("key informants"), default=1)

    objects = AreaScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "admin_area"]

    def __str__(self) -> str:
        return f"baseline {self.admin_area_id} {self.day}"


class SiteAreaQuerySet(AreaScopedQuerySet["SiteAssessment"]):
    area = "site__admin_area"


class SiteAssessment(Submission):
    """A camp's or collective centre's population and services (CCCM)."""

    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="site_assessments",
    )
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="assessments")
    day = models.DateField(_("day"))
    households = models.PositiveIntegerField(_("households"))
    individuals = models.PositiveIntegerField(_("individuals"))
    shelter = models.CharField(_("shelter"), max_length=10, choices=Adequacy.choices)
    wash = models.CharField(
        _("water, sanitation, hygiene"), max_length=10, choices=Adequacy.choices
    )
    health = models.CharField(_("health care"), max_length=10, choices=Adequacy.choices)
    protection_services = models.BooleanField(_("protection services on site"))
    managed_by = models.CharField(_("site management agency"), max_length=120, blank=True)

    objects = SiteAreaQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "site"]

    def __str__(self) -> str:
        return f"site assessment {self.site_id} {self.day}"


class FlowDay(models.Model):
    """People counted per point, day and direction: the dashboards' time series, pyramid,
    vulnerable people and per-point figures, and the exports. Kept in step with
    ``FlowCount`` in the same transaction as every write (``services.add_to_summary``)
    and rebuilt whole by ``passage displacement refresh``. Its size grows with points
    and days only (decision 0175)."""

    point = models.ForeignKey(FlowMonitoringPoint, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    direction = models.CharField(max_length=3, choices=Direction.choices)
    counts = models.PositiveIntegerField(default=0)
    girls = models.PositiveBigIntegerField(default=0)
    boys = models.PositiveBigIntegerField(default=0)
    women = models.PositiveBigIntegerField(default=0)
    men = models.PositiveBigIntegerField(default=0)
    elderly_women = models.PositiveBigIntegerField(default=0)
    elderly_men = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(default=0)
    unaccompanied_children = models.PositiveBigIntegerField(default=0)
    pregnant_women = models.PositiveBigIntegerField(default=0)
    elderly_alone = models.PositiveBigIntegerField(default=0)
    disabled = models.PositiveBigIntegerField(default=0)

    objects = PointScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["point", "day", "direction"], name="displacement_flowday_point_day"
            )
        ]
        indexes = [models.Index(fields=["day", "point"])]

    def __str__(self) -> str:
        return f"{self.point_id} {self.day} {self.direction} {self.total}"


class FlowRouteCount(models.Model):
    """People counted per point, origin and intended destination over one period; the
    subclasses name the period's date column (``day`` or ``month``) and key on it."""

    point = models.ForeignKey(FlowMonitoringPoint, on_delete=models.CASCADE, related_name="+")
    origin = models.CharField(max_length=32)
    destination = models.CharField(max_length=32)
    total = models.PositiveBigIntegerField(default=0)

    objects = PointScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class FlowRoute(FlowRouteCount):
    """People counted per point, day, origin and intended destination: the
    origin-destination table and the arrivals map for the days at a range's edges
    (``FlowRouteMonth`` holds the whole months in between)."""

    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "point", "origin", "destination"],
                name="displacement_flowroute_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.point_id} {self.day} {self.origin}>{self.destination} {self.total}"


class FlowRouteMonth(FlowRouteCount):
    """``FlowRoute`` summed per calendar month (``month`` is its first day)."""

    month = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "point", "origin", "destination"],
                name="displacement_flowroutemonth_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.point_id} {self.month:%Y-%m} {self.origin}>{self.destination} {self.total}"
