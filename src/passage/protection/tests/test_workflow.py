"""Flag at the counter, refer, follow up, close; the refusal safeguard holds."""

from __future__ import annotations

import pytest

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.core.problems import ProblemError
from passage.crossings import services as crossings
from passage.crossings.models import Crossing, SecondaryInspection
from passage.protection import services
from passage.protection.choices import AssessmentStatus, Consent, ReferralStatus
from passage.protection.models import Assessment, Indicator, Referral, Service
from passage.protection.services import ReferralInput
from passage.travellers.services import Identity

from .conftest import counter_post, passport

pytestmark = pytest.mark.django_db


def test_reference_data_is_loaded_from_the_shipped_csv(protection):
    assert Indicator.objects.get(code="SC-UC").parent_id == "SC"
    assert Indicator.objects.get(code="SC-UC").always_refer
    assert Indicator.objects.get(code="PR-FR").category == "protection_request"
    assert Indicator.objects.filter(category="trafficking").count() >= 5
    assert {"WR", "ER", "SP", "DS", "SM", "FU", "LP", "TR", "SV", "PG", "CR"} <= set(
        Indicator.objects.values_list("code", flat=True)
    )
    assert services.primary_service(Indicator.objects.get(code="SC")).code == "child_protection"


def test_a_bad_indicator_file_changes_nothing_and_names_the_line(protection):
    before = Indicator.objects.count()
    bad = b"code,category,label,parent,always_refer,services,order\nXX,child,x,,0,nonsense,1\n"
    with pytest.raises(ProblemError) as info:
        services.load_reference(None, indicators=bad)
    assert "line 2" in str(info.value) and "nonsense" in str(info.value)
    assert Indicator.objects.count() == before


