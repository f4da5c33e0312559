"""Stay positions for many travellers at once: a passenger list before the flight lands.

:func:`assess_entries` gives, for each request, what :func:`.assessment.assess` gives for
it alone (a test compares them), reading in one query each what ``assess`` reads per
traveller: the active stay rules with their nationalities, the admitted entries and
exits of every known traveller (and of the travellers confirmed to be the same person),
their visas valid on the day, their permits. The calculator itself is the same
(:func:`.assessment.assess_with`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from passage.core import stay as core
from passage.crossings.choices import Decision, Direction
from passage.crossings.models import Crossing
from passage.travellers.same_person import same_person

from .assessment import assess_with
from .models import Permit, StayRule, Visa

__all__ = ["Wanted", "assess_entries"]


@dataclass(frozen=True)
class Wanted:
    """One stay assessment to make: an entry on the list's arrival day."""

    traveller_id: Any
    nationality: str
    document_type: str
    document_code: str
    purpose: str = ""


Assessed = tuple[core.Assessment, StayRule | None] | core.StayError


def _rules() -> list[tuple[StayRule, frozenset[str]]]:
    rules = StayRule.objects.filter(active=True).prefetch_related("nationalities")
    return [(r, frozenset(c.icao_code for c in r.nationalities.all())) for r in rules]


def _select(
    rules: list[tuple[StayRule, frozenset[str]]], nationality: str, document_type: str, purpose: str
) -> StayRule | None:
    """:func:`.assessment.select_rule` over rules already read (same order, same ties)."""
    best: tuple[int, int] | None = None
    chosen = None
    for rule, codes in rules:
        if rule.document_type not in ("", document_type) or rule.purpose not in ("", purpose):
            continue
        has_nat = nationality in codes
        if codes and not has_nat:
            continue
        specificity = has_nat * 4 + bool(rule.document_type) * 2 + bool(rule.purpose)
        key = (-specificity, rule.priority)
        if best is None or key < best:
            best, chosen = key, rule
    return chosen


def _histories(travellers: set[Any]) -> dict[Any, core.History]:
    """Each traveller's stays across everyone confirmed to be them: one crossings query."""
    people = {t: same_person(t) for t in travellers}
    everyone = set().union(*people.values()) if people else set()
    rows = (
        Crossing.objects.filter(traveller_id__in=everyone)
        .filter(
            Q(decision=Decision.ADMITTED)
            | Q(decision=Decision.SECONDARY, inspection__outcome=Decision.ADMITTED)
        )
        .order_by("at")
        .values_list("traveller_id", "direction", "at")
    )
    by_traveller: dict[Any, list[tuple[dt.datetime, str]]] = defaultdict(list)
    for traveller, direction, at in rows:
        by_traveller[traveller].append((at, direction))
    covers_from = getattr(settings, "PASSAGE_RECORDS_FROM", None)
    out = {}
    for t, ids in people.items():
        merged = sorted((r for i in ids for r in by_traveller.get(i, ())), key=lambda r: r[0])
        records = [(direction, timezone.localdate(at)) for at, direction in merged]
        out[t] = core.History.from_crossings(records, covers_from=covers_from)  # type: ignore[arg-type]
    return out


def _visas(travellers: set[Any], on: dt.date) -> dict[Any, core.Visa]:
    out: dict[Any, core.Visa] = {}
    found = Visa.objects.filter(
        traveller_id__in=travellers, valid_from__lte=on, valid_until__gte=on
    ).order_by("-valid_until")
    for v in found:
        out.setdefault(
            v.traveller_id,
            core.Visa(v.valid_from, v.valid_until, v.entries_allowed, v.duration_days),
        )
    return out


def _permits(travellers: set[Any]) -> dict[Any, list[core.Permit]]:
    out: dict[Any, list[core.Permit]] = defaultdict(list)
    for p in Permit.objects.filter(traveller_id__in=travellers):
        out[p.traveller_id].append(core.Permit(p.kind, p.valid_from, p.valid_until))  # type: ignore[arg-type]
    return out


def assess_entries(wanted: Sequence[Wanted], on: dt.date) -> list[Assessed]:
    """The stay assessment of an entry on ``on`` for each request, in order; a request
    the calculator refuses gives its :class:`~passage.core.stay.StayError`."""
    rules = _rules()
    travellers = {w.traveller_id for w in wanted if w.traveller_id}
    histories = _histories(travellers) if travellers else {}
    visas = _visas(travellers, on) if travellers else {}
    permits = _permits(travellers) if travellers else {}
    empty = core.History(())
    out: list[Assessed] = []
    for w in wanted:
        rule = _select(rules, w.nationality, w.document_type, w.purpose)
        t = w.traveller_id
        try:
            result = assess_with(
                direction=Direction.ENTRY,
                rule=rule,
                history=histories[t] if t else empty,
                visa=visas.get(t) if t else None,
                permits=list(permits.get(t, ())) if t else [],
                nationality=w.nationality,
                document_code=w.document_code,
                on=on,
            )
        except core.StayError as exc:
            out.append(exc)
            continue
        out.append((result, rule))
    return out
