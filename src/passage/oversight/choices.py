from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Flag(models.TextChoices):
    """Why a read is shown to the data-protection officer as unusual (decision 0130)."""

    NOT_AT_POSTS = "not_at_posts", _("Person never processed at the user's posts")
    BURST = "burst", _("Part of a burst of reads")
    OUT_OF_HOURS = "out_of_hours", _("Outside the user's working hours")
    PROTECTION = "protection", _("Protection record read outside protection")
