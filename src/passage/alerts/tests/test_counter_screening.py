"""Screening at the counter: every crossing, referral on a hit, review, suppression."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.alerts import services
from passage.alerts.choices import HitStatus, ScreeningOutcome
from passage.alerts.models import FalsePositiveSuppression, ScreeningHit, ScreeningResult
from passage.crossings import services as crossing_services
from passage.crossings.choices import Decision
from passage.crossings.models import Crossing
from passage.reference.services import load_refusal_grounds, set_crossing_point_mode

from .lists import SECRET_REASON, passport, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def counter(client, personas):
    load_refusal_grounds(None)
    client.force_login(personas.officer)
    return client


def test_a_hit_sends_the_traveller_to_secondary_and_the_officer_sees_only_the_action(
    counter, wanted
):
    reading = counter.post(
        "/posts/TST-AIR/counter/", {"mrz": passport(), "action": "read", "direction": "entry"}
    )
    html = reading.content.decode()
    assert "Refer to secondary inspection" in html and "National wanted persons" in html
    assert SECRET_REASON not in html and "Анна" not in html
    response = post(
        counter, passport(), authorised_until=(dt.date.today() + dt.timedelta(days=30)).isoformat()
    )
    assert response.status_code == 302
    crossing = Crossing.objects.get()
    assert crossing.decision == Decision.SECONDARY and crossing.authorised_until is None
    assert "alert action Notify" in crossing.inspection.reason
    result = ScreeningResult.objects.get(crossing=crossing)
    assert result.outcome == ScreeningOutcome.REFERRED and result.lists[0]["number"] == 1
    hit = ScreeningHit.objects.get(crossing=crossing)
    assert hit.score >= 0.8 and hit.status == HitStatus.PENDING and hit.entry.reference == "W-1"
    assert "Name" in hit.explanation["summary"]
    page = counter.get(response["Location"]).content.decode()
    assert "Sent to secondary inspection" in page and SECRET_REASON not in page
    assert "Alert lists: <strong>alert action Notify the issuing authority, list" in page
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(crossing.pk))
    assert str(hit.pk) in event.data


def test_a_clear_traveller_is_admitted_and_the_counter_shows_list_ages(counter, wanted, stolen):
    page = counter.get("/posts/TST-AIR/counter/").content.decode()
    assert "National wanted persons v1" in page and "Lost and stolen documents v1" in page
    response = post(counter, passport(surname="SMITH", given="JOHN", number="Q7654321"))
    assert response.status_code == 302
    crossing = Crossing.objects.get()
    assert crossing.decision == Decision.ADMITTED
    assert (
        crossing.screening.outcome == ScreeningOutcome.CLEAR and len(crossing.screening.lists) == 2
    )
    assert not ScreeningHit.objects.exists()


def test_without_lists_every_crossing_still_records_that_it_was_not_screened(counter):
    post(counter, passport())
    assert Crossing.objects.get().screening.outcome == ScreeningOutcome.NO_LISTS
    assert "none active" in counter.get("/posts/TST-AIR/counter/").content.decode()


def test_a_stolen_document_is_found_even_in_degraded_mode(counter, personas, stolen):
    set_crossing_point_mode(personas.supervisor, personas.post, "degraded", "power cut")
    response = counter.post(
        "/posts/TST-AIR/counter/",
        {
            "direction": "entry",
            "number": "X1234567",
            "nationality": "UTO",
            "action": "admit",
            "submission_key": "6a1f1c1e-0000-4000-8000-000000000001",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    crossing = Crossing.objects.get()
    assert crossing.minimal and crossing.decision == Decision.SECONDARY
    assert crossing.screening.documents_only
    hit = ScreeningHit.objects.get()
    assert hit.kind == "document" and hit.score == 1.0 and hit.action == "refuse"


def test_an_ocr_confusable_number_is_a_strong_hit(personas, stolen):
    data = crossing_services.CrossingInput(
        direction="entry",
        identity=crossing_services.Identity(
            primary_name="DOE",
            secondary_name="JANE",
            nationality="UTO",
            issuing_state="UTO",
            number="XI234567",
        ),
    )
    recorded = crossing_services.record_crossing(personas.officer, personas.post, data)
    assert recorded.crossing.decision == Decision.SECONDARY
    assert any("Refer to secondary" in w for w in recorded.warnings)
    assert ScreeningHit.objects.get().explanation["document"]["evidence"] == "ocr_variant"


def test_api_crossings_are_screened(client, personas, wanted, token_for):
    response = client.post(
        "/api/v1/crossings",
        {"crossing_point": "TST-AIR", "direction": "entry", "mrz": passport()},
        content_type="application/json",
        HTTP_AUTHORIZATION=token_for(personas.officer),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["crossing"]["decision"] == "secondary"
    assert any("National wanted persons" in w for w in body["warnings"])
    assert SECRET_REASON not in response.content.decode()


def test_refused_by_the_officer_stays_refused_but_the_hit_is_kept(personas, wanted):
    load_refusal_grounds(None)
    data = crossing_services.CrossingInput(
        direction="entry",
        decision=Decision.REFUSED,
        refusal_grounds=["H"],
        identity=crossing_services.Identity(
            primary_name="ERIKSSON",
            secondary_name="ANNA MARIA",
            birth_year=1974,
            birth_month=8,
            birth_day=12,
            nationality="UTO",
            issuing_state="UTO",
            number="L898902C3",
        ),
    )
    crossing = crossing_services.record_crossing(personas.officer, personas.post, data).crossing
    assert crossing.decision == Decision.REFUSED
    assert ScreeningHit.objects.get(crossing=crossing).status == HitStatus.PENDING


def _refer(counter) -> Crossing:
    post(counter, passport())
    return Crossing.objects.latest("recorded_at")


def test_supervisor_reviews_a_hit_then_decides_the_inspection(client, counter, personas, wanted):
    crossing = _refer(counter)
    hit = ScreeningHit.objects.get(crossing=crossing)
    inspection = crossing.inspection
    client.force_login(personas.supervisor)
    page = client.get(f"/secondary/{inspection.pk}/").content.decode()
    assert "Decide every alert hit" in page and "review" in page
    blocked = client.post(f"/secondary/{inspection.pk}/", {"outcome": "admitted"})
    assert blocked.status_code == 400 and "review the alert hits first" in blocked.content.decode()
    detail = client.get(f"/alerts/hits/{hit.pk}/").content.decode()
    assert SECRET_REASON in detail and "ERIKSSON" in detail
    assert AuditEvent.objects.filter(action=AuditAction.READ, object_id=str(hit.pk)).exists()
    refused = client.post(f"/alerts/hits/{hit.pk}/", {"verdict": "true_match"})
    assert refused.status_code == 400
    response = client.post(
        f"/alerts/hits/{hit.pk}/",
        {"verdict": "true_match", "reason": "photo and date of birth agree"},
    )
    assert response.status_code == 302
    hit.refresh_from_db()
    assert hit.status == HitStatus.TRUE_MATCH and hit.decided_by == personas.supervisor
    assert not FalsePositiveSuppression.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DECIDE, object_id=str(hit.pk)).exists()
    decided = client.post(
        f"/secondary/{inspection.pk}/", {"outcome": "admitted", "notes": "notified"}
    )
    assert decided.status_code == 302


def test_the_hit_page_says_first_that_it_is_a_hit_and_no_decision_is_preselected(
    client, counter, personas, wanted
):
    """A supervisor opening a hit sees at the top that it is a hit, its standing and the
    action the list asks for; the inspection's decision starts on no choice at all, so a
    decision taken without choosing one is refused, naming the field."""
    crossing = _refer(counter)
    hit = ScreeningHit.objects.get(crossing=crossing)
    client.force_login(personas.supervisor)
    detail = client.get(f"/alerts/hits/{hit.pk}/").content.decode()
    banner = detail[
        detail.index('id="hit-status"') : detail.index("</div>", detail.index('id="hit-status"'))
    ]
    assert (
        "banner-danger" in detail[detail.rindex("<div", 0, detail.index('id="hit-status"')) :][:80]
    )
    assert 'role="alert"' in banner and "To be reviewed" in banner
    assert hit.entry.get_effective_action_display() in banner and 'href="#verdict"' in banner
    assert detail.index('id="hit-status"') < detail.index("What matched")
    # The note under the score's heading says it counts more than the name, whose own
    # share follows it ("score 1.00" above "Name 93%" read as a contradiction); the note
    # is text under the heading, not part of it.
    heading_end = detail.index("</h2>", detail.index("What matched"))
    note = detail.index('id="hit-score-note"')
    assert heading_end < note < detail.index("Name ", detail.index("What matched"))
    assert "together; the name alone is below" in detail[note : detail.index("</small>", note)]
    page = client.get(f"/secondary/{crossing.inspection.pk}/").content.decode()
    assert '<option value="" selected>' in page
    undecided = client.post(f"/secondary/{crossing.inspection.pk}/", {"notes": "x"})
    assert undecided.status_code == 400
    assert undecided.context["form"].errors["outcome"]
    client.post(
        f"/alerts/hits/{hit.pk}/", {"verdict": "false_positive", "reason": "born elsewhere"}
    )
    after = client.get(f"/alerts/hits/{hit.pk}/").content.decode()
    start = after.rindex("<div", 0, after.index('id="hit-status"'))
    assert "banner-warning" in after[start : start + 80] and "False positive" in after[start:]
    assert 'role="alert"' not in after[start : after.index("</div>", start)]


def test_a_false_positive_is_not_raised_again_for_that_document_until_it_expires(
    counter, personas, wanted
):
    crossing = _refer(counter)
    hit = ScreeningHit.objects.get(crossing=crossing)
    services.decide_hit(
        personas.supervisor,
        hit,
        true_match=False,
        reason="different person: born elsewhere, photo differs",
    )
    suppression = FalsePositiveSuppression.objects.get()
    assert suppression.document_number == "L898902C3" and suppression.entry_key == "W-1"
    assert (suppression.expires_at - timezone.now()).days in (179, 180)
    assert AuditEvent.objects.filter(action=AuditAction.SUPPRESS).exists()
    # Exit and re-entry with the same passport: screened, suppressed, admitted.
    post(counter, passport(), direction="exit")
    post(counter, passport())
    again = Crossing.objects.latest("recorded_at")
    assert again.decision == Decision.ADMITTED
    assert again.screening.outcome == ScreeningOutcome.CLEAR
    assert ScreeningHit.objects.get(crossing=again).status == HitStatus.SUPPRESSED
    # Another document of the same name is raised.
    post(counter, passport(number="Z9999999"))
    assert Crossing.objects.latest("recorded_at").decision == Decision.SECONDARY
    # Once the suppression expires, the first document is raised again.
    FalsePositiveSuppression.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    post(counter, passport(), direction="exit")
    post(counter, passport())
    assert Crossing.objects.latest("recorded_at").decision == Decision.SECONDARY


def test_suppression_survives_a_reimport_of_the_same_reference(counter, personas, wanted):
    from .lists import import_lines

    hit = ScreeningHit.objects.get(crossing=_refer(counter))
    services.decide_hit(personas.supervisor, hit, true_match=False, reason="not the person")
    import_lines(
        wanted,
        [{"reference": "W-1", "names": ["Anna Maria Eriksson"], "birth_dates": ["1974-08-12"]}],
    )
    post(counter, passport(), direction="exit")
    post(counter, passport())
    assert Crossing.objects.latest("recorded_at").decision == Decision.ADMITTED


def test_withdrawn_and_expired_entries_raise_nothing(counter, personas, wanted):
    entry = wanted.entries.get(reference="W-1")
    services.withdraw_entry(personas.administrator, entry, "cancelled by the court")
    post(counter, passport())
    assert Crossing.objects.latest("recorded_at").decision == Decision.ADMITTED
    services.add_entry(
        personas.administrator,
        wanted,
        {
            "names": ["Anna Maria Eriksson"],
            "birth_dates": ["1974-08-12"],
            "expires_on": "2020-01-01",
        },
    )
    post(counter, passport(), direction="exit")
    post(counter, passport())
    assert Crossing.objects.latest("recorded_at").decision == Decision.ADMITTED


def test_a_worker_reloads_when_the_active_version_changes(counter, personas, wanted):
    from passage.alerts import indexes

    post(counter, passport(surname="NEMO", given="CAPTAIN", number="N1111111"))
    assert Crossing.objects.latest("recorded_at").decision == Decision.ADMITTED
    first = set(indexes._loaded)
    services.add_entry(personas.administrator, wanted, {"names": ["Captain Nemo"]})
    post(counter, passport(surname="NEMO", given="CAPTAIN", number="N1111111"), direction="exit")
    assert Crossing.objects.latest("recorded_at").decision == Decision.SECONDARY
    assert set(indexes._loaded) != first and len(indexes._loaded) == 1


def test_cross_script_names_match(personas, wanted):
    data = crossing_services.CrossingInput(
        direction="entry",
        identity=crossing_services.Identity(
            native_primary_name="Эрикссон",
            native_secondary_name="Анна Мария",
            birth_year=1974,
            nationality="UTO",
            issuing_state="UTO",
            number="R5555555",
            primary_name="ERIKSON",
            secondary_name="ANNA",
        ),
    )
    crossing = crossing_services.record_crossing(personas.officer, personas.post, data).crossing
    assert crossing.decision == Decision.SECONDARY


def test_a_damaged_index_is_rebuilt_and_a_broken_one_never_stops_the_counter(
    counter, personas, wanted, monkeypatch
):
    from passage.alerts import indexes

    version = wanted.active_version
    target = indexes.build(version)
    (target / "names.idx").write_bytes(b"not an index")
    post(counter, passport())
    assert Crossing.objects.latest("recorded_at").decision == Decision.SECONDARY
    indexes._loaded.clear()

    def broken(version):
        raise OSError("disk gone")

    monkeypatch.setattr(indexes, "loaded", broken)
    post(counter, passport(number="K1111111"), direction="exit")
    crossing = Crossing.objects.latest("recorded_at")
    assert crossing.screening.outcome == ScreeningOutcome.UNAVAILABLE
    assert "check the traveller by other means" in crossing.screening.message


def test_hit_queue_shows_who_document_and_why(client, counter, personas, wanted):
    """Issue 15: the queue named cases by their time only."""
    _refer(counter)
    client.force_login(personas.supervisor)
    queue = client.get("/alerts/hits/").content.decode()
    assert "ANNA MARIA ERIKSSON" in queue and "L898902C3" in queue
    assert SECRET_REASON in queue  # supervisors may see why a person is listed
    assert "1974-08-12" in queue


def test_the_hit_queue_pages_the_longest_waiting_first(
    client, counter, personas, wanted, monkeypatch
):
    """Session 19: the queue showed the 200 newest hits and no more, so those waiting
    longest fell off it unseen once it grew."""
    from passage.alerts import views

    monkeypatch.setattr(views, "HITS_PER_PAGE", 2)
    for number in ("L1111111", "L2222222", "L3333333"):
        post(counter, passport(number=number))
    client.force_login(personas.supervisor)
    first = client.get("/alerts/hits/?status=pending").content.decode()
    assert "L1111111" in first and "L2222222" in first and "L3333333" not in first
    assert "Page 1 of 2" in first and "3 in all" in first
    assert 'href="?status=pending&amp;page=2" rel="next"' in first
    second = client.get("/alerts/hits/?status=pending&page=2").content.decode()
    assert "L3333333" in second and "L1111111" not in second
    # A number past the end gives the last page, not an error.
    assert "L3333333" in client.get("/alerts/hits/?page=99").content.decode()
    # The read names the travellers shown.
    event = AuditEvent.objects.filter(message="alert hits listed").latest("at")
    shown = ScreeningHit.objects.get(crossing__document__number="L3333333")
    assert str(shown.crossing.traveller_id) in event.data


def test_the_hit_page_explains_the_match_in_the_supervisors_language(
    client, counter, personas, wanted
):
    """Session 12's walk: in Arabic the hit page showed the core's English sentence and
    its codes (``spelling``, ``unknown``) to the supervisor deciding the hit."""
    crossing = _refer(counter)
    hit = ScreeningHit.objects.get(crossing=crossing)
    client.force_login(personas.supervisor)
    client.cookies["django_language"] = "ar"
    detail = client.get(f"/alerts/hits/{hit.pk}/").content.decode()
    assert "parts match" not in detail and "<td>exact</td>" not in detail
    assert "الاسم " in detail and "التهجئة نفسها" in detail  # "Name …", "same spelling"
    assert "تاريخ الميلاد نفسه" in detail  # "same birth date"
    client.cookies["django_language"] = "en"
    detail = client.get(f"/alerts/hits/{hit.pk}/").content.decode()
    assert "parts match; same birth date" in detail
    assert '<th scope="col">How</th>' in detail and "<td>same spelling</td>" in detail
    page = client.get(f"/secondary/{crossing.inspection.pk}/").content.decode()
    assert "parts match; same birth date" in page
    # The refusal grounds of the decision are in the supervisor's language, as at the
    # counter (session 26's walk found them in English on the Arabic page).
    client.cookies["django_language"] = "ar"
    page = client.get(f"/secondary/{crossing.inspection.pk}/").content.decode()
    assert "A — لا يحمل وثيقة سفر صالحة" in page and "has no valid travel document" not in page


def test_the_referral_is_stored_in_english_and_read_in_each_readers_language(
    client, counter, personas, wanted
):
    """Session 26's walk: the referral sentence was stored in the language of the officer
    who recorded the crossing, so a supervisor reading in another language met it in the
    officer's. It is stored in English and each page shows it in its reader's language;
    the officer's own words stay as written."""
    counter.cookies["django_language"] = "ar"
    reading = counter.post(
        "/posts/TST-AIR/counter/", {"mrz": passport(), "action": "read", "direction": "entry"}
    ).content.decode()
    assert "أحِل المسافر إلى التفتيش الثانوي" in reading  # the counter's warning, in Arabic
    recorded = post(counter, passport(), secondary_reason="وثيقة ممزقة")
    # The officer's page after recording tells them in Arabic (and shows its message);
    # its last-recorded line says "referred" once, then the action and the list only.
    after = counter.get(recorded["Location"]).content.decode()
    assert "أحِل المسافر إلى التفتيش الثانوي" in after
    last = after[after.index("آخر تسجيل") :]
    last = last[: last.index("</p>")]
    assert "قوائم التنبيه: <strong>إجراء التنبيه: " in last and "أحِل" not in last
    crossing = Crossing.objects.latest("recorded_at")
    reason = crossing.inspection.reason
    assert reason.splitlines() == [
        "وثيقة ممزقة",
        "Refer to secondary inspection: alert action Notify the issuing authority, "
        "list “National wanted persons”.",
    ]
    assert ScreeningResult.objects.get(crossing=crossing).message == reason.splitlines()[1]
    client.force_login(personas.supervisor)
    client.cookies["django_language"] = "fr"
    for url in (
        f"/secondary/{crossing.inspection.pk}/",
        "/posts/TST-AIR/secondary/",
        f"/crossings/{crossing.pk}/",
    ):
        page = client.get(url).content.decode()
        assert "Orienter vers le contrôle de deuxième ligne : action " in page, url
        assert "Refer to secondary" not in page and "أحِل" not in page, url
        assert "وثيقة ممزقة<br>" in page, url
    client.cookies["django_language"] = "en"
    page = client.get(f"/secondary/{crossing.inspection.pk}/").content.decode()
    assert "Refer to secondary inspection: alert action Notify the issuing authority" in page
    # The hit, the crossing and the inspection lead to one another.
    hit = ScreeningHit.objects.get(crossing=crossing)
    detail = client.get(f"/alerts/hits/{hit.pk}/").content.decode()
    assert f'href="/secondary/{crossing.inspection.pk}/" id="inspection-link"' in detail
    assert f'href="/crossings/{crossing.pk}/" id="crossing-link"' in detail
    record = client.get(f"/crossings/{crossing.pk}/").content.decode()
    assert f'href="/secondary/{crossing.inspection.pk}/" id="inspection-link"' in record
    # The hit's one-line account joins its clauses as the language does.
    client.cookies["django_language"] = "ar"
    page = client.get(f"/alerts/hits/{hit.pk}/").content.decode()
    article = page[page.index('<article class="hit">') :]
    summary = article[article.index("<p><strong>") : article.index("</strong></p>")]
    assert "؛ " in summary and "; " not in summary


