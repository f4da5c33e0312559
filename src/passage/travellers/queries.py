"""Reads of travellers, with their joins baked in. Callers audit reads of personal data."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from .models import TravelDocument, Traveller


def recognise(issuing_state: str, number: str) -> TravelDocument | None:
    """The document (and so the traveller) known by issuing state and number."""
    if not (issuing_state and number):
        return None
    return (
        TravelDocument.objects.select_related("traveller", "traveller__nationality")
        .filter(issuing_state_id=issuing_state.upper().rstrip("<"), number=number.upper())
        .first()
    )


def possible_matches(
    primary_name: str,
    secondary_name: str,
    birth_year: int | None,
    birth_month: int | None = None,
    birth_day: int | None = None,
    *,
    exclude: Any = None,
    limit: int = 5,
) -> QuerySet[Traveller]:
    """Travellers with the same surname and year of birth, and a compatible rest.

    Offered to the officer, never merged: the same name and birth date is common.
    """
    if not primary_name or not birth_year:
        return Traveller.objects.none()
    qs = Traveller.objects.filter(primary_name=primary_name.upper(), birth_year=birth_year)
    if birth_month:
        qs = qs.filter(Q(birth_month=birth_month) | Q(birth_month__isnull=True))
    if birth_day:
        qs = qs.filter(Q(birth_day=birth_day) | Q(birth_day__isnull=True))
    first_given = secondary_name.upper().split()[:1]
    if first_given:
        qs = qs.filter(secondary_name__startswith=first_given[0])
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs.select_related("nationality").order_by("-created_at")[:limit]
