"""Trust anchors: CSCA certificates, ICAO master lists and CRLs (ICAO 9303-12 §§5, 9).

A :class:`TrustStore` holds the country signing CA certificates an administrator chose to
trust and the CRLs those CSCAs signed. It is filled from:

- single CSCA certificates (PEM or DER), trusted as given — the administrator vouches;
- ICAO CSCA master lists (``.ml``, 9303-12 §9): a CMS SignedData of a CscaMasterList,
  whose own signature is verified with the master list signer certificate it carries. That
  signer must be issued by a CSCA in the list itself or by one already trusted; a master
  list that fails any of this is refused whole (:class:`TrustError`). The signer's SHA-256
  fingerprint is returned for the administrator to compare with the publisher's;
- CRLs, accepted only when signed by a trusted CSCA.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from asn1crypto import x509

from .asn1 import ID_CSCA_MASTER_LIST, CscaMasterList
from .certificates import Certificate, RevocationList, read_certificate, read_crl, read_name
from .errors import ChipError, TrustError
from .keys import HASHES, Outcome, verify_signature
from .lds import _ASN1_ERRORS, SignerInfo, read_signed_data


@dataclass(frozen=True, slots=True)
class MasterListInfo:
    """What an administrator checks before trusting a master list."""

    signer_subject: str
    signer_fingerprint: str
    signer_issuer: str
    signed_at: datetime | None
    certificates: int
    added: int
    countries: tuple[str, ...]


@dataclass(slots=True)
class TrustStore:
    """The trusted CSCAs, indexed by key identifier and by subject name, and their CRLs."""

    cscas: list[Certificate] = field(default_factory=list)
    crls: list[tuple[RevocationList, Certificate]] = field(default_factory=list)
    _by_key_id: dict[bytes, list[Certificate]] = field(default_factory=lambda: defaultdict(list))
    _by_subject: dict[Any, list[Certificate]] = field(default_factory=lambda: defaultdict(list))
    _fingerprints: set[str] = field(default_factory=set)

    def add_csca(self, certificate: Certificate) -> bool:
        """Trust one CSCA; False if the same certificate was already trusted."""
        fingerprint = certificate.fingerprint
        if fingerprint in self._fingerprints:
            return False
        self._fingerprints.add(fingerprint)
        self.cscas.append(certificate)
        if certificate.key_identifier is not None:
            self._by_key_id[certificate.key_identifier].append(certificate)
        self._by_subject[certificate.subject_key].append(certificate)
        return True

    def add_certificate(self, data: bytes, source: str = "CSCA certificate") -> Certificate:
        certificate = read_certificate(data, source)
        self.add_csca(certificate)
        return certificate

    def candidates(self, certificate: Certificate | RevocationList) -> list[Certificate]:
        """Trusted CSCAs that may have issued ``certificate``: same key identifier (when
        the authority key identifier is present) or, failing that, same subject name."""
        found: list[Certificate] = []
        aki = certificate.authority_key_identifier
        if aki is not None:
            found.extend(self._by_key_id.get(aki, ()))
        for candidate in self._by_subject.get(certificate.issuer_key, ()):
            if candidate not in found:
                found.append(candidate)
        return found

    def countries(self) -> set[str]:
        return {c.country for c in self.cscas if c.country}

    def of_country(self, country: str | None) -> list[Certificate]:
        return [c for c in self.cscas if c.country == country]

    def add_crl(self, data: bytes, source: str = "CRL") -> RevocationList:
        """Accept a CRL signed by a trusted CSCA; refuse any other (TrustError)."""
        revocations = read_crl(data, source)
        reasons = []
        for issuer in self.candidates(revocations):
            outcome = revocations.signed_by(issuer)
            if outcome.status == "ok":
                self.crls.append((revocations, issuer))
                return revocations
            reasons.append(outcome.reason)
        if not reasons:
            raise TrustError(source, f"issued by {revocations.issuer}, which is no trusted CSCA")
        raise TrustError(source, "its signature does not verify: " + "; ".join(reasons))

    def crls_of(self, csca: Certificate) -> list[RevocationList]:
        return [crl for crl, issuer in self.crls if issuer is csca]

    def add_master_list(self, data: bytes, source: str = "master list") -> MasterListInfo:
        """Verify an ICAO master list and trust every CSCA in it (ICAO 9303-12 §9)."""
        signed = read_signed_data(data, source)
        if signed["content_type"] != ID_CSCA_MASTER_LIST:
            raise ChipError(source, f"signs content of type {signed['content_type']}")
        try:
            listed = CscaMasterList.load(signed["content"], strict=True)
            certificates = [
                read_certificate(item.dump(), f"{source}, certificate {number}")
                for number, item in enumerate(listed["cert_list"], start=1)
            ]
        except _ASN1_ERRORS as exc:
            raise ChipError(source, f"the CscaMasterList cannot be read: {exc}") from exc
        signer: SignerInfo = signed["signer"]
        signer_cert = find_signer(signer, signed["certificates"])
        if signer_cert is None:
            raise TrustError(source, "it carries no certificate of its signer")
        _check_signed_attributes(signer, signed["content"], ID_CSCA_MASTER_LIST, source)
        assert signer.signed_attributes is not None
        outcome = verify_signature(
            signer_cert.public_key,
            signer.signature_algorithm,
            signer.signed_attributes,
            signer.signature,
            digest_algorithm=signer.digest_algorithm,
        )
        if outcome.status != "ok":
            raise TrustError(source, f"its signature: {outcome.reason}")
        issuer = _issuer_among(signer_cert, [*certificates, *self.cscas])
        if issuer is None:
            raise TrustError(
                source,
                f"its signer {signer_cert.subject} is issued by no CSCA in the list "
                "or already trusted",
            )
        moment = signer.signing_time
        if moment is not None and not signer_cert.valid_at(moment):
            raise TrustError(source, f"signed on {moment:%Y-%m-%d}, outside its signer's validity")
        added = sum(self.add_csca(c) for c in certificates)
        return MasterListInfo(
            signer_subject=signer_cert.subject,
            signer_fingerprint=signer_cert.fingerprint,
            signer_issuer=issuer.subject,
            signed_at=moment,
            certificates=len(certificates),
            added=added,
            countries=tuple(sorted({c.country for c in certificates if c.country})),
        )


def find_signer(signer: SignerInfo, certificates: Iterable[Certificate]) -> Certificate | None:
    """The certificate a CMS SignerInfo names (issuer and serial, or key identifier)."""
    for certificate in certificates:
        if signer.issuer_and_serial is not None:
            issuer, serial = signer.issuer_and_serial
            if certificate.serial == serial and _same_name(issuer, certificate):
                return certificate
        elif (
            signer.key_identifier is not None
            and certificate.key_identifier == signer.key_identifier
        ):
            return certificate
    return None


def _same_name(name: bytes, certificate: Certificate) -> bool:
    """Whether DER ``name`` is the certificate's issuer: byte for byte, as is usual, or
    as :func:`~.certificates.read_name` compares names."""
    if name == certificate.issuer_der:
        return True
    try:
        return bool(read_name(x509.Name.load(name))[1] == certificate.issuer_key)
    except _ASN1_ERRORS:
        return False


def _issuer_among(certificate: Certificate, issuers: Iterable[Certificate]) -> Certificate | None:
    for issuer in issuers:
        if issuer.subject_key != certificate.issuer_key:
            continue
        aki = certificate.authority_key_identifier
        if aki is not None and issuer.key_identifier not in {None, aki}:
            continue
        if certificate.issued_by(issuer).status == "ok":
            return issuer
    return None


def _check_signed_attributes(
    signer: SignerInfo, content: bytes, content_type: str, source: str
) -> None:
    outcome = signed_attributes_outcome(signer, content, content_type)
    if outcome.status != "ok":
        raise TrustError(source, outcome.reason)


def signed_attributes_outcome(signer: SignerInfo, content: bytes, content_type: str) -> Outcome:
    """RFC 5652 §5.4 and ICAO 9303-10 §4.6.2: the signed attributes must carry the content
    type and the message digest, equal to the hash of the signed content."""
    if signer.signed_attributes is None:
        return Outcome("failed", "no signed attributes (ICAO 9303 requires them)")
    if signer.content_type != content_type:
        return Outcome(
            "failed", f"the signed content type is {signer.content_type}, not {content_type}"
        )
    if signer.digest_algorithm not in HASHES:
        return Outcome(
            "cannot_tell", f"digest algorithm {signer.digest_algorithm} is not supported"
        )
    if signer.message_digest is None:
        return Outcome("failed", "the signed attributes carry no message digest")
    digest = hashlib.new(signer.digest_algorithm, content).digest()
    if digest != signer.message_digest:
        return Outcome(
            "failed",
            f"the signed message digest is not the {signer.digest_algorithm} of the signed content",
        )
    return Outcome("ok", f"content type and {signer.digest_algorithm} message digest match")
