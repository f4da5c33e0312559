"""Only confirmed links have effects: the stay across documents, "also known as"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from passage.crossings import services as crossing_services
from passage.identity import services
from passage.identity.models import Link
from passage.stay.assessment import history_of
from passage.travellers.models import TravelDocument
from passage.travellers.services import Identity


def _cross(
    personas: Any, direction: str, days_ago: int, surname: str, given: str, number: str
) -> Any:
    identity = Identity(
        primary_name=surname,
        secondary_name=given,
        number=number,
        issuing_state="EGY",
        nationality="EGY",
        sex="M",
        birth_year=1980,
        birth_month=3,
        birth_day=4,
    )
    data = crossing_services.CrossingInput(
        direction,
        identity,
        at=timezone.now() - dt.timedelta(days=days_ago),
        authorised_until=timezone.localdate() + dt.timedelta(days=30)
        if direction == "entry"
        else None,
    )
    return crossing_services.record_crossing(personas.officer, personas.post, data).crossing


def _read_the_renewed_passport(client: Any, personas: Any, direction: str = "entry") -> Any:
    """The officer's counter reading MUHAMMAD's renewed passport (A7654321)."""
    client.force_login(personas.officer)
    return client.post(
        f"/posts/{personas.post.code}/counter/",
        {
            "action": "read",
            "direction": direction,
            "number": "A7654321",
            "issuing_state": "EGY",
            "nationality": "EGY",
            "primary_name": "MUHAMMAD",
            "secondary_name": "ALI HASAN",
            "birth_date": "1980-03-04",
            "sex": "M",
        },
        HTTP_HX_REQUEST="true",
    )


def _hit(crossing: Any, score: float = 0.93) -> Any:
    """A pending name hit on ``crossing`` against the wanted list's entry W-2."""
    from passage.alerts.models import AlertEntry, AlertListVersion, ScreeningHit

    entry = AlertEntry.objects.get(reference="W-2")
    return ScreeningHit.objects.create(
        crossing=crossing,
        entry=entry,
        list_version=AlertListVersion.objects.filter(alert_list=entry.alert_list).latest("number"),
        kind="name",
        score=score,
        action="notify",
    )


@pytest.mark.django_db
def test_stay_counts_days_across_confirmed_documents_only(reviewer: Any, personas: Any) -> None:
    _cross(personas, "entry", 28, "MOHAMED", "ALI HASSAN", "A1234567")
    _cross(personas, "exit", 20, "MOHAMED", "ALI HASSAN", "A1234567")
    second = _cross(personas, "entry", 5, "MUHAMMAD", "ALI HASAN", "A7654321")
    assert len(history_of(second.traveller_id).stays) == 1
    services.run_resolution()
    link = Link.objects.get()
    assert len(history_of(second.traveller_id).stays) == 1  # a proposal changes nothing
    services.decide(
        reviewer,
        link.pk,
        version=link.version,
        decision="same",
        reason="renewed passport",
    )
    assert len(history_of(second.traveller_id).stays) == 2


@pytest.mark.django_db
def test_counter_shows_also_known_as_for_confirmed_links(
    reviewer: Any, client: Any, personas: Any
) -> None:
    first = _cross(personas, "entry", 28, "MOHAMED", "ALI HASSAN", "A1234567")
    _cross(personas, "exit", 20, "MOHAMED", "ALI HASSAN", "A1234567")
    second = _cross(personas, "entry", 5, "MUHAMMAD", "ALI HASAN", "A7654321")
    services.run_resolution()
    link = Link.objects.get()
    traveller = second.traveller
    assert services.counter_panel({}, traveller) == {}
    services.decide(
        reviewer,
        link.pk,
        version=link.version,
        decision="same",
        reason="renewed passport",
    )
    shown = services.counter_panel({}, traveller)["also_known_as"]
    assert shown == [TravelDocument.objects.get(pk=first.document_id)]

    # The counter's recent crossings are the person's: the first passport's trips too,
    # each marked with its document, so the stay card's days have a visible source.
    def recent() -> list[str]:
        page = _read_the_renewed_passport(client, personas)
        return [c.document.number for c in page.context["history"]]

    assert recent() == ["A7654321", "A1234567", "A1234567"]
    link.refresh_from_db()
    services.undo(reviewer, link.pk, version=link.version, reason="not the same man")
    assert recent() == ["A7654321"]


