"""A document whose MRZ fails its checks, or that has expired, cannot slip through.

An invalid MRZ may be refused or sent to secondary inspection; it is admitted only with
an explicit "document checked by hand" override that names a reason, is audited and
goes to the supervisors' review queue. The same rule holds at the counter page and in
``POST /api/v1/crossings`` (422 naming the failed fields without the override).
"""

from __future__ import annotations

import pytest

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.crossings.choices import Decision, OverrideStatus
from passage.crossings.models import Crossing, DocumentOverride
from passage.reference.services import load_refusal_grounds

from .helpers import broken, counter_post, passport

pytestmark = pytest.mark.django_db


@pytest.fixture
def counter(client, personas):
    load_refusal_grounds(None)
    client.force_login(personas.officer)
    return client


def test_an_invalid_mrz_cannot_be_admitted_at_the_counter(counter):
    response = counter_post(counter, broken(passport()))
    assert response.status_code == 400
    assert not Crossing.objects.exists()
    html = response.content.decode()
    assert "The document fails its checks" in html and "composite" in html


def test_an_invalid_mrz_may_be_sent_to_secondary_inspection(counter):
    response = counter_post(counter, broken(passport()), action="secondary")
    assert response.status_code == 302
    assert Crossing.objects.get().decision == Decision.SECONDARY
    assert not DocumentOverride.objects.exists()


def test_checked_by_hand_needs_a_reason(counter):
    response = counter_post(counter, broken(passport()), document_checked="on")
    assert response.status_code == 400
    assert not Crossing.objects.exists()
    assert "Say what you checked" in response.content.decode()


def test_override_admits_audits_and_opens_a_review(client, counter, personas):
    reason = "Data page and photo examined under UV; check digit misprinted by the issuer"
    response = counter_post(
        counter, broken(passport()), document_checked="on", document_override_reason=reason
    )
    assert response.status_code == 302
    crossing = Crossing.objects.get()
    assert crossing.decision == Decision.ADMITTED
    override = DocumentOverride.objects.get(crossing=crossing)
    assert override.status == OverrideStatus.OPEN and override.reason == reason
    assert "composite" in override.failed_fields
    event = AuditEvent.objects.get(object_id=str(override.pk), action=AuditAction.CREATE)
    assert reason in event.message
    created = AuditEvent.objects.get(object_id=str(crossing.pk), action=AuditAction.CREATE)
    assert '"document_override"' not in created.data or reason in created.data

    # Officers do not work the queue; the post's supervisor does.
    assert counter.get("/posts/TST-AIR/document-overrides/").status_code == 403
    client.force_login(personas.supervisor)
    queue = client.get("/posts/TST-AIR/document-overrides/").content.decode()
    assert "OKAFOR" in queue and "K4455667" in queue and reason in queue
    page = client.get(f"/document-overrides/{override.pk}/")
    assert page.status_code == 200 and 'class="bad"' in page.content.decode()
    assert (
        client.post(f"/document-overrides/{override.pk}/", {"review_note": ""}).status_code == 400
    )
    done = client.post(
        f"/document-overrides/{override.pk}/", {"review_note": "Issuer confirmed the misprint"}
    )
    assert done.status_code == 302
    override.refresh_from_db()
    assert override.status == OverrideStatus.CLOSED and override.reviewed_by == personas.supervisor
    assert AuditEvent.objects.filter(object_id=str(override.pk), action=AuditAction.DECIDE).exists()
    assert "Nothing to review" in client.get("/posts/TST-AIR/document-overrides/").content.decode()
    again = client.post(f"/document-overrides/{override.pk}/", {"review_note": "twice"})
    assert again.status_code == 400


def test_override_queue_of_another_post_is_not_found(client, counter, personas):
    counter_post(counter, broken(passport()), document_checked="on", document_override_reason="UV")
    override = DocumentOverride.objects.get()
    client.force_login(personas.officer_elsewhere)
    assert client.get(f"/document-overrides/{override.pk}/").status_code in (403, 404)


def test_the_read_says_at_once_that_the_document_expired(counter):
    import datetime as dt

    from django.utils import timezone

    expired = passport(expiry_date=timezone.localdate() - dt.timedelta(days=3))
    response = counter.post(
        "/posts/TST-AIR/counter/",
        {"mrz": expired, "action": "read", "direction": "entry"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.context["expired_on"] == timezone.localdate() - dt.timedelta(days=3)
    assert 'id="banner-expired"' in html and 'role="alert"' in html
    assert "all check digits and fields are right" in html and "expired on" in html


def test_the_read_flags_an_invalid_document_in_a_banner(counter):
    response = counter.post(
        "/posts/TST-AIR/counter/",
        {"mrz": broken(passport()), "action": "read", "direction": "entry"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert 'id="banner-document"' in html and "Document fails its checks" in html
    assert 'name="document_checked"' in html


def test_api_refuses_to_admit_an_invalid_mrz_naming_the_fields(api):
    response = api({"crossing_point": "TST-AIR", "direction": "entry", "mrz": broken(passport())})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "mrz.composite" in detail and "document_override" in detail["mrz"]
    assert not Crossing.objects.exists()


def test_api_admits_an_invalid_mrz_with_the_override(api):
    body = {
        "crossing_point": "TST-AIR",
        "direction": "entry",
        "mrz": broken(passport()),
        "document_override": {"checked_by_hand": True, "reason": "Examined under UV light"},
    }
    response = api(body)
    assert response.status_code == 201, response.json()
    assert any("review queue" in w for w in response.json()["warnings"])
    assert DocumentOverride.objects.get().reason == "Examined under UV light"


def test_api_refuses_an_override_that_is_not_needed_or_empty(api):
    body = {
        "crossing_point": "TST-AIR",
        "direction": "entry",
        "mrz": passport(),
        "document_override": {"checked_by_hand": True, "reason": "just in case"},
    }
    response = api(body)
    assert response.status_code == 422 and "document_override" in response.json()["detail"]
    body["mrz"] = broken(passport())
    body["document_override"] = {"checked_by_hand": True, "reason": ""}
    assert api(body).status_code == 422
    assert not Crossing.objects.exists()


def test_api_may_send_an_invalid_mrz_to_secondary_inspection(api):
    response = api(
        {
            "crossing_point": "TST-AIR",
            "direction": "entry",
            "mrz": broken(passport()),
            "decision": "secondary",
        }
    )
    assert response.status_code == 201