def test_the_supervisors_queue_counts_one_hit_as_one_and_a_crossing_page_is_titled_by_its_post(
    client, counter, personas, wanted
):
    """Session 27's walk: the home page read "1 alert hits to review" (and so in French
    and Arabic), and a crossing's page was titled with its record's id."""
    crossing = _refer(counter)
    client.force_login(personas.supervisor)
    home = client.get("/").content.decode()
    assert "<strong>1</strong> alert hit to review</a>" in home
    client.cookies["django_language"] = "fr"
    assert "<strong>1</strong> correspondance d'alerte à examiner</a>" in client.get(
        "/"
    ).content.decode().replace("&#x27;", "'")
    client.cookies["django_language"] = "en"
    page = client.get(f"/crossings/{crossing.pk}/").content.decode()
    title = page[page.index("<title>") : page.index("</title>")]
    assert "TST-AIR" in title and str(crossing.pk) not in title


def _screening_card(html: str) -> str:
    card = html[html.rindex("<article", 0, html.index('id="check-screening"')) :]
    return card[: card.index("</article>")]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_clear_result_on_names_alone_says_a_birth_date_was_missing(counter, wanted, language):
    """Decision 0270: without a date of birth only the names are compared, and a name
    many listed people share is priced as common; the officer is told, and asked for the
    date (the year is evidence too), where a clear result would otherwise look as sure
    as one with a date."""
    counter.cookies["django_language"] = language
    typed = {
        "action": "read",
        "direction": "entry",
        "primary_name": "SMITH",
        "secondary_name": "JOHN",
        "nationality": "UTO",
    }
    undated = _screening_card(counter.post("/posts/TST-AIR/counter/", typed).content.decode())
    assert 'id="screening-names-only"' in undated
    notice = undated[undated.index('id="screening-names-only"') :]
    if language == "en":
        assert "No date of birth was given" in notice
    else:
        assert "لم يُدخَل تاريخ الميلاد، فقورنت الأسماء وحدها" in notice
    dated = counter.post("/posts/TST-AIR/counter/", {**typed, "birth_date": "1980"})
    card = _screening_card(dated.content.decode())
    assert "screening-clear" in card and 'id="screening-names-only"' not in card
    # A document number alone screens the document lists only, which no date helps.
    documents = {"action": "read", "direction": "entry", "number": "Q7654321"}
    card = _screening_card(counter.post("/posts/TST-AIR/counter/", documents).content.decode())
    assert 'id="screening-names-only"' not in card
    # Recorded so, the result says so, and so does the counter's line for the last one.
    recorded = post(
        counter, "", document_type="none", **{k: v for k, v in typed.items() if k != "action"}
    )
    assert recorded.status_code == 302, recorded.content.decode()[:2000]
    result = Crossing.objects.get().screening
    assert result.outcome == ScreeningOutcome.CLEAR and result.names_only
    last = counter.get(recorded["Location"]).content.decode()
    line = last[last.index('class="message" role="status"') :]
    line = line[: line.index("</p>")]
    words = "names only: no date of birth" if language == "en" else "الأسماء وحدها: لا تاريخ ميلاد"
    assert 'id="last-names-only"' in line and words in line


