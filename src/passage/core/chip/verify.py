"""Passive authentication of an e-Passport chip, ICAO 9303-11 §5.1 and 9303-12.

:func:`verify_chip` runs every step and reports each with its own status — ``ok``,
``failed`` or ``cannot_tell`` — and reason, in this order:

1. ``data_group_hashes`` — every data group read hashes to the value in the security
   object (9303-11 §5.1.1 step 4); a data group the object does not list fails;
2. ``signed_attributes`` — the content type is id-icao-ldsSecurityObject and the message
   digest is the hash of the security object (RFC 5652 §5.4, 9303-10 §4.6.2);
3. ``signature`` — the document signer's key verifies the signature over the signed
   attributes (9303-11 §5.1.1 step 3);
4. ``certificate_chain`` — the document signer certificate is issued by a trusted CSCA
   (issuer name, key identifiers, signature) and was valid when the chip was signed
   (9303-12 §§5.1, 7.1);
5. ``revocation`` — no CRL of that CSCA revokes the document signer (9303-12 §7.1.4);
6. ``printed_mrz`` — DG1's MRZ is the MRZ printed on the data page (9303-11 §5.1).

The verdict is ``failed`` if any step failed, ``cannot_tell`` if none failed but one could
not be decided (an unsupported algorithm or curve, no trusted CSCA of the issuer, no CRL,
no printed MRZ), and ``passed`` only when every step is ``ok``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from passage.core.mrz import MRZResult, parse_mrz

from .asn1 import ID_LDS_SECURITY_OBJECT
from .certificates import Certificate
from .keys import HASHES, Outcome, Status, verify_signature
from .lds import DataGroup, SecurityObject, read_dg1
from .trust import TrustStore, find_signer, signed_attributes_outcome

Verdict = Literal["passed", "failed", "cannot_tell"]
CHECKS = (
    "data_group_hashes",
    "signed_attributes",
    "signature",
    "certificate_chain",
    "revocation",
    "printed_mrz",
)
_MRZ_FIELDS = (
    "document_code",
    "issuing_state",
    "document_number",
    "surname",
    "given_names",
    "nationality",
    "birth_date",
    "birth_date_partial",
    "sex",
    "expiry_date",
    "optional_data",
    "optional_data_2",
)


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    status: Status
    detail: str

    @property
    def ok(self) -> bool | None:
        """True, False, or None for "cannot tell"."""
        return {"ok": True, "failed": False}.get(self.status)

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "ok": self.ok, "status": self.status, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class ChipReport:
    verdict: Verdict
    checks: tuple[Check, ...]
    issuing_state: str | None
    document_number: str | None
    signer: str | None
    csca: str | None
    signed_at: datetime | None

    def check(self, name: str) -> Check:
        return next(c for c in self.checks if c.name == name)

    def to_dict(self) -> dict[str, object]:
        """The JSON object of ``passage chip verify`` and the API."""
        return {
            "verdict": self.verdict,
            "checks": [c.to_dict() for c in self.checks],
            "issuing_state": self.issuing_state,
            "document_number": self.document_number,
            "signer": self.signer,
            "csca": self.csca,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
        }


def verify_chip(
    sod: SecurityObject,
    data_groups: Mapping[int, DataGroup],
    trust: TrustStore,
    *,
    printed_mrz: str | None = None,
) -> ChipReport:
    """Passive authentication of read files against ``trust``. DG1 must be among them."""
    checks: list[Check] = [_check("data_group_hashes", _hashes(sod, data_groups))]
    signer = sod.signer
    checks.append(
        _check(
            "signed_attributes",
            signed_attributes_outcome(signer, sod.content, ID_LDS_SECURITY_OBJECT),
        )
    )
    document_signer = find_signer(signer, sod.certificates)
    if document_signer is None:
        checks.append(
            Check("signature", "cannot_tell", "EF.SOD carries no document signer certificate")
        )
        checks.append(Check("certificate_chain", "cannot_tell", "no document signer certificate"))
        checks.append(Check("revocation", "cannot_tell", "no document signer certificate"))
        csca = None
    else:
        outcome = (
            verify_signature(
                document_signer.public_key,
                signer.signature_algorithm,
                signer.signed_attributes,
                signer.signature,
                digest_algorithm=signer.digest_algorithm,
            )
            if signer.signed_attributes is not None
            else Outcome("failed", "nothing signed: no signed attributes")
        )
        checks.append(_check("signature", outcome))
        chain, csca = _chain(document_signer, signer.signing_time, trust)
        checks.append(_check("certificate_chain", chain))
        checks.append(_check("revocation", _revocation(document_signer, csca, trust)))
    mrz_check, chip_mrz = _printed(data_groups, printed_mrz)
    checks.append(_check("printed_mrz", mrz_check))
    statuses = {c.status for c in checks}
    verdict: Verdict = (
        "failed"
        if "failed" in statuses
        else "cannot_tell"
        if "cannot_tell" in statuses
        else "passed"
    )
    return ChipReport(
        verdict=verdict,
        checks=tuple(checks),
        issuing_state=chip_mrz.issuing_state if chip_mrz else None,
        document_number=chip_mrz.document_number if chip_mrz else None,
        signer=document_signer.subject if document_signer else None,
        csca=csca.subject if csca else None,
        signed_at=signer.signing_time,
    )


def _check(name: str, outcome: Outcome) -> Check:
    return Check(name, outcome.status, outcome.reason)


def _hashes(sod: SecurityObject, data_groups: Mapping[int, DataGroup]) -> Outcome:
    algorithm = sod.hash_algorithm
    if algorithm not in HASHES:
        return Outcome("cannot_tell", f"hash algorithm {algorithm} is not supported")
    if not data_groups:
        return Outcome("failed", "no data group was read")
    wrong, unlisted = [], []
    for number in sorted(data_groups):
        expected = sod.hashes.get(number)
        if expected is None:
            unlisted.append(f"DG{number}")
        elif data_groups[number].digest(algorithm) != expected:
            wrong.append(f"DG{number}")
    if unlisted:
        return Outcome("failed", f"not in the security object: {', '.join(unlisted)}")
    if wrong:
        return Outcome(
            "failed", f"{algorithm} differs from the security object's: {', '.join(wrong)}"
        )
    names = ", ".join(f"DG{n}" for n in sorted(data_groups))
    return Outcome("ok", f"{algorithm} of {names} match")


def _chain(
    signer: Certificate, signed_at: datetime | None, trust: TrustStore
) -> tuple[Outcome, Certificate | None]:
    candidates = trust.candidates(signer)
    failures = []
    for csca in candidates:
        outcome = signer.issued_by(csca)
        if outcome.status != "ok":
            failures.append((csca, outcome))
            continue
        if csca.subject_key != signer.issuer_key:
            return Outcome(
                "failed", f"signed by {csca.subject} but names {signer.issuer} as issuer"
            ), csca
        aki = signer.authority_key_identifier
        if aki is not None and csca.key_identifier is not None and aki != csca.key_identifier:
            return Outcome("failed", "the authority key identifier is not the CSCA's"), csca
        if not csca.valid_at(signer.not_before):
            return Outcome(
                "failed",
                f"issued on {signer.not_before:%Y-%m-%d}, outside the validity of {csca.subject}",
            ), csca
        if signed_at is None:
            when = "no signing time in EF.SOD, so the signer's validity is not compared with it"
        elif not signer.valid_at(signed_at):
            return Outcome(
                "failed",
                f"signed on {signed_at:%Y-%m-%d}, outside the signer's validity "
                f"({signer.not_before:%Y-%m-%d} to {signer.not_after:%Y-%m-%d})",
            ), csca
        else:
            when = f"signed on {signed_at:%Y-%m-%d}, within the signer's validity"
        return Outcome("ok", f"issued by trusted CSCA {csca.subject}; {when}"), csca
    if failures:
        csca, outcome = failures[0]
        if outcome.status == "cannot_tell":
            return Outcome("cannot_tell", f"{csca.subject}: {outcome.reason}"), None
        return Outcome(
            "failed",
            f"names trusted CSCA {csca.subject} as issuer, but its signature does not verify",
        ), None
    country = signer.country or "its country"
    known = len(trust.of_country(signer.country))
    return Outcome(
        "cannot_tell",
        f"issuer {signer.issuer} is not among the {known} trusted CSCAs of {country}",
    ), None


def _revocation(signer: Certificate, csca: Certificate | None, trust: TrustStore) -> Outcome:
    if csca is None:
        return Outcome("cannot_tell", "no trusted CSCA, so no CRL to consult")
    lists = trust.crls_of(csca)
    if not lists:
        return Outcome("cannot_tell", f"no CRL of {csca.subject} is loaded")
    for revocations in lists:
        revoked_on = revocations.revoked.get(signer.serial)
        if revoked_on is not None:
            return Outcome(
                "failed",
                f"the document signer was revoked on {revoked_on:%Y-%m-%d} "
                f"(CRL of {revocations.this_update:%Y-%m-%d})",
            )
    latest = max(lists, key=lambda r: r.this_update)
    stale = ""
    if latest.next_update is not None:
        stale = f"; next update due {latest.next_update:%Y-%m-%d}"
    return Outcome("ok", f"not revoked by the CRL of {latest.this_update:%Y-%m-%d}{stale}")


def _printed(
    data_groups: Mapping[int, DataGroup], printed: str | None
) -> tuple[Outcome, MRZResult | None]:
    group = data_groups.get(1)
    if group is None:
        return Outcome("cannot_tell", "EF.DG1 was not read"), None
    chip = parse_mrz(read_dg1(group.raw))
    if chip.format is None:
        return Outcome("failed", "the MRZ in EF.DG1 is not an ICAO MRZ"), chip
    if printed is None or not printed.strip():
        return Outcome("cannot_tell", "no printed MRZ given to compare"), chip
    paper = parse_mrz(printed)
    if paper.format is None:
        return Outcome("cannot_tell", "the printed MRZ cannot be read"), chip
    if paper.lines == chip.lines:
        return Outcome("ok", "the chip's MRZ is the printed MRZ"), chip
    differ = [f for f in _MRZ_FIELDS if getattr(paper, f) != getattr(chip, f)]
    if paper.format != chip.format:
        differ.insert(0, "format")
    return Outcome(
        "failed", "differs from the printed MRZ: " + ", ".join(differ or ["check digits"])
    ), chip
