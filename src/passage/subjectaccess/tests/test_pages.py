"""The DPO's pages: requests with deadlines, the person's file, decisions carried out as
amendments or erasure, exports; the protection officer's release. Through HTTP."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.models import AuditEvent
from passage.crossings.models import Amendment, Crossing
from passage.retention.models import Deletion
from passage.subjectaccess import services
from passage.subjectaccess.models import SubjectRequest
from passage.sync import corrections as sync_corrections
from passage.sync.models import HeldTraveller
from passage.sync.services import enrol_node
from passage.travellers.models import TravelDocument, Traveller, TravellerCorrection

from .conftest import record

pytestmark = pytest.mark.django_db

LIST = "/data-protection/requests/"


def _login(client, user):
    client.force_login(user)
    return client


def _new(client, **fields):
    data = {"kind": "access", "document": "UTO:L898902C3", **fields}
    return client.post(LIST, data)


@pytest.mark.parametrize("who", ["officer", "supervisor", "protection", "analyst", "administrator"])
def test_only_the_dpo_reaches_the_requests(client, anna, who):
    request = services.receive_request(
        anna.dpo, "access", services.Lookup(document="UTO:L898902C3")
    )
    _login(client, getattr(anna, who))
    for url in (
        LIST,
        f"{LIST}{request.pk}/",
        f"{LIST}{request.pk}/file.json",
        f"{LIST}{request.pk}/file.pdf?lang=ar",
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(LIST, {"kind": "access", "document": "UTO:L898902C3"}).status_code == 403
    assert SubjectRequest.objects.count() == 1
    assert AuditEvent.objects.filter(action="access_denied", actor_name=who).exists()


def test_access_request_journey_with_deadline(client, anna):
    _login(client, anna.dpo)
    response = _new(client, requester="by post, letter of 1 December")
    assert response.status_code == 302
    request = SubjectRequest.objects.get()
    assert request.due_on == services.SubjectRequest.deadline(timezone.localdate())
    page = client.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert "ERIKSSON" in body and "Refused" in body and "TST-AIR" in body
    assert "National wanted persons" not in body
    exported = client.get(f"{LIST}{request.pk}/file.json")
    assert exported["Content-Type"] == "application/json"
    assert json.loads(exported.content)["person"]["given_names"] == "ANNA MARIA"
    pdf = client.get(f"{LIST}{request.pk}/file.pdf?lang=ar")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(f"{LIST}{request.pk}/file.pdf?lang=xx").status_code == 400
    assert client.get(f"{LIST}{request.pk}/file.xml").status_code == 404
    assert AuditEvent.objects.filter(action="export", object_id=str(request.pk)).count() == 2
    client.post(f"{LIST}{request.pk}/decide", {"outcome": "granted", "reason": "identity checked"})
    client.post(f"{LIST}{request.pk}/answer", {})
    request.refresh_from_db()
    assert request.status == "answered" and request.answered_in_time is True


def test_overdue_requests_are_flagged(client, anna):
    late = services.receive_request(
        anna.dpo,
        "access",
        services.Lookup(document="UTO:L898902C3"),
        received_on=timezone.localdate() - dt.timedelta(days=40),
    )
    services.receive_request(anna.dpo, "erasure", services.Lookup(document="UTO:L898902C3"))
    _login(client, anna.dpo)
    body = client.get(LIST).content.decode()
    assert "1 request is overdue." in body
    assert body.count('class="overdue"') == 1
    assert late.overdue


def test_unknown_person_is_answered_so(client, personas):
    _login(client, personas.dpo)
    response = _new(client, document="UTO:ZZ0000000")
    request = SubjectRequest.objects.get()
    assert request.traveller is None and request.outcome == "no_such_person"
    page = client.get(response["Location"]).content.decode()
    assert 'id="no-such-person"' in page
    assert AuditEvent.objects.filter(object_id=str(request.pk), action="create").exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"document": "nonsense"}, "document"),
        ({"document": "", "surname": "ERIKSSON", "birth_date": "1974-02-30"}, "birth_date"),
        ({"received_on": "2999-01-01"}, "received_on"),
        ({"kind": "rectification"}, "changes"),
        ({"kind": "rectification", "new_nationality": "QQQ"}, "nationality"),
        ({"details": "a\x00b"}, "details"),
    ],
)
def test_bad_input_is_422_naming_the_field(client, anna, fields, field):
    _login(client, anna.dpo)
    response = _new(client, **fields)
    assert response.status_code == 422
    assert field in response.content.decode()
    assert not SubjectRequest.objects.exists()


def test_rectification_is_carried_out_as_amendments(client, anna):
    traveller = anna.anna
    request = services.receive_request(
        anna.dpo,
        "rectification",
        services.Lookup(document="UTO:L898902C3"),
        changes={
            "secondary_name": "Anna-Maria",
            f"crossing:{anna.admitted.pk}:carrier": "Utopia Air",
        },
    )
    # A post holds the person (it sent them to HQ under its own key).
    node = enrol_node(None, "post-east").node
    HeldTraveller.objects.create(node=node, traveller_id=traveller.pk, remote_id=traveller.pk)
    before = sync_corrections.export(None, node).version
    _login(client, anna.dpo)
    response = client.post(
        f"{LIST}{request.pk}/decide", {"outcome": "granted", "reason": "passport shows a hyphen"}
    )
    assert response.status_code == 302
    traveller.refresh_from_db()
    assert traveller.secondary_name == "ANNA-MARIA"
    amendment = Amendment.objects.get(crossing=anna.admitted)
    assert amendment.changes == {"carrier": ["", "Utopia Air"]}
    assert str(request.pk) in amendment.reason
    # The person's fields went through travellers.corrections: versioned, field-level,
    # and in the dataset HQ serves the posts holding the person (decision 0165).
    correction = TravellerCorrection.objects.get(traveller=traveller)
    assert correction.changes == {"secondary_name": {"base": "ANNA MARIA", "value": "ANNA-MARIA"}}
    assert traveller.version == correction.base_version + 1
    sent = sync_corrections.export(before, node)
    assert sent.data["travellers"] == {str(traveller.pk): {"secondary_name": "ANNA-MARIA"}}
    event = AuditEvent.objects.get(action="correct", object_id=str(traveller.pk))
    assert json.loads(event.data)["before"] == {"secondary_name": "ANNA MARIA"}
    assert str(request.pk) in event.message
    data = json.loads(client.get(f"{LIST}{request.pk}/file.json").content)
    assert data["person"]["given_names"] == "ANNA-MARIA"
    assert data["person"]["amendments"][0]["changes"] == {
        "secondary_name": ["ANNA MARIA", "ANNA-MARIA"]
    }
    assert str(request.pk) in data["person"]["amendments"][0]["reason"]
    assert any(
        e["action"]["code"] == "correct" and str(request.pk) in e["why"] for e in data["audit"]
    )
    assert data["crossings"][1]["amendments"][0]["changes"] == {"carrier": ["", "Utopia Air"]}
    assert data["requests"][0]["outcome"]["code"] == "granted"


def test_erasure_waits_for_legal_holds_then_removes(client, anna):
    request = services.receive_request(
        anna.dpo, "erasure", services.Lookup(document="UTO:L898902C3")
    )
    _login(client, anna.dpo)
    # The pending alert hit and the open secondary inspection hold the records.
    response = client.post(f"{LIST}{request.pk}/decide", {"outcome": "granted", "reason": "asked"})
    assert response.status_code == 422
    assert "alert hit is pending" in response.content.decode()
    assert Traveller.objects.get(pk=anna.anna.pk).primary_name == "ERIKSSON"
    # Another person with no hold: erased.
    other = record(anna, number="Q7654321", surname="MOREAU", given="LEA")
    erase = services.receive_request(anna.dpo, "erasure", services.Lookup(document="UTO:Q7654321"))
    response = client.post(f"{LIST}{erase.pk}/decide", {"outcome": "granted", "reason": "no hold"})
    assert response.status_code == 302
    # Erased as a purge would: the person, the document and the crossing are gone, the
    # audit events about them keep their place without their payload, and the posts
    # receive a deletion.
    assert not Traveller.objects.filter(pk=other.traveller_id).exists()
    assert not TravelDocument.objects.filter(number="Q7654321").exists()
    assert not Crossing.objects.filter(pk=other.pk).exists()
    event = AuditEvent.objects.get(action="person_erased", object_id=str(other.traveller_id))
    assert "MOREAU" not in event.data and "Q7654321" not in event.data
    assert str(erase.pk) in event.data
    assert Deletion.objects.filter(reason="erasure").exists()
    assert audit.verify().ok
    erase.refresh_from_db()
    assert erase.status == "decided" and erase.traveller_id is None


def _flag(anna):
    """A protection record naming Anna, kept out of her file until released."""
    from passage.protection.models import Assessment

    Assessment.objects.create(
        traveller=anna.anna,
        crossing_point=anna.post,
        note="disclosed trafficking risk",
        created_by=anna.officer,
        created_at=timezone.now(),
    )


def test_protection_records_withheld_until_released(client, anna):
    _flag(anna)
    request = services.receive_request(
        anna.dpo, "access", services.Lookup(document="UTO:L898902C3")
    )
    _login(client, anna.dpo)
    data = json.loads(client.get(f"{LIST}{request.pk}/file.json").content)
    assert data["protection"]["status"] == "withheld_pending_release"
    assert data["protection"]["count"] == 1
    assert "trafficking" not in json.dumps(data)
    # The DPO cannot release; the protection officer can, on their page.
    assert client.get("/data-protection/protection-releases/").status_code == 403
    _login(client, anna.protection)
    page = client.get("/data-protection/protection-releases/")
    assert page.status_code == 200 and "ERIKSSON" in page.content.decode()
    response = client.post(
        "/data-protection/protection-releases/",
        {"request": str(request.pk), "released": "yes", "note": "safe to share"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(actor_name="protection", object_id=str(request.pk)).get()
    assert "trafficking" not in event.message + event.data
    _login(client, anna.dpo)
    data = json.loads(client.get(f"{LIST}{request.pk}/file.json").content)
    assert data["protection"]["status"] == "released"
    assert data["protection"]["records"][0]["note"] == "disclosed trafficking risk"


def test_released_protection_indicators_read_in_the_files_language(client, anna):
    from passage.protection.models import Assessment, Indicator

    assessment = Assessment.objects.create(
        traveller=anna.anna,
        crossing_point=anna.post,
        created_by=anna.officer,
        created_at=timezone.now(),
    )
    child, _ = Indicator.objects.get_or_create(
        code="SC-UC", defaults={"category": "child", "label": "Unaccompanied child"}
    )
    own = Indicator.objects.create(code="XL", category="specific_needs", label="Local need")
    assessment.indicators.set([child, own])
    request = services.receive_request(
        anna.dpo, "access", services.Lookup(document="UTO:L898902C3")
    )
    services.release_protection(anna.protection, request, released=True, note="safe to share")
    _login(client, anna.dpo)
    data = json.loads(client.get(f"{LIST}{request.pk}/file.json?lang=ar").content)
    # The shipped label in Arabic; a country's own indicator as loaded; codes kept.
    assert data["protection"]["records"][0]["indicators"] == [
        "SC-UC طفل غير مصحوب",
        "XL Local need",
    ]


def test_a_protected_persons_request_is_not_lost_behind_two_hundred_others(client, anna):
    """The release page took the 200 open access requests due first and kept those naming
    protected persons: past 200 others, a protected person's request never reached the
    protection officer (decision 0223). Filtered by the database, then paged."""
    _flag(anna)
    other = record(anna, number="Q7654321", surname="MOREAU", given="LUC").traveller
    today = timezone.localdate()
    SubjectRequest.objects.bulk_create(
        SubjectRequest(
            kind="access",
            traveller=other,
            received_on=today,
            due_on=today + dt.timedelta(days=1),
            created_by=anna.dpo,
        )
        for _ in range(201)
    )
    services.receive_request(anna.dpo, "access", services.Lookup(document="UTO:L898902C3"))
    _login(client, anna.protection)
    page = client.get("/data-protection/protection-releases/").content.decode()
    assert "ERIKSSON" in page and "MOREAU" not in page
    assert "Nothing awaits your release." not in page
