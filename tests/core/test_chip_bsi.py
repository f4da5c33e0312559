"""The BSI TR-03105-5 reference chip (EF.SOD signed with RSASSA-PSS and SHA-256, with its
DG1 and DG14): a security object Passage did not make. Its CSCA is not published with it,
so the chain, and with it the verdict, is "cannot tell"."""

from __future__ import annotations

from pathlib import Path

import pytest

from passage.core.chip import TrustStore, read_dg1, read_files, verify_chip

DATA = Path(__file__).parent.parent / "data" / "chip" / "bsi-tr-03105-5"
PRINTED = (
    "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\nC11T002JM4D<<9608122F2310314<<<<<<<<<<<<<<<4"
)


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return {
        name: bytes.fromhex((DATA / f"{name.replace('.', '_')}.hex").read_text())
        for name in ("EF.SOD", "EF.DG1", "EF.DG14")
    }


def test_security_object_is_read(files):
    sod, groups = read_files(files)
    assert sod.hash_algorithm == "sha256"
    assert sorted(sod.hashes) == [1, 2, 3, 4, 14]
    assert sod.hashes[1].hex().upper().startswith("4170CA87")
    assert sod.signer.digest_algorithm == "sha256"
    assert sod.signer.signature_algorithm.signature_algo == "rsassa_pss"
    assert sod.signer.signing_time is None
    assert [c.subject for c in sod.certificates] == [
        "C=DE, O=HJP Consulting, OU=Document Signer, CN=HJP PB DS"
    ]
    assert sorted(groups) == [1, 14]


def test_mrz_of_dg1(files):
    assert read_dg1(files["EF.DG1"]) == PRINTED.replace("\n", "")


def test_passive_authentication_as_far_as_it_can_go(files):
    sod, groups = read_files(files)
    report = verify_chip(sod, groups, TrustStore(), printed_mrz=PRINTED)
    assert {c.name: c.status for c in report.checks} == {
        "data_group_hashes": "ok",
        "signed_attributes": "ok",
        "signature": "ok",
        "certificate_chain": "cannot_tell",
        "revocation": "cannot_tell",
        "printed_mrz": "ok",
    }
    assert report.verdict == "cannot_tell"
    assert report.check("signature").detail == (
        "RSA-PSS with sha256, MGF1-sha256, salt 32, RSA-2048"
    )
    assert report.check("data_group_hashes").detail == "sha256 of DG1, DG14 match"
    assert report.issuing_state == "D"
    assert report.document_number == "C11T002JM"


def test_altered_reference_dg14_fails(files):
    changed = dict(files)
    dg14 = bytearray(files["EF.DG14"])
    dg14[-1] ^= 0x01
    changed["EF.DG14"] = bytes(dg14)
    sod, groups = read_files(changed)
    report = verify_chip(sod, groups, TrustStore(), printed_mrz=PRINTED)
    assert report.verdict == "failed"
    assert report.check("data_group_hashes").detail == (
        "sha256 differs from the security object's: DG14"
    )
