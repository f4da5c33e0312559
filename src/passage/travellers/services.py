"""Writes of travellers and documents: identity resolution at the counter, audited.

A traveller is recognised by document (issuing state and number). A possible match by
name and date of birth is only ever offered to the officer (see ``queries``): linking a
new document to an existing traveller happens when the officer says so, never silently.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import User
from passage.core import freetext
from passage.core.freetext import text_problem
from passage.core.problems import ProblemError
from passage.reference.models import Country

from .choices import DocumentType, Sex
from .models import TravelDocument, Traveller

NAME_FIELDS = ("primary_name", "secondary_name", "native_primary_name", "native_secondary_name")
NAME_RE = re.compile(r"^[A-Z]+(?:[ '\-][A-Z]+)*$")
NUMBER_RE = re.compile(r"^[A-Z0-9]{1,24}$")


@dataclass
class Identity:
    """What the counter knows about a person and their document, from the MRZ or typed."""

    primary_name: str = ""
    secondary_name: str = ""
    native_primary_name: str = ""
    native_secondary_name: str = ""
    sex: str = ""
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None
    nationality: str = ""
    document_type: str = DocumentType.PASSPORT
    document_code: str = ""
    issuing_state: str = ""
    number: str = ""
    expiry_date: dt.date | None = None
    issue_date: dt.date | None = None
    mrz: str = ""
    mrz_format: str = ""
    countries: dict[str, Country] = field(default_factory=dict, repr=False)

    def clean(self, today: dt.date) -> Identity:
        """Normalise and validate; raise ``ProblemError`` naming every bad field."""
        problems: dict[str, str] = {}
        self.primary_name = " ".join(self.primary_name.upper().split())
        self.secondary_name = " ".join(self.secondary_name.upper().split())
        self.number = self.number.upper().replace(" ", "").replace("<", "")
        self.nationality = self.nationality.upper().rstrip("<")
        self.issuing_state = self.issuing_state.upper().rstrip("<")
        for name in ("primary_name", "secondary_name"):
            value = getattr(self, name)
            if value and not NAME_RE.match(value):
                problems[name] = "use the MRZ form: letters A-Z, spaces, hyphens and apostrophes"
        for name in NAME_FIELDS:
            problem = text_problem(getattr(self, name), freetext.NAME)
            if problem is not None:
                problems[name] = problem
        if self.sex and self.sex not in Sex.values:
            problems["sex"] = f"{self.sex!r} is not F, M or X"
        if self.document_type not in DocumentType.values:
            problems["document_type"] = f"{self.document_type!r} is not a known document type"
        if self.number and not NUMBER_RE.match(self.number):
            problems["number"] = "letters A-Z and digits only, at most 24"
        needs_number = self.document_type not in {DocumentType.NONE, DocumentType.BIRTH_CERTIFICATE}
        if needs_number and not self.number:
            problems["number"] = "required for this document type"
        codes = {c for c in (self.nationality, self.issuing_state) if c}
        known = {c.icao_code: c for c in Country.objects.filter(icao_code__in=codes)}
        self.countries = known
        for name in ("nationality", "issuing_state"):
            code = getattr(self, name)
            if code and code not in known:
                problems[name] = f"unknown country code {code!r}"
        if self.number and not self.issuing_state:
            problems["issuing_state"] = "required with a document number"
        problems.update(self._birth_problems(today))
        if self.expiry_date and self.expiry_date.year < 1950:
            problems["expiry_date"] = "impossible expiry date"
        # Optional (the data page or the chip; the MRZ does not carry it), but never
        # impossible: identity resolution reads renewals and overlaps from it.
        if self.issue_date and self.issue_date.year < 1950:
            problems["issue_date"] = "impossible issue date"
        elif self.issue_date and self.issue_date > today:
            problems["issue_date"] = "in the future"
        elif self.issue_date and self.expiry_date and self.issue_date >= self.expiry_date:
            problems["issue_date"] = "issued on or after its expiry date"
        if problems:
            raise ProblemError(problems)
        return self

    def _birth_problems(self, today: dt.date) -> dict[str, str]:
        y, m, d = self.birth_year, self.birth_month, self.birth_day
        if y is None:
            return {"birth_date": "day and month without a year"} if (m or d) else {}
        if not 1880 <= y <= today.year:
            return {"birth_date": f"impossible year of birth {y}"}
        if d and not m:
            return {"birth_date": "a day without a month"}
        if m and not 1 <= m <= 12:
            return {"birth_date": f"impossible month {m}"}
        if m and d:
            try:
                born = dt.date(y, m, d)
            except ValueError:
                return {"birth_date": f"impossible date {y:04d}-{m:02d}-{d:02d}"}
            if born > today:
                return {"birth_date": "in the future"}
        return {}

    def traveller_fields(self) -> dict[str, Any]:
        return {
            "primary_name": self.primary_name,
            "secondary_name": self.secondary_name,
            "native_primary_name": self.native_primary_name.strip(),
            "native_secondary_name": self.native_secondary_name.strip(),
            "sex": self.sex,
            "birth_year": self.birth_year,
            "birth_month": self.birth_month,
            "birth_day": self.birth_day,
            "nationality": self.countries.get(self.nationality),
        }


@dataclass(frozen=True)
class Resolved:
    traveller: Traveller
    document: TravelDocument | None
    traveller_created: bool
    document_created: bool
    # A recognised document recorded with another issue date than the one given now: the
    # recorded date is kept and the caller says so (decision 0163).
    issue_date_recorded: dt.date | None = None


def resolve(
    actor: User | None, identity: Identity, *, traveller_id: Any = None, audited: bool = True
) -> Resolved:
    """The traveller and document for a crossing: recognised, linked as told, or new.

    Runs inside the caller's transaction (the crossing's), so a refused crossing leaves
    no orphan traveller behind. With ``audited=False`` the caller records what was
    created in its own audit event (the crossing's, which names both).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("resolve() runs inside the crossing's transaction")
    if identity.number and identity.issuing_state:
        document = (
            TravelDocument.objects.select_related("traveller")
            .filter(issuing_state_id=identity.issuing_state, number=identity.number)
            .first()
        )
        if document is not None:
            return _recognised(actor, document, identity.issue_date)
    traveller_created = False
    if traveller_id:
        traveller = Traveller.objects.filter(pk=traveller_id).first()
        if traveller is None:
            raise ProblemError({"traveller": "no such traveller"})
    else:
        traveller = Traveller(
            created_by=actor if getattr(actor, "is_authenticated", False) else None
        )
        for name, value in identity.traveller_fields().items():
            setattr(traveller, name, value)
        traveller.save()
        traveller_created = True
        if audited:
            audit.record(actor, AuditAction.CREATE, obj=traveller, after=audit.snapshot(traveller))
    if identity.document_type == DocumentType.NONE and not identity.number:
        return Resolved(traveller, None, traveller_created, False)
    document = TravelDocument.objects.create(
        traveller=traveller,
        document_type=identity.document_type,
        document_code=identity.document_code[:2],
        issuing_state=identity.countries.get(identity.issuing_state),
        number=identity.number,
        expiry_date=identity.expiry_date,
        issue_date=identity.issue_date,
        mrz=identity.mrz,
        mrz_format=identity.mrz_format,
    )
    if audited:
        audit.record(actor, AuditAction.CREATE, obj=document, after=audit.snapshot(document))
    return Resolved(traveller, document, traveller_created, True)


def _recognised(actor: User | None, document: TravelDocument, issued: dt.date | None) -> Resolved:
    """A document recorded before. An issue date given now fills one never recorded
    (audited, and sent to HQ as the document's change); one that differs from the
    recorded date changes nothing: the caller shows the officer both (decision 0163)."""
    if issued is None or document.issue_date == issued:
        return Resolved(document.traveller, document, False, False)
    if document.issue_date is not None:
        return Resolved(document.traveller, document, False, False, document.issue_date)
    if document.expiry_date and issued >= document.expiry_date:
        # The identity may carry no expiry (API fields): checked against the recorded one.
        raise ProblemError({"issue_date": "issued on or after its expiry date"})
    before = audit.snapshot(document)
    document.issue_date = issued
    document.save(update_fields=["issue_date"])
    audit.record(
        actor, AuditAction.UPDATE, obj=document, before=before, after=audit.snapshot(document)
    )
    return Resolved(document.traveller, document, False, False)
