"""The document's date of issue at the counter and the API (issue #20, decision 0163):
optional, never impossible, kept with the document, filled in once when first given."""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.core.chip.specimen import (
    _tlv,
    make_crl,
    make_csca,
    make_dg1,
    make_dg12,
    make_document_signer,
    make_master_list,
    make_sod,
)
from passage.core.mrz import make_mrz
from passage.crossings.models import Crossing
from passage.documents.services import import_trust
from passage.reference.services import load_refusal_grounds
from passage.travellers.models import TravelDocument, Traveller

from .helpers import counter_post, passport

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    """Today, read when a test runs: a date read at import is a day behind the app's when
    the suite runs across midnight."""
    return timezone.localdate()


def _expiry() -> dt.date:
    """helpers.passport()'s expiry, read when a test runs."""
    return _today() + dt.timedelta(days=900)


def _issued() -> dt.date:
    """The issue date ten years before the expiry."""
    return _expiry() - dt.timedelta(days=3652)


@pytest.fixture
def counter(client, personas):
    load_refusal_grounds(None)
    client.force_login(personas.officer)
    return client


def test_the_counter_stores_the_issue_date_typed_from_the_data_page(counter):
    response = counter_post(counter, passport(), issue_date=_issued().isoformat())
    assert response.status_code == 302, response.context["form"].errors
    crossing = Crossing.objects.get()
    assert crossing.document.issue_date == _issued()
    page = counter.get(f"/travellers/{crossing.traveller_id}/").content.decode()
    assert f'Date of issue <span dir="ltr">{_issued().isoformat()}</span>' in page


def test_the_issue_date_is_optional(counter):
    response = counter_post(counter, passport(), issue_date="")
    assert response.status_code == 302, response.context["form"].errors
    assert Crossing.objects.get().document.issue_date is None


@pytest.mark.parametrize(
    ("issued", "message"),
    [
        ("2019-02-30", "give dates as YYYY-MM-DD"),
        ("12/03/2019", "give dates as YYYY-MM-DD"),
        ((_today() + dt.timedelta(days=1)).isoformat(), "in the future"),
        ("1949-12-31", "impossible issue date"),
    ],
)
def test_an_impossible_issue_date_is_refused_on_its_field_and_nothing_stored(
    counter, issued, message
):
    response = counter_post(counter, passport(), issue_date=issued)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["issue_date"])
    assert not Crossing.objects.exists() and not Traveller.objects.exists()


def test_an_issue_date_on_or_after_the_expiry_is_refused(counter):
    expired = passport(expiry_date=_today() - dt.timedelta(days=30))
    response = counter_post(
        counter,
        expired,
        direction="exit",
        issue_date=(_today() - dt.timedelta(days=30)).isoformat(),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["issue_date"] == ["issued on or after its expiry date"]
    assert not Crossing.objects.exists()


def test_the_counter_page_offers_the_field_as_a_text_date_after_the_expiry(counter):
    html = counter.get("/posts/TST-AIR/counter/").content.decode()
    field = html[html.index('name="issue_date"') - 200 : html.index('name="issue_date"') + 200]
    assert 'placeholder="YYYY-MM-DD"' in field and 'dir="ltr"' in field
    assert html.index('name="expiry_date"') < html.index('name="issue_date"')
    assert html.index('name="issue_date"') < html.index('name="primary_name"')


def test_a_recognised_document_without_one_takes_the_issue_date_audited(counter):
    counter_post(counter, passport())
    document = TravelDocument.objects.get()
    assert document.issue_date is None
    response = counter_post(counter, passport(), direction="exit", issue_date=_issued().isoformat())
    assert response.status_code == 302, response.context["form"].errors
    document.refresh_from_db()
    assert document.issue_date == _issued()
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=str(document.pk))
    data = json.loads(event.data)
    assert data["before"]["issue_date"] is None
    assert data["after"]["issue_date"] == _issued().isoformat()
    # Shown again when the document is read next time: not typed twice.
    read = counter.post("/posts/TST-AIR/counter/", {"mrz": passport(), "action": "read"})
    assert read.context["form"].initial["issue_date"] == _issued().isoformat()


