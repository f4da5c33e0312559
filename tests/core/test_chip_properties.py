"""Arbitrary bytes in any file give a ChipError naming the file, never another exception.

Hypothesis feeds random bytes, and truncations and single-byte changes of genuine files,
to every reader of ``passage.core.chip`` and to a full verification."""

from __future__ import annotations

from functools import cache

from chip_pki import DG1, DG2, MRZ, PKI, chip
from hypothesis import given, settings
from hypothesis import strategies as st

from passage.core.chip import (
    ChipError,
    TrustStore,
    read_certificate,
    read_crl,
    read_data_group,
    read_dg1,
    read_files,
    read_portrait,
    read_sod,
    verify_chip,
)
from passage.core.chip.specimen import make_crl, make_document_signer, make_master_list


@cache
def genuine() -> dict[str, bytes]:
    pki = PKI()
    files = chip(pki.signer("brainpool256", explicit=True))
    signer = make_document_signer(pki.csca, "rsa", common_name="Master List Signer")
    files["master list"] = make_master_list([pki.csca.certificate], signer)
    files["CSCA"] = pki.ec_csca.certificate  # the issuer of the brainpool signer
    files["CRL"] = make_crl(pki.ec_csca, [3])
    return files


READERS = {
    "EF.SOD": read_sod,
    "EF.DG1": read_dg1,
    "EF.DG2": read_portrait,
    "CSCA": lambda data: read_certificate(data, "CSCA"),
    "CRL": lambda data: read_crl(data, "CRL"),
    "master list": lambda data: TrustStore().add_master_list(data),
}


def _only_chip_errors(name: str, data: bytes) -> None:
    try:
        READERS[name](data)
    except ChipError as error:
        assert error.source
        assert str(error).startswith(error.source)


@settings(max_examples=300)
@given(name=st.sampled_from(sorted(READERS)), data=st.binary(max_size=600))
def test_random_bytes(name, data):
    _only_chip_errors(name, data)


@settings(max_examples=300)
@given(name=st.sampled_from(sorted(READERS)), data=st.data())
def test_damaged_genuine_files(name, data):
    """A prefix of a genuine file, or the file with one byte changed."""
    original = genuine()[name]
    if data.draw(st.booleans()):
        damaged = original[: data.draw(st.integers(0, len(original) - 1))]
    else:
        at = data.draw(st.integers(0, len(original) - 1))
        damaged = original[:at] + bytes([data.draw(st.integers(0, 255))]) + original[at + 1 :]
    _only_chip_errors(name, damaged)


@settings(max_examples=200)
@given(number=st.integers(1, 16), data=st.binary(max_size=200))
def test_any_data_group(number, data):
    try:
        group = read_data_group(number, data)
    except ChipError as error:
        assert error.source == f"EF.DG{number}"
    else:
        assert group.raw == data


@settings(max_examples=200)
@given(at=st.integers(0, 10_000), value=st.integers(1, 255), part=st.sampled_from(["lds", "sig"]))
def test_a_changed_signed_byte_never_passes(at, value, part):
    """Any byte of the signed security object, or of the signature, changed: EF.SOD cannot
    be read, or the verdict is not "passed" (ICAO 9303-11 §5.1: the hash chain holds)."""
    files = dict(genuine())
    sod = files["EF.SOD"]
    parsed, _groups = read_files({k: files[k] for k in ("EF.SOD", "EF.DG1", "EF.DG2")})
    region = parsed.content if part == "lds" else parsed.signer.signature
    start = sod.index(region)
    at = start + at % len(region)
    files["EF.SOD"] = sod[:at] + bytes([sod[at] ^ value]) + sod[at + 1 :]
    trust = TrustStore()
    trust.add_certificate(genuine()["CSCA"])
    trust.add_crl(genuine()["CRL"])
    try:
        changed, groups = read_files({k: files[k] for k in ("EF.SOD", "EF.DG1", "EF.DG2")})
    except ChipError:
        return
    report = verify_chip(changed, groups, trust, printed_mrz=MRZ)
    assert report.verdict == "failed"


def test_the_genuine_chip_passes():
    files = genuine()
    trust = TrustStore()
    trust.add_certificate(files["CSCA"])
    trust.add_crl(files["CRL"])
    parsed, groups = read_files({k: files[k] for k in ("EF.SOD", "EF.DG1", "EF.DG2")})
    assert verify_chip(parsed, groups, trust, printed_mrz=MRZ).verdict == "passed"


def test_genuine_files_read():
    files = genuine()
    assert read_dg1(DG1) == "".join(MRZ.split())
    assert read_portrait(DG2).media_type == "image/jpeg"
    assert read_files({k: files[k] for k in ("EF.SOD", "EF.DG1", "EF.DG2")})[0].hashes
