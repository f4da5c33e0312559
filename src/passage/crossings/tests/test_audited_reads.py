"""Pages that show a traveller's name are audited reads: the secondary queue and the
counter's last crossing (?last=)."""

from __future__ import annotations

import pytest

from passage.accounts.models import AuditEvent
from passage.crossings.models import Crossing

from .test_counter import passport, post

pytestmark = pytest.mark.django_db


def test_the_secondary_queue_is_an_audited_read(client, personas):
    client.force_login(personas.officer)
    post(client, passport(), action="secondary", secondary_reason="check")
    traveller = Crossing.objects.get().traveller_id
    client.force_login(personas.supervisor)
    before = AuditEvent.objects.filter(action="read", actor_name="supervisor").count()
    assert client.get("/posts/TST-AIR/secondary/").status_code == 200
    event = AuditEvent.objects.filter(action="read", actor_name="supervisor").order_by("-seq")
    assert event.count() == before + 1 and str(traveller) in event.first().data


def test_the_counters_last_crossing_is_an_audited_read(client, personas):
    client.force_login(personas.officer)
    response = post(client, passport())
    crossing = Crossing.objects.get()
    reads = AuditEvent.objects.filter(action="read", object_id=str(crossing.pk))
    assert not reads.exists()
    page = client.get(f"/posts/TST-AIR/counter/?last={crossing.pk}")
    assert page.status_code == 200 and response.status_code == 302
    assert reads.count() == 1
