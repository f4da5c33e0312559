"""The demo's stay rules, visas and permits, so that the counter, the overstay report and
the statistics show what a border agency sees: limited stays, visa checks, overstays.

Utopia's rules are modelled on common practice (docs/stay.md): a regional free-movement
area whose citizens may enter with a national identity card, visa-exempt nationalities
on a rolling 90 days in any 180, a short airside transit, United Nations laissez-passer
holders exempt, and every other nationality needing a visa. Each rule is created through
``audited_save`` (one audit event each); running the demo again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from passage.accounts.models import User
from passage.accounts.services import audited_relations, audited_save
from passage.crossings.models import Crossing
from passage.reference.models import Country

from . import services
from .choices import PermitKind, RuleKind
from .models import Permit, StayRule, Visa

# The free-movement area of Utopia's eastern neighbours (synthetic profile "default").
AREA = ["ETH", "ERI", "SDN", "SSD", "SOM", "DJI", "KEN"]
VISA_EXEMPT = [
    "D", "FRA", "ITA", "GBR", "NLD", "SWE", "USA", "BRA", "COL", "MEX", "ARE", "QAT",
    "SRB", "BIH", "ALB", "MNE", "HRV",
]  # fmt: skip
# name, kind, nationalities, document type, purpose, max days, window days, priority
RULES: list[tuple[str, str, list[str], str, str, int | None, int | None, int]] = [
    (
        "Regional free movement: national identity card, 90 days per stay",
        RuleKind.VISA_FREE, AREA, "id_card", "", 90, None, 10,
    ),
    (
        "Regional free movement: passport, 90 days in any 180",
        RuleKind.VISA_FREE, AREA, "", "", 90, 180, 20,
    ),
    (
        "Visa-exempt nationalities: 90 days in any 180",
        RuleKind.VISA_FREE, VISA_EXEMPT, "", "", 90, 180, 30,
    ),
    ("United Nations laissez-passer", RuleKind.EXEMPT, [], "laissez_passer", "", None, None, 40),
    ("Transit without a visa: 3 days", RuleKind.VISA_FREE, [], "", "transit", 3, None, 50),
    ("Every other nationality: visa required", RuleKind.VISA_REQUIRED, [], "", "", None, None, 200),
]  # fmt: skip
PERMITS = 150
VISAS = 300


def load_rules(actor: User | None) -> int:
    """Create the rules the database does not hold yet (by name); returns how many."""
    known = set(StayRule.objects.values_list("name", flat=True))
    created = 0
    for name, kind, nationalities, document_type, purpose, days, window, priority in RULES:
        if name in known:
            continue
        rule = StayRule(
            name=name,
            kind=kind,
            document_type=document_type,
            purpose=purpose,
            max_days=days,
            window_days=window,
            priority=priority,
        )
        with transaction.atomic():
            audited_save(actor, rule)
            rule.nationalities.set(Country.objects.filter(icao_code__in=nationalities))
            audited_relations(actor, rule, {"nationalities": []})
        created += 1
    return created


def load_visas_and_permits(actor: User | None, seed: int = 1) -> tuple[int, int]:
    """Residence and work permits for some of the foreigners who came to work or study,
    and visas for some travellers of visa-required nationalities who are still in the
    country; the rest of them show the visa check at the counter. Nothing when the demo
    already made them."""
    if Permit.objects.exists() or Visa.objects.exists():
        return 0, 0
    rng = random.Random(f"{seed}:stay")
    today = timezone.localdate()
    free = set(AREA) | set(VISA_EXEMPT) | {"UTO"}
    entries = (
        Crossing.objects.filter(direction="entry", decision="admitted", closed_by__isnull=True)
        .exclude(traveller__nationality_id__isnull=True)
        .order_by("-at")
        .values_list("traveller_id", "purpose", "at", "traveller__nationality_id")
    )
    permits = visas = 0
    seen: set[Any] = set()
    for traveller_id, purpose, at, nationality in entries[:20_000]:
        if traveller_id in seen or (permits >= PERMITS and visas >= VISAS):
            continue
        seen.add(traveller_id)
        entered = timezone.localdate(at)
        if purpose in ("work", "study") and permits < PERMITS:
            with transaction.atomic():
                services.record_permit(
                    actor,
                    traveller_id=traveller_id,
                    kind=PermitKind.WORK if purpose == "work" else PermitKind.RESIDENCE,
                    number=f"UTP{rng.randrange(10**7):07d}",
                    valid_from=entered,
                    valid_until=entered + dt.timedelta(days=365 + rng.randrange(365)),
                )
            permits += 1
        elif nationality not in free and visas < VISAS and rng.random() < 0.7:
            with transaction.atomic():
                services.record_visa(
                    actor,
                    traveller_id=traveller_id,
                    issuing_state_id="UTO",
                    number=f"UTV{rng.randrange(10**7):07d}",
                    valid_from=entered - dt.timedelta(days=rng.randrange(5, 40)),
                    valid_until=max(today, entered) + dt.timedelta(days=rng.randrange(10, 90)),
                    entries_allowed=rng.choice([1, 1, 2, None]),
                    duration_days=rng.choice([30, 30, 60, 90]),
                )
            visas += 1
    return visas, permits


def load(actor: User | None, seed: int = 1) -> str:
    """Everything the demo needs from this app; returns a line for the console."""
    rules = load_rules(actor)
    visas, permits = load_visas_and_permits(actor, seed)
    return (
        f"stay: {len(RULES)} rules ({rules} new), {visas} visas and {permits} permits "
        "for demo travellers"
    )
