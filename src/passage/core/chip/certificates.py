"""X.509 certificates and CRLs of the ICAO PKI (ICAO 9303-12 §7), read once, eagerly.

asn1crypto parses lazily, so a malformed field would otherwise surface as an exception
in the middle of a verification; :func:`read_certificate` and :func:`read_crl` touch every
field passive authentication uses and raise :class:`ChipError` naming the source instead.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any, Final

from asn1crypto import core, crl, pem, x509

from .errors import ChipError
from .keys import Outcome, PublicKey, load_public_key, verify_signature
from .tlv import read_tlv

_ASN1_ERRORS: Final = (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError)


def name_text(name: Any) -> str:
    """An X.501 name as ``C=DE, O=…, CN=…`` (RFC 4514 attribute names, issuer order)."""
    return read_name(name)[0]


_ATTRIBUTE_OIDS: Final = {
    bytes.fromhex("550406"): ("2.5.4.6", "C"),
    bytes.fromhex("55040a"): ("2.5.4.10", "O"),
    bytes.fromhex("55040b"): ("2.5.4.11", "OU"),
    bytes.fromhex("550403"): ("2.5.4.3", "CN"),
    bytes.fromhex("550405"): ("2.5.4.5", "serialNumber"),
    bytes.fromhex("550407"): ("2.5.4.7", "L"),
    bytes.fromhex("550408"): ("2.5.4.8", "ST"),
}
_STRING_CODECS: Final = {
    0x0C: "utf-8",  # UTF8String
    0x13: "ascii",  # PrintableString
    0x16: "ascii",  # IA5String
    0x14: "latin-1",  # TeletexString, as RFC 5280 §4.1.2.4 advises to read it
    0x1E: "utf-16-be",  # BMPString
    0x1C: "utf-32-be",  # UniversalString
}


def read_name(name: Any) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The name for people, and a key to compare names by.

    The key holds each attribute's type and value, case-folded with runs of white space
    made one: RFC 5280 §7.1 in substance, and what makes a document signer's issuer match
    its CSCA's subject when one is a PrintableString and the other a UTF8String (a known
    ICAO PKI discrepancy). asn1crypto's full LDAP string preparation (``Name.hashable``)
    gives the same matches on ICAO names at ten times the cost on every chip, so the name
    is read from its DER with the TLV reader (ITU-T X.501: a SEQUENCE of SETs of
    type-and-value SEQUENCEs); an attribute type Passage does not name is shown dotted.
    """
    der = name.dump()
    tag, body, end = read_tlv(der, "name")
    if tag != 0x30 or end != len(der):
        raise ValueError("a name is not a SEQUENCE")
    parts, key = [], []
    offset = 0
    while offset < len(body):
        tag, rdn, offset = read_tlv(body, "name", offset)
        if tag != 0x31:
            raise ValueError("a relative distinguished name is not a SET")
        position = 0
        while position < len(rdn):
            tag, pair, position = read_tlv(rdn, "name", position)
            oid_tag, oid, after = read_tlv(pair, "name")
            value_tag, value, _ = read_tlv(pair, "name", after)
            if tag != 0x30 or oid_tag != 0x06:
                raise ValueError("a name attribute is not a type and a value")
            dotted, short = _ATTRIBUTE_OIDS.get(oid) or (_dotted(oid), "")
            codec = _STRING_CODECS.get(value_tag)
            text = value.decode(codec) if codec else value.hex()
            parts.append(f"{short or dotted}={text}")
            key.append((dotted, " ".join(text.casefold().split())))
    return ", ".join(parts), tuple(key)


def _dotted(oid: bytes) -> str:
    return str(core.ObjectIdentifier.load(b"\x06" + bytes([len(oid)]) + oid).dotted)


def _country(key: tuple[tuple[str, str], ...]) -> str | None:
    return next((value.upper() for kind, value in key if kind == "2.5.4.6"), None)


@dataclass(frozen=True, slots=True, eq=False)
class Certificate:
    """One certificate: names, validity, key identifiers, key and signature."""

    der: bytes
    subject: str
    issuer: str
    subject_key: Any  # asn1crypto's comparable form of the name (RFC 5280 §7.1 rules)
    issuer_key: Any
    issuer_der: bytes
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
    """A DER or PEM certificate; ``source`` names it in errors.

    Certificates read are kept (256, least recently used first out): a state's document
    signer signs many thousands of passports, and reading its certificate is most of the
    cost of reading EF.SOD.
    """
    try:
        if pem.detect(data):
            _kind, _headers, data = pem.unarmor(data)
        return _certificate(bytes(data))
    except _ASN1_ERRORS as exc:
        raise ChipError(source, f"not a readable X.509 certificate: {exc}") from exc


@lru_cache(maxsize=256)
def _certificate(data: bytes) -> Certificate:
    cert = x509.Certificate.load(data, strict=True)
    tbs = cert["tbs_certificate"]
    subject_text, subject_key = read_name(cert.subject)
    issuer_text, issuer_key = read_name(cert.issuer)
    algorithm = cert["signature_algorithm"]
    _ = algorithm.native  # parsed now: malformed bytes fail here, naming the source
    return Certificate(
        der=data,
        subject=subject_text,
        issuer=issuer_text,
        subject_key=subject_key,
        issuer_key=issuer_key,
        issuer_der=cert.issuer.dump(),
        country=_country(subject_key),
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
        issuer_text, issuer_key = read_name(revocations.issuer)
        return RevocationList(
            der=revocations.dump(),
            issuer=issuer_text,
            issuer_key=issuer_key,
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
