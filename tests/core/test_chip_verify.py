"""Passive authentication (ICAO 9303-11 §5.1) on a generated PKI: every algorithm passes,
every failure mode fails or is "cannot tell", never "passed"."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from asn1crypto import algos, cms, x509
from chip_pki import DG1, DG2, MRZ, PKI, PORTRAIT, SIGNED, chip
from cryptography import x509 as cx509

from passage.core.chip import (
    ChipError,
    TrustStore,
    read_files,
    read_portrait,
    verify_chip,
)
from passage.core.chip.keys import PublicKey, verify_signature
from passage.core.chip.specimen import (
    make_crl,
    make_csca,
    make_dg1,
    make_document_signer,
    make_sod,
)
from passage.core.mrz import make_mrz


@pytest.fixture(scope="module")
def pki() -> PKI:
    return PKI()


@pytest.fixture(scope="module")
def trust(pki: PKI) -> TrustStore:
    store = TrustStore()
    store.add_certificate(pki.csca.certificate)
    store.add_certificate(pki.ec_csca.certificate)
    store.add_crl(make_crl(pki.csca, [9999]))
    store.add_crl(make_crl(pki.ec_csca))
    return store


def verify(files: dict[str, bytes], trust: TrustStore, printed: str | None = MRZ):
    sod, groups = read_files(files)
    return verify_chip(sod, groups, trust, printed_mrz=printed)


def statuses(report) -> dict[str, str]:
    return {c.name: c.status for c in report.checks}


@pytest.mark.parametrize(
    ("scheme", "explicit", "signature"),
    [
        ("rsa", False, "RSA PKCS#1 v1.5 with sha256, RSA-2048"),
        ("rsa-pss", False, "RSA-PSS with sha256, MGF1-sha256, salt 32, RSA-2048"),
        ("p256", False, "ECDSA with sha256 on secp256r1"),
        ("p256", True, "ECDSA with sha256 on secp256r1"),
        ("brainpool256", True, "ECDSA with sha256 on brainpoolP256r1"),
        ("brainpool384", True, "ECDSA with sha256 on brainpoolP384r1"),
        ("brainpool512", True, "ECDSA with sha256 on brainpoolP512r1"),
    ],
)
def test_every_algorithm_passes(pki, trust, scheme, explicit, signature):
    """9303-12 §4: RSA PKCS#1 v1.5, RSA-PSS and ECDSA, EC keys with explicit parameters
    (signed by a brainpoolP384r1 CSCA whose own key is explicit too)."""
    report = verify(chip(pki.signer(scheme, explicit=explicit)), trust)
    assert report.verdict == "passed", report.to_dict()
    assert report.check("signature").detail == signature
    assert report.issuing_state == "UTO"
    assert report.document_number == "UT1234567"
    assert report.signed_at == SIGNED
    assert "Document Signer" in report.signer
    assert report.csca is not None


@pytest.mark.parametrize("hash_name", ["sha1", "sha224", "sha256", "sha384", "sha512"])
def test_every_hash_algorithm(pki, trust, hash_name):
    """ICAO 9303-12 §4.4: the data group hashes may be SHA-1, SHA-224, -256, -384, -512."""
    report = verify(chip(pki.signer("rsa"), hash_name=hash_name), trust)
    assert report.verdict == "passed"
    assert report.check("data_group_hashes").detail.startswith(f"{hash_name} of DG1, DG2")


def test_explicit_parameters_are_what_the_certificate_carries(pki):
    """The document signer's SubjectPublicKeyInfo really holds SpecifiedECDomain.
    `cryptography` before 51 refused it for brainpool curves; from 51 it reads it as the
    named curve. Passage compares the parameters itself (``chip.curves``), whichever."""
    der = pki.signer("brainpool256", explicit=True).certificate
    info = x509.Certificate.load(der)["tbs_certificate"]["subject_public_key_info"]
    assert info["algorithm"]["parameters"].name == "specified"
    try:
        key = cx509.load_der_x509_certificate(der).public_key()
    except ValueError as refused:
        assert "explicit parameters" in str(refused)
    else:
        assert key.curve.name == "brainpoolP256r1"


def test_altered_data_group_fails(pki, trust):
    files = chip(pki.signer("rsa"))
    files["EF.DG2"] = files["EF.DG2"][:-1] + bytes([files["EF.DG2"][-1] ^ 1])
    report = verify(files, trust)
    assert report.verdict == "failed"
    assert statuses(report)["data_group_hashes"] == "failed"
    assert "DG2" in report.check("data_group_hashes").detail
    assert statuses(report)["signature"] == "ok"


def test_data_group_missing_from_the_security_object_fails(pki, trust):
    files = chip(pki.signer("rsa"))
    files["EF.DG11"] = bytes.fromhex("6b03") + b"abc"
    report = verify(files, trust)
    assert report.check("data_group_hashes").status == "failed"
    assert "DG11" in report.check("data_group_hashes").detail


def test_broken_signature_fails(pki, trust):
    files = chip(pki.signer("brainpool256", explicit=True))
    files["EF.SOD"] = files["EF.SOD"][:-1] + bytes([files["EF.SOD"][-1] ^ 0x40])
    report = verify(files, trust)
    assert report.verdict == "failed"
    assert statuses(report)["signature"] == "failed"
    assert statuses(report)["data_group_hashes"] == "ok"


def test_stale_signed_attributes_fail(pki, trust):
    """Hashes replaced under an old signature: the message digest is of other content."""
    signer = pki.signer("rsa-pss")
    old = make_sod({1: make_dg1(MRZ.replace("ANNA", "ANNE")), 2: DG2}, signer)
    old_content = cms.ContentInfo.load(old[4:])["content"]["encap_content_info"]["content"]
    files = chip(signer, digest_of=old_content.contents)
    report = verify(files, trust)
    assert report.verdict == "failed"
    assert statuses(report) == {
        "data_group_hashes": "ok",
        "signed_attributes": "failed",
        "signature": "ok",
        "certificate_chain": "ok",
        "revocation": "ok",
        "printed_mrz": "ok",
    }
    assert "message digest" in report.check("signed_attributes").detail


def test_signer_from_an_unknown_csca_cannot_be_told(pki, trust):
    """A CSCA of Utopia that is not trusted (a newer one, or a forger's): the chip cannot
    be verified, which is not a pass."""
    stranger = make_csca("UT", "p256", common_name="CSCA UT 2")
    signer = make_document_signer(stranger, "p256")
    report = verify(chip(signer), trust)
    assert report.verdict == "cannot_tell"
    assert statuses(report)["signature"] == "ok"
    assert statuses(report)["certificate_chain"] == "cannot_tell"
    assert report.check("certificate_chain").detail == (
        "issuer C=UT, O=Specimen UT, OU=Country Signing CA, CN=CSCA UT 2 "
        "is not among the 2 trusted CSCAs of UT"
    )


def test_signer_from_a_csca_with_a_trusted_name_but_another_key_fails(pki, trust):
    impostor = make_csca("UT", "p256")  # the trusted CSCA's name, another key
    report = verify(chip(make_document_signer(impostor, "p256")), trust)
    assert report.verdict == "failed"
    assert report.check("certificate_chain").detail == (
        "names trusted CSCA C=UT, O=Specimen UT, OU=Country Signing CA, CN=CSCA UT as "
        "issuer, but its signature does not verify"
    )


def test_signer_of_a_country_without_trusted_csca_cannot_be_told(trust):
    other = make_csca("XA", "p256")
    report = verify(chip(make_document_signer(other, "p256")), trust)
    assert report.verdict == "cannot_tell"
    assert report.check("certificate_chain").detail.endswith("trusted CSCAs of XA")
    assert report.check("revocation").status == "cannot_tell"


def test_forged_issuer_name_and_key_identifier_fail(pki, trust):
    """A forger's CSCA names itself as Utopia's and copies its key identifier."""
    forger = make_csca("UT", "rsa")
    genuine = cx509.load_der_x509_certificate(pki.csca.certificate)
    signer = make_document_signer(
        forger,
        "rsa",
        issuer_name=genuine.subject,
        authority_key_id=x509.Certificate.load(pki.csca.certificate).key_identifier,
    )
    report = verify(chip(signer), trust)
    assert report.verdict == "failed"
    assert report.check("certificate_chain").status == "failed"
    assert "does not verify" in report.check("certificate_chain").detail


def test_revoked_signer_fails(pki):
    signer = make_document_signer(pki.csca, "rsa", serial=4242)
    store = TrustStore()
    store.add_certificate(pki.csca.certificate)
    store.add_crl(make_crl(pki.csca, [17, 4242]))
    report = verify(chip(signer), store)
    assert report.verdict == "failed"
    assert report.check("revocation").status == "failed"
    assert "revoked on 2023-12-31" in report.check("revocation").detail


def test_without_a_crl_revocation_cannot_be_told(pki):
    store = TrustStore()
    store.add_certificate(pki.csca.certificate)
    report = verify(chip(pki.signer("rsa")), store)
    assert report.verdict == "cannot_tell"
    assert report.check("revocation").status == "cannot_tell"
    assert report.check("certificate_chain").status == "ok"


def test_signer_expired_at_signing_fails(pki, trust):
    signer = make_document_signer(
        pki.csca, "rsa", serial=300, not_before=datetime(2020, 6, 1, tzinfo=UTC), days=300
    )
    report = verify(chip(signer), trust)  # signed 2022-05-01, signer valid until 2021-03-28
    assert report.verdict == "failed"
    assert report.check("certificate_chain").status == "failed"
    assert "outside the signer's validity" in report.check("certificate_chain").detail


def test_signer_issued_outside_the_cscas_validity_fails(pki, trust):
    signer = make_document_signer(
        pki.csca, "rsa", serial=301, not_before=datetime(2019, 1, 1, tzinfo=UTC)
    )
    report = verify(chip(signer), trust)
    assert report.check("certificate_chain").status == "failed"
    assert "outside the validity of" in report.check("certificate_chain").detail


def test_printed_mrz_differing_fails(pki, trust):
    printed = make_mrz(
        "TD3",
        surname="SPECIMEN",
        given_names="ANNA MARIA",
        document_number="UT1234567",
        issuing_state="UTO",
        birth_date="750812",
        sex="F",
        expiry_date="320415",
    )
    report = verify(chip(pki.signer("rsa")), trust, printed=printed)
    assert report.verdict == "failed"
    assert report.check("printed_mrz").status == "failed"
    assert report.check("printed_mrz").detail == "differs from the printed MRZ: birth_date"


def test_without_a_printed_mrz_the_verdict_cannot_be_told(pki, trust):
    report = verify(chip(pki.signer("rsa")), trust, printed=None)
    assert report.verdict == "cannot_tell"
    assert report.check("printed_mrz").ok is None


def test_security_object_without_signer_certificate_cannot_be_told(pki, trust):
    report = verify(chip(pki.signer("rsa"), include_certificate=False), trust)
    assert report.verdict == "cannot_tell"
    assert report.check("signature").detail == "EF.SOD carries no document signer certificate"


def test_unsupported_algorithms_cannot_be_told(pki):
    """An algorithm or curve Passage cannot compute is "cannot tell", never "passed"."""
    signer = x509.Certificate.load(pki.signer("rsa").certificate)
    from passage.core.chip.keys import load_public_key

    key = load_public_key(signer.public_key)
    md5 = algos.SignedDigestAlgorithm({"algorithm": "md5_rsa"})
    assert verify_signature(key, md5, b"data", b"sig").status == "cannot_tell"
    dsa = algos.SignedDigestAlgorithm({"algorithm": "sha256_dsa"})
    assert verify_signature(key, dsa, b"data", b"sig").status == "cannot_tell"
    none = PublicKey(None, "EC", "curve brainpoolP224r1 is not supported by cryptography")
    outcome = verify_signature(
        none, algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}), b"", b""
    )
    assert (outcome.status, outcome.reason) == ("cannot_tell", none.reason)


def test_portrait_is_the_jpeg_in_dg2():
    portrait = read_portrait(DG2)
    assert (portrait.media_type, portrait.image) == ("image/jpeg", PORTRAIT)
    assert (portrait.width, portrait.height) == (240, 320)


@pytest.mark.parametrize(
    ("files", "source"),
    [
        ({"EF.DG1": DG1}, "EF.SOD"),
        ({"EF.SOD": b"\x77\x00", "EF.DG1": DG1}, "EF.SOD"),
        ({"EF.SOD": b"\x30\x00", "EF.DG1": DG1}, "EF.SOD"),
        ({"EF.DG1": DG2}, "EF.DG1"),
        ({"EF.DG1": DG1 + b"\x00"}, "EF.DG1"),
        ({"EF.DG17": b"\x71\x00"}, "EF.DG17"),
        ({"photo.jpg": b""}, "photo.jpg"),
    ],
)
def test_bad_files_name_themselves(files, source):
    with pytest.raises(ChipError) as error:
        read_files(files)
    assert error.value.source == source


def test_data_group_hash_is_over_the_whole_file(pki, trust):
    sod, _groups = read_files(chip(pki.signer("rsa")))
    assert sod.hashes[1] == hashlib.sha256(DG1).digest()


def test_signer_info_naming_the_key_algorithm_uses_the_digest_algorithm():
    """id-ecPublicKey as SignerInfo's signature algorithm (seen on issued passports): the
    hash is the SignerInfo's digest algorithm (RFC 5753 §2.1.1)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    private = ec.generate_private_key(ec.BrainpoolP256R1())
    signature = private.sign(b"signed attributes", ec.ECDSA(hashes.SHA256()))
    key = PublicKey(private.public_key(), "ECDSA brainpoolP256r1")
    algorithm = algos.SignedDigestAlgorithm({"algorithm": "1.2.840.10045.2.1"})
    outcome = verify_signature(
        key, algorithm, b"signed attributes", signature, digest_algorithm="sha256"
    )
    assert outcome.status == "ok"
    wrong = verify_signature(key, algorithm, b"other", signature, digest_algorithm="sha256")
    assert wrong.status == "failed"
