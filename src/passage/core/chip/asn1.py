"""The ICAO 9303 ASN.1 structures that asn1crypto does not define, and their OIDs.

LDSSecurityObject and DataGroupHash: ICAO 9303-10 §4.6.2.2 (appendix "ASN.1 profile of
the Document Security Object"). CscaMasterList: ICAO 9303-12 §9. Everything else (CMS
SignedData, X.509 certificates and CRLs, algorithm identifiers) is asn1crypto's.
"""

from __future__ import annotations

from typing import Final

from asn1crypto import algos, core, x509

ID_LDS_SECURITY_OBJECT: Final = "2.23.136.1.1.1"
"""id-icao-mrtd-security-ldsSecurityObject (ICAO 9303-10)."""
ID_CSCA_MASTER_LIST: Final = "2.23.136.1.1.2"
"""id-icao-cscaMasterList (ICAO 9303-12 §9)."""


class DataGroupHash(core.Sequence):  # type: ignore[misc]
    _fields = [
        ("data_group_number", core.Integer),
        ("data_group_hash_value", core.OctetString),
    ]


class DataGroupHashes(core.SequenceOf):  # type: ignore[misc]
    _child_spec = DataGroupHash


class LDSVersionInfo(core.Sequence):  # type: ignore[misc]
    _fields = [
        ("lds_version", core.PrintableString),
        ("unicode_version", core.PrintableString),
    ]


class LDSSecurityObject(core.Sequence):  # type: ignore[misc]
    _fields = [
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("data_group_hash_values", DataGroupHashes),
        ("lds_version_info", LDSVersionInfo, {"optional": True}),
    ]


class Certificates(core.SetOf):  # type: ignore[misc]
    _child_spec = x509.Certificate


class CscaMasterList(core.Sequence):  # type: ignore[misc]
    _fields = [
        ("version", core.Integer),
        ("cert_list", Certificates),
    ]
