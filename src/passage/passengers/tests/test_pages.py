"""Arriving flights and a flight's persons: who may see them, what they show."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from passage.accounts.models import AuditEvent
from passage.passengers.services import ingest

from .conftest import paxlst, person

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def flight(personas, wanted):
    (result,) = ingest(
        None,
        paxlst(
            [
                person("DOE", "JANE", "A1"),
                person(
                    "HADDAD", "LAYLA", "LR0099881", nationality="LBN", birth_date=date(1992, 3, 30)
                ),
            ]
        ),
        channel="file",
    )
    return result.passenger_list


def login(client, user):
    client.force_login(user)


@pytest.mark.parametrize(
    ("who", "status"),
    [("officer", 403), ("protection", 403), ("supervisor", 200), ("analyst", 200)],
)
def test_flight_list_permission(client, personas, flight, who, status):
    login(client, getattr(personas, who))
    response = client.get(reverse("passengers:passengerlist_list"))
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert "UX123" in body and "MAD" in body
        assert "HADDAD" not in body  # counts only on this page


def test_flight_list_counts(client, personas, flight):
    login(client, personas.analyst)
    body = client.get(reverse("passengers:passengerlist_list")).content.decode()
    assert "<td>2</td>" in body and "<strong>1</strong>" in body
    assert reverse("passengers:passengerlist_detail", args=[flight.pk]) not in body


def test_detail_for_supervisors_of_the_post_only(client, personas, flight):
    url = reverse("passengers:passengerlist_detail", args=[flight.pk])
    login(client, personas.analyst)
    assert client.get(url).status_code == 403
    login(client, personas.supervisor)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "HADDAD, LAYLA" in body and "National wanted persons" in body
    assert AuditEvent.objects.filter(action="read", object_id=str(flight.pk)).exists()
    flagged = client.get(url + "?show=flagged").content.decode()
    assert "HADDAD" in flagged and "DOE, JANE" not in flagged


def test_detail_of_another_posts_flight_is_404(client, personas, flight):
    from passage.accounts.roles import Role
    from passage.accounts.services import create_user

    elsewhere = create_user(
        None,
        "supervisor_elsewhere",
        password=PASSWORD,
        roles=[Role.SUPERVISOR],
        crossing_points=[personas.other_post],
    )
    login(client, elsewhere)
    url = reverse("passengers:passengerlist_detail", args=[flight.pk])
    assert client.get(url).status_code == 404
    assert "UX123" not in client.get(reverse("passengers:passengerlist_list")).content.decode()