@pytest.mark.django_db
def test_an_alert_hit_on_one_record_shows_on_the_confirmed_linked_ones(
    reviewer: Any, client: Any, personas: Any, wanted: Any, alert_files: Any
) -> None:
    """The hit is on the first passport's crossing; the renewed passport's traveller is
    another record. Once a supervisor confirms they are one person (and only then), the
    counter, the hit queue and the hit page say "linked to a record with an alert hit"."""
    from passage.alerts.models import ScreeningHit
    from passage.alerts.screening import counter_panel, linked_hits

    first = _cross(personas, "entry", 28, "MOHAMED", "ALI HASSAN", "A1234567")
    second = _cross(personas, "entry", 5, "MUHAMMAD", "ALI HASAN", "A7654321")
    hit = _hit(first)
    other_hit = _hit(second, score=0.61)
    services.run_resolution()
    link = Link.objects.get()

    def shown() -> tuple[bool, bool, bool]:
        panel = counter_panel({}, second.traveller)
        client.force_login(personas.supervisor)
        queue = client.get("/alerts/hits/").content.decode()
        page = client.get(f"/alerts/hits/{other_hit.pk}/").content.decode()
        return (
            bool(panel.get("linked_alert_hit")),
            "linked-alert-hit" in queue,
            "Linked to a record with an alert hit" in page,
        )

    assert shown() == (False, False, False)  # a proposal changes nothing
    assert not linked_hits(second.traveller_id).exists()
    services.decide(reviewer, link.pk, version=link.version, decision="same", reason="renewal")
    assert list(linked_hits(second.traveller_id)) == [hit]
    assert list(linked_hits(first.traveller_id)) == [other_hit]
    assert shown() == (True, True, True)
    page = client.get(f"/alerts/hits/{other_hit.pk}/").content.decode()
    assert f"/alerts/hits/{hit.pk}/" in page
    # a false positive on the linked record is no longer a reason to warn
    ScreeningHit.objects.filter(pk=hit.pk).update(status="false_positive")
    assert not counter_panel({}, second.traveller).get("linked_alert_hit")
    # and the counter page itself says it
    ScreeningHit.objects.filter(pk=hit.pk).update(status="pending")
    counter = _read_the_renewed_passport(client, personas)
    assert counter.context["recognised"] == second.traveller
    assert 'id="linked-alert-hit"' in counter.content.decode()


