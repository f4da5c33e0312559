"""Only confirmed links have effects: the stay across documents, "also known as"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from passage.crossings import services as crossing_services
from passage.identity import services
from passage.identity.models import Link
from passage.stay.assessment import history_of
from passage.travellers.models import TravelDocument
from passage.travellers.services import Identity


def _cross(
    personas: Any, direction: str, days_ago: int, surname: str, given: str, number: str
) -> Any:
    identity = Identity(
        primary_name=surname,
        secondary_name=given,
        number=number,
        issuing_state="EGY",
        nationality="EGY",
        sex="M",
        birth_year=1980,
        birth_month=3,
        birth_day=4,
    )
    data = crossing_services.CrossingInput(
        direction,
        identity,
        at=timezone.now() - dt.timedelta(days=days_ago),
        authorised_until=timezone.localdate() + dt.timedelta(days=30)
        if direction == "entry"
        else None,
    )
    return crossing_services.record_crossing(personas.officer, personas.post, data).crossing


@pytest.mark.django_db
def test_stay_counts_days_across_confirmed_documents_only(reviewer: Any, personas: Any) -> None:
    _cross(personas, "entry", 28, "MOHAMED", "ALI HASSAN", "A1234567")
    _cross(personas, "exit", 20, "MOHAMED", "ALI HASSAN", "A1234567")
    second = _cross(personas, "entry", 5, "MUHAMMAD", "ALI HASAN", "A7654321")
    assert len(history_of(second.traveller_id).stays) == 1
    services.run_resolution()
    link = Link.objects.get()
    assert len(history_of(second.traveller_id).stays) == 1  # a proposal changes nothing
    services.decide(
        reviewer,
        link.pk,
        version=link.version,
        decision="same",
        reason="renewed passport",
    )
    assert len(history_of(second.traveller_id).stays) == 2


@pytest.mark.django_db
def test_counter_shows_also_known_as_for_confirmed_links(
    reviewer: Any, client: Any, personas: Any
) -> None:
    first = _cross(personas, "entry", 28, "MOHAMED", "ALI HASSAN", "A1234567")
    _cross(personas, "exit", 20, "MOHAMED", "ALI HASSAN", "A1234567")
    second = _cross(personas, "entry", 5, "MUHAMMAD", "ALI HASAN", "A7654321")
    services.run_resolution()
    link = Link.objects.get()
    traveller = second.traveller
    assert services.counter_panel({}, traveller) == {}
    services.decide(
        reviewer,
        link.pk,
        version=link.version,
        decision="same",
        reason="renewed passport",
    )
    shown = services.counter_panel({}, traveller)["also_known_as"]
    assert shown == [TravelDocument.objects.get(pk=first.document_id)]
