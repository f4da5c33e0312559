"""Orders a queue's database query by a field's values in a chosen order."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Case, Value, When


def ranked(field: str, values: Sequence[str]) -> Case:
    """``field``'s place among ``values`` (first 0), any other value after them all: an
    expression to order by, so that a page or a limit keeps the order (decision 0223)."""
    return Case(
        *(When(**{field: value}, then=Value(n)) for n, value in enumerate(values)),
        default=Value(len(values)),
    )
