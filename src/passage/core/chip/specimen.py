"""Specimen chips and a test PKI: CSCAs, document signers, CRLs, master lists and EF.SOD.

For tests, benchmarks and the demo (Utopia's chips), never for real documents: the keys
live in memory and the certificates carry no policy. Every algorithm passive
authentication accepts can be produced — RSA PKCS#1 v1.5, RSA-PSS, ECDSA on prime and
brainpool curves — and a document signer's EC key can be written with *explicit* domain
parameters, as ICAO 9303-12 §4.1.6.1 asks and ``cryptography`` cannot write itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final, Literal

from asn1crypto import algos, cms, core, keys, x509
from cryptography import x509 as cx509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

from .asn1 import ID_CSCA_MASTER_LIST, ID_LDS_SECURITY_OBJECT, CscaMasterList, LDSSecurityObject
from .curves import CURVE_OIDS, CURVES
from .keys import HASHES
from .lds import DG_TAGS

Scheme = Literal["rsa", "rsa-pss", "p256", "brainpool256", "brainpool384", "brainpool512"]
SCHEMES: Final[tuple[Scheme, ...]] = (
    "rsa",
    "rsa-pss",
    "p256",
    "brainpool256",
    "brainpool384",
    "brainpool512",
)
_CURVES: Final[dict[str, tuple[ec.EllipticCurve, str]]] = {
    "p256": (ec.SECP256R1(), "secp256r1"),
    "brainpool256": (ec.BrainpoolP256R1(), "brainpoolP256r1"),
    "brainpool384": (ec.BrainpoolP384R1(), "brainpoolP384r1"),
    "brainpool512": (ec.BrainpoolP512R1(), "brainpoolP512r1"),
}
_HASH_OF: Final[dict[str, str]] = {
    "rsa": "sha256",
    "rsa-pss": "sha256",
    "p256": "sha256",
    "brainpool256": "sha256",
    "brainpool384": "sha384",
    "brainpool512": "sha512",
}
PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


def _certificate_hash(scheme: Scheme) -> hashes.SHA256 | hashes.SHA384 | hashes.SHA512:
    name = _HASH_OF[scheme]
    return (
        hashes.SHA512()
        if name == "sha512"
        else hashes.SHA384()
        if name == "sha384"
        else hashes.SHA256()
    )


@dataclass(frozen=True, slots=True)
class Party:
    """A key pair with its certificate (DER) and the signature scheme it signs with."""

    key: PrivateKey
    certificate: bytes
    scheme: Scheme

    @property
    def hash_name(self) -> str:
        return _HASH_OF[self.scheme]


def make_key(scheme: Scheme, rsa_bits: int = 2048) -> PrivateKey:
    if scheme in {"rsa", "rsa-pss"}:
        return rsa.generate_private_key(public_exponent=65537, key_size=rsa_bits)
    return ec.generate_private_key(_CURVES[scheme][0])


def sign(key: PrivateKey, scheme: Scheme, data: bytes, hash_name: str | None = None) -> bytes:
    """Sign ``data`` as ``scheme`` does (PSS: MGF1 with the same hash, salt = hash size)."""
    algorithm = HASHES[hash_name or _HASH_OF[scheme]]()
    if isinstance(key, rsa.RSAPrivateKey):
        if scheme == "rsa-pss":
            pss = padding.PSS(mgf=padding.MGF1(algorithm), salt_length=algorithm.digest_size)
            return key.sign(data, pss, algorithm)
        return key.sign(data, padding.PKCS1v15(), algorithm)
    return key.sign(data, ec.ECDSA(algorithm))


def algorithm_identifier(
    scheme: Scheme, hash_name: str | None = None
) -> algos.SignedDigestAlgorithm:
    """The X.509/CMS signature algorithm identifier of ``scheme`` (RFC 4055, RFC 5758)."""
    name = hash_name or _HASH_OF[scheme]
    if scheme == "rsa-pss":
        size = HASHES[name]().digest_size
        parameters = algos.RSASSAPSSParams(
            {
                "hash_algorithm": {"algorithm": name},
                "mask_gen_algorithm": {"algorithm": "mgf1", "parameters": {"algorithm": name}},
                "salt_length": size,
            }
        )
        return algos.SignedDigestAlgorithm({"algorithm": "rsassa_pss", "parameters": parameters})
    kind = "rsa" if scheme == "rsa" else "ecdsa"
    return algos.SignedDigestAlgorithm({"algorithm": f"{name}_{kind}"})


def _name(country: str, common_name: str, unit: str) -> cx509.Name:
    return cx509.Name(
        [
            cx509.NameAttribute(NameOID.COUNTRY_NAME, country),
            cx509.NameAttribute(NameOID.ORGANIZATION_NAME, f"Specimen {country}"),
            cx509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit),
            cx509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(
    *,
    subject: cx509.Name,
    issuer: cx509.Name,
    public_key: Any,
    issuer_party: Party | None,
    issuer_key: PrivateKey,
    issuer_scheme: Scheme,
    serial: int,
    not_before: datetime,
    not_after: datetime,
    ca: bool,
    authority_key_id: bytes | None = None,
    explicit: bool = False,
) -> bytes:
    builder = (
        cx509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(serial)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(cx509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            cx509.KeyUsage(
                digital_signature=not ca,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if ca:
        builder = builder.add_extension(cx509.BasicConstraints(ca=True, path_length=0), True)
    if authority_key_id is None and issuer_party is not None:
        authority_key_id = (
            cx509.load_der_x509_certificate(issuer_party.certificate)
            .extensions.get_extension_for_class(cx509.SubjectKeyIdentifier)
            .value.digest
        )
    if authority_key_id is None:
        authority_key_id = cx509.SubjectKeyIdentifier.from_public_key(public_key).digest
    builder = builder.add_extension(
        cx509.AuthorityKeyIdentifier(authority_key_id, None, None), critical=False
    )
    algorithm = _certificate_hash(issuer_scheme)
    rsa_padding: padding.PSS | None = None
    if issuer_scheme == "rsa-pss":
        rsa_padding = padding.PSS(mgf=padding.MGF1(algorithm), salt_length=algorithm.digest_size)
    der = builder.sign(issuer_key, algorithm, rsa_padding=rsa_padding).public_bytes(
        serialization.Encoding.DER
    )
    if explicit:
        der = _with_explicit_parameters(der, issuer_key, issuer_scheme)
    return der


def _with_explicit_parameters(der: bytes, issuer_key: PrivateKey, issuer_scheme: Scheme) -> bytes:
    """Rewrite an EC certificate's key with explicit domain parameters and re-sign it."""
    cert = x509.Certificate.load(der)
    tbs = cert["tbs_certificate"]
    info = tbs["subject_public_key_info"]
    curve = CURVES[CURVE_OIDS[info["algorithm"]["parameters"].chosen.dotted]]
    size = (curve.p.bit_length() + 7) // 8
    domain = keys.SpecifiedECDomain(
        {
            "version": "ecdpVer1",
            "field_id": {"field_type": "prime_field", "parameters": core.Integer(curve.p)},
            "curve": {"a": curve.a.to_bytes(size, "big"), "b": curve.b.to_bytes(size, "big")},
            "base": b"\x04" + curve.gx.to_bytes(size, "big") + curve.gy.to_bytes(size, "big"),
            "order": curve.n,
            "cofactor": curve.h,
        }
    )
    tbs["subject_public_key_info"] = keys.PublicKeyInfo(
        {
            "algorithm": {
                "algorithm": "ec",
                "parameters": keys.ECDomainParameters(name="specified", value=domain),
            },
            "public_key": info["public_key"].native,
        }
    )
    signed = x509.Certificate(
        {
            "tbs_certificate": tbs,
            "signature_algorithm": cert["signature_algorithm"],
            "signature_value": sign(issuer_key, issuer_scheme, tbs.dump()),
        }
    )
    return bytes(signed.dump(force=True))


