"""e-Passport chips: reading the ICAO 9303 logical data structure and passive authentication.

Framework-free (``cryptography`` and ``asn1crypto``). The public API:

- :func:`read_files` → EF.SOD and data groups from a reader's dump; :func:`read_sod`,
  :func:`read_data_group`, :func:`read_dg1`, :func:`read_portrait` for one file each;
- :class:`TrustStore` — CSCAs (:meth:`~TrustStore.add_certificate`), ICAO master lists
  (:meth:`~TrustStore.add_master_list`, verified, refused when tampered) and CRLs;
- :func:`verify_chip` → :class:`ChipReport`: each step ``ok``/``failed``/``cannot_tell``
  with its reason, and a verdict ``passed``/``failed``/``cannot_tell``;
- :class:`ChipError` (bytes that are not what they claim, naming the file) and
  :class:`TrustError` (a trust anchor refused).

See ``docs/chip.md`` and ``docs/decisions/0080-chip-passive-authentication.md``.
"""

from __future__ import annotations

from .certificates import Certificate, RevocationList, read_certificate, read_crl
from .errors import ChipError, TrustError
from .lds import (
    DataGroup,
    Portrait,
    SecurityObject,
    read_data_group,
    read_dg1,
    read_dg12_issue_date,
    read_files,
    read_portrait,
    read_sod,
)
from .trust import MasterListInfo, TrustStore
from .verify import CHECKS, ChipReport, verify_chip

__all__ = [
    "CHECKS",
    "Certificate",
    "ChipError",
    "ChipReport",
    "DataGroup",
    "MasterListInfo",
    "Portrait",
    "RevocationList",
    "SecurityObject",
    "TrustError",
    "TrustStore",
    "read_certificate",
    "read_crl",
    "read_data_group",
    "read_dg1",
    "read_dg12_issue_date",
    "read_files",
    "read_portrait",
    "read_sod",
    "verify_chip",
]
