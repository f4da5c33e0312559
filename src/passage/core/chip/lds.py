"""Reading the files of an e-Passport's logical data structure (ICAO 9303-10).

- :func:`read_data_group` — any EF.DGn: checks its tag (9303-10 §4.6, table 34) and BER
  length and keeps its bytes for hashing;
- :func:`read_dg1` — the MRZ in tag 5F1F inside 61 (§4.7.1);
- :func:`read_dg12_issue_date` — the date of issue in tag 5F26 inside 6C (§4.7.12);
- :func:`read_portrait` — the JPEG or JPEG 2000 image in DG2's biometric data block
  (§4.7.2 and ISO/IEC 19794-5:2005 §5), for the officer to look at; nothing biometric
  is computed;
- :func:`read_sod` — EF.SOD, tag 77 around a CMS SignedData (RFC 5652) whose content is
  an LDSSecurityObject (§4.6.2).

Every reader raises :class:`~passage.core.chip.errors.ChipError` naming the file when its
bytes are not the structure they should be.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from asn1crypto import algos, cms, core

from .asn1 import ID_LDS_SECURITY_OBJECT, LDSSecurityObject
from .certificates import Certificate, read_certificate
from .errors import ChipError
from .tlv import children as _children
from .tlv import read_tlv

DG_TAGS: Final[dict[int, int]] = {
    1: 0x61,
    2: 0x75,
    3: 0x63,
    4: 0x76,
    5: 0x65,
    6: 0x66,
    7: 0x67,
    8: 0x68,
    9: 0x69,
    10: 0x6A,
    11: 0x6B,
    12: 0x6C,
    13: 0x6D,
    14: 0x6E,
    15: 0x6F,
    16: 0x70,
}
"""Data group number → the tag its file starts with (ICAO 9303-10 §4.6.1, table 34)."""
SOD_TAG: Final = 0x77

_ASN1_ERRORS: Final = (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError)
"""What asn1crypto raises on malformed input; each is turned into a ChipError."""


@dataclass(frozen=True, slots=True)
class DataGroup:
    """One data group file as read: its number and exact bytes (what the SOD hashes)."""

    number: int
    raw: bytes

    @property
    def name(self) -> str:
        return f"EF.DG{self.number}"

    def digest(self, hash_name: str) -> bytes:
        return hashlib.new(hash_name, self.raw).digest()


def read_data_group(number: int, data: bytes) -> DataGroup:
    """Check that ``data`` is EF.DG``number``: its tag, and one TLV filling the file."""
    source = f"EF.DG{number}"
    if number not in DG_TAGS:
        raise ChipError(source, "ICAO 9303-10 defines data groups 1 to 16")
    tag, _value, end = read_tlv(data, source)
    if tag != DG_TAGS[number]:
        raise ChipError(source, f"starts with tag {tag:X}, not {DG_TAGS[number]:X}")
    if end != len(data):
        raise ChipError(source, f"{len(data) - end} bytes follow the data group")
    return DataGroup(number, bytes(data))


def read_dg1(data: bytes) -> str:
    """The MRZ characters of EF.DG1 (tag 5F1F in 61), as one line.

    >>> read_dg1(bytes.fromhex("6105") + bytes.fromhex("5f1f02") + b"P<")
    'P<'
    """
    read_data_group(1, data)
    _tag, value, _ = read_tlv(data, "EF.DG1")
    tag, mrz, end = read_tlv(value, "EF.DG1")
    if tag != 0x5F1F:
        raise ChipError("EF.DG1", f"holds tag {tag:X}, not the MRZ's 5F1F")
    if end != len(value):
        raise ChipError("EF.DG1", "bytes follow the MRZ")
    try:
        text = mrz.decode("ascii")
    except UnicodeDecodeError as exc:
        raise ChipError("EF.DG1", "the MRZ holds bytes that are not ASCII") from exc
    if not text.isprintable():
        raise ChipError("EF.DG1", "the MRZ holds control characters")
    return text


def read_dg12_issue_date(data: bytes) -> date | None:
    """The date of issue in EF.DG12 (tag 5F26 in 6C, ICAO 9303-10 §4.7.12), or None when
    the issuer left it out. It is ``YYYYMMDD`` as eight ASCII digits; some issuers write
    it as four BCD bytes, which are read alike.

    >>> read_dg12_issue_date(bytes.fromhex("6c0f5c025f265f2608") + b"20190830")
    datetime.date(2019, 8, 30)
    >>> read_dg12_issue_date(bytes.fromhex("6c0b5c025f265f260420190830"))
    datetime.date(2019, 8, 30)
    >>> read_dg12_issue_date(bytes.fromhex("6c085c025f195f190141")) is None
    True
    """
    source = "EF.DG12"
    read_data_group(12, data)
    _tag, value, _ = read_tlv(data, source)
    for tag, field, _whole in _children(value, source):
        if tag != 0x5F26:
            continue
        digits = field.hex() if len(field) == 4 else field.decode("ascii", "replace")
        if len(digits) != 8 or not digits.isdigit():
            raise ChipError(source, "the date of issue (5F26) is not YYYYMMDD")
        try:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        except ValueError as exc:
            raise ChipError(source, f"the date of issue {digits} is not a date") from exc
    return None


@dataclass(frozen=True, slots=True)
class Portrait:
    """The facial image of DG2, for display: ``media_type`` is image/jpeg or image/jp2."""

    media_type: str
    image: bytes
    width: int
    height: int


_IMAGE_TYPES: Final = {0: "image/jpeg", 1: "image/jp2"}


def read_portrait(data: bytes) -> Portrait:
    """The first facial image of EF.DG2 (ICAO 9303-10 §4.7.2, ISO/IEC 19794-5 §5.4-5.7)."""
    source = "EF.DG2"
    read_data_group(2, data)
    _tag, group, _ = read_tlv(data, source)
    tag, value, _ = read_tlv(group, source)
    if tag != 0x7F61:
        raise ChipError(source, f"holds tag {tag:X}, not the biometric group template 7F61")
    offset = 0
    while offset < len(value):
        tag, inner, offset = read_tlv(value, source, offset)
        if tag != 0x7F60:
            continue
        position = 0
        while position < len(inner):
            tag, block, position = read_tlv(inner, source, position)
            if tag in {0x5F2E, 0x7F2E}:
                return _facial_record(block)
    raise ChipError(source, "no biometric data block (5F2E) found")


def _facial_record(block: bytes) -> Portrait:
    source = "EF.DG2"
    if block[:4] != b"FAC\x00":
        raise ChipError(source, "the biometric data block is not an ISO/IEC 19794-5 record")
    # Header 14 bytes; facial information 20 bytes, then 8 per feature point; image
    # information 12 bytes; then the image (19794-5 §5.4, §5.5, §5.7).
    if len(block) < 14 + 20 + 12:
        raise ChipError(source, "the facial record is too short")
    start = 14
    record_length = int.from_bytes(block[start : start + 4], "big")
    points = int.from_bytes(block[start + 4 : start + 6], "big")
    info = start + 20 + 8 * points
    image_start = info + 12
    record_end = start + record_length
    if record_length < 32 or record_end > len(block) or image_start >= record_end:
        raise ChipError(source, "the facial record's lengths do not fit the block")
    media_type = _IMAGE_TYPES.get(block[info + 1])
    if media_type is None:
        raise ChipError(source, f"image data type {block[info + 1]} is neither JPEG nor JP2")
    width = int.from_bytes(block[info + 2 : info + 4], "big")
    height = int.from_bytes(block[info + 4 : info + 6], "big")
    return Portrait(media_type, block[image_start:record_end], width, height)


@dataclass(frozen=True, slots=True)
class SignerInfo:
    """The one SignerInfo of an EF.SOD, with what passive authentication needs."""

    issuer_and_serial: tuple[bytes, int] | None  # (issuer name DER, serial number)
    key_identifier: bytes | None
    digest_algorithm: str
    signed_attributes: bytes | None
    content_type: str | None
    message_digest: bytes | None
    signing_time: datetime | None
    signature_algorithm: Any
    signature: bytes


@dataclass(frozen=True, slots=True)
class SecurityObject:
    """EF.SOD read: the data group hashes and the signature over them."""

    raw: bytes
    hash_algorithm: str
    hashes: dict[int, bytes]
    lds_version: str | None
    content_type: str
    content: bytes
    certificates: tuple[Certificate, ...]
    signer: SignerInfo


def read_sod(data: bytes) -> SecurityObject:
    """Read EF.SOD (ICAO 9303-10 §4.6.2): tag 77, CMS SignedData, LDSSecurityObject."""
    source = "EF.SOD"
    tag, value, end = read_tlv(data, source)
    if tag != SOD_TAG:
        raise ChipError(source, f"starts with tag {tag:X}, not 77")
    if end != len(data):
        raise ChipError(source, f"{len(data) - end} bytes follow the security object")
    signed = read_signed_data(value, source)
    content_type, content = signed["content_type"], signed["content"]
    if content_type != ID_LDS_SECURITY_OBJECT:
        raise ChipError(source, f"signs content of type {content_type}, not an LDS object")
    try:
        lds = LDSSecurityObject.load(content, strict=True)
        algorithm = lds["hash_algorithm"]["algorithm"].native
        hashes: dict[int, bytes] = {}
        for item in lds["data_group_hash_values"]:
            number = item["data_group_number"].native
            if number in hashes:
                raise ChipError(source, f"hashes data group {number} twice")
            hashes[number] = item["data_group_hash_value"].native
        version_info = lds["lds_version_info"]
        lds_version = None if version_info.native is None else version_info["lds_version"].native
    except _ASN1_ERRORS as exc:
        raise ChipError(source, f"the LDS security object cannot be read: {exc}") from exc
    if not isinstance(algorithm, str):
        raise ChipError(source, "the LDS security object's hash algorithm is unreadable")
    return SecurityObject(
        raw=bytes(data),
        hash_algorithm=algorithm,
        hashes=hashes,
        lds_version=lds_version,
        content_type=content_type,
        content=content,
        certificates=signed["certificates"],
        signer=signed["signer"],
    )


def read_signed_data(data: bytes, source: str) -> dict[str, Any]:
    """A CMS ContentInfo holding SignedData with one signer (RFC 5652 §5), eagerly read."""
    try:
        info = cms.ContentInfo.load(data, strict=True)
        if info["content_type"].native != "signed_data":
            raise ChipError(source, f"holds CMS {info['content_type'].native}, not SignedData")
        signed = info["content"]
        encapsulated = signed["encap_content_info"]
        content_type = encapsulated["content_type"].dotted
        content = encapsulated["content"]
        if content.native is None:
            raise ChipError(source, "the signed content is absent (a detached signature)")
        content_bytes = content.contents
        certificates = []
        field = signed["certificates"]
        if not isinstance(field, core.Void):
            for tag, _value, raw in _children(field.contents, source):
                if tag == 0x30:  # the "certificate" choice; attribute certificates are skipped
                    certificates.append(read_certificate(raw, source))
        signers = signed["signer_infos"]
        if len(signers) != 1:
            raise ChipError(source, f"has {len(signers)} signers; ICAO 9303 allows one")
        signer = _signer(signers[0].dump(), source)
    except ChipError:
        raise
    except _ASN1_ERRORS as exc:
        raise ChipError(source, f"not a readable CMS SignedData: {exc}") from exc
    return {
        "content_type": content_type,
        "content": content_bytes,
        "certificates": tuple(certificates),
        "signer": signer,
    }


_CONTENT_TYPE: Final = bytes.fromhex("06092a864886f70d010903")
_MESSAGE_DIGEST: Final = bytes.fromhex("06092a864886f70d010904")
_SIGNING_TIME: Final = bytes.fromhex("06092a864886f70d010905")


def _signer(der: bytes, source: str) -> SignerInfo:
    """One SignerInfo (RFC 5652 §5.3), read with the TLV reader: asn1crypto's generic
    parsing of it was half the cost of reading EF.SOD (bench/chip.py)."""
    tag, body, end = read_tlv(der, source)
    fields = _children(body, source)
    if tag != 0x30 or end != len(der) or len(fields) < 5 or fields[0][0] != 0x02:
        raise ChipError(source, "the SignerInfo is not a SEQUENCE of its fields")
    sid_tag, sid, _ = fields[1]
    issuer_and_serial = None
    key_identifier = None
    if sid_tag == 0x30:
        parts = _children(sid, source)
        if len(parts) != 2 or parts[0][0] != 0x30 or parts[1][0] != 0x02:
            raise ChipError(source, "the signer's issuer and serial number are unreadable")
        issuer_and_serial = (parts[0][2], int.from_bytes(parts[1][1], "big", signed=True))
    elif sid_tag == 0x80:
        key_identifier = sid
    else:
        raise ChipError(source, f"the signer identifier has tag {sid_tag:X}")
    rest = fields[3:]
    signed_bytes = None
    content_type = message_digest = signing_time = None
    if rest[0][0] == 0xA0:
        raw_attributes = rest.pop(0)[2]
        # RFC 5652 §5.4: the signature covers the attributes' DER encoding as a SET OF
        # (tag 31), not as the [0] IMPLICIT field it is stored in.
        signed_bytes = b"\x31" + raw_attributes[1:]
        content_type, message_digest, signing_time = _attributes(
            read_tlv(raw_attributes, source)[1], source
        )
    if len(rest) < 2 or rest[1][0] != 0x04 or any(t != 0xA1 for t, _v, _r in rest[2:]):
        raise ChipError(source, "the SignerInfo's signature fields are unreadable")
    digest_algorithm = algos.DigestAlgorithm.load(fields[2][2], strict=True)["algorithm"].native
    algorithm = algos.SignedDigestAlgorithm.load(rest[0][2], strict=True)
    _ = algorithm.native  # parsed now: malformed bytes fail here, naming the file
    return SignerInfo(
        issuer_and_serial=issuer_and_serial,
        key_identifier=key_identifier,
        digest_algorithm=digest_algorithm,
        signed_attributes=signed_bytes,
        content_type=content_type,
        message_digest=message_digest,
        signing_time=signing_time,
        signature_algorithm=algorithm,
        signature=rest[1][1],
    )


def _attributes(data: bytes, source: str) -> tuple[str | None, bytes | None, datetime | None]:
    content_type = message_digest = signing_time = None
    for tag, attribute, _raw in _children(data, source):
        parts = _children(attribute, source)
        if tag != 0x30 or len(parts) != 2 or parts[0][0] != 0x06 or parts[1][0] != 0x31:
            raise ChipError(source, "a signed attribute is not a type and a set of values")
        kind, values = parts[0][2], _children(parts[1][1], source)
        if kind in {_CONTENT_TYPE, _MESSAGE_DIGEST, _SIGNING_TIME} and len(values) != 1:
            raise ChipError(source, f"a signed attribute has {len(values)} values, not one")
        if kind == _CONTENT_TYPE:
            if values[0][0] != 0x06:
                raise ChipError(source, "the signed content type is not an OID")
            content_type = core.ObjectIdentifier.load(values[0][2], strict=True).dotted
        elif kind == _MESSAGE_DIGEST:
            if values[0][0] != 0x04:
                raise ChipError(source, "the signed message digest is not an OCTET STRING")
            message_digest = values[0][1]
        elif kind == _SIGNING_TIME:
            time_type = {0x17: core.UTCTime, 0x18: core.GeneralizedTime}.get(values[0][0])
            if time_type is None:
                raise ChipError(source, "the signing time is not a time")
            signing_time = time_type.load(values[0][2], strict=True).native
    return content_type, message_digest, signing_time


_IGNORED: Final = frozenset({"COM", "CARDACCESS", "CARDSECURITY", "CVCA", "ATR", "ATR.INFO"})
"""Files of a dump that passive authentication does not use (9303-10 §3.11, 9303-11)."""


def read_files(files: Mapping[str, bytes]) -> tuple[SecurityObject, dict[int, DataGroup]]:
    """EF.SOD and the data groups of a reader's dump, keyed by file name.

    Names are read case-insensitively, with or without ``EF.``/``EF_`` and ``.bin``:
    ``EF.SOD``, ``EF_DG1.bin``, ``dg2``. EF.COM, EF.CardAccess, EF.CardSecurity, EF.CVCA
    and EF.ATR/INFO are ignored; other names are refused, as are a missing EF.SOD
    or EF.DG1 (without DG1 there is nothing to compare with the document).
    """
    sod: SecurityObject | None = None
    groups: dict[int, DataGroup] = {}
    for name, data in files.items():
        key = name.upper().removesuffix(".BIN")
        for prefix in ("EF.", "EF_"):
            key = key.removeprefix(prefix)
        if key == "SOD":
            sod = read_sod(data)
        elif key.startswith("DG") and key[2:].isdigit() and key[2:].isascii():
            number = int(key[2:])
            if number in groups:
                raise ChipError(f"EF.DG{number}", "given twice")
            groups[number] = read_data_group(number, data)
        elif key not in _IGNORED:
            raise ChipError(name, "not a file of the ICAO logical data structure")
    if sod is None:
        raise ChipError("EF.SOD", "missing")
    if 1 not in groups:
        raise ChipError("EF.DG1", "missing")
    read_dg1(groups[1].raw)
    return sod, groups
