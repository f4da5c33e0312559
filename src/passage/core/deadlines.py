"""Legal deadlines counted in calendar months."""

from __future__ import annotations

import calendar
import datetime as dt


def months_after(day: dt.date, months: int = 1) -> dt.date:
    """The same day ``months`` later, or that month's last day when it is shorter.

    GDPR Art. 12(3): a data subject's request is answered "within one month of receipt";
    a month from 31 January ends on the last day of February.

    >>> months_after(dt.date(2026, 1, 31))
    datetime.date(2026, 2, 28)
    >>> months_after(dt.date(2026, 12, 15))
    datetime.date(2027, 1, 15)
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