def test_a_recognised_document_keeps_its_recorded_issue_date_and_says_so(counter):
    counter_post(counter, passport(), issue_date=_issued().isoformat())
    other = _issued() + dt.timedelta(days=3)
    response = counter_post(counter, passport(), direction="exit", issue_date=other.isoformat())
    assert response.status_code == 302, response.context["form"].errors
    assert TravelDocument.objects.get().issue_date == _issued()
    assert Crossing.objects.count() == 2
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    # Each date isolated left to right (decision 0255).
    assert (
        f'recorded as issued on <bdi dir="ltr">{_issued().isoformat()}</bdi>, '
        f'not <bdi dir="ltr">{other.isoformat()}</bdi>'
    ) in shown
    assert not AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="travellers.traveldocument"
    ).exists()


def _body(**person) -> dict:
    return {
        "crossing_point": "TST-AIR",
        "direction": "entry",
        "submission_key": str(uuid.uuid4()),
        "mrz": passport(),
        "person": person,
    }


def test_the_api_stores_the_issue_date(api):
    response = api(_body(issue_date=_issued().isoformat()))
    assert response.status_code == 201, response.json()
    assert Crossing.objects.get().document.issue_date == _issued()


@pytest.mark.parametrize(
    ("issued", "message"),
    [
        ((_today() + dt.timedelta(days=1)).isoformat(), "in the future"),
        (_expiry().replace(year=1900).isoformat(), "impossible issue date"),
    ],
)
def test_the_api_refuses_an_impossible_issue_date_naming_it(api, issued, message):
    response = api(_body(issue_date=issued))
    assert response.status_code == 422
    assert response.json()["detail"] == {"issue_date": message}
    assert not Crossing.objects.exists() and not TravelDocument.objects.exists()


def test_the_api_refuses_an_issue_date_after_the_expiry(api):
    body = _body(issue_date="2020-06-02", expiry_date="2020-06-01")
    body["mrz"] = ""
    body["direction"] = "exit"
    body["person"].update(
        primary_name="OKAFOR", nationality="NGA", issuing_state="NGA", number="K4455667"
    )
    response = api(body)
    assert response.status_code == 422
    assert response.json()["detail"] == {"issue_date": "issued on or after its expiry date"}


def test_the_api_refuses_an_issue_date_after_the_recorded_documents_expiry(api):
    """Fields without an expiry meeting a recorded document: its expiry is the bound, and
    nothing is half-written."""
    assert api(_body()).status_code == 201
    expired = _today() - dt.timedelta(days=30)
    TravelDocument.objects.update(expiry_date=expired)
    body = _body(
        primary_name="OKAFOR",
        nationality="NGA",
        issuing_state="NGA",
        number="K4455667",
        issue_date=(expired + dt.timedelta(days=1)).isoformat(),
    )
    body.update(mrz="", direction="exit")
    response = api(body)
    assert response.status_code == 422, response.json()
    assert response.json()["detail"] == {"issue_date": "issued on or after its expiry date"}
    assert TravelDocument.objects.get().issue_date is None and Crossing.objects.count() == 1


def test_the_api_refuses_a_date_that_is_not_one_naming_issue_date(api):
    response = api(_body(issue_date="2019-02-30"))
    assert response.status_code == 422
    assert any(p["loc"][-1] == "issue_date" for p in response.json()["detail"])
    assert not Crossing.objects.exists()


