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
from passage.core.text import Text
from passage.crossings.choices import Decision, Direction
from passage.crossings.models import Crossing
from passage.travellers.choices import DocumentType
from passage.travellers.models import Traveller
from passage.travellers.queries import recognise
from passage.travellers.same_person import same_person

from .choices import RuleKind, StayOutcome
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
    """The traveller's stays, from admitted entries and their exits, in time order, across
    every document confirmed to be the same person (``travellers.same_person``)."""
    qs = Crossing.objects.filter(traveller_id__in=same_person(traveller_id)).filter(
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
    result = assess_with(
        direction=direction,
        rule=rule,
        history=history,
        visa=visa,
        permits=permits,
        nationality=nationality,
        document_code=document_code,
        on=on,
    )
    return result, rule


def assess_with(
    *,
    direction: str,
    rule: StayRule | None,
    history: core.History,
    visa: core.Visa | None,
    permits: list[core.Permit],
    nationality: str,
    document_code: str,
    on: dt.date,
) -> core.Assessment:
    """The calculator's verdict from what :func:`assess` reads (``stay.bulk`` reads it for
    a whole passenger list at once)."""
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
    return result


def assess_crossing(data: Any, day: dt.date) -> tuple[dict[str, Any] | None, dt.date | None, str]:
    """The stay calculator's assessment of this crossing, the last day it authorises
    (``None`` when it sets no limit or none applies), and a warning for the officer.

    ``data`` is the counter's ``crossings.services.CrossingInput``; registered as the
    counter's stay assessor (``crossings.checks``). The traveller is looked up as ``resolve`` will find them; one not known yet has no
    history, visa or permit to read.
    """
    identity = data.identity
    document = recognise(identity.issuing_state, identity.number)
    traveller = document.traveller if document is not None else None
    if traveller is None and data.traveller_id:
        traveller = Traveller.objects.filter(pk=data.traveller_id).first()
    nationality = identity.nationality or getattr(traveller, "nationality_id", None) or ""
    if not nationality:
        return None, None, Text("Stay not checked: no nationality.")
    try:
        result, rule = assess(
            direction=data.direction,
            traveller_id=traveller.pk if traveller is not None else None,
            nationality=nationality.upper(),
            document_type=data.identity.document_type or DocumentType.PASSPORT,
            document_code=data.identity.document_code,
            purpose=data.purpose,
            on=day,
        )
    except core.StayError as exc:
        return None, None, Text("Stay not checked: {error}", error=exc.text)
    stay = {**result.to_dict(), "rule": rule.name if rule is not None else ""}
    until = result.authorised_until if result.authorised_until != dt.date.max else None
    # Text: the English the API returns, translated on the counter page (decision 0063).
    warning: str = ""
    if result.cannot_tell:
        warning = Text("Stay: cannot tell ({reasons}).", reasons=_each(list(result.reasons)))
    elif result.overstay_days:
        warning = Text(
            "Overstay: {days} day(s) beyond the authorised stay.", days=result.overstay_days
        )
    elif result.outcome == "refused":
        warning = Text(
            "Stay: no day of stay is authorised ({rule}); the officer decides.",
            rule=result.decided_by.text,
        )
    elif rule is None and result.outcome == "authorised":
        warning = Text("Stay: no stay rule applies to this traveller, so nothing limits the stay.")
    return stay, until, warning


def _each(reasons: list[str]) -> str:
    """The reasons joined with "; ", each still translatable on pages."""
    if len(reasons) <= 1:
        return "".join(reasons)
    return Text("{first}; {rest}", first=reasons[0], rest=_each(reasons[1:]))


def counter_panel(data: dict[str, Any], traveller: Traveller | None) -> dict[str, Any]:
    """The counter page's stay panel: the calculator's suggestion for what is typed so far
    (registered with ``crossings.checks``); the officer confirms."""
    if not settings.PASSAGE_COUNTER_CHECKS or not data.get("nationality"):
        return {}
    direction = data.get("direction") or "entry"
    try:
        result, rule = assess(
            direction=direction,
            traveller_id=traveller.pk if traveller else None,
            nationality=str(data.get("nationality", "")).upper(),
            document_type=data.get("document_type") or "passport",
            document_code=data.get("document_code", ""),
            purpose=data.get("purpose") or "unknown",
        )
    except core.StayError as exc:
        return {"stay_error": exc.text}
    # date.max is the calculator's "nothing limits the stay": no date to suggest or show.
    until = result.authorised_until if result.authorised_until != dt.date.max else None
    if until and direction == "entry" and not data.get("authorised_until"):
        data["authorised_until"] = until.isoformat()
    return {
        "stay": result,
        "stay_rule": rule,
        "stay_outcome": StayOutcome(result.outcome.value).label,
        "stay_until": until,
        "stay_no_limit": result.authorised_until == dt.date.max,
    }
