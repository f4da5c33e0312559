"""The counter: entries and exits recorded as evidence, through the page and the services."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.alerts.tests.lists import passport
from passage.core.problems import ProblemError
from passage.crossings import services
from passage.crossings.choices import Decision, Direction, ReviewReason
from passage.crossings.models import Amendment, Crossing, ImmutableError, SecondaryInspection
from passage.reference.services import load_refusal_grounds, set_crossing_point_mode
from passage.travellers.models import TravelDocument, Traveller
from passage.travellers.services import Identity

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    """Today, read when a test runs: a date read at import is a day behind the app's when
    the suite runs across midnight."""
    return timezone.localdate()


@pytest.fixture
def counter(client, personas):
    load_refusal_grounds(None)
    client.force_login(personas.officer)
    return client


def post(client, mrz: str, action: str = "", **fields):
    # An exit has its own button ("Record exit"); Admit is for entries.
    action = action or ("exit" if fields.get("direction") == "exit" else "admit")
    data = {
        "mrz": mrz,
        "direction": "entry",
        "purpose": "tourism",
        "submission_key": str(uuid.uuid4()),
        "action": action,
    }
    data.update(fields)
    return client.post("/posts/TST-AIR/counter/", data)


def read_fields(client, mrz: str) -> dict:
    response = client.post(
        "/posts/TST-AIR/counter/", {"mrz": mrz, "action": "read", "direction": "entry"}
    )
    assert response.status_code == 200
    return response.context["form"].initial


def test_counter_page_waits_in_the_mrz_box(counter):
    html = counter.get("/posts/TST-AIR/counter/").content.decode()
    assert 'id="id_mrz"' in html and "autofocus" in html
    assert "Not checked" in html  # screening and stay, honestly


def test_reading_an_mrz_fills_the_form(counter):
    initial = read_fields(counter, passport())
    assert initial["primary_name"] == "ERIKSSON"
    assert initial["secondary_name"] == "ANNA MARIA"
    assert initial["number"] == "L898902C3"
    assert initial["birth_date"] == "1974-08-12"
    assert initial["document_type"] == "passport"


def test_bad_characters_are_underlined_and_a_repair_offered(counter):
    good = passport()
    bad = good[:-1] + ("1" if good[-1] != "1" else "2")  # break the composite check digit
    lines = good.split("\n")
    # An OCR confusion in a numeric field: the first 0 of the birth date read as the letter O.
    birth = lines[1][13:19]
    assert "0" in birth
    ocr_line = lines[1][:13] + birth.replace("0", "O", 1) + lines[1][19:]
    ocr = lines[0] + "\n" + ocr_line
    response = counter.post(
        "/posts/TST-AIR/counter/", {"mrz": bad, "action": "read"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'class="bad"' in html
    assert "problems found" in html
    repaired = counter.post(
        "/posts/TST-AIR/counter/", {"mrz": ocr, "action": "read"}, HTTP_HX_REQUEST="true"
    )
    assert repaired.status_code == 200
    repair = repaired.context["result"].repair
    assert repair is not None and repair.mrz == good, "the repair restores the printed MRZ"
    assert f'data-repair="{good}"' in repaired.content.decode().replace("&lt;", "<")


def test_the_document_banner_names_fields_and_findings_in_arabic(counter):
    good = passport()
    bad = good[:-1] + ("1" if good[-1] != "1" else "2")  # break the composite check digit
    counter.cookies["django_language"] = "ar"
    response = counter.post(
        "/posts/TST-AIR/counter/", {"mrz": bad, "action": "read"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    banner = html.split('id="banner-document"', 1)[1].split("</p>", 1)[0]
    assert "رقم التحقق المركّب" in banner and "composite" not in banner
    assert "رقم التحقق المركّب " in html.split('class="issues"', 1)[1]
    assert "does not match the data" not in html


def test_admit_records_an_entry_with_traveller_and_document(counter, personas):
    response = post(
        counter, passport(), authorised_until=(_today() + dt.timedelta(days=30)).isoformat()
    )
    assert response.status_code == 302, response.context["form"].errors
    crossing = Crossing.objects.get()
    assert crossing.direction == Direction.ENTRY and crossing.decision == Decision.ADMITTED
    assert crossing.officer == personas.officer and crossing.crossing_point == personas.post
    assert crossing.traveller.primary_name == "ERIKSSON"
    assert crossing.document.number == "L898902C3" and crossing.document.mrz.startswith("P<UTO")
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(crossing.pk)).exists()


def test_returning_traveller_is_recognised_by_document(counter):
    post(counter, passport())
    post(counter, passport(), direction="exit")
    response = counter.post("/posts/TST-AIR/counter/", {"mrz": passport(), "action": "read"})
    assert response.context["recognised"] is not None
    assert len(response.context["history"]) == 2
    assert Traveller.objects.count() == 1
    assert AuditEvent.objects.filter(
        action=AuditAction.READ, object_type="travellers.traveller"
    ).exists()


def test_each_possible_match_shown_is_an_audited_read_under_its_own_id(counter):
    """Every person offered as a possible match is recorded whole (not joined and cut)."""
    for number in ("AB1234567", "AB1234568", "AB1234569"):
        post(counter, passport(number))
    before = set(AuditEvent.objects.values_list("seq", flat=True))
    response = counter.post(
        "/posts/TST-AIR/counter/", {"mrz": passport("ZZ7654321"), "action": "read"}
    )
    shown = {str(t.pk) for t in response.context["matches"]}
    assert len(shown) == 3
    reads = AuditEvent.objects.filter(
        action=AuditAction.READ, object_type="travellers.traveller"
    ).exclude(seq__in=before)
    assert set(reads.values_list("object_id", flat=True)) == shown


def test_same_name_and_birth_date_is_offered_never_merged(counter):
    post(counter, passport("AB1234567"))
    response = counter.post(
        "/posts/TST-AIR/counter/", {"mrz": passport("ZZ7654321"), "action": "read"}
    )
    assert response.context["recognised"] is None
    assert len(response.context["matches"]) == 1
    post(counter, passport("ZZ7654321"))
    assert Traveller.objects.count() == 2  # not merged silently
    first = Traveller.objects.order_by("created_at").first()
    post(counter, passport("CC1111111"), traveller_id=str(first.pk))
    assert TravelDocument.objects.get(number="CC1111111").traveller == first


def test_exit_closes_the_open_entry(counter):
    post(counter, passport())
    post(counter, passport(), direction="exit")
    entry, exit_ = Crossing.objects.order_by("at")
    assert exit_.closes == entry and exit_.review_reason == ""


def test_foreigners_exit_without_entry_is_recorded_and_flagged(counter):
    response = post(counter, passport(issuing_state="ETH", nationality="ETH"), direction="exit")
    assert response.status_code == 302
    crossing = Crossing.objects.get()
    assert crossing.review_reason == ReviewReason.EXIT_WITHOUT_ENTRY


def test_nationals_leave_without_an_entry_to_close(counter):
    """Utopians live here (PASSAGE_COUNTRY): their first exit is not an anomaly."""
    post(counter, passport(), direction="exit")
    assert Crossing.objects.get().review_reason == ""


def test_double_submission_records_one_crossing(counter):
    key = str(uuid.uuid4())
    first = post(counter, passport(), submission_key=key)
    second = post(counter, passport(), submission_key=key)
    assert first.status_code == second.status_code == 302
    assert Crossing.objects.count() == 1
    shown = [str(m) for m in get_messages(second.wsgi_request)]
    assert shown[-1] == "This form was already submitted; the crossing was recorded once."
    assert not any(m.startswith("Repeated submission") for m in shown)  # said once, translated


def test_expired_document_cannot_be_admitted(counter):
    mrz = passport(expiry_date=_today() - dt.timedelta(days=1))
    response = post(counter, mrz)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not Crossing.objects.exists() and not Traveller.objects.exists()


def test_refusal_needs_a_ground_and_prints_a_notice(counter):
    response = post(counter, passport(), action="refuse")
    assert response.status_code == 400
    assert not Crossing.objects.exists()
    response = post(counter, passport(), action="refuse", refusal_grounds=["A", "E"])
    assert response.status_code == 302
    crossing = Crossing.objects.get()
    assert sorted(g.code for g in crossing.refusal_grounds.all()) == ["A", "E"]
    notice = counter.get(f"/crossings/{crossing.pk}/refusal-notice/")
    assert notice.status_code == 200
    assert "(E)" in notice.content.decode()


def test_impossible_dates_are_refused_naming_the_field(personas):
    load_refusal_grounds(None)
    data = services.CrossingInput(
        direction="entry",
        identity=Identity(
            primary_name="DOE", number="X1", issuing_state="UTO", nationality="UTO", birth_year=2999
        ),
    )
    with pytest.raises(ProblemError) as info:
        services.record_crossing(personas.officer, personas.post, data)
    assert "birth_date" in info.value.problems
    data.identity = Identity(
        primary_name="DOE", number="X1", issuing_state="ZZZ", nationality="UTO"
    )
    with pytest.raises(ProblemError) as info:
        services.record_crossing(personas.officer, personas.post, data)
    assert info.value.problems["issuing_state"] == "unknown country code 'ZZZ'"
    assert not Traveller.objects.exists()


def test_exit_before_entry_is_refused(personas):
    now = timezone.now()
    ident = dict(primary_name="DOE", number="X1", issuing_state="UTO", nationality="UTO")
    services.record_crossing(
        personas.officer, personas.post, services.CrossingInput("entry", Identity(**ident), at=now)
    )
    early = services.CrossingInput("exit", Identity(**ident), at=now - dt.timedelta(hours=1))
    with pytest.raises(ProblemError, match="exit before the entry"):
        services.record_crossing(personas.officer, personas.post, early)


def test_officer_cannot_record_at_another_post(counter):
    response = counter.post("/posts/TST-LAND/counter/", {"mrz": passport(), "action": "admit"})
    assert response.status_code == 403
    assert not Crossing.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED).exists()


def test_crossings_are_immutable(counter):
    post(counter, passport())
    crossing = Crossing.objects.get()
    crossing.purpose = "work"
    with pytest.raises(ImmutableError):
        crossing.save()
    with pytest.raises(ImmutableError):
        crossing.delete()


def test_supervisor_amends_and_history_shows_it(client, counter, personas):
    post(counter, passport())
    crossing = Crossing.objects.get()
    assert (
        counter.post(
            f"/crossings/{crossing.pk}/amend/", {"purpose": "work", "reason": "x"}
        ).status_code
        == 403
    )
    client.force_login(personas.supervisor)
    response = client.post(
        f"/crossings/{crossing.pk}/amend/",
        {"purpose": "work", "reason": "Traveller showed a work contract"},
    )
    assert response.status_code == 302
    amendment = Amendment.objects.get()
    assert amendment.changes == {"purpose": ["tourism", "work"]}
    assert amendment.author == personas.supervisor
    page = client.get(f"/crossings/{crossing.pk}/").content.decode()
    assert "Traveller showed a work contract" in page
    crossing.refresh_from_db()
    assert crossing.purpose == "tourism"  # the record as made stays
    without_reason = client.post(
        f"/crossings/{crossing.pk}/amend/", {"purpose": "study", "reason": ""}
    )
    assert without_reason.status_code == 302 and Amendment.objects.count() == 1


def test_secondary_inspection_queue_and_decision(client, counter, personas):
    post(counter, passport(), action="secondary", secondary_reason="Document looks altered")
    inspection = SecondaryInspection.objects.get()
    assert counter.get("/posts/TST-AIR/secondary/").status_code == 403
    client.force_login(personas.supervisor)
    queue = client.get("/posts/TST-AIR/secondary/").content.decode()
    assert "Document looks altered" in queue
    refused = client.post(f"/secondary/{inspection.pk}/", {"outcome": "refused"})
    assert refused.status_code == 400  # a refusal needs a ground
    response = client.post(
        f"/secondary/{inspection.pk}/", {"outcome": "refused", "grounds": ["B"], "notes": "forged"}
    )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.outcome == "refused" and inspection.decided_by == personas.supervisor
    assert AuditEvent.objects.filter(
        action=AuditAction.DECIDE, object_id=str(inspection.pk)
    ).exists()
    assert "Nobody is waiting" in client.get("/posts/TST-AIR/secondary/").content.decode()
    assert client.get(f"/crossings/{inspection.crossing_id}/refusal-notice/").status_code == 200


def test_degraded_mode_records_minimal_entries(client, counter, personas):
    client.force_login(personas.supervisor)
    response = client.post(
        "/posts/TST-AIR/mode/", {"mode": "degraded", "reason": "queue of 400 at the gate"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.MODE_SWITCHED).exists()
    page = counter.get("/posts/TST-AIR/counter/").content.decode()
    assert "Degraded mode" in page
    response = post(counter, "", number="AB123", nationality="UTO", direction="entry")
    assert response.status_code == 302, response.content.decode()[:3000]
    crossing = Crossing.objects.get()
    assert crossing.minimal and crossing.review_reason == ReviewReason.MINIMAL_RECORD
    assert crossing.document.issuing_state_id == "UTO"


def test_officer_cannot_switch_mode(counter, personas):
    assert (
        counter.post("/posts/TST-AIR/mode/", {"mode": "degraded", "reason": "x"}).status_code == 403
    )
    with pytest.raises(Exception, match="reason"):
        set_crossing_point_mode(personas.supervisor, personas.post, "degraded", " ")


def test_crossing_of_another_post_is_not_found(client, counter, personas):
    post(counter, passport())
    crossing = Crossing.objects.get()
    client.force_login(personas.officer_elsewhere)
    assert client.get(f"/crossings/{crossing.pk}/").status_code == 404
