"""Plain-row inserts for millions of rows: COPY on PostgreSQL, one executemany on SQLite.

Used by the demo and benchmark loaders (``crossings.demo``), the sync inbox at HQ and the
displacement imports. ``bulk_create`` spends most of its time building SQL for each
batch; generated or synced rows go in an order of magnitude faster this way.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.db import connection, models
from django.utils import timezone


def json_text(field: models.JSONField[Any]) -> Callable[[Any], str | None]:
    """The one encoding of a JSON field's value for a plain insert, on both databases:
    the field's own encoder, as Django's ``get_db_prep_save`` would; None stays NULL.
    Every value is encoded (a Python ``str`` is a JSON string, never text taken as JSON)."""
    encoder = field.encoder

    def encode(value: Any) -> str | None:
        return None if value is None else json.dumps(value, cls=encoder)

    return encode


def fast_insert(model: type[models.Model], objects: list[Any]) -> None:
    """Insert objects (model instances, or anything with every field's attribute) with
    COPY (PostgreSQL) or one executemany (SQLite).

    Values go in as they are: defaults are not applied here, and ``auto_now_add`` /
    ``auto_now`` fields left None are set to now (on the objects). Auto-increment keys
    are left to the database. On PostgreSQL, UUIDs, dates and decimals may be given as
    their text; JSON fields are Python values, encoded by :func:`json_text`.
    """
    if not objects:
        return
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    now = timezone.now()
    for field in fields:
        if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
            for obj in objects:
                if getattr(obj, field.attname) is None:
                    setattr(obj, field.attname, now)
    preps = [_prep(field) for field in fields]
    names = [f.attname for f in fields]
    rows = [
        [prep(getattr(obj, name)) for prep, name in zip(preps, names, strict=True)]
        for obj in objects
    ]
    table = connection.ops.quote_name(model._meta.db_table)
    quoted = ", ".join(connection.ops.quote_name(f.column or f.attname) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({quoted}) VALUES ({marks})",  # noqa: S608 - names from the model, values bound
                rows,
            )


def _same(value: Any) -> Any:
    return value


def _prep(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    if isinstance(field, models.JSONField):
        return json_text(field)
    if connection.vendor == "postgresql":
        return _same
    target = getattr(field, "target_field", None) if field.is_relation else None
    if isinstance(field, models.UUIDField) or isinstance(target, models.UUIDField):
        return lambda value: value.hex if value is not None else None
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    return _same