def make_csca(
    country: str = "UT",
    scheme: Scheme = "rsa",
    *,
    common_name: str | None = None,
    serial: int = 1,
    not_before: datetime | None = None,
    years: int = 15,
    explicit: bool = False,
    key: PrivateKey | None = None,
) -> Party:
    """A self-signed country signing CA (ICAO 9303-12 §7.1.1); ``key`` reuses a key pair
    (benchmarks that need many certificates, not many keys)."""
    key = key or make_key(scheme, 3072 if scheme.startswith("rsa") else 2048)
    start = not_before or datetime(2020, 1, 1, tzinfo=UTC)
    name = _name(country, common_name or f"CSCA {country}", "Country Signing CA")
    der = _certificate(
        subject=name,
        issuer=name,
        public_key=key.public_key(),
        issuer_party=None,
        issuer_key=key,
        issuer_scheme=scheme,
        serial=serial,
        not_before=start,
        not_after=start + timedelta(days=365 * years),
        ca=True,
        explicit=explicit,
    )
    return Party(key, der, scheme)


def make_document_signer(
    csca: Party,
    scheme: Scheme = "rsa",
    *,
    country: str | None = None,
    common_name: str = "Document Signer",
    serial: int = 100,
    not_before: datetime | None = None,
    days: int = 365 * 11,
    explicit: bool = False,
    issuer_name: cx509.Name | None = None,
    authority_key_id: bytes | None = None,
) -> Party:
    """A document signer certificate issued by ``csca`` (ICAO 9303-12 §7.1.2)."""
    issuer_cert = cx509.load_der_x509_certificate(csca.certificate)
    key = make_key(scheme)
    start = not_before or datetime(2021, 1, 1, tzinfo=UTC)
    country = country or str(
        issuer_cert.subject.get_attributes_for_oid(NameOID.COUNTRY_NAME)[0].value
    )
    der = _certificate(
        subject=_name(country, common_name, "Document Signer"),
        issuer=issuer_name or issuer_cert.subject,
        public_key=key.public_key(),
        issuer_party=csca,
        issuer_key=csca.key,
        issuer_scheme=csca.scheme,
        serial=serial,
        not_before=start,
        not_after=start + timedelta(days=days),
        ca=False,
        authority_key_id=authority_key_id,
        explicit=explicit,
    )
    return Party(key, der, scheme)


