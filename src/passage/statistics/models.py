"""Pre-aggregated counts (facts) and the bookmarks that say how far each source has been read.

Dashboards, exports and the API read ``Fact`` only, never crossings: an analyst's page
costs the same with ten thousand crossings or ten million. Nothing here names a person.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Cube(models.TextChoices):
    """The tables of counts; each uses some of the dimensions of ``Fact``.

    ``day`` is a calendar day in the country's time zone, except in the monthly cubes
    (people, purpose), where it is the first day of the month.
    """

    DAILY = "daily", _("Crossings by day, crossing point, direction and decision")
    NATIONALITY = (
        "nationality",
        _("Crossings by day, crossing point, direction, nationality and decision"),
    )
    PEOPLE = (
        "people",
        _("Crossings by month, crossing point, direction, nationality, sex and age band"),
    )
    PURPOSE = "purpose", _("Crossings by month, crossing point, direction, nationality and purpose")
    REFUSAL = "refusal", _("Refusal grounds by day, crossing point, direction and nationality")
    OVERSTAY = (
        "overstay",
        _("Overstays by first day over, crossing point of entry, nationality and status"),
    )
    SCREENING = (
        "screening",
        _("Screening outcomes, hits by action and verdicts by day of crossing and crossing point"),
    )


MONTHLY_CUBES = frozenset({Cube.PEOPLE, Cube.PURPOSE})


class Fact(models.Model):
    """One count: how many crossings (or cases) share these values. Dimensions a cube
    does not use hold the empty string, so that the unique key works on every database."""

    cube = models.CharField(max_length=16)
    day = models.DateField()
    crossing_point = models.CharField(max_length=16, blank=True, default="")
    direction = models.CharField(max_length=5, blank=True, default="")
    nationality = models.CharField(max_length=3, blank=True, default="")
    # Decision, purpose, refusal ground or status, according to the cube.
    category = models.CharField(max_length=32, blank=True, default="")
    sex = models.CharField(max_length=1, blank=True, default="")
    age_band = models.CharField(max_length=5, blank=True, default="")
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "cube",
                    "day",
                    "crossing_point",
                    "direction",
                    "nationality",
                    "category",
                    "sex",
                    "age_band",
                ],
                name="statistics_fact_key",
            )
        ]
        indexes = [models.Index(fields=["cube", "day"], name="statistics_fact_cube_day")]
        permissions = [
            ("view_statistics", "See statistics dashboards, reports and exports (aggregates only)"),
            ("refresh_statistics", "Bring the statistics up to date on demand"),
        ]

    def __str__(self) -> str:
        return f"{self.cube} {self.day} {self.count}"


class Bookmark(models.Model):
    """How far a source has been read: its own position, as the source defines it."""

    source = models.CharField(max_length=32, primary_key=True)
    position = models.JSONField(default=dict)
    refreshed_at = models.DateTimeField(null=True, blank=True)
    rows_read = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.source} @ {self.position}"
