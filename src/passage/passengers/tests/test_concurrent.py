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


def _doc_numbers(flight: str) -> set[str]:
    return set(
        ListedPerson.objects.filter(passenger_list__flight_number=flight).values_list(
            "document_number", flat=True
        )
    )


def test_many_lists_at_once_over_http_and_the_file_drop(live_server, personas, token_for, tmp_path):
    """Issue 21 at small scale: 24 flights in the same moment from eight HTTP clients and
    the file drop. Six flights are also resent (new interchange, one person changed)
    while their first version is in flight, six sent twice unchanged. Afterwards every
    flight is stored once, holding exactly one version's persons, none doubled."""
    import io

    from django.core.management import call_command

    from passage.accounts.roles import Role
    from passage.accounts.services import create_user

    from .test_api import post

    gateway = token_for(
        create_user(None, "gateway", password="x" * 20, roles=[Role.CARRIER_GATEWAY])
    )

    def people(i: int, tag: str) -> list:
        return [person(f"P{i}X{k}", "A", f"{tag}{i:03d}X{k:02d}") for k in range(15)]

    first = {i: paxlst(people(i, "N"), ref=f"A{i}", flight=f"UX{i}") for i in range(24)}
    # A resend: a new interchange reference, the last person replaced by another.
    changed = {
        i: paxlst(
            [*people(i, "N")[:-1], person("LATE", "B", f"L{i:03d}")], ref=f"B{i}", flight=f"UX{i}"
        )
        for i in range(6)
    }
    http = [first[i] for i in range(16)] + list(changed.values()) + [first[i] for i in range(6, 12)]
    drop = tmp_path / "drop"
    drop.mkdir()
    for i in range(16, 24):
        (drop / f"UX{i}.edi").write_bytes(first[i])

    def send(body: bytes) -> int:
        return post(live_server, body, gateway)[0]

    def file_drop() -> str:
        out = io.StringIO()
        try:
            call_command("passengers", "import", str(drop), stdout=out)
        finally:
            connection.close()
        return out.getvalue()

    with ThreadPoolExecutor(max_workers=9) as pool:
        dropped = pool.submit(file_drop)
        statuses = list(pool.map(send, http))
        report = dropped.result()
    assert statuses == [201] * len(http)
    assert report.count(": stored;") == 8
    assert PassengerList.objects.count() == 24
    lists = {pl.flight_number: pl for pl in PassengerList.objects.all()}
    for i in range(24):
        stored = _doc_numbers(f"UX{i}")
        original = {f"N{i:03d}X{k:02d}" for k in range(15)}
        resent = (original - {f"N{i:03d}X14"}) | {f"L{i:03d}"}
        assert ListedPerson.objects.filter(passenger_list=lists[f"UX{i}"]).count() == 15
        if i < 6:
            # Whichever arrived last is the list; never a mixture, never both.
            assert stored in (original, resent), i
            assert lists[f"UX{i}"].version == 2
        else:
            assert stored == original, i
            assert lists[f"UX{i}"].version == 1
    assert ListedPerson.objects.count() == 24 * 15


def test_a_busy_database_is_waited_for_then_refused_as_503(
    live_server, personas, token_for, monkeypatch
):
    """SQLite's write lock held past its busy timeout by other lists (a 100-list burst
    lost one list to a 500 before): the store is tried again; still busy after the
    wait, the gateway gets 503 naming the database, and nothing is half stored."""
    from django.db import OperationalError

    from passage.accounts.roles import Role
    from passage.accounts.services import create_user
    from passage.passengers import services

    from .test_api import post

    gateway = token_for(
        create_user(None, "gateway", password="x" * 20, roles=[Role.CARRIER_GATEWAY])
    )
    real_store = services._store
    calls = {"n": 0}

    def locked_twice(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] <= 2:
            raise OperationalError("database is locked")
        return real_store(*args, **kwargs)

    monkeypatch.setattr(services, "_store", locked_twice)
    body = paxlst([person("DOE", "JANE", "A1"), person("ROE", "RICHARD", "B2")], ref="R1")
    status, answer = post(live_server, body, gateway)
    assert status == 201 and answer["lists"][0]["persons"] == 2
    assert calls["n"] == 3 and ListedPerson.objects.count() == 2

    def always_locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "_store", always_locked)
    monkeypatch.setattr(services, "WRITE_WAIT_SECONDS", 0.5)
    other = paxlst([person("POE", "EDGAR", "C3")], ref="R2", flight="UX9")
    status, answer = post(live_server, other, gateway)
    assert status == 503
    assert "database" in answer["detail"] and "send the list again" in answer["detail"]["database"]
    assert PassengerList.objects.count() == 1 and ListedPerson.objects.count() == 2
