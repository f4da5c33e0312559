from __future__ import annotations

import pytest

from passage.alerts.demo import DOCUMENTS_LIST, PERSONS_LIST, load_demo_alerts
from passage.alerts.models import AlertList
from passage.alerts.screening import Subject, screen

pytestmark = pytest.mark.django_db


def test_demo_lists_load_once_and_the_specimen_hits(reference_data):
    lines = load_demo_alerts(seed=3)
    assert "ICAO specimen" in lines[0]
    persons = AlertList.objects.get(name=PERSONS_LIST)
    assert persons.active_version.entries == 301
    assert AlertList.objects.get(name=DOCUMENTS_LIST).active_version.entries == 150
    assert load_demo_alerts(seed=3) == ["demo alert lists already present"]
    result = screen(Subject(["ANNA MARIA ERIKSSON"], "1974-08-12", "UTO", "UTO", "L898902C3"))
    assert [h.entry.reference for h in result.hits] == ["DEMO-SPECIMEN"]
