from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Five-year bands up to 80, as in UN population statistics; "unk" when the year of
# birth is unknown. Age is the difference of calendar years between the crossing and
# the birth (birth dates are often partial), so it can be one year high.
AGE_BANDS = (*(f"{low}-{low + 4}" for low in range(0, 80, 5)), "80+")
UNKNOWN_AGE = "unk"


def age_band(age: int | None) -> str:
    """The band holding ``age`` (years), or ``unk``.

    >>> age_band(0), age_band(17), age_band(80), age_band(None), age_band(-1)
    ('0-4', '15-19', '80+', 'unk', 'unk')
    """
    if age is None or age < 0 or age > 130:
        return UNKNOWN_AGE
    if age >= 80:
        return "80+"
    low = age // 5 * 5
    return f"{low}-{low + 4}"


class Period(models.TextChoices):
    DAY = "day", _("Daily")
    WEEK = "week", _("Weekly")
    MONTH = "month", _("Monthly")
