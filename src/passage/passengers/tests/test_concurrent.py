"""Lists arriving together: none lost, no person doubled, a resend replaces (issue 21)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from passage.passengers.models import ListedPerson, PassengerList
from passage.passengers.services import ingest

from .conftest import paxlst, person

pytestmark = pytest.mark.django_db(transaction=True)


def test_lists_sent_at_once_are_all_stored_once(personas):
    bodies = [
        paxlst(
            [person(f"P{i}X{k}", "A", f"N{i}X{k}") for k in range(20)], ref=f"R{i}", flight=f"UX{i}"
        )
        for i in range(12)
    ]
    # Flights 0-3 sent twice at the same time: the same list must be stored once.
    bodies += bodies[:4]

    def send(body: bytes) -> str:
        try:
            return ingest(None, body, channel="api")[0].outcome
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(send, bodies))
    assert PassengerList.objects.count() == 12
    assert ListedPerson.objects.count() == 12 * 20
    assert outcomes.count("created") == 12
    assert outcomes.count("unchanged") == 4
    assert all(pl.person_count == 20 for pl in PassengerList.objects.all())
