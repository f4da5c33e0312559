"""`passage chip verify DIR`: one JSON object; exit 0 passed, 1 failed or cannot tell,
2 bad input (naming the file)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

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


def passage(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "passage.site.cli", *args],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def dump(tmp_path_factory) -> dict[str, Path]:
    """A Utopian chip signed with brainpoolP256r1 (explicit parameters), its master list
    and a CRL revoking another signer."""
    root = tmp_path_factory.mktemp("chip")
    csca = make_csca("UT", "rsa")
    signer = make_document_signer(csca, "brainpool256", explicit=True, serial=11)
    dg1, dg2 = make_dg1(MRZ), make_dg2(b"\xff\xd8\xff\xe0portrait\xff\xd9")
    chip = root / "chip"
    chip.mkdir()
    (chip / "EF.SOD").write_bytes(
        make_sod({1: dg1, 2: dg2}, signer, signing_time=datetime(2023, 3, 1, tzinfo=UTC))
    )
    (chip / "EF.DG1").write_bytes(dg1)
    (chip / "EF.DG2").write_bytes(dg2)
    (chip / "printed_mrz.txt").write_text(MRZ + "\n")
    list_signer = make_document_signer(csca, "rsa", common_name="Master List Signer")
    (root / "ut.ml").write_bytes(make_master_list([csca.certificate], list_signer))
    (root / "ut.crl").write_bytes(make_crl(csca, [12]))
    (root / "revoking.crl").write_bytes(make_crl(csca, [11]))
    return {"chip": chip, "ml": root / "ut.ml", "crl": root / "ut.crl", "root": root}


def test_a_genuine_chip_passes(dump):
    result = passage(
        "chip",
        "verify",
        str(dump["chip"]),
        "--master-list",
        str(dump["ml"]),
        "--crl",
        str(dump["crl"]),
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["verdict"] == "passed"
    assert [c["name"] for c in report["checks"]] == [
        "data_group_hashes",
        "signed_attributes",
        "signature",
        "certificate_chain",
        "revocation",
        "printed_mrz",
    ]
    assert all(c["ok"] is True for c in report["checks"])
    assert report["issuing_state"] == "UTO"
    assert report["signer"] == "C=UT, O=Specimen UT, OU=Document Signer, CN=Document Signer"
    assert "SHA-256" in result.stderr  # the master list signer's fingerprint, to compare


def test_a_revoked_signer_fails_with_exit_1(dump):
    result = passage(
        "chip",
        "verify",
        str(dump["chip"]),
        "--master-list",
        str(dump["ml"]),
        "--crl",
        str(dump["root"] / "revoking.crl"),
    )
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["verdict"] == "failed"
    assert report["checks"][4] == {
        "name": "revocation",
        "ok": False,
        "status": "failed",
        "detail": "the document signer was revoked on 2023-12-31 (CRL of 2024-01-01)",
    }


def test_without_trust_anchors_it_cannot_tell(dump):
    result = passage("chip", "verify", str(dump["chip"]))
    assert result.returncode == 1
    assert json.loads(result.stdout)["verdict"] == "cannot_tell"


def test_bad_input_exits_2_naming_the_file(dump, tmp_path):
    (tmp_path / "EF.SOD").write_bytes(b"\x77\x03abc")
    (tmp_path / "EF.DG1").write_bytes((dump["chip"] / "EF.DG1").read_bytes())
    result = passage("chip", "verify", str(tmp_path))
    assert result.returncode == 2
    assert "EF.SOD" in result.stderr
    assert result.stdout == ""


def test_a_tampered_master_list_exits_2(dump, tmp_path):
    data = bytearray(dump["ml"].read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = tmp_path / "tampered.ml"
    tampered.write_bytes(bytes(data))
    result = passage("chip", "verify", str(dump["chip"]), "--master-list", str(tampered))
    assert result.returncode == 2
    assert "tampered.ml" in result.stderr
