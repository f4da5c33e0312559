"""Ingest: stored, replaced on resend, unchanged when the same, all or nothing, audited."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from passage.accounts.models import AuditEvent
from passage.core.paxlst import Document
from passage.passengers.choices import StayPosition
from passage.passengers.models import ListedPerson, PassengerList
from passage.passengers.services import PassengerListError, ingest

from .conftest import paxlst, person

pytestmark = pytest.mark.django_db


def test_a_list_is_stored_with_every_person_in_order(personas, wanted):
    data = paxlst(
        [
            person("O'NEILL", "ANNE MARIE", "PX1234567"),
            person("HADDAD", "LAYLA", "LR0099881", nationality="LBN", birth_date=date(1992, 3, 30)),
        ],
        part_size=1,
    )
    (result,) = ingest(personas.supervisor, data, channel="file")
    assert result.outcome == "created"
    pl = result.passenger_list
    assert pl.crossing_point == personas.post
    assert (pl.flight_number, pl.departure_port, pl.arrival_port) == ("UX123", "MAD", "TST")
    assert (pl.parts, pl.person_count, pl.hit_count) == (2, 2, 1)
    anne, layla = ListedPerson.objects.filter(passenger_list=pl)
    assert (anne.surname, anne.given_names, anne.seat) == ("O'NEILL", "ANNE MARIE", "14C")
    assert anne.document_number == "PX1234567" and anne.hit_count == 0
    assert layla.hit_count == 1 and layla.hits[0]["list"] == "National wanted persons"
    event = AuditEvent.objects.filter(action="import", object_id=str(pl.pk)).get()
    assert "HADDAD" not in event.data and "LAYLA" not in event.message
    assert '"persons":2' in event.data.replace(" ", "")


def test_a_resent_list_replaces_the_earlier_version_and_says_so(personas):
    ingest(None, paxlst([person("DOE", "JANE", "A1")], ref="R1"), channel="file")
    (same,) = ingest(None, paxlst([person("DOE", "JANE", "A1")], ref="R1"), channel="file")
    assert same.outcome == "unchanged" and "unchanged" in same.summary
    (resent,) = ingest(
        None,
        paxlst([person("DOE", "JANE", "A1"), person("ROE", "RICHARD", "B2")], ref="R2"),
        channel="file",
    )
    assert resent.outcome == "replaced"
    assert "replaced the earlier version (now version 2)" in resent.summary
    assert PassengerList.objects.count() == 1
    assert [p.surname for p in ListedPerson.objects.all()] == ["DOE", "ROE"]
    assert resent.passenger_list.interchange_reference == "R2"


def test_all_or_nothing_when_one_list_names_no_crossing_point(personas):
    good = paxlst([person("DOE", "JANE", "A1")], ref="R1").decode()
    bad = paxlst(
        [person("ROE", "RICHARD", "B2")], ref="R2", flight="UX9", to="XXX", una=False
    ).decode()
    with pytest.raises(PassengerListError) as caught:
        ingest(None, (good + bad).encode(), channel="file")
    assert caught.value.field == "LOC+87" and "'XXX'" in caught.value.message
    assert not PassengerList.objects.exists() and not ListedPerson.objects.exists()


def test_a_malformed_message_stores_nothing_and_names_the_segment(personas):
    data = paxlst([person("DOE", "JANE", "AB#1")])
    with pytest.raises(PassengerListError) as caught:
        ingest(None, data, channel="file")
    assert caught.value.field == "DOC" and "segment" in caught.value.message
    assert not PassengerList.objects.exists()


def test_expired_document_is_a_stay_problem(personas):
    (result,) = ingest(None, paxlst([person("DOE", "JANE", "A1")]), channel="file")
    pl = result.passenger_list
    expired_passport = (Document("P", "B2", date(2029, 1, 1), "ESP"),)
    data = paxlst([person("ROE", "RICHARD", "B2", documents=expired_passport)], flight="UX7")
    (expired,) = ingest(None, data, channel="file")
    roe = expired.passenger_list.persons.get()
    assert roe.stay_position == StayPosition.PROBLEM and "expired" in roe.stay_message
    assert expired.passenger_list.stay_problem_count == 1
    assert pl.stay_problem_count == 0


def test_import_command_reports_each_file_and_refuses_bad_ones(personas, tmp_path, settings):
    (tmp_path / "a.edi").write_bytes(paxlst([person("DOE", "JANE", "A1")]))
    (tmp_path / "b.edi").write_bytes(b"UNB+UNOA:4+A+B+240301:0900+1'UNH+1+PAXLST")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 files refused"):
        call_command("passengers", "import", str(tmp_path), stdout=out, stderr=err)
    assert "a.edi: passenger list UX123 MAD-TST" in out.getvalue()
    assert "stored; 1 persons" in out.getvalue()
    assert "b.edi: nothing stored" in err.getvalue() and "segment" in err.getvalue()
    assert PassengerList.objects.count() == 1