@pytest.mark.parametrize(
    ("language", "label", "problem", "recorded"),
    [
        ("ar", "تاريخ الإصدار", "صادرة في تاريخ انتهاء صلاحيتها أو بعده", "مسجَّلة على أنها صادرة"),
        ("fr", "Date de délivrance", "délivré le jour de son expiration ou après", "délivré le"),
    ],
)
def test_the_field_its_refusal_and_the_warning_read_in_the_page_language(
    counter, language, label, problem, recorded
):
    counter.cookies["django_language"] = language
    expired = passport(expiry_date=_today() - dt.timedelta(days=30))
    response = counter_post(
        counter, expired, direction="exit", issue_date=(_today() - dt.timedelta(days=9)).isoformat()
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert label in html and problem in html and "expiry date" not in html
    counter_post(counter, passport(), issue_date=_issued().isoformat())
    response = counter_post(
        counter,
        passport(),
        direction="exit",
        issue_date=(_issued() + dt.timedelta(days=1)).isoformat(),
    )
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert recorded in shown and "recorded as issued" not in shown


CHIP_ISSUED = dt.date(2022, 4, 19)
CHIP_MRZ = make_mrz(
    "TD3",
    surname="SPECIMEN",
    given_names="ANNA",
    document_number="UT7654321",
    issuing_state="UTO",
    birth_date=dt.date(1980, 1, 1),
    sex="F",
    expiry_date=_expiry(),
)


@pytest.fixture(scope="module")
def chip_pki():
    csca = make_csca("UT", "rsa")
    signer = make_document_signer(csca, "p256", serial=11)
    list_signer = make_document_signer(csca, "rsa", common_name="Master List Signer")
    dg1, dg12 = make_dg1(CHIP_MRZ), make_dg12(CHIP_ISSUED)
    sod = make_sod({1: dg1, 12: dg12}, signer)
    return {
        "master_list": make_master_list([csca.certificate], list_signer),
        "crl": make_crl(csca, []),
        "files": {"EF.SOD": sod, "EF.DG1": dg1, "EF.DG12": dg12},
    }


def _trust(personas, pki) -> None:
    import_trust(personas.administrator, "master-list", pki["master_list"], "ut.ml")
    import_trust(personas.administrator, "crl", pki["crl"], "ut.crl")


def _chip_body(files: dict[str, bytes], **person) -> dict:
    body = _body(**person)
    body["mrz"] = CHIP_MRZ
    body["chip"] = {"files": {n: base64.b64encode(d).decode() for n, d in files.items()}}
    return body


def test_a_chip_that_passed_gives_the_date_of_issue_from_its_dg12(api, chip_pki, personas):
    _trust(personas, chip_pki)
    response = api(_chip_body(chip_pki["files"]))
    assert response.status_code == 201, response.json()
    crossing = Crossing.objects.get()
    assert crossing.chip_verdict == "passed"
    assert crossing.document.issue_date == CHIP_ISSUED
    assert crossing.chip_report["issue_date"] == CHIP_ISSUED.isoformat()


def test_a_dg12_that_cannot_be_read_keeps_the_verdict_and_says_why(api, personas):
    """A passed chip whose DG12 date is not a date: the date is not guessed, and the
    stored report says why it was not used (the error is not dropped)."""
    csca = make_csca("UT", "rsa")
    signer = make_document_signer(csca, "p256", serial=12)
    list_signer = make_document_signer(csca, "rsa", common_name="Master List Signer")
    dg1 = make_dg1(CHIP_MRZ)
    dg12 = _tlv(0x6C, _tlv(0x5C, b"\x5f\x26") + _tlv(0x5F26, b"20190230"))
    _trust(
        personas,
        {
            "master_list": make_master_list([csca.certificate], list_signer),
            "crl": make_crl(csca, []),
        },
    )
    files = {"EF.SOD": make_sod({1: dg1, 12: dg12}, signer), "EF.DG1": dg1, "EF.DG12": dg12}
    response = api(_chip_body(files))
    assert response.status_code == 201, response.json()
    crossing = Crossing.objects.get()
    assert crossing.chip_verdict == "passed" and crossing.document.issue_date is None
    assert "issue_date" not in crossing.chip_report
    assert crossing.chip_report["issue_date_problem"].startswith("EF.DG12: ")


def test_a_chip_that_cannot_be_told_gives_no_date_of_issue(api, chip_pki):
    response = api(_chip_body(chip_pki["files"]))  # Utopia's CSCA not trusted here
    assert response.status_code == 201, response.json()
    crossing = Crossing.objects.get()
    assert crossing.chip_verdict == "cannot_tell"
    assert crossing.document.issue_date is None and "issue_date" not in crossing.chip_report


def test_the_counter_fills_the_date_of_issue_from_the_chip(counter, chip_pki, personas):
    _trust(personas, chip_pki)
    uploads = [SimpleUploadedFile(n, d) for n, d in chip_pki["files"].items()]
    response = counter.post(
        "/posts/TST-AIR/counter/", {"mrz": CHIP_MRZ, "action": "read", "chip": uploads}
    )
    assert response.context["form"].initial["issue_date"] == CHIP_ISSUED.isoformat()
    token = response.context["chip_token"]
    response = counter_post(counter, CHIP_MRZ, chip_token=token)
    assert response.status_code == 302, response.context["form"].errors
    assert Crossing.objects.get().document.issue_date == CHIP_ISSUED
