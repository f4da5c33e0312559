"""Trust anchors imported by administrators (audited, all or nothing), `passage chip trust`,
and `POST /api/v1/documents/chip` answering the report of `passage chip verify`."""

from __future__ import annotations

import base64
import io
import json
from contextlib import nullcontext
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from passage.accounts.models import AuditEvent
from passage.core.chip.specimen import (
    make_crl,
    make_csca,
    make_dg1,
    make_dg2,
    make_document_signer,
    make_master_list,
    make_sod,
)
from passage.core.mrz import make_mrz
from passage.core.problems import ProblemError
from passage.documents.models import TrustAnchor
from passage.documents.services import import_trust

pytestmark = pytest.mark.django_db

MRZ = make_mrz(
    "TD3",
    surname="SPECIMEN",
    given_names="ANNA",
    document_number="UT7654321",
    issuing_state="UTO",
    birth_date="800101",
    sex="F",
    expiry_date="330101",
)


@pytest.fixture(scope="module")
def pki():
    csca = make_csca("UT", "rsa")
    signer = make_document_signer(csca, "p256", serial=11)
    list_signer = make_document_signer(csca, "rsa", common_name="Master List Signer")
    dg1, dg2 = make_dg1(MRZ), make_dg2(b"\xff\xd8\xff\xe0portrait\xff\xd9")
    sod = make_sod({1: dg1, 2: dg2}, signer, signing_time=datetime(2023, 3, 1, tzinfo=UTC))
    return {
        "csca": csca,
        "master_list": make_master_list(
            [csca.certificate, make_csca("XB", "p256").certificate], list_signer
        ),
        "crl": make_crl(csca, [12]),
        "revoking_crl": make_crl(csca, [11], this_update=datetime(2024, 2, 1, tzinfo=UTC)),
        "files": {"EF.SOD": sod, "EF.DG1": dg1, "EF.DG2": dg2},
    }


def test_master_list_import_is_stored_and_audited(pki, personas):
    result = import_trust(personas.administrator, "master-list", pki["master_list"], "ut.ml")
    assert len(result.added) == 2 and result.already == 0
    assert "compare this fingerprint" in result.summary()
    anchors = TrustAnchor.objects.order_by("country")
    assert [(a.kind, a.country) for a in anchors] == [("csca", "UT"), ("csca", "XB")]
    assert all(a.imported_by == personas.administrator for a in anchors)
    event = AuditEvent.objects.filter(object_type="documents.trustanchor").get()
    details = json.loads(event.data)["details"]
    assert event.action == "import" and details["added"] == 2
    assert details["master_list_signer"] == result.master_list.signer_fingerprint
    again = import_trust(personas.administrator, "master-list", pki["master_list"], "ut.ml")
    assert again.added == [] and again.already == 2