def test_no_names_only_line_where_no_list_compares_names_or_a_date_was_typed(
    counter, stolen, wanted
):
    """The line is true only where a list of persons compared the names and no date was
    typed: with only document lists active no name is compared at all (a review found
    the line said otherwise), and a date typed that does not read is not a missing one
    (the form names its error when the crossing is recorded)."""
    typed = {"action": "read", "direction": "entry", "primary_name": "SMITH"}
    typed |= {"secondary_name": "JOHN", "nationality": "UTO"}
    both = _screening_card(counter.post("/posts/TST-AIR/counter/", typed).content.decode())
    assert 'id="screening-names-only"' in both
    unread = {**typed, "birth_date": "1980-13"}
    card = _screening_card(counter.post("/posts/TST-AIR/counter/", unread).content.decode())
    assert "Clear" in card and 'id="screening-names-only"' not in card
    wanted.status = "suspended"
    wanted.save(update_fields=["status"])
    documents = _screening_card(counter.post("/posts/TST-AIR/counter/", typed).content.decode())
    assert "checked against 1 list" in documents
    assert 'id="screening-names-only"' not in documents


def test_an_mrz_giving_only_the_year_of_birth_screens_with_the_year(counter, wanted):
    """ICAO 9303-3 §4.8: unknown parts of a date are fillers. ``80<<<<`` gives the year:
    the counter fills the field with it and screens with it, so the card does not ask
    for a date the document gives (a review found it did, decision 0270)."""
    mrz = passport(surname="SMITH", given="JOHN", number="Q7654321", birth_date="80<<<<")
    html = counter.post(
        "/posts/TST-AIR/counter/", {"mrz": mrz, "action": "read", "direction": "entry"}
    ).content.decode()
    assert 'name="birth_date" value="1980"' in html
    # The whole date typed within it stays when the MRZ is read again (a review found a
    # read put the MRZ's year back over it).
    again = counter.post(
        "/posts/TST-AIR/counter/",
        {"mrz": mrz, "action": "read", "direction": "exit", "birth_date": "1980-03-14"},
    ).content.decode()
    assert 'name="birth_date" value="1980-03-14"' in again
    card = _screening_card(html)
    assert "Clear" in card and 'id="screening-names-only"' not in card
    whole = passport(surname="SMITH", given="JOHN", number="Q7654321", birth_date="<<<<<<")
    card = _screening_card(
        counter.post(
            "/posts/TST-AIR/counter/", {"mrz": whole, "action": "read", "direction": "entry"}
        ).content.decode()
    )
    assert 'id="screening-names-only"' in card
