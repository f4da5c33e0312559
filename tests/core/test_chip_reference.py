"""Reference chips Passage did not make: the BSI TR-03105-5 reference data set and the ETSI
TR 103 200 prototype platform (each EF.SOD signed with RSASSA-PSS and SHA-256, with its DG1
and DG14). Their CSCAs are not published with them, so the chain, and with it the
verdict, is "cannot tell"; everything else verifies, and each DG1 fails the other's SOD."""

from __future__ import annotations

from pathlib import Path

import pytest

from passage.core.chip import TrustStore, read_dg1, read_files, verify_chip

DATA = Path(__file__).parent.parent / "data" / "chip"
SETS = {
    "bsi-tr-03105-5": {
        "signer": "C=DE, O=HJP Consulting, OU=Document Signer, CN=HJP PB DS",
        "printed": "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\n"
        "C11T002JM4D<<9608122F2310314<<<<<<<<<<<<<<<4",
        "hashes": [1, 2, 3, 4, 14],
        "dg1_hash": "4170CA87",
    },
    "etsi-tr-103200": {
        "signer": "C=DE, O=ETSI, OU=Document Signer, CN=ETSI DS",
        "printed": "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\n"
        "C11T002JM4D<<9608122F1310317<<<<<<<<<<<<<<<6",
        "hashes": [1, 2, 3, 4, 14, 15],
        "dg1_hash": "51B6FC0E",
    },
}


def load(name: str) -> dict[str, bytes]:
    return {
        file: bytes.fromhex((DATA / name / f"{file.replace('.', '_')}.hex").read_text())
        for file in ("EF.SOD", "EF.DG1", "EF.DG14")
    }


@pytest.mark.parametrize("name", sorted(SETS))
def test_security_object_is_read(name):
    expected = SETS[name]
    sod, groups = read_files(load(name))
    assert sod.hash_algorithm == "sha256"
    assert sorted(sod.hashes) == expected["hashes"]
    assert sod.hashes[1].hex().upper().startswith(expected["dg1_hash"])
    assert sod.signer.digest_algorithm == "sha256"
    assert sod.signer.signature_algorithm.signature_algo == "rsassa_pss"
    assert sod.signer.signing_time is None
    assert [c.subject for c in sod.certificates] == [expected["signer"]]
    assert sorted(groups) == [1, 14]


@pytest.mark.parametrize("name", sorted(SETS))
def test_mrz_of_dg1(name):
    assert read_dg1(load(name)["EF.DG1"]) == SETS[name]["printed"].replace("\n", "")


@pytest.mark.parametrize("name", sorted(SETS))
def test_passive_authentication_as_far_as_it_can_go(name):
    sod, groups = read_files(load(name))
    report = verify_chip(sod, groups, TrustStore(), printed_mrz=SETS[name]["printed"])
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
    assert report.signer == SETS[name]["signer"]


def test_each_dg1_fails_the_other_security_object():
    """The two DG1s differ in the date of expiry only: a swapped DG1 fails the hash, and
    its MRZ no longer equals the printed one."""
    bsi, etsi = load("bsi-tr-03105-5"), load("etsi-tr-103200")
    for files, other, printed in (
        (bsi, etsi, SETS["bsi-tr-03105-5"]["printed"]),
        (etsi, bsi, SETS["etsi-tr-103200"]["printed"]),
    ):
        sod, groups = read_files({**files, "EF.DG1": other["EF.DG1"]})
        report = verify_chip(sod, groups, TrustStore(), printed_mrz=printed)
        assert report.verdict == "failed"
        assert report.check("data_group_hashes").detail == (
            "sha256 differs from the security object's: DG1"
        )
        assert report.check("printed_mrz").detail == "differs from the printed MRZ: expiry_date"
        assert report.check("signature").status == "ok"


def test_altered_reference_dg14_fails():
    changed = load("bsi-tr-03105-5")
    dg14 = bytearray(changed["EF.DG14"])
    dg14[-1] ^= 0x01
    changed["EF.DG14"] = bytes(dg14)
    sod, groups = read_files(changed)
    report = verify_chip(sod, groups, TrustStore(), printed_mrz=SETS["bsi-tr-03105-5"]["printed"])
    assert report.verdict == "failed"
    assert report.check("data_group_hashes").detail == (
        "sha256 differs from the security object's: DG14"
    )
