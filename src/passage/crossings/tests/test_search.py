"""Finding one's way outside the counter: a traveller search (by document, by scanned
MRZ, by name with birth date; each read audited with its stated purpose) and a post's
filterable, paged crossing list (officers see only their posts)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from passage.accounts.models import AuditEvent
from passage.core.mrz import make_mrz
from passage.crossings import services
from passage.travellers.services import Identity

pytestmark = pytest.mark.django_db


def _record(personas, number, surname, given, born, *, point=None, decision="admitted", at=None):
    return services.record_crossing(
        personas.officer if point is None else personas.officer_elsewhere,
        point or personas.post,
        services.CrossingInput(
            direction="entry",
            identity=Identity(
                primary_name=surname,
                secondary_name=given,
                birth_year=born.year,
                birth_month=born.month,
                birth_day=born.day,
                nationality="UTO",
                issuing_state="UTO",
                number=number,
                sex="F",
            ),
            decision=decision,
            at=at,
            refusal_grounds=["E"] if decision == "refused" else [],
        ),
    ).crossing


@pytest.fixture
def people(personas):
    from passage.reference.services import load_refusal_grounds

    load_refusal_grounds(None)
    born = dt.date(1974, 8, 12)
    one = _record(personas, "L898902C3", "ERIKSSON", "ANNA MARIA", born)
    # Same name and birth date, another document: a candidate, never the same person.
    two = _record(personas, "X1234567", "ERIKSSON", "ANNA", born)
    return one, two


def _searches():
    return AuditEvent.objects.filter(message__startswith="traveller search")


def test_search_by_document_finds_the_traveller_and_audits_the_purpose(client, personas, people):
    one, _two = people
    client.force_login(personas.officer)
    response = client.get(
        "/travellers/",
        {"purpose": "secondary inspection", "issuing_state": "uto", "number": "L898902C3"},
    )
    assert response.status_code == 200
    assert f"/travellers/{one.traveller_id}/" in response.content.decode()
    event = _searches().get()
    assert "secondary inspection" in event.message and event.actor_name == "officer"
    details = json.loads(event.data)["details"]
    assert details["by"] == "document" and details["found"] == 1
    assert str(one.traveller_id) in event.object_id


def test_search_by_scanned_mrz(client, personas, people):
    one, _two = people
    mrz = make_mrz(
        "TD3",
        surname="ERIKSSON",
        given_names="ANNA MARIA",
        document_number="L898902C3",
        issuing_state="UTO",
        birth_date=dt.date(1974, 8, 12),
        sex="F",
        expiry_date=timezone.localdate() + dt.timedelta(days=900),
    )
    client.force_login(personas.officer)
    response = client.get("/travellers/", {"purpose": "counter follow-up", "mrz": mrz})
    assert f"/travellers/{one.traveller_id}/" in response.content.decode()


def test_search_by_name_shows_candidates_without_merging(client, personas, people):
    one, two = people
    client.force_login(personas.supervisor)
    response = client.get(
        "/travellers/",
        {"purpose": "request from the police", "surname": "Eriksson", "birth_date": "1974-08"},
    )
    page = response.content.decode()
    assert f"/travellers/{one.traveller_id}/" in page and f"/travellers/{two.traveller_id}/" in page
    assert one.traveller_id != two.traveller_id
    assert json.loads(_searches().get().data)["details"]["by"] == "name"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"issuing_state": "UTO", "number": "L898902C3"}, "purpose"),
        ({"purpose": "check", "surname": "ERIKSSON", "birth_date": "1974-02-30"}, "birth_date"),
        ({"purpose": "check", "mrz": "NOT AN MRZ"}, "mrz"),
        ({"purpose": "check", "surname": "ERIKSSON"}, None),
    ],
)
def test_a_search_without_purpose_or_with_bad_input_is_refused_and_reads_nothing(
    client, personas, people, query, field
):
    client.force_login(personas.officer)
    query = {"purpose": "", **query} if field == "purpose" else query
    response = client.get("/travellers/", query)
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode() or field is None
    assert "ERIKSSON" not in response.content.decode().split("<form")[-1].split("</form>")[-1]
    assert not _searches().exists()


def test_the_search_needs_the_permission(client, personas):
    client.force_login(personas.analyst)
    assert client.get("/travellers/", {"purpose": "x" * 5}).status_code == 403


def test_crossing_list_filters_pages_and_keeps_officers_to_their_posts(client, personas, people):
    now = timezone.now()
    for n in range(55):
        _record(
            personas,
            f"P{n:07d}",
            "DOE",
            "JOHN",
            dt.date(1980, 1, 1),
            at=now - dt.timedelta(days=3, minutes=n),
        )
    refused = _record(
        personas, "R0000001", "ROE", "RICHARD", dt.date(1970, 1, 1), decision="refused"
    )
    elsewhere = _record(
        personas, "E0000001", "POE", "EDGAR", dt.date(1960, 1, 1), point=personas.other_post
    )
    client.force_login(personas.officer)
    first = client.get("/posts/TST-AIR/crossings/")
    assert first.status_code == 200
    page = first.content.decode()
    assert "58 crossings" in page and 'rel="next"' in page
    assert str(elsewhere.pk) not in page
    second = client.get("/posts/TST-AIR/crossings/", {"page": 2})
    assert "Page 2 of 2" in second.content.decode()
    only = client.get("/posts/TST-AIR/crossings/", {"decision": "refused"}).content.decode()
    assert "1 crossing" in only and str(refused.pk) in only
    today = timezone.localdate().isoformat()
    recent = client.get("/posts/TST-AIR/crossings/", {"date_from": today}).content.decode()
    assert "3 crossings" in recent
    bad = client.get("/posts/TST-AIR/crossings/", {"date_from": today, "date_to": "2001-01-01"})
    assert bad.status_code == 400 and 'aria-invalid="true"' in bad.content.decode()
    # Another post's list: refused like every page of a post the officer is not assigned to.
    assert client.get("/posts/TST-LAND/crossings/").status_code in (403, 404)
    listed = AuditEvent.objects.filter(message="crossings at TST-AIR listed")
    assert listed.count() == 4


def test_post_page_and_home_link_the_counter_queues_and_search(client, personas):
    client.force_login(personas.supervisor)
    post_page = client.get("/posts/TST-AIR/").content.decode()
    for url in (
        "/posts/TST-AIR/counter/",
        "/posts/TST-AIR/secondary/",
        "/posts/TST-AIR/crossings/",
    ):
        assert url in post_page
    home = client.get("/").content.decode()
    for url in (
        "/posts/TST-AIR/counter/",
        "/posts/TST-AIR/secondary/",
        "/alerts/hits/",
        "/overstays/",
        "/travellers/",
        "/statistics/",
    ):
        assert url in home, url
    assert 'id="override-queue-slot"' in home or "override" in home


@pytest.mark.parametrize(
    ("persona", "present", "absent"),
    [
        ("officer", ["/posts/TST-AIR/counter/", "/travellers/"], ["/alerts/hits/", "/audit/"]),
        ("protection", ["/protection/"], ["/posts/TST-AIR/counter/", "/travellers/"]),
        ("analyst", ["/statistics/"], ["/travellers/", "/protection/"]),
        ("dpo", ["/audit/"], ["/statistics/", "/travellers/"]),
    ],
)
def test_each_role_home_shows_its_work(client, personas, persona, present, absent):
    client.force_login(getattr(personas, persona))
    body = client.get("/").content.decode()
    main = body.split('<main id="main"', 1)[1]
    for url in present:
        assert url in main, (persona, url)
    for url in absent:
        assert url not in main, (persona, url)


def test_an_officer_finds_only_travellers_who_crossed_at_their_posts(client, personas, people):
    """Decision 0033: a traveller is reached through a crossing the user may open; a
    search reveals nobody else (and says nothing about them)."""
    client.force_login(personas.officer_elsewhere)
    page = client.get(
        "/travellers/",
        {"purpose": "secondary inspection", "issuing_state": "UTO", "number": "L898902C3"},
    ).content.decode()
    assert "0 travellers found" in page and "/travellers/0" not in page
    assert "ERIKSSON" not in page.split('id="results-heading"')[1]


def test_a_travellers_history_is_paged_newest_first(client, personas, monkeypatch):
    """The page showed a traveller's 200 newest crossings and nothing of the older ones
    (decision 0223)."""
    from passage.crossings import views

    monkeypatch.setattr(views, "QUEUE_PER_PAGE", 2)
    now = timezone.now()
    crossings = [
        _record(
            personas, "H0000001", "DOE", "JANE", dt.date(1985, 2, 3), at=now - dt.timedelta(days=d)
        )
        for d in (9, 6, 3)
    ]
    client.force_login(personas.supervisor)
    url = f"/travellers/{crossings[0].traveller_id}/"
    first = client.get(url).content.decode()
    assert str(crossings[2].pk) in first and str(crossings[1].pk) in first
    assert str(crossings[0].pk) not in first
    assert "Page 1 of 2" in first and 'href="?page=2" rel="next">Older<' in first
    second = client.get(url, {"page": 2}).content.decode()
    assert str(crossings[0].pk) in second and str(crossings[2].pk) not in second
