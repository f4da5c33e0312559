"""Importing trust anchors: all or nothing, audited (docs/chip.md)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import User
from passage.core.chip import ChipError, MasterListInfo, TrustStore, read_certificate, read_crl
from passage.core.chip.certificates import Certificate, RevocationList
from passage.core.problems import ProblemError

from .choices import AnchorKind, ImportKind
from .models import TrustAnchor
from .queries import trust_store

MAX_TRUST_BYTES = 50 * 1024 * 1024
"""A master list of every state's CSCAs is about 1 MB; anything near this is a mistake."""


@dataclass
class TrustImport:
    kind: str
    source: str
    added: list[str] = field(default_factory=list)
    already: int = 0
    master_list: MasterListInfo | None = None

    def summary(self) -> str:
        text = f"{self.source}: {len(self.added)} added, {self.already} already trusted"
        if self.master_list is not None:
            info = self.master_list
            text += (
                f"; master list of {info.certificates} CSCAs of {len(info.countries)} states, "
                f"signed by {info.signer_subject} (SHA-256 {info.signer_fingerprint}) — "
                "compare this fingerprint with the one its publisher gives"
            )
        return text


def import_trust(actor: User | None, kind: str, data: bytes, source: str) -> TrustImport:
    """Verify and store a master list, a CSCA certificate or a CRL; one audit event.

    A master list must verify (docs/chip.md) and a CRL must be signed by a CSCA already
    trusted; anything refused raises ProblemError on ``file`` and stores nothing.
    """
    if kind not in ImportKind.values:
        raise ProblemError({"kind": f"one of {', '.join(ImportKind.values)}"})
    if len(data) > MAX_TRUST_BYTES:
        raise ProblemError({"file": f"larger than {MAX_TRUST_BYTES} bytes"})
    source = source[:200]
    current = trust_store()
    scratch = TrustStore()
    for csca in current.cscas:
        scratch.add_csca(csca)
    result = TrustImport(kind=kind, source=source)
    new: list[TrustAnchor] = []
    try:
        if kind == ImportKind.MASTER_LIST:
            before = len(scratch.cscas)
            info = scratch.add_master_list(data, source)
            result.master_list = info
            origin = f"{source} (signer {info.signer_fingerprint[:16]})"
            new = [_csca(c, origin) for c in scratch.cscas[before:]]
            result.already = info.certificates - len(new)
        elif kind == ImportKind.CSCA:
            certificate = read_certificate(data, source)
            if scratch.add_csca(certificate):
                new = [_csca(certificate, source)]
            else:
                result.already = 1
        else:
            revocations = scratch.add_crl(data, source)
            new = [_crl(revocations, source)]
    except ChipError as exc:
        raise ProblemError({"file": str(exc)}) from exc
    known = set(
        TrustAnchor.objects.filter(fingerprint__in=[a.fingerprint for a in new]).values_list(
            "fingerprint", flat=True
        )
    )
    new = [a for a in new if a.fingerprint not in known]
    result.already += len(known)
    with transaction.atomic():
        for anchor in new:
            anchor.imported_by = actor if getattr(actor, "pk", None) else None
        TrustAnchor.objects.bulk_create(new)
        result.added = [a.subject for a in new]
        audit.record(
            actor,
            AuditAction.IMPORT,
            object_type="documents.trustanchor",
            object_id=kind,
            object_repr=source,
            details={
                "kind": kind,
                "source": source,
                "added": len(new),
                "already": result.already,
                "fingerprints": [a.fingerprint for a in new][:1000],
                "master_list_signer": (
                    result.master_list.signer_fingerprint if result.master_list else None
                ),
            },
            message=result.summary(),
        )
    return result


def _csca(certificate: Certificate, source: str) -> TrustAnchor:
    return TrustAnchor(
        kind=AnchorKind.CSCA,
        der=certificate.der,
        fingerprint=certificate.fingerprint,
        subject=certificate.subject[:500],
        country=(certificate.country or "")[:2],
        valid_until=certificate.not_after,
        source=source[:300],
    )


def _crl(revocations: RevocationList, source: str) -> TrustAnchor:
    return TrustAnchor(
        kind=AnchorKind.CRL,
        der=revocations.der,
        fingerprint=hashlib.sha256(revocations.der).hexdigest(),
        subject=revocations.issuer[:500],
        country="",
        valid_until=revocations.next_update,
        source=source[:300],
    )


def expiry(valid_until: datetime | None, now: datetime) -> str:
    """ "expired", "expires in N days" or "valid" (more than a year), for lists."""
    if valid_until is None:
        return "no end date"
    days = (valid_until - now).days
    if days < 0:
        return "expired"
    return f"expires in {days} days" if days <= 365 else "valid"


def trust_anchor_rows() -> list[dict[str, Any]]:
    """Every anchor as HQ sends it to posts (the ``chip_trust`` sync dataset)."""
    rows = []
    for anchor in TrustAnchor.objects.order_by("fingerprint"):
        rows.append(
            {
                "kind": anchor.kind,
                "der": base64.b64encode(bytes(anchor.der)).decode(),
                "fingerprint": anchor.fingerprint,
                "source": anchor.source,
            }
        )
    return rows


def apply_trust_anchor_rows(actor: User | None, rows: list[dict[str, Any]]) -> int:
    """Add the anchors HQ sent that this post lacks, in the caller's audited transaction.

    Each is read again here (a post trusts HQ's sync channel, not the row's columns), and
    one that cannot be read or whose fingerprint is not its bytes' refuses the whole pull.
    """
    held = set(TrustAnchor.objects.values_list("fingerprint", flat=True))
    new = []
    for number, row in enumerate(rows, start=1):
        if row["fingerprint"] in held:
            continue
        der = base64.b64decode(row["der"], validate=True)
        if hashlib.sha256(der).hexdigest() != row["fingerprint"]:
            raise ProblemError({f"chip_trust.{number}": "the fingerprint is not of its bytes"})
        try:
            if row["kind"] == AnchorKind.CSCA:
                anchor = _csca(read_certificate(der, row["source"]), row["source"])
            else:
                anchor = _crl(read_crl(der, row["source"]), row["source"])
        except ChipError as exc:
            raise ProblemError({f"chip_trust.{number}": str(exc)}) from exc
        new.append(anchor)
    TrustAnchor.objects.bulk_create(new)
    return len(new)