def test_flagging_a_child_at_the_counter_refers_at_once(client, protection):
    client.force_login(protection.officer)
    response = counter_post(
        client, passport(), "secondary", protection_indicators=["SC-UC"], protection_note="alone"
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assessment = Assessment.objects.get()
    assert assessment.crossing == Crossing.objects.get()
    assert [i.code for i in assessment.indicators.all()] == ["SC-UC"]
    referral = Referral.objects.get()
    assert referral.automatic and referral.service_id == "child_protection"
    assert referral.provider == protection.child_provider
    assert referral.consent == Consent.OVERRIDE and referral.consent_override_reason
    assert referral.events.get().status_to == ReferralStatus.IN_PROGRESS


def test_other_indicators_only_suggest(client, protection):
    client.force_login(protection.officer)
    counter_post(client, passport(), "secondary", protection_indicators=["PR-FR"])
    assert Assessment.objects.count() == 1 and not Referral.objects.exists()
    response = client.get(
        "/protection/posts/TST-AIR/suggestions/", {"protection_indicators": ["PR-FR"]}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Asylum procedure" in text and "Legal Aid Clinic" in text


def test_unknown_indicator_is_refused_and_nothing_recorded(client, protection):
    client.force_login(protection.officer)
    response = counter_post(client, passport(), "admit", protection_indicators=["NOPE"])
    assert response.status_code == 400
    assert "unknown indicator" in response.content.decode()
    assert not Crossing.objects.exists() and not Assessment.objects.exists()


def _refuse(client):
    return counter_post(client, passport(), "refuse", refusal_grounds=["E"])


def test_refusal_safeguard_holds_until_a_protection_officer_closes(client, protection):
    client.force_login(protection.officer)
    # Flagging and refusing in the same submission is blocked.
    response = counter_post(
        client, passport(), "refuse", refusal_grounds=["E"], protection_indicators=["PR-FR"]
    )
    assert response.status_code == 400
    assert "protection officer closes it" in response.content.decode()
    assert not Crossing.objects.exists()
    # Flagged at a first crossing (sent to secondary inspection)...
    counter_post(client, passport(), "secondary", protection_indicators=["SC-UC"])
    blocked_before = AuditEvent.objects.filter(action=AuditAction.REFUSAL_BLOCKED).count()
    response = _refuse(client)
    assert response.status_code == 400
    assert Crossing.objects.filter(decision="refused").count() == 0
    assert AuditEvent.objects.filter(action=AuditAction.REFUSAL_BLOCKED).count() == (
        blocked_before + 1
    )
    # ...and a supervisor cannot refuse after secondary inspection either.
    inspection = SecondaryInspection.objects.get()
    with pytest.raises(crossings.ProblemError) as info:
        crossings.decide_inspection(
            protection.supervisor, inspection, outcome="refused", grounds=["E"]
        )
    assert "decision" in info.value.problems
    inspection.refresh_from_db()
    assert inspection.status == "open"
    # The protection officer closes the flag: the open referral still holds.
    assessment = Assessment.objects.get()
    services.close_assessment(protection.protection, assessment, "placed with guardian")
    assert _refuse(client).status_code == 400
    referral = Referral.objects.get()
    services.change_status(protection.protection, referral, ReferralStatus.ACCEPTED, "taken")
    assert _refuse(client).status_code == 400
    services.change_status(protection.protection, referral, ReferralStatus.DONE, "done")
    assert _refuse(client).status_code == 302
    assert Crossing.objects.filter(decision="refused").count() == 1


def test_refusal_through_the_api_is_blocked_too(client, protection, token_for):
    client.force_login(protection.officer)
    counter_post(client, passport(), "secondary", protection_indicators=["PR-FR"])
    response = client.post(
        "/api/v1/crossings",
        {
            "crossing_point": "TST-AIR",
            "direction": "entry",
            "mrz": passport(),
            "decision": "refused",
            "refusal_grounds": ["E"],
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=token_for(protection.officer),
    )
    assert response.status_code == 422
    assert "decision" in response.json()["detail"]


def _flag(personas, codes=("PR-FR",)):
    recorded = crossings.record_crossing(
        personas.officer,
        personas.post,
        crossings.CrossingInput(
            direction="entry",
            identity=Identity(primary_name="DOE", number="X1", issuing_state="UTO"),
            decision="secondary",
            protection_indicators=list(codes),
        ),
    )
    return Assessment.objects.get(crossing=recorded.crossing)


def test_referral_needs_consent_or_a_justified_override(protection):
    assessment = _flag(protection)
    refused = AuditEvent.objects.filter(action=AuditAction.PROTECTION_REFUSED)
    with pytest.raises(ProblemError) as info:
        services.create_referral(
            protection.protection,
            assessment,
            ReferralInput(service="asylum", provider=protection.legal_provider.pk),
        )
    assert "consent" in info.value.problems
    with pytest.raises(ProblemError) as info:
        services.create_referral(
            protection.protection,
            assessment,
            ReferralInput(
                service="asylum", provider=protection.legal_provider.pk, consent="override"
            ),
        )
    assert "consent_override_reason" in info.value.problems
    assert refused.count() == 2
    referral = services.create_referral(
        protection.protection,
        assessment,
        ReferralInput(
            service="asylum",
            provider=protection.legal_provider.pk,
            consent="given",
            urgency="priority",
        ),
    )
    assert referral.status == ReferralStatus.IN_PROGRESS and referral.urgency == "priority"


def test_referral_to_a_provider_not_offering_the_service_is_refused(protection):
    assessment = _flag(protection)
    with pytest.raises(ProblemError) as info:
        services.create_referral(
            protection.protection,
            assessment,
            ReferralInput(service="asylum", provider=protection.child_provider.pk, consent="given"),
        )
    assert "does not offer" in info.value.problems["provider"]
    assert AuditEvent.objects.filter(action=AuditAction.PROTECTION_REFUSED).exists()
    assert not Referral.objects.exists()


def test_statuses_follow_the_allowed_transitions_with_history(protection):
    assessment = _flag(protection)
    referral = services.create_referral(
        protection.protection,
        assessment,
        ReferralInput(service="legal_aid", provider=protection.legal_provider.pk, consent="given"),
    )
    with pytest.raises(ProblemError) as info:
        services.change_status(protection.protection, referral, ReferralStatus.DONE)
    assert "cannot become" in info.value.problems["status"]
    with pytest.raises(ProblemError):
        services.change_status(protection.protection, referral, ReferralStatus.REVOKED)  # no note
    services.change_status(protection.protection, referral, ReferralStatus.ACCEPTED, "ok")
    services.change_status(
        protection.protection, referral, ReferralStatus.REVOKED, "consent withdrawn"
    )
    referral.refresh_from_db()
    assert [e.status_to for e in referral.events.all()] == ["in_progress", "accepted", "revoked"]
    with pytest.raises(ProblemError):
        services.change_status(protection.protection, referral, ReferralStatus.ACCEPTED, "again")


def test_automatic_referral_without_provider_gets_one_on_acceptance(protection):
    protection.child_provider.services.set(["family_tracing"])  # nobody offers child protection
    assessment = _flag(protection, ["SC-SC"])
    referral = assessment.referrals.get()
    assert referral.provider is None
    with pytest.raises(ProblemError) as info:
        services.change_status(protection.protection, referral, ReferralStatus.ACCEPTED)
    assert "provider" in info.value.problems
    protection.child_provider.services.add(Service.objects.get(code="child_protection"))
    services.change_status(
        protection.protection,
        referral,
        ReferralStatus.ACCEPTED,
        provider=protection.child_provider.pk,
    )
    referral.refresh_from_db()
    assert referral.provider == protection.child_provider


def test_case_notes_and_closing(protection):
    assessment = _flag(protection)
    referral = services.create_referral(
        protection.protection,
        assessment,
        ReferralInput(service="asylum", provider=protection.legal_provider.pk, consent="given"),
    )
    services.add_note(protection.protection, referral, "called the clinic")
    assert referral.notes.get().text == "called the clinic"
    with pytest.raises(ProblemError):
        services.close_assessment(protection.protection, assessment, "")
    services.close_assessment(protection.protection, assessment, "handled")
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.CLOSED
    with pytest.raises(services.NotPermitted):
        services.add_note(protection.officer, referral, "officer note")


def test_the_queue_pages_referrals_most_urgent_first(client, protection, monkeypatch, token_for):
    """Session 19: the queue took the 500 oldest referrals and sorted those, so once it
    grew an immediate one could fall off it; now the database orders them and pages."""
    from passage.protection import views

    monkeypatch.setattr(views, "QUEUE_PER_PAGE", 2)
    for surname, urgency in (
        ("ROUTINA", "routine"),
        ("IMMEDIA", "immediate"),
        ("PRIORA", "priority"),
    ):
        recorded = crossings.record_crossing(
            protection.officer,
            protection.post,
            crossings.CrossingInput(
                direction="entry",
                identity=Identity(primary_name=surname, number=surname, issuing_state="UTO"),
                decision="secondary",
                protection_indicators=["LP-RR"],
            ),
        )
        assessment = Assessment.objects.get(crossing=recorded.crossing)
        services.create_referral(
            protection.protection,
            assessment,
            ReferralInput(
                service="asylum",
                provider=protection.legal_provider.pk,
                urgency=urgency,
                consent=Consent.GIVEN,
            ),
        )
    client.force_login(protection.protection)
    first = client.get("/protection/").content.decode()
    referrals = first.split('id="referrals"', 1)[1].split("</section>", 1)[0]
    assert referrals.index("IMMEDIA") < referrals.index("PRIORA") and "ROUTINA" not in referrals
    assert 'href="?referrals_page=2" rel="next"' in referrals and "3 in all" in referrals
    flags = first.split('id="flags"', 1)[1]
    assert "Page 1 of 2" in flags and 'href="?flags_page=2"' in flags
    second = client.get("/protection/?referrals_page=2&flags_page=2").content.decode()
    referrals = second.split('id="referrals"', 1)[1].split("</section>", 1)[0]
    assert "ROUTINA" in referrals and "IMMEDIA" not in referrals
    assert 'href="?flags_page=2&amp;referrals_page=1" rel="prev"' in referrals
    # The API pages them in the same order (it took the 500 oldest).
    auth = {"HTTP_AUTHORIZATION": token_for(protection.protection)}
    rows = client.get("/api/v1/protection/referrals?limit=2", **auth).json()
    assert [r["urgency"] for r in rows] == ["immediate", "priority"]
    rows = client.get("/api/v1/protection/referrals?offset=2", **auth).json()
    assert [r["urgency"] for r in rows] == ["routine"]
    assert client.get("/api/v1/protection/referrals?limit=501", **auth).status_code == 422
    huge = client.get(f"/api/v1/protection/referrals?offset={10**20}", **auth)
    assert huge.status_code == 422
    # Two lists paged on one screen, each navigation named for a screen reader.
    assert 'aria-label="Pages of open referrals"' in first
    assert 'aria-label="Pages of open protection flags"' in first
