"""The list at work: the traveller found at the counter among expected arrivals, the
no-shows and unlisted arrivals after the flight, and supervisors' review of hits."""

from __future__ import annotations

import datetime as dt
import uuid
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from passage.accounts.models import AuditEvent
from passage.core.mrz import make_mrz
from passage.crossings import services as crossings
from passage.crossings.models import Crossing
from passage.passengers.choices import HitReview
from passage.passengers.models import ListedPerson
from passage.passengers.services import ingest, purge
from passage.reference.services import load_refusal_grounds
from passage.travellers.services import Identity

from .conftest import paxlst, person

pytestmark = pytest.mark.django_db


def arriving(at: dt.datetime, *persons, flight: str = "UX123"):
    (result,) = ingest(
        None,
        paxlst(list(persons), arrival=timezone.make_naive(at), flight=flight),
        channel="file",
    )
    return result.passenger_list


def mrz_of(surname: str, given: str, number: str, born: date, nationality: str = "ESP") -> str:
    return make_mrz(
        "TD3",
        surname=surname,
        given_names=given,
        document_number=number,
        issuing_state=nationality,
        nationality=nationality,
        birth_date=born,
        sex="F",
        expiry_date=date(2034, 1, 1),
    )


def test_the_counter_finds_the_traveller_on_a_flight_arriving_now(client, personas):
    load_refusal_grounds(None)
    arriving(
        timezone.now() + dt.timedelta(minutes=20),
        person("GARCIA LOPEZ", "MARIA", "XA1234567", birth_date=date(1985, 2, 14)),
    )
    client.force_login(personas.officer)
    read = {"direction": "entry", "action": "read"}
    html = client.post(
        "/posts/TST-AIR/counter/",
        {**read, "mrz": mrz_of("GARCIA LOPEZ", "MARIA", "XA1234567", date(1985, 2, 14))},
    ).content.decode()
    assert 'id="expected-arrival"' in html and "on UX123 from MAD" in html and "seat 14C" in html
    assert "The list and the document agree." in html
    # The carrier sent another date of birth: the officer sees both.
    html = client.post(
        "/posts/TST-AIR/counter/",
        {**read, "mrz": mrz_of("GARCIA LOPEZ", "MARIA", "XA1234567", date(1985, 12, 4))},
    ).content.decode()
    assert "date of birth" in html and "1985-02-14" in html and "1985-12-04" in html
    # Another document is not on the list; an exit is not looked up.
    html = client.post(
        "/posts/TST-AIR/counter/",
        {**read, "mrz": mrz_of("GARCIA LOPEZ", "MARIA", "XB7654321", date(1985, 2, 14))},
    ).content.decode()
    assert "Not on a passenger list arriving here now." in html


def test_a_flight_of_yesterday_is_not_expected_now(client, personas):
    arriving(timezone.now() - dt.timedelta(days=1), person("DOE", "JANE", "XA1234567"))
    client.force_login(personas.officer)
    html = client.post(
        "/posts/TST-AIR/counter/",
        {
            "direction": "entry",
            "action": "read",
            "mrz": mrz_of("DOE", "JANE", "XA1234567", date(1985, 2, 14)),
        },
    ).content.decode()
    assert 'id="expected-arrival"' not in html


def enter(personas, surname: str, number: str, at: dt.datetime, flight: str) -> Crossing:
    identity = Identity(
        primary_name=surname,
        secondary_name="X",
        birth_year=1985,
        nationality="ESP",
        issuing_state="ESP",
        number=number,
    )
    data = crossings.CrossingInput(
        direction="entry",
        identity=identity,
        transport_reference=flight,
        at=at,
        minimal=True,
        submission_key=uuid.uuid4(),
    )
    return crossings.record_crossing(personas.officer, personas.post, data).crossing


def test_after_the_flight_no_shows_and_unlisted_arrivals_are_shown(client, personas, settings):
    load_refusal_grounds(None)
    landed = timezone.now() - dt.timedelta(hours=3)
    plist = arriving(
        landed,
        person("DOE", "JANE", "XA1111111"),
        person("ROE", "RICHARD", "XA2222222"),
    )
    # Degraded-mode records may carry a past time (the flight landed three hours ago).
    from passage.reference.services import set_crossing_point_mode

    set_crossing_point_mode(personas.supervisor, personas.post, "degraded", "test: late records")
    personas.post.refresh_from_db()
    enter(personas, "DOE", "XA1111111", landed + dt.timedelta(minutes=30), "UX 123")
    stowaway = enter(personas, "POE", "XA3333333", landed + dt.timedelta(minutes=40), "UX123")
    enter(personas, "LOE", "XA4444444", landed + dt.timedelta(minutes=45), "UX999")
    client.force_login(personas.supervisor)
    html = client.get(reverse("passengers:passengerlist_detail", args=[plist.pk])).content.decode()
    section = html.split('id="after-arrival"')[1]
    no_shows = section.split("No-shows")[1].split("Arrived without")[0]
    assert "ROE" in no_shows and "DOE" not in no_shows
    unlisted = section.split("Arrived without being on the list")[1]
    assert str(stowaway.pk) in unlisted and "LOE" not in unlisted
    event = AuditEvent.objects.filter(message="arrivals not on the passenger list viewed").get()
    assert str(stowaway.traveller_id) in event.data


def test_a_supervisor_reviews_a_hit_and_a_dismissed_hit_is_purged(
    client, personas, wanted, settings
):
    plist = arriving(
        timezone.now() - dt.timedelta(hours=30),
        person("HADDAD", "LAYLA", "LR0099881", nationality="LBN", birth_date=date(1992, 3, 30)),
        person("HADDAD", "LAYLA", "LR0099882", nationality="LBN", birth_date=date(1992, 3, 30)),
    )
    first, second = ListedPerson.objects.filter(passenger_list=plist).order_by("position")
    assert first.hit_count and second.hit_count
    url = lambda p: reverse("passengers:listedperson_review", args=[plist.pk, p.pk])  # noqa: E731
    client.force_login(personas.officer)
    assert client.post(url(first), {"decision": "confirmed", "note": "x"}).status_code == 403
    client.force_login(personas.supervisor)
    response = client.post(url(first), {"decision": "confirmed", "note": ""})
    assert response.status_code == 400 and "note" in response.content.decode()
    assert (
        client.post(url(first), {"decision": "confirmed", "note": "Same person: photo"}).status_code
        == 302
    )
    assert (
        client.post(url(second), {"decision": "dismissed", "note": "Other birthplace"}).status_code
        == 302
    )
    again = client.post(url(second), {"decision": "confirmed", "note": "changed my mind"})
    assert again.status_code == 400 and "already dismissed" in again.content.decode()
    first.refresh_from_db()
    assert first.hit_review == HitReview.CONFIRMED and first.hit_reviewed_by == personas.supervisor
    assert AuditEvent.objects.filter(action="decide", object_id=str(first.pk)).exists()
    settings.PASSAGE_PASSENGER_LIST_RETENTION = 24
    purged = purge(None)
    assert purged.persons == 1 and purged.kept_with_hits == 1
    assert list(ListedPerson.objects.values_list("document_number", flat=True)) == ["LR0099881"]
