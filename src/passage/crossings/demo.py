"""Load synthetic travellers and crossings (``passage.core.synthetic``) for the demo and benchmarks.

Millions of rows cannot go through ``record_crossing`` one by one in reasonable time, so
this loader writes in batches; each batch is one transaction with one audit event that
says what was generated, from which seed, so the audit trail still accounts for every row.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from uuid_utils.compat import uuid7

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import User
from passage.common.bulk import fast_insert
from passage.core.synthetic import SyntheticCrossing
from passage.reference.models import BorderCrossingPoint, Country
from passage.travellers.choices import DocumentType
from passage.travellers.models import TravelDocument, Traveller

from .choices import Decision, InspectionStatus, Purpose, ReviewReason, TransportMode
from .models import Crossing, SecondaryInspection

BATCH = 5000

# Looked up once: ``Choices.values`` builds a new list on every call.
_DOCUMENT_TYPES = frozenset(DocumentType.values)
_PURPOSES = frozenset(Purpose.values)
_TRANSPORT_MODES = frozenset(TransportMode.values)

__all__ = ["BATCH", "LoadStats", "SyntheticLoader", "fast_insert"]


@dataclass
class LoadStats:
    travellers: int = 0
    documents: int = 0
    crossings: int = 0


def _partial(value: str) -> tuple[int | None, int | None, int | None]:
    parts = [int(p) for p in value.split("-") if p]
    parts += [None] * (3 - len(parts))  # type: ignore[list-item]
    return parts[0], parts[1], parts[2]


class SyntheticLoader:
    """Turns the synthetic stream into rows; keeps only open entries in memory."""

    def __init__(self, actor: User | None, officers: dict[str, Any], seed: int) -> None:
        self.actor = actor
        self.officers = officers
        self.seed = seed
        self.points = {p.code: p.pk for p in BorderCrossingPoint.objects.all()}
        self.countries = set(Country.objects.values_list("icao_code", flat=True))
        self.travellers: dict[int, uuid.UUID] = {}
        # (issuing state, number) -> (document id, person): a number is one document.
        self.documents: dict[tuple[str, str], tuple[uuid.UUID, int]] = {}
        self.crossing_ids: dict[int, uuid.UUID] = {}
        self.stats = LoadStats()
        self.latest: dt.datetime | None = None

    def _country(self, code: str) -> str | None:
        return code if code in self.countries else None

    def load(
        self, stream: Iterable[SyntheticCrossing], progress: Callable[[int], None] | None = None
    ) -> LoadStats:
        batch: list[SyntheticCrossing] = []
        for item in stream:
            batch.append(item)
            if len(batch) >= BATCH:
                self._write(batch)
                batch = []
                if progress:
                    progress(self.stats.crossings)
        if batch:
            self._write(batch)
        if progress:
            progress(self.stats.crossings)
        return self.stats

    @transaction.atomic
    def _write(self, batch: list[SyntheticCrossing]) -> None:
        travellers: list[Traveller] = []
        documents: list[TravelDocument] = []
        crossings: list[Crossing] = []
        grounds: list[Any] = []
        inspections: list[SecondaryInspection] = []
        through = Crossing.refusal_grounds.through
        for item in batch:
            person, doc = item.person, item.document
            traveller_id = self.travellers.get(person.number)
            if traveller_id is None:
                traveller_id = self.travellers[person.number] = uuid7()
                year, month, day = _partial(person.birth_date)
                travellers.append(
                    Traveller(
                        id=traveller_id,
                        primary_name=person.primary_latin,
                        secondary_name=person.secondary_latin,
                        native_primary_name=person.primary_native,
                        native_secondary_name=person.secondary_native,
                        sex=person.sex,
                        birth_year=year,
                        birth_month=month,
                        birth_day=day,
                        nationality_id=self._country(person.nationality),
                        created_by=self.actor,
                    )
                )
            document_id = None
            if doc.kind != "none" and doc.number:
                key = (doc.issuing_state, doc.number)
                known = self.documents.get(key)
                if known is not None:
                    # The generator may draw a number twice; the second holder goes without.
                    document_id = known[0] if known[1] == person.number else None
                else:
                    document_id = uuid7()
                    self.documents[key] = (document_id, person.number)
                    documents.append(
                        TravelDocument(
                            id=document_id,
                            traveller_id=traveller_id,
                            document_type=doc.kind
                            if doc.kind in _DOCUMENT_TYPES
                            else DocumentType.PASSPORT,
                            document_code=doc.mrz_code,
                            issuing_state_id=self._country(doc.issuing_state),
                            number=doc.number,
                            expiry_date=doc.expiry_date,
                        )
                    )
            crossing_id = uuid7()
            closes = self.crossing_ids.pop(item.closes, None) if item.closes is not None else None
            if item.direction == "entry" and item.decision != "refused":
                self.crossing_ids[item.sequence] = crossing_id
            review = ReviewReason.NONE
            if (
                item.direction == "exit"
                and closes is None
                and person.nationality != settings.PASSAGE_COUNTRY
            ):
                review = ReviewReason.EXIT_WITHOUT_ENTRY
            crossings.append(
                Crossing(
                    id=crossing_id,
                    direction=item.direction,
                    crossing_point_id=self.points[item.crossing_point],
                    at=item.at,
                    officer=self.officers.get(item.crossing_point) or self.actor,
                    traveller_id=traveller_id,
                    document_id=document_id,
                    purpose=item.purpose if item.purpose in _PURPOSES else Purpose.OTHER,
                    transport_mode=item.transport_mode
                    if item.transport_mode in _TRANSPORT_MODES
                    else "",
                    carrier=item.carrier[:80],
                    transport_reference=item.vehicle[:40],
                    decision=item.decision,
                    # After secondary inspection the stay is authorised on the inspection,
                    # as crossings.services.decide_inspection records it.
                    authorised_until=None
                    if item.decision == "secondary"
                    else item.authorised_until,
                    closes_id=closes,
                    review_reason=review,
                )
            )
            grounds.extend(
                through(crossing_id=crossing_id, refusalground_id=code)
                for code in item.refusal_grounds
            )
            if item.decision == "secondary":
                inspections.append(
                    SecondaryInspection(
                        crossing_id=crossing_id,
                        reason="synthetic: document check",
                        status=InspectionStatus.DECIDED,
                        outcome=Decision.ADMITTED,
                        authorised_until=item.authorised_until,
                        decided_by=self.actor,
                        decided_at=item.at,
                    )
                )
            self.latest = item.at
        fast_insert(Traveller, travellers)
        fast_insert(TravelDocument, documents)
        fast_insert(Crossing, crossings)
        fast_insert(through, grounds)
        fast_insert(SecondaryInspection, inspections)
        self.stats.travellers += len(travellers)
        self.stats.documents += len(documents)
        self.stats.crossings += len(crossings)
        audit.record(
            self.actor,
            AuditAction.IMPORT,
            object_type="crossings.crossing",
            details={
                "synthetic_seed": self.seed,
                "crossings": len(crossings),
                "travellers": len(travellers),
                "documents": len(documents),
                "first": batch[0].at,
                "last": batch[-1].at,
            },
            message="synthetic demo data generated",
        )
