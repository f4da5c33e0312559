"""Retention: listed persons deleted PASSAGE_PASSENGER_LIST_RETENTION hours after arrival."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from passage.accounts.models import AuditEvent
from passage.passengers.models import ListedPerson, PassengerList
from passage.passengers.services import ingest, purge

from .conftest import ARRIVAL, paxlst, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_flights(personas, wanted):
    early = paxlst(
        [
            person("DOE", "JANE", "A1"),
            person("HADDAD", "LAYLA", "LR0099881", nationality="LBN", birth_date=date(1992, 3, 30)),
        ],
        flight="UX1",
    )
    late = paxlst(
        [person("ROE", "RICHARD", "B2")], flight="UX2", arrival=ARRIVAL + timedelta(days=2)
    )
    ingest(None, early, channel="file")
    ingest(None, late, channel="file")


def test_purge_after_the_retention_keeps_hits_and_counts(two_flights, settings):
    settings.PASSAGE_PASSENGER_LIST_RETENTION = 24
    now = timezone.make_aware(ARRIVAL + timedelta(hours=25))
    dry = purge(None, now=now, dry_run=True)
    assert (dry.lists, dry.persons, dry.kept_with_hits) == (1, 1, 1)
    assert ListedPerson.objects.count() == 3
    done = purge(None, now=now)
    assert done == dry
    assert sorted(ListedPerson.objects.values_list("surname", flat=True)) == ["HADDAD", "ROE"]
    ux1 = PassengerList.objects.get(flight_number="UX1")
    assert ux1.purged_at == now and ux1.person_count == 2 and ux1.hit_count == 1
    assert PassengerList.objects.get(flight_number="UX2").purged_at is None
    event = AuditEvent.objects.filter(action="delete", object_type="passengers.listedperson").get()
    assert "DOE" not in event.data and '"persons":1' in event.data.replace(" ", "")


def test_nothing_purged_within_the_retention(two_flights, settings):
    settings.PASSAGE_PASSENGER_LIST_RETENTION = 24
    assert purge(None, now=timezone.make_aware(ARRIVAL + timedelta(hours=23))).persons == 0
    assert ListedPerson.objects.count() == 3


def test_purge_command_dry_run(two_flights):
    out = io.StringIO()
    call_command("passengers", "purge", "--dry-run", stdout=out)
    # ARRIVAL is in 2030: nothing has arrived yet.
    assert "would delete 0 persons from 0 lists" in out.getvalue()
