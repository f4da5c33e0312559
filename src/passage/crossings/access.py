"""Who may see which crossings: staff of the crossing point, or national scope."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from passage.reference.access import crossing_points_for

from .models import Crossing, CrossingQuerySet, DocumentOverride, SecondaryInspection


def crossings_for(user: Any) -> CrossingQuerySet:
    return Crossing.objects.filter(crossing_point__in=crossing_points_for(user))


def access_crossing(user: Any, crossing_id: Any) -> Crossing:
    """The crossing if ``user`` may see it; the same 404 whether missing or elsewhere."""
    crossing = (
        crossings_for(user)
        .select_related(
            "crossing_point", "traveller", "traveller__nationality", "document", "officer"
        )
        .filter(pk=crossing_id)
        .first()
    )
    if crossing is None:
        raise Http404("No such crossing.")
    return crossing


def access_inspection(user: Any, inspection_id: Any) -> SecondaryInspection:
    inspection = (
        SecondaryInspection.objects.select_related(
            "crossing", "crossing__traveller", "crossing__crossing_point"
        )
        .filter(pk=inspection_id, crossing__crossing_point__in=crossing_points_for(user))
        .first()
    )
    if inspection is None:
        raise Http404("No such inspection.")
    return inspection


def access_document_override(user: Any, override_id: Any) -> DocumentOverride:
    """A document override at one of the user's posts; the same 404 otherwise."""
    override = (
        DocumentOverride.objects.select_related(
            "crossing", "crossing__traveller", "crossing__crossing_point", "reviewed_by"
        )
        .filter(pk=override_id, crossing__crossing_point__in=crossing_points_for(user))
        .first()
    )
    if override is None:
        raise Http404("No such document override.")
    return override
