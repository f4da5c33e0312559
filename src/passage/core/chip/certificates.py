"""X.509 certificates and CRLs of the ICAO PKI (ICAO 9303-12 §7), read once, eagerly.

asn1crypto parses lazily, so a malformed field would otherwise surface as an exception
in the middle of a verification; :func:`read_certificate` and :func:`read_crl` touch every
field passive authentication uses and raise :class:`ChipError` naming the source instead.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from asn1crypto import crl, pem, x509

from .errors import ChipError
from .keys import Outcome, PublicKey, load_public_key, verify_signature

_ASN1_ERRORS: Final = (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError)
_SHORT: Final = {
    "country_name": "C",
    "organization_name": "O",
    "organizational_unit_name": "OU",
    "common_name": "CN",
    "serial_number": "serialNumber",
    "locality_name": "L",
    "state_or_province_name": "ST",
}


def name_text(name: Any) -> str:
    """An X.501 name as ``C=DE, O=…, CN=…`` (RFC 4514 attribute names, issuer order)."""
    parts = []
    for rdn in name.chosen:
        for attribute in rdn:
            kind = attribute["type"].native
            value = attribute["value"].native
            parts.append(f"{_SHORT.get(kind, attribute['type'].dotted)}={value}")
    return ", ".join(parts)


def _country(name: Any) -> str | None:
    value = name.native.get("country_name")
    return value.upper() if isinstance(value, str) else None


@dataclass(frozen=True, slots=True, eq=False)
class Certificate:
    """One certificate: names, validity, key identifiers, key and signature."""

    der: bytes
    subject: str
    issuer: str
    subject_key: Any  # asn1crypto's comparable form of the name (RFC 5280 §7.1 rules)
    issuer_key: Any
    country: str | None
    serial: int
    not_before: datetime
    not_after: datetime
    key_identifier: bytes | None
    authority_key_identifier: bytes | None
    is_ca: bool
    tbs: bytes
    signature_algorithm: Any
    signature: bytes
    public_key: PublicKey = field(repr=False)

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the DER certificate, hex, as administrators compare them."""
        return hashlib.sha256(self.der).hexdigest()

    def valid_at(self, moment: datetime) -> bool:
        return self.not_before <= moment <= self.not_after

    def issued_by(self, issuer: Certificate) -> Outcome:
        """Whether ``issuer``'s key verifies this certificate's signature."""
        return verify_signature(
            issuer.public_key, self.signature_algorithm, self.tbs, self.signature
        )


def read_certificate(data: bytes, source: str) -> Certificate:
    """A DER or PEM certificate; ``source`` names it in errors."""
    try:
        if pem.detect(data):
            _kind, _headers, data = pem.unarmor(data)
        cert = x509.Certificate.load(data, strict=True)
        tbs = cert["tbs_certificate"]
        subject, issuer = cert.subject, cert.issuer
        algorithm = cert["signature_algorithm"]
        _ = algorithm.native  # parsed now: malformed bytes fail here, naming the source
        return Certificate(
            der=cert.dump(),
            subject=name_text(subject),
            issuer=name_text(issuer),
            subject_key=subject.hashable,
            issuer_key=issuer.hashable,
            country=_country(subject),
            serial=cert.serial_number,
            not_before=cert.not_valid_before,
            not_after=cert.not_valid_after,
            key_identifier=cert.key_identifier,
            authority_key_identifier=cert.authority_key_identifier,
            is_ca=bool(cert.ca),
            tbs=tbs.dump(),
            signature_algorithm=algorithm,
            signature=cert.signature,
            public_key=load_public_key(tbs["subject_public_key_info"]),
        )
    except _ASN1_ERRORS as exc:
        raise ChipError(source, f"not a readable X.509 certificate: {exc}") from exc


@dataclass(frozen=True, slots=True, eq=False)
class RevocationList:
    """A CRL (RFC 5280 §5): its issuer, dates and revoked serial numbers with their dates."""

    der: bytes
    issuer: str
    issuer_key: Any
    authority_key_identifier: bytes | None
    this_update: datetime
    next_update: datetime | None
    revoked: dict[int, datetime]
    tbs: bytes
    signature_algorithm: Any
    signature: bytes

    def signed_by(self, issuer: Certificate) -> Outcome:
        return verify_signature(
            issuer.public_key, self.signature_algorithm, self.tbs, self.signature
        )


def read_crl(data: bytes, source: str) -> RevocationList:
    """A DER or PEM CRL; ``source`` names it in errors."""
    try:
        if pem.detect(data):
            _kind, _headers, data = pem.unarmor(data)
        revocations = crl.CertificateList.load(data, strict=True)
        tbs = revocations["tbs_cert_list"]
        revoked = {
            entry["user_certificate"].native: entry["revocation_date"].native
            for entry in tbs["revoked_certificates"] or ()
        }
        algorithm = revocations["signature_algorithm"]
        _ = algorithm.native  # parsed now: malformed bytes fail here, naming the source
        next_update = tbs["next_update"].native
        return RevocationList(
            der=revocations.dump(),
            issuer=name_text(revocations.issuer),
            issuer_key=revocations.issuer.hashable,
            authority_key_identifier=revocations.authority_key_identifier,
            this_update=tbs["this_update"].native,
            next_update=next_update,
            revoked=revoked,
            tbs=tbs.dump(),
            signature_algorithm=algorithm,
            signature=revocations.signature,
        )
    except _ASN1_ERRORS as exc:
        raise ChipError(source, f"not a readable CRL: {exc}") from exc