@pytest.mark.django_db
def test_an_admission_linked_to_an_alert_hit_is_referred(
    reviewer: Any, personas: Any, wanted: Any, alert_files: Any
) -> None:
    """The renewed passport is on no list, but its holder was confirmed to be one person
    with a record that has an alert hit: admitting refers the traveller to secondary
    inspection, saying why; a proposal or a false positive does not."""
    from passage.alerts.models import ScreeningHit
    from passage.alerts.screening import LINKED_HIT_REASON, screen_crossing

    first = _cross(personas, "entry", 28, "MOHAMED", "ALI HASSAN", "A1234567")
    _cross(personas, "exit", 20, "MOHAMED", "ALI HASSAN", "A1234567")
    _cross(personas, "entry", 9, "MUHAMMAD", "ALI HASAN", "A7654321")
    _cross(personas, "exit", 5, "MUHAMMAD", "ALI HASAN", "A7654321")
    hit = _hit(first)
    services.run_resolution()
    link = Link.objects.get()

    def admit() -> Any:
        identity = Identity(
            primary_name="MUHAMMAD",
            secondary_name="ALI HASAN",
            number="A7654321",
            issuing_state="EGY",
            nationality="EGY",
            sex="M",
            birth_year=1980,
            birth_month=3,
            birth_day=4,
        )
        data = crossing_services.CrossingInput("entry", identity, decision="admitted")
        return screen_crossing(data)[0]

    assert admit().decision == "admitted"  # a proposal changes nothing
    services.decide(reviewer, link.pk, version=link.version, decision="same", reason="renewal")
    referred = admit()
    assert (referred.decision, referred.secondary_reason) == ("secondary", LINKED_HIT_REASON)
    ScreeningHit.objects.filter(pk=hit.pk).update(status="false_positive")
    assert admit().decision == "admitted"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "entry_words", "exit_words"),
    [
        (
            "en",
            "Admitting sends the traveller to secondary inspection.",
            "Recording the exit sends the traveller to secondary inspection.",
        ),
        (
            "ar",
            "السماح بالدخول يحيل المسافر إلى التفتيش الثانوي.",
            "تسجيل المغادرة يحيل المسافر إلى التفتيش الثانوي.",
        ),
    ],
)
def test_at_an_exit_the_linked_hit_banner_says_recording_the_exit_refers(
    reviewer: Any,
    client: Any,
    personas: Any,
    wanted: Any,
    alert_files: Any,
    language: str,
    entry_words: str,
    exit_words: str,
) -> None:
    """The banner said "Admitting sends …" at an exit too, where the officer's button is
    Record exit. Recording the exit does refer (``alerts.screening.screen_crossing``
    turns any admission into a referral, an exit's too): the banner says so."""
    first = _cross(personas, "entry", 28, "MOHAMED", "ALI HASSAN", "A1234567")
    second = _cross(personas, "entry", 5, "MUHAMMAD", "ALI HASAN", "A7654321")
    _hit(first)
    services.run_resolution()
    link = Link.objects.get()
    services.decide(reviewer, link.pk, version=link.version, decision="same", reason="renewal")
    client.cookies["django_language"] = language

    def banner(direction: str) -> str:
        html = _read_the_renewed_passport(client, personas, direction).content.decode()
        start = html.rindex("<div", 0, html.index('id="linked-alert-hit"'))
        return html[start : html.index("</div>", start)]

    entry, leaving = banner("entry"), banner("exit")
    assert entry_words in entry and exit_words not in entry
    assert exit_words in leaving and entry_words not in leaving
    identity = Identity(
        primary_name="MUHAMMAD",
        secondary_name="ALI HASAN",
        number="A7654321",
        issuing_state="EGY",
        nationality="EGY",
        sex="M",
        birth_year=1980,
        birth_month=3,
        birth_day=4,
    )
    data = crossing_services.CrossingInput("exit", identity, decision="admitted")
    recorded = crossing_services.record_crossing(personas.officer, personas.post, data).crossing
    assert recorded.traveller_id == second.traveller_id
    assert (recorded.direction, recorded.decision) == ("exit", "secondary")


@pytest.mark.django_db
def test_statistics_count_persons_as_well_as_documents(reviewer: Any, personas: Any) -> None:
    """Six people cross; three of them again on a second passport recorded as another
    traveller. Documents: 9. Persons: 9 while the links are proposals, 6 once confirmed
    (published through core.disclosure like every table)."""
    from passage.statistics.queries import Filters, persons

    firsts, seconds = [], []
    for i, name in enumerate(("ABEBE", "BEKELE", "CHALA", "DAWIT", "ELIAS", "FIKRE")):
        firsts.append(_cross(personas, "entry", 10, name, "GIVEN", f"A100000{i}"))
        if i < 3:
            seconds.append(_cross(personas, "entry", 3, name + "H", "GIVEN", f"B200000{i}"))
    # the second passports, spelt otherwise, were recorded as other travellers
    assert all(c.traveller_id != f.traveller_id for c, f in zip(seconds, firsts, strict=False))
    today = timezone.localdate()
    f = Filters(today - dt.timedelta(days=30), today, "month", (personas.post.code,))

    def row() -> list[int | None]:
        table = persons(f)
        return table.published.cells[table.rows.index(("entry", table.rows[0][1]))]

    assert row() == [9, 9, 9]
    links = []
    for first, second in zip(firsts, seconds, strict=False):
        left, right = sorted((first.document_id, second.document_id))
        links.append(
            Link.objects.create(
                left_id=left,
                right_id=right,
                colour="white",
                proposed_colour="white",
                weight=20.0,
                fingerprint_left="x",
                fingerprint_right="y",
            )
        )
    assert row() == [9, 9, 9]  # proposals change nothing
    for link in links:
        services.decide(reviewer, link.pk, version=link.version, decision="same", reason="x")
    assert row() == [9, 9, 6]
