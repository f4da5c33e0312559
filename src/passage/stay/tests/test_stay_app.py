"""Stay rules at the counter, and the overstay report with its review."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.core.mrz import make_mrz
from passage.crossings import services as crossing_services
from passage.crossings.models import Crossing
from passage.reference.models import Country
from passage.reference.services import load_refusal_grounds
from passage.stay import services as stay_services
from passage.stay.assessment import select_rule
from passage.stay.choices import OverstayStatus, RuleKind
from passage.stay.models import OverstayCase, StayRule
from passage.stay.services import detect_overstays
from passage.travellers.services import Identity

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    """Today, read when a test runs: a date read at import is a day behind the app's when
    the suite runs across midnight."""
    return timezone.localdate()


@pytest.fixture
def rules(reference_data):
    load_refusal_grounds(None)
    general = StayRule.objects.create(name="Visa-free 90/180", max_days=90, window_days=180)
    short = StayRule.objects.create(name="Neighbours 30 days per stay", max_days=30, priority=10)
    short.nationalities.set(Country.objects.filter(icao_code__in=["ETH", "SSD"]))
    visa = StayRule.objects.create(name="Visa required", kind=RuleKind.VISA_REQUIRED)
    visa.nationalities.set(Country.objects.filter(icao_code="XXA"))
    return general, short, visa


def mrz(nationality: str, number: str = "P1234567") -> str:
    return make_mrz(
        "TD3",
        surname="Tesfaye",
        given_names="Abel",
        document_number=number,
        issuing_state=nationality,
        birth_date=dt.date(1985, 5, 5),
        sex="M",
        expiry_date=_today() + dt.timedelta(days=1500),
    )


def test_the_most_specific_rule_applies(rules):
    general, short, visa = rules
    assert select_rule("ETH", "passport", "tourism") == short
    assert select_rule("FRA", "passport", "tourism") == general
    assert select_rule("XXA", "passport", "tourism") == visa


def test_counter_suggests_the_authorised_stay(client, personas, rules):
    client.force_login(personas.officer)
    response = client.post(
        "/posts/TST-AIR/counter/", {"mrz": mrz("ETH"), "action": "read", "direction": "entry"}
    )
    stay = response.context["stay"]
    assert stay.outcome == "authorised"
    assert stay.authorised_until == _today() + dt.timedelta(days=29)
    assert response.context["form"].initial["authorised_until"] == stay.authorised_until.isoformat()
    assert "Neighbours 30 days per stay" in response.content.decode()


def test_own_nationals_are_exempt(client, personas, rules):
    client.force_login(personas.officer)
    response = client.post(
        "/posts/TST-AIR/counter/", {"mrz": mrz("UTO"), "action": "read", "direction": "entry"}
    )
    assert response.context["stay"].outcome == "exempt"


def _entry(personas, nationality: str, days_ago: int, until_days_ago: int, number: str) -> Crossing:
    identity = Identity(
        primary_name="TESFAYE",
        secondary_name="ABEL",
        number=number,
        issuing_state=nationality,
        nationality=nationality,
    )
    data = crossing_services.CrossingInput(
        "entry",
        identity,
        at=timezone.now() - dt.timedelta(days=days_ago),
        authorised_until=_today() - dt.timedelta(days=until_days_ago),
    )
    return crossing_services.record_crossing(personas.officer, personas.post, data).crossing


def test_exit_after_an_overstay_is_flagged_at_the_counter(client, personas, rules):
    """Neighbours may stay 20 days per stay; the exit shows how many days over."""
    StayRule.objects.filter(name__startswith="Neighbours").update(max_days=20)
    # Entered 25 days ago: 26 days of presence today, entry and exit days counted: 6 over.
    _entry(personas, "ETH", days_ago=25, until_days_ago=6, number="P1234567")
    client.force_login(personas.officer)
    response = client.post(
        "/posts/TST-AIR/counter/", {"mrz": mrz("ETH"), "action": "read", "direction": "exit"}
    )
    stay = response.context["stay"]
    assert stay.outcome == "overstayed"
    assert stay.overstay_days == 6
    assert "Overstayed by 6 days" in response.content.decode()
    assert 'id="banner-stay"' in response.content.decode()  # issue 15: impossible to miss
    assert "Stay summary" in response.content.decode()  # exit wording, not entry wording


def test_an_exit_the_calculator_cannot_tell_is_not_called_no_overstay(client, personas, rules):
    """No entry recorded: whether the stay was overstayed is unknown, and the summary says
    so under the amber "Stay: cannot tell" banner rather than "No overstay."."""
    client.force_login(personas.officer)
    response = client.post(
        "/posts/TST-AIR/counter/", {"mrz": mrz("ETH"), "action": "read", "direction": "exit"}
    )
    assert response.context["stay"].cannot_tell
    page = response.content.decode()
    card = page[page.index('id="check-stay"') :]
    card = card[: card.index("</article>")]
    assert "No overstay." not in card and "<strong>Cannot tell</strong>" in card


def _api_post(client, header: str, body: dict):
    return client.post(
        "/api/v1/crossings", body, content_type="application/json", HTTP_AUTHORIZATION=header
    )


def test_the_api_records_the_calculators_date_and_returns_the_assessment(
    client, personas, rules, token_for
):
    header = token_for(personas.officer)
    body = {"crossing_point": "TST-AIR", "direction": "entry", "mrz": mrz("ETH")}
    response = _api_post(client, header, body)
    assert response.status_code == 201, response.json()
    stay = response.json()["stay"]
    assert stay["outcome"] == "authorised"
    assert stay["rule"] == "Neighbours 30 days per stay"
    assert stay["authorised_until"] == (_today() + dt.timedelta(days=29)).isoformat()
    crossing = Crossing.objects.get(pk=response.json()["crossing"]["id"])
    assert crossing.authorised_until == _today() + dt.timedelta(days=29)
    event = AuditEvent.objects.filter(object_id=str(crossing.pk)).get()
    assert json.loads(event.data)["after"]["stay"]["rule"] == "Neighbours 30 days per stay"

    # A date the officer sends is kept: the calculator only suggests.
    chosen = _today() + dt.timedelta(days=10)
    body = {**body, "mrz": mrz("ETH", "P7654321"), "authorised_until": chosen.isoformat()}
    response = _api_post(client, header, body)
    assert response.status_code == 201, response.json()
    assert response.json()["crossing"]["authorised_until"] == chosen.isoformat()


def test_the_api_flags_an_overstay_at_exit(client, personas, rules, token_for):
    StayRule.objects.filter(name__startswith="Neighbours").update(max_days=20)
    _entry(personas, "ETH", days_ago=25, until_days_ago=6, number="P1234567")
    body = {"crossing_point": "TST-AIR", "direction": "exit", "mrz": mrz("ETH")}
    response = _api_post(client, token_for(personas.officer), body)
    assert response.status_code == 201, response.json()
    assert response.json()["stay"]["overstay_days"] == 6
    assert "Overstay: 6 day(s) beyond the authorised stay." in response.json()["warnings"]


def test_checks_switched_off_skip_stay_and_screening(client, personas, rules, token_for, settings):
    from passage.alerts.models import ScreeningResult

    settings.PASSAGE_COUNTER_CHECKS = False
    body = {"crossing_point": "TST-AIR", "direction": "entry", "mrz": mrz("ETH")}
    response = _api_post(client, token_for(personas.officer), body)
    assert response.status_code == 201, response.json()
    assert response.json()["stay"] is None
    assert response.json()["crossing"]["authorised_until"] is None
    assert not ScreeningResult.objects.exists()


def test_overstay_report_review_and_automatic_closing(client, personas, rules):
    over = _entry(personas, "ETH", days_ago=25, until_days_ago=5, number="A1111111")
    _entry(
        personas, "ETH", days_ago=3, until_days_ago=-20, number="B2222222"
    )  # still within its stay
    report = detect_overstays()
    assert report.new_cases == 1
    assert detect_overstays().new_cases == 0  # a second run adds nothing
    case = OverstayCase.objects.get()
    assert case.entry == over and case.status == OverstayStatus.OPEN

    client.force_login(personas.officer)
    assert client.get("/overstays/").status_code == 403
    client.force_login(personas.supervisor)
    page = client.get("/overstays/").content.decode()
    assert "TESFAYE" in page
    # The run's time is isolated left to right, or Arabic lays it out backwards.
    assert re.search(r'last ran at <bdi dir="ltr">\d{4}-\d\d-\d\d \d\d:\d\d</bdi>', page)
    export = client.get("/overstays/export.csv")
    assert b"TESFAYE" in b"".join(export.streaming_content)
    no_note = client.post(f"/overstays/{case.pk}/review/", {"decision": "confirm", "note": ""})
    assert no_note.status_code == 302
    case.refresh_from_db()
    assert case.status == OverstayStatus.OPEN
    client.post(
        f"/overstays/{case.pk}/review/",
        {"decision": "confirm", "note": "no exit in any post's records"},
    )
    case.refresh_from_db()
    assert case.status == OverstayStatus.CONFIRMED and case.reviewed_by == personas.supervisor
    assert AuditEvent.objects.filter(action=AuditAction.DECIDE, object_id=str(case.pk)).exists()

    identity = Identity(
        primary_name="TESFAYE", number="A1111111", issuing_state="ETH", nationality="ETH"
    )
    crossing_services.record_crossing(
        personas.officer, personas.post, crossing_services.CrossingInput("exit", identity)
    )
    case.refresh_from_db()
    assert case.status == OverstayStatus.CLOSED and case.overstay_days == 5


def test_an_entry_admitted_after_secondary_inspection_can_overstay(personas, rules):
    """The authorised stay given at secondary inspection is on the inspection."""
    identity = Identity(
        primary_name="TESFAYE", number="C3333333", issuing_state="ETH", nationality="ETH"
    )
    data = crossing_services.CrossingInput(
        "entry",
        identity,
        decision="secondary",
        at=timezone.now() - dt.timedelta(days=25),
        secondary_reason="documents to check",
    )
    entry = crossing_services.record_crossing(personas.officer, personas.post, data).crossing
    crossing_services.decide_inspection(
        personas.supervisor,
        entry.inspection,
        outcome="admitted",
        authorised_until=_today() - dt.timedelta(days=4),
    )
    detect_overstays()
    case = OverstayCase.objects.get()
    assert case.entry == entry and case.authorised_until == _today() - dt.timedelta(days=4)


def test_the_api_warns_when_the_calculator_finds_no_day_authorised(
    client, personas, rules, token_for
):
    body = {"crossing_point": "TST-AIR", "direction": "entry", "mrz": mrz("XXA")}
    response = _api_post(client, token_for(personas.officer), body)
    assert response.status_code == 201, response.json()
    answer = response.json()
    assert answer["stay"]["outcome"] == "refused"
    assert answer["crossing"]["authorised_until"] is None
    assert any(w.startswith("Stay: no day of stay is authorised") for w in answer["warnings"])


def test_overstays_command(personas, rules, capsys):
    _entry(personas, "ETH", days_ago=25, until_days_ago=5, number="A1111111")
    call_command("overstays")
    assert "1 new" in capsys.readouterr().out


def test_visa_recorded_by_a_supervisor(client, personas, rules):
    entry = _entry(personas, "ETH", days_ago=1, until_days_ago=-10, number="C3333333")
    client.force_login(personas.supervisor)
    url = f"/travellers/{entry.traveller_id}/visas/"
    bad = client.post(
        url,
        {
            "kind": "visa",
            "issuing_state": "UTO",
            "valid_from": "2026-02-30",
            "valid_until": "2026-03-01",
        },
    )
    assert bad.status_code == 302 and not entry.traveller.visas.exists()
    client.post(
        url,
        {
            "kind": "visa",
            "issuing_state": "UTO",
            "valid_from": _today().isoformat(),
            "valid_until": (_today() + dt.timedelta(days=90)).isoformat(),
            "entries_allowed": "1",
        },
    )
    assert entry.traveller.visas.count() == 1
    client.force_login(personas.officer)
    assert (
        client.post(
            url, {"kind": "work", "valid_from": "2026-01-01", "valid_until": "2026-12-31"}
        ).status_code
        == 403
    )


def test_cases_another_run_opened_first_are_not_counted_or_audited_again(personas, rules):
    """Two overstay runs at once: what the other opened first is skipped, not claimed."""
    first = _entry(personas, "ETH", days_ago=25, until_days_ago=5, number="D4444444")
    second = _entry(personas, "ETH", days_ago=20, until_days_ago=9, number="E5555555")
    assert detect_overstays().new_cases == 2
    other_run = OverstayCase.objects.get(entry=first)
    OverstayCase.objects.filter(entry=second).delete()
    # This run saw both entries before the other run's insert of the first.
    seen = [
        OverstayCase(entry=first, authorised_until=other_run.authorised_until),
        OverstayCase(entry=second, authorised_until=_today() - dt.timedelta(days=9)),
    ]
    assert stay_services._open_cases(None, seen) == 1
    event = AuditEvent.objects.filter(object_type="stay.overstaycase").latest("seq")
    details = json.loads(event.data)["details"]
    assert details["cases"] == 1 and details["entries"] == [str(second.pk)]
    assert OverstayCase.objects.get(entry=first).pk == other_run.pk
