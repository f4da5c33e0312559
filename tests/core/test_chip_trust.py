"""Trust anchors: ICAO CSCA master lists (9303-12 §9), CSCA certificates and CRLs."""

from __future__ import annotations

import hashlib

import pytest
from asn1crypto import cms
from chip_pki import PKI

from passage.core.chip import ChipError, TrustError, TrustStore
from passage.core.chip.specimen import (
    make_crl,
    make_csca,
    make_document_signer,
    make_master_list,
)


@pytest.fixture(scope="module")
def pki() -> PKI:
    return PKI()


@pytest.fixture(scope="module")
def master_list(pki: PKI) -> tuple[bytes, bytes]:
    """Utopia's master list: its two CSCAs and another state's, signed by a master list
    signer that Utopia's CSCA issued. Returns (list, signer certificate)."""
    signer = make_document_signer(pki.csca, "rsa", common_name="Master List Signer", serial=7)
    others = [make_csca("XB", "p256").certificate]
    return (
        make_master_list([pki.csca.certificate, pki.ec_csca.certificate, *others], signer),
        signer.certificate,
    )


def test_master_list_is_verified_and_trusted(master_list, pki):
    data, signer = master_list
    store = TrustStore()
    info = store.add_master_list(data)
    assert info.certificates == info.added == 3
    assert info.countries == ("UT", "XB")
    assert info.signer_fingerprint == hashlib.sha256(signer).hexdigest()
    assert info.signer_subject.endswith("CN=Master List Signer")
    assert info.signer_issuer.endswith("CN=CSCA UT")
    assert len(store.cscas) == 3
    assert store.add_master_list(data).added == 0  # the same list twice adds nothing


def test_a_tampered_master_list_is_refused(master_list):
    """One byte changed anywhere in the signed content: the message digest differs."""
    data, _signer = master_list
    content = cms.ContentInfo.load(data)["content"]["encap_content_info"]["content"].contents
    at = data.index(content) + len(content) // 2
    tampered = data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]
    store = TrustStore()
    with pytest.raises(ChipError):
        store.add_master_list(tampered)
    assert store.cscas == []


def test_a_master_list_with_a_broken_signature_is_refused(master_list):
    data, _signer = master_list
    tampered = data[:-1] + bytes([data[-1] ^ 0x01])
    with pytest.raises(TrustError, match="its signature"):
        TrustStore().add_master_list(tampered)


def test_a_master_list_signed_by_a_stranger_is_refused(pki):
    """The signer must be issued by a CSCA in the list or one already trusted."""
    outsider = make_csca("XC", "rsa")
    signer = make_document_signer(outsider, "rsa", common_name="Master List Signer")
    data = make_master_list([pki.csca.certificate], signer)
    with pytest.raises(TrustError, match="issued by no CSCA in the list or already trusted"):
        TrustStore().add_master_list(data)
    store = TrustStore()
    store.add_certificate(outsider.certificate)
    assert store.add_master_list(data).added == 1


def test_a_master_list_that_is_not_one_is_refused(pki):
    with pytest.raises(ChipError, match="master list"):
        TrustStore().add_master_list(pki.csca.certificate)


def test_pem_and_der_certificates(pki):
    import base64

    body = base64.encodebytes(pki.csca.certificate).decode()
    pem = f"-----BEGIN CERTIFICATE-----\n{body}-----END CERTIFICATE-----\n".encode()
    store = TrustStore()
    assert (
        store.add_certificate(pem).fingerprint
        == store.add_certificate(pki.csca.certificate).fingerprint
    )
    assert len(store.cscas) == 1


def test_crl_of_an_untrusted_issuer_is_refused(pki):
    with pytest.raises(TrustError, match="which is no trusted CSCA"):
        TrustStore().add_crl(make_crl(pki.csca))


def test_crl_with_a_bad_signature_is_refused(pki):
    store = TrustStore()
    store.add_certificate(pki.csca.certificate)
    crl = make_crl(pki.csca, [5])
    with pytest.raises(TrustError, match="does not verify"):
        store.add_crl(crl[:-1] + bytes([crl[-1] ^ 0x01]))
    forged = make_crl(make_csca("UT", "rsa"), [5])  # same issuer name, another key
    with pytest.raises(TrustError, match="does not verify"):
        store.add_crl(forged)
    assert store.crls == []
