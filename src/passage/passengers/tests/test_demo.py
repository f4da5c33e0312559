"""The demo's arriving flights: stored through the ingest service, the specimen flagged."""

from __future__ import annotations

import pytest
from django.utils import timezone

from passage.accounts.services import audited_save
from passage.alerts.demo import load_demo_alerts
from passage.passengers.demo import load
from passage.passengers.models import ListedPerson, PassengerList
from passage.reference.models import BorderCrossingPoint

pytestmark = pytest.mark.django_db


def test_demo_flights(reference_data):
    audited_save(None, BorderCrossingPoint(code="UTO-AIR", name="Utopia Airport", kind="air"))
    load_demo_alerts(1)
    now = timezone.localtime()
    lines = load(1, now)
    assert len(lines) == 4 and all("stored" in line for line in lines)
    assert PassengerList.objects.count() == 4
    specimen = ListedPerson.objects.get(document_number="L898902C3")
    assert specimen.hit_count >= 1 and specimen.seat == "14C"
    ux123 = PassengerList.objects.get(flight_number="UX123", kind="passenger")
    assert (ux123.person_count, ux123.parts) == (81, 2)
    assert PassengerList.objects.get(kind="crew").person_count == 2
    # Loading the demo again changes nothing.
    assert all("unchanged" in line for line in load(1, now))