def test_tampered_master_list_stores_nothing(pki, personas):
    data = bytearray(pki["master_list"])
    data[len(data) // 2] ^= 0x01
    with pytest.raises(ProblemError) as error:
        import_trust(personas.administrator, "master-list", bytes(data), "bad.ml")
    assert set(error.value.problems) == {"file"}
    assert "bad.ml" in error.value.problems["file"]
    assert not TrustAnchor.objects.exists()
    assert not AuditEvent.objects.filter(object_type="documents.trustanchor").exists()


def test_crl_needs_a_trusted_csca(pki, personas):
    with pytest.raises(ProblemError, match="no trusted CSCA"):
        import_trust(personas.administrator, "crl", pki["crl"], "ut.crl")
    import_trust(personas.administrator, "csca", pki["csca"].certificate, "ut.der")
    result = import_trust(personas.administrator, "crl", pki["crl"], "ut.crl")
    assert len(result.added) == 1
    assert TrustAnchor.objects.filter(kind="crl").get().valid_until is not None


def test_trust_commands(pki, tmp_path):
    path = tmp_path / "ut.ml"
    path.write_bytes(pki["master_list"])
    out = io.StringIO()
    call_command("chip", "trust", "import", "master-list", str(path), stdout=out)
    assert "2 added" in out.getvalue() and "SHA-256" in out.getvalue()
    out = io.StringIO()
    call_command("chip", "trust", "list", "--country", "ut", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 and "CN=CSCA UT" in lines[0] and "2034-12-28  valid" in lines[0]
    out = io.StringIO()
    call_command("chip", "trust", "status", stdout=out)
    assert out.getvalue().startswith("2 CSCAs of 2 states (0 expired")
    assert (
        AuditEvent.objects.filter(action="import", object_type="documents.trustanchor").count() == 1
    )


@pytest.fixture
def chip_api(client, personas, token_for):
    def call(body, user=personas.officer):
        headers = {"HTTP_AUTHORIZATION": token_for(user)} if user else {}
        return client.post(
            "/api/v1/documents/chip", body, content_type="application/json", **headers
        )

    return call


def _body(files, printed=MRZ):
    encoded = {name: base64.b64encode(data).decode() for name, data in files.items()}
    return {"files": encoded, "printed_mrz": printed}


def test_api_verifies_against_the_imported_anchors(pki, personas, chip_api):
    assert chip_api(_body(pki["files"])).json()["verdict"] == "cannot_tell"  # nothing trusted
    import_trust(personas.administrator, "master-list", pki["master_list"], "ut.ml")
    import_trust(personas.administrator, "crl", pki["crl"], "ut.crl")
    response = chip_api(_body(pki["files"]))
    assert response.status_code == 200, response.json()
    report = response.json()
    assert report["verdict"] == "passed"
    assert report["csca"] == "C=UT, O=Specimen UT, OU=Country Signing CA, CN=CSCA UT"
    import_trust(personas.administrator, "crl", pki["revoking_crl"], "newer.crl")
    report = chip_api(_body(pki["files"])).json()
    assert report["verdict"] == "failed"
    assert report["checks"][4]["status"] == "failed"


def test_api_names_the_bad_file(pki, chip_api):
    files = dict(pki["files"])
    files["EF.DG1"] = b"\x61\x05\x5f\x1f"
    response = chip_api(_body(files))
    assert response.status_code == 422
    assert "files.EF.DG1" in response.json()["detail"]
    body = _body(pki["files"])
    body["files"]["EF.DG2"] = "not base64!"
    response = chip_api(body)
    assert response.status_code == 422
    assert response.json()["detail"] == {"files.EF.DG2": "not base64"}
    body = _body(pki["files"])
    body["files"]["EF.DG3"] = "A" * 1_400_004
    assert chip_api(body).status_code == 422


def test_api_needs_a_token(pki, chip_api):
    assert chip_api(_body(pki["files"]), user=None).status_code == 401


def test_anchors_travel_to_posts_through_the_sync_dataset(pki, personas):
    """HQ exports every anchor; a post lacking them adds them, read again from their bytes."""
    from passage.sync.registry import dataset

    import_trust(personas.administrator, "master-list", pki["master_list"], "ut.ml")
    import_trust(personas.administrator, "crl", pki["crl"], "ut.crl")
    chip_trust = dataset("chip_trust")
    export = chip_trust.export(None)
    assert export.mode == "full" and export.rows == 3
    assert chip_trust.export(export.version).mode == "current"
    held = {a.fingerprint: a.kind for a in TrustAnchor.objects.all()}
    TrustAnchor.objects.all().delete()  # a post that holds none of them
    assert chip_trust.apply(None, export) == 3
    assert {a.fingerprint: a.kind for a in TrustAnchor.objects.all()} == held
    assert chip_trust.apply(None, export) == 0
    export.data[0]["der"] = base64.b64encode(b"\x30\x00").decode()
    TrustAnchor.objects.filter(fingerprint=export.data[0]["fingerprint"]).delete()
    with pytest.raises(ProblemError, match=r"chip_trust\.1"):
        chip_trust.apply(None, export)


def test_demo_pki_and_chips(tmp_path, capsys):
    """The demo's chips give each verdict they are named for, against the imported anchors."""
    from passage.documents.demo import load_demo_chips

    lines = load_demo_chips(tmp_path)
    assert len(lines) == 3 and "compare this fingerprint" in lines[0]
    assert load_demo_chips(tmp_path) == ["chip PKI: Utopia's CSCA already trusted"]
    expected = {
        "genuine": ("passed", set()),
        "revoked-signer": ("failed", {"revocation"}),
        "altered-dg1": ("failed", {"data_group_hashes"}),
        "other-printed-mrz": ("failed", {"printed_mrz"}),
    }
    for name, (verdict, failing) in expected.items():
        with pytest.raises(SystemExit) if verdict != "passed" else nullcontext():
            call_command("chip", "verify", str(tmp_path / name), "--trusted")
        report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
        assert report["verdict"] == verdict, (name, report)
        assert {c["name"] for c in report["checks"] if c["ok"] is False} == failing
