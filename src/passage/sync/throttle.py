"""The unauthenticated sync requests' limit, counted where every worker sees it.

HQ runs several worker processes (gunicorn); a count in Django's default cache (each
process's own memory) let an address send the limit to each worker. The count is a row
per address and minute (``RefusalWindow``), raised by one upsert that returns the new
count — ``INSERT … ON CONFLICT … DO UPDATE … RETURNING``, the same statement on
PostgreSQL and SQLite (3.35 or later) — so concurrent workers never lose a count.
Past the limit nothing more is written: the 429 reads the row only.
"""

from __future__ import annotations

import time

from django.db import connection

from .models import RefusalWindow


def _minute() -> int:
    return int(time.time() // 60)


def count_refusal(address: str) -> int:
    """One more refusal of ``address`` this minute; the minute's count so far."""
    minute = _minute()
    table = connection.ops.quote_name(RefusalWindow._meta.db_table)
    # The fields are plain columns named as the fields.
    address_c, minute_c, refused_c = (
        connection.ops.quote_name(name) for name in ("address", "minute", "refused")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({address_c}, {minute_c}, {refused_c}) VALUES (%s, %s, 1) "  # noqa: S608 - names from the model, values bound
            f"ON CONFLICT ({address_c}, {minute_c}) "
            f"DO UPDATE SET {refused_c} = {table}.{refused_c} + 1 RETURNING {refused_c}",
            [address[:64], minute],
        )
        (count,) = cursor.fetchone()
    if count == 1:  # a new window for this address: forget those before the last
        RefusalWindow.objects.filter(minute__lt=minute - 1).delete()
    return int(count)


def refusals(address: str) -> int:
    """How many requests from ``address`` were refused unauthenticated this minute."""
    count = (
        RefusalWindow.objects.filter(address=address[:64], minute=_minute())
        .values_list("refused", flat=True)
        .first()
    )
    return int(count or 0)
