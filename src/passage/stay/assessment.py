"""From the database to the stay calculator (``passage.core.stay``) and back.

The result is a suggestion shown to the officer, who confirms the authorised stay by
recording the crossing (GDPR Art. 22: a calculator is never the sole basis).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from passage.core import stay as core
from passage.crossings.choices import Decision, Direction

from .choices import RuleKind
from .models import Permit, StayRule, Visa


def select_rule(nationality: str, document_type: str, purpose: str) -> StayRule | None:
    """The active rule matching the most criteria (blank matches all), then by priority."""
    candidates = (
        StayRule.objects.filter(active=True)
        .filter(Q(document_type="") | Q(document_type=document_type))
        .filter(Q(purpose="") | Q(purpose=purpose))
        .annotate(
            n_nat=Count("nationalities"),
            has_nat=Count("nationalities", filter=Q(nationalities__icao_code=nationality)),
        )
        .filter(Q(n_nat=0) | Q(has_nat__gt=0))
    )
    best: tuple[int, int] | None = None
    chosen = None
    for rule in candidates:
        specificity = (rule.has_nat > 0) * 4 + bool(rule.document_type) * 2 + bool(rule.purpose)
        key = (-specificity, rule.priority)
        if best is None or key < best:
            best, chosen = key, rule
    return chosen


def history_of(traveller_id: Any, before: dt.datetime | None = None) -> core.History:
    """The traveller's stays, from admitted entries and their exits, in time order."""
    from passage.crossings.models import Crossing

    qs = Crossing.objects.filter(traveller_id=traveller_id).filter(
        Q(decision=Decision.ADMITTED)
        | Q(decision=Decision.SECONDARY, inspection__outcome=Decision.ADMITTED)
    )
    if before is not None:
        qs = qs.filter(at__lt=before)
    records = [
        (direction, timezone.localdate(at))
        for direction, at in qs.order_by("at").values_list("direction", "at")
    ]
    covers_from = getattr(settings, "PASSAGE_RECORDS_FROM", None)
    return core.History.from_crossings(records, covers_from=covers_from)  # type: ignore[arg-type]


def _core_rules(rule: StayRule | None) -> list[core.Rule]:
    if rule is None or rule.kind == RuleKind.EXEMPT or not rule.max_days:
        return []
    if rule.window_days:
        return [core.RollingWindowRule(rule.max_days, rule.window_days)]
    return [core.MaxStayRule(rule.max_days)]


def _visa(traveller_id: Any, on: dt.date) -> core.Visa | None:
    visa = (
        Visa.objects.filter(traveller_id=traveller_id, valid_from__lte=on, valid_until__gte=on)
        .order_by("-valid_until")
        .first()
    )
    if visa is None:
        return None
    return core.Visa(visa.valid_from, visa.valid_until, visa.entries_allowed, visa.duration_days)


def _permits(traveller_id: Any) -> list[core.Permit]:
    return [
        core.Permit(p.kind, p.valid_from, p.valid_until)  # type: ignore[arg-type]
        for p in Permit.objects.filter(traveller_id=traveller_id)
    ]


def assess(
    *,
    direction: str,
    traveller_id: Any,
    nationality: str,
    document_type: str,
    document_code: str,
    purpose: str,
    on: dt.date | None = None,
) -> tuple[core.Assessment, StayRule | None]:
    """The stay assessment for an entry or exit recorded today (or ``on``)."""
    on = on or timezone.localdate()
    rule = select_rule(nationality, document_type, purpose)
    history = history_of(traveller_id) if traveller_id else core.History(())
    visa = _visa(traveller_id, on) if traveller_id else None
    permits = _permits(traveller_id) if traveller_id else []
    exempt_nationalities = (
        frozenset({nationality})
        if rule is not None and rule.kind == RuleKind.EXEMPT
        else frozenset()
    )
    policy = core.ExemptionPolicy(
        own_nationalities=frozenset({settings.PASSAGE_COUNTRY}),
        exempt_nationalities=exempt_nationalities,
    )
    traveller = core.Traveller(nationality=nationality or None, document_type=document_code or None)
    rules = _core_rules(rule)
    if direction == Direction.EXIT:
        result = core.assess_exit(
            history, on, rules, visa=visa, permits=permits, traveller=traveller, exemptions=policy
        )
    else:
        result = core.assess_entry(
            history,
            on,
            rules,
            visa=visa,
            visa_required=rule is not None and rule.kind == RuleKind.VISA_REQUIRED,
            permits=permits,
            traveller=traveller,
            exemptions=policy,
        )
    return result, rule