def make_crl(
    csca: Party, revoked: Sequence[int] = (), *, this_update: datetime | None = None
) -> bytes:
    """A CRL of ``csca`` revoking the certificates with these serial numbers."""
    issuer = cx509.load_der_x509_certificate(csca.certificate)
    now = this_update or datetime(2024, 1, 1, tzinfo=UTC)
    builder = (
        cx509.CertificateRevocationListBuilder()
        .issuer_name(issuer.subject)
        .last_update(now)
        .next_update(now + timedelta(days=90))
        .add_extension(
            cx509.AuthorityKeyIdentifier(
                x509.Certificate.load(csca.certificate).key_identifier, None, None
            ),
            critical=False,
        )
    )
    for serial in revoked:
        builder = builder.add_revoked_certificate(
            cx509.RevokedCertificateBuilder()
            .serial_number(serial)
            .revocation_date(now - timedelta(days=1))
            .build()
        )
    algorithm = _certificate_hash(csca.scheme)
    rsa_padding = None
    if csca.scheme == "rsa-pss":
        rsa_padding = padding.PSS(mgf=padding.MGF1(algorithm), salt_length=algorithm.digest_size)
    crl = builder.sign(csca.key, algorithm, rsa_padding=rsa_padding)
    return crl.public_bytes(serialization.Encoding.DER)


def _tlv(tag: int, value: bytes) -> bytes:
    tag_bytes = tag.to_bytes((tag.bit_length() + 7) // 8, "big")
    size = len(value)
    if size < 0x80:
        length = bytes([size])
    else:
        body = size.to_bytes((size.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(body)]) + body
    return tag_bytes + length + value


def make_dg1(mrz: str) -> bytes:
    """EF.DG1 holding the MRZ (lines joined without separators)."""
    return _tlv(0x61, _tlv(0x5F1F, "".join(mrz.split()).encode("ascii")))


def make_dg12(issued: date, *, bcd: bool = False) -> bytes:
    """EF.DG12 holding the date of issue (5F26, YYYYMMDD; ``bcd``: four BCD bytes)."""
    digits = issued.strftime("%Y%m%d")
    value = bytes.fromhex(digits) if bcd else digits.encode("ascii")
    return _tlv(0x6C, _tlv(0x5C, b"\x5f\x26") + _tlv(0x5F26, value))


def make_dg2(image: bytes, *, jpeg2000: bool = False, width: int = 240, height: int = 320) -> bytes:
    """EF.DG2 with one ISO/IEC 19794-5 facial record around ``image``."""
    facial_information = (
        bytes(2)  # feature points: none
        + bytes([1, 0, 0])  # gender male, eye and hair colour unspecified
        + bytes(3)  # feature mask
        + bytes(2)  # expression
        + bytes(6)  # pose angles and their uncertainty
    )
    image_information = (
        bytes([1, 1 if jpeg2000 else 0])  # full frontal; JPEG or JPEG 2000
        + width.to_bytes(2, "big")
        + height.to_bytes(2, "big")
        + bytes([1, 2])  # 24-bit RGB; captured by a digital still camera
        + bytes(2)  # device type
        + bytes(2)  # quality
    )
    record = facial_information + image_information + image
    block_length = 4 + len(record)
    data = (
        b"FAC\x00010\x00"
        + (14 + block_length).to_bytes(4, "big")
        + (1).to_bytes(2, "big")
        + block_length.to_bytes(4, "big")
        + record
    )
    header = _tlv(0xA1, _tlv(0x80, b"\x01\x01") + _tlv(0x87, b"\x01\x01"))
    template = _tlv(0x7F61, _tlv(0x02, b"\x01") + _tlv(0x7F60, header + _tlv(0x5F2E, data)))
    return _tlv(DG_TAGS[2], template)


def make_sod(
    data_groups: Mapping[int, bytes],
    signer: Party,
    *,
    hash_name: str = "sha256",
    signing_time: datetime | None = None,
    digest_of: bytes | None = None,
    include_certificate: bool = True,
) -> bytes:
    """EF.SOD over ``data_groups`` signed by ``signer`` (ICAO 9303-10 §4.6.2).

    ``digest_of`` puts the message digest of other content in the signed attributes (the
    "stale signed attributes" of a security object whose hashes were replaced).
    """
    lds = LDSSecurityObject(
        {
            "version": 0,
            "hash_algorithm": {"algorithm": hash_name},
            "data_group_hash_values": [
                {
                    "data_group_number": number,
                    "data_group_hash_value": hashlib.new(hash_name, data).digest(),
                }
                for number, data in sorted(data_groups.items())
            ],
        }
    ).dump()
    return bytes(
        _tlv(
            0x77,
            _signed_data(
                lds,
                ID_LDS_SECURITY_OBJECT,
                signer,
                hash_name,
                signing_time,
                digest_of,
                include_certificate,
            ),
        )
    )


def make_master_list(
    cscas: Sequence[bytes], signer: Party, *, signing_time: datetime | None = None
) -> bytes:
    """An ICAO CSCA master list (ICAO 9303-12 §9) of ``cscas``, signed by ``signer``."""
    content = CscaMasterList(
        {"version": 0, "cert_list": [x509.Certificate.load(c) for c in cscas]}
    ).dump()
    return _signed_data(
        content, ID_CSCA_MASTER_LIST, signer, signer.hash_name, signing_time, None, True
    )


def _signed_data(
    content: bytes,
    content_type: str,
    signer: Party,
    hash_name: str,
    signing_time: datetime | None,
    digest_of: bytes | None,
    include_certificate: bool,
) -> bytes:
    certificate = x509.Certificate.load(signer.certificate)
    attributes = [
        {"type": "content_type", "values": [content_type]},
        {
            "type": "message_digest",
            "values": [
                hashlib.new(hash_name, content if digest_of is None else digest_of).digest()
            ],
        },
    ]
    if signing_time is not None:
        attributes.append(
            {"type": "signing_time", "values": [cms.Time({"utc_time": signing_time})]}
        )
    signer_info = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                name="issuer_and_serial_number",
                value={"issuer": certificate.issuer, "serial_number": certificate.serial_number},
            ),
            "digest_algorithm": {"algorithm": hash_name},
            "signed_attrs": cms.CMSAttributes(attributes),
            "signature_algorithm": algorithm_identifier(signer.scheme, hash_name),
            "signature": b"",
        }
    )
    to_sign = b"\x31" + signer_info["signed_attrs"].dump()[1:]
    signer_info["signature"] = sign(signer.key, signer.scheme, to_sign, hash_name)
    signed = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [{"algorithm": hash_name}],
            "encap_content_info": {
                "content_type": content_type,
                "content": core.ParsableOctetString(content),
            },
            "certificates": [certificate] if include_certificate else None,
            "signer_infos": [signer_info],
        }
    )
    if not include_certificate:
        del signed["certificates"]
    return bytes(cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump())
