"""Demo data: service providers in Utopia and a mass-influx day at one post."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

from django.utils import timezone

from passage.accounts.models import User
from passage.accounts.services import audited_save
from passage.crossings.models import Crossing
from passage.reference.choices import CrossingPointMode
from passage.reference.models import AdminArea, BorderCrossingPoint
from passage.reference.services import set_crossing_point_mode

from . import services
from .choices import AgeBand, HouseholdDocument
from .models import Assessment, Household, Service, ServiceProvider

# organisation, services, areas, languages, hours, contact
PROVIDERS = [
    (
        "Utopia Child Protection Service",
        ["child_protection", "family_tracing"],
        ["UT"],
        "en,fr,ar",
        "24/7 duty officer",
        "+999 100 200 (duty line)",
    ),
    (
        "Highlands Refugee Legal Aid",
        ["asylum", "legal_aid"],
        ["UT01", "UT04"],
        "en,ar,ti",
        "Mon-Fri 08:00-18:00",
        "legal@highlands-aid.example",
    ),
    (
        "Capital Asylum Registration Office",
        ["asylum"],
        ["UT02"],
        "en,fr,es",
        "Mon-Sat 08:00-20:00",
        "+999 100 300",
    ),
    (
        "Safe Passage Anti-Trafficking Network",
        ["anti_trafficking", "shelter"],
        ["UT"],
        "en,fr,ru,ro",
        "24/7 hotline",
        "+999 800 111 (free)",
    ),
    (
        "Red Crescent Utopia",
        ["medical", "mental_health", "material_assistance", "family_tracing", "shelter"],
        ["UT"],
        "en,ar,fr",
        "Border clinics open 24/7",
        "+999 100 400",
    ),
    (
        "Women's Shelter Lakeside",
        ["gbv_response", "shelter", "mental_health"],
        ["UT04"],
        "en,ar,so",
        "24/7",
        "+999 100 500",
    ),
    (
        "Access for All Utopia",
        ["disability_support"],
        ["UT02", "UT03"],
        "en,es",
        "Mon-Fri 09:00-17:00",
        "info@access-utopia.example",
    ),
]
ORIGINS = ["Lakeside (across the border)", "Riverbend", "Old Town", "Mill Valley", "Eastport"]
DESTINATIONS = ["Capital District", "Coastal Province", "relatives in Utopia City", "onward travel"]
INDICATORS = [
    ("", 70),
    ("PR-FR", 8),
    ("SP", 6),
    ("ER", 4),
    ("SM", 3),
    ("PG", 3),
    ("DS", 2),
    ("SC-SC", 2),
    ("SC-UC", 1),
    ("TIP-CTRL", 1),
]


def load_providers(actor: User | None) -> int:

    created = 0
    for organisation, service_codes, areas, languages, hours, contact in PROVIDERS:
        provider = ServiceProvider.objects.filter(organisation=organisation).first()
        if provider is None:
            provider = ServiceProvider(organisation=organisation)
            created += 1
        provider.languages, provider.hours, provider.contact = languages, hours, contact
        audited_save(actor, provider)
        provider.services.set(Service.objects.filter(code__in=service_codes))
        provider.areas.set(AdminArea.objects.filter(pcode__in=areas))
    return created


def mass_influx_day(
    supervisor: Any, officer: Any, code: str = "UTO-EAST", households: int = 400, seed: int = 7
) -> int:
    """Switch ``code`` to emergency mode and register a day of arriving households.

    Does nothing when the post already has households (the demo runs again).
    """
    point = BorderCrossingPoint.objects.get(code=code)
    if Household.objects.filter(crossing_point=point).exists():
        return 0
    if point.mode != CrossingPointMode.EMERGENCY:
        set_crossing_point_mode(
            supervisor, point, CrossingPointMode.EMERGENCY, "Demo: mass influx across the bridge"
        )
        point.refresh_from_db()
    rng = random.Random(seed)
    codes = [c for c, _ in INDICATORS]
    weights = [w for _, w in INDICATORS]
    surnames = ["KOVAL", "BONDAR", "MELNYK", "HAILE", "DIALLO", "AHMADI", "POPESCU", "RUSU"]
    given = ["OLENA", "IRYNA", "MARIA", "ANNA", "VIKTOR", "FATIMA", "AMINA", "IOANA"]
    documents = [
        (HouseholdDocument.NATIONAL_ID, 55),
        (HouseholdDocument.PASSPORT, 25),
        (HouseholdDocument.BIRTH_CERTIFICATE, 5),
        (HouseholdDocument.NONE, 15),
    ]
    # The day before the demo runs, from 06:00: a wave in the morning, tailing off.
    start = timezone.localtime().replace(hour=6, minute=0, second=0, microsecond=0)
    start -= dt.timedelta(days=1)
    minutes = sorted(int(rng.triangular(0, 16 * 60, 3 * 60)) for _ in range(households))
    for n in range(households):
        document = rng.choices([d for d, _ in documents], [w for _, w in documents])[0]
        head = services.MemberInput(
            sex=rng.choices(["F", "M"], [75, 25])[0],
            age_band=rng.choices([AgeBand.A18_59, AgeBand.A60], [85, 15])[0],
            primary_name=rng.choice(surnames),
            secondary_name=rng.choice(given),
            document_type=document,
            document_number=f"ID{seed}{n:06d}"
            if document in (HouseholdDocument.PASSPORT, HouseholdDocument.NATIONAL_ID)
            else "",
        )
        members = [
            services.MemberInput(
                sex=rng.choice(["F", "M"]),
                age_band=rng.choices(
                    [AgeBand.A0_4, AgeBand.A5_11, AgeBand.A12_17, AgeBand.A18_59, AgeBand.A60],
                    [20, 30, 20, 20, 10],
                )[0],
            )
            for _ in range(rng.choices([0, 1, 2, 3, 4, 5], [10, 20, 30, 25, 10, 5])[0])
        ]
        flagged = rng.choices(codes, weights)[0]
        services.register_household(
            officer,
            point,
            services.HouseholdInput(
                head=head,
                members=members,
                indicators=[flagged] if flagged else [],
                place_of_origin=rng.choice(ORIGINS),
                intended_destination=rng.choice(DESTINATIONS),
                # Random like a form's key: posts loading the demo must not collide at HQ.
                submission_key=uuid.uuid4(),
                at=start + dt.timedelta(minutes=minutes[n]),
            ),
        )
    return households


def counter_flags(officer: Any) -> int:
    """Flag a few of the latest entries at the airport, as officers would have at the
    counter: an unaccompanied child, a woman asking for protection, signs of trafficking.

    Flags existing synthetic crossings (the demo adds no crossings of its own); does
    nothing when the airport already has flags or no entries.
    """
    from django.db import transaction

    point = BorderCrossingPoint.objects.get(code="UTO-AIR")
    if Assessment.objects.filter(crossing_point=point).exists():
        return 0
    year = timezone.localdate().year
    entries = Crossing.objects.filter(crossing_point=point, direction="entry").select_related(
        "traveller", "crossing_point"
    )
    child = entries.filter(traveller__birth_year__gt=year - 16).order_by("-at").first()
    adults = list(
        entries.filter(traveller__birth_year__lt=year - 20, traveller__sex="F").order_by("-at")[:2]
    )
    plan = [(child, ["SC-UC"], "travelling alone, says her parents are in Utopia City")]
    plan += list(
        zip(
            adults,
            [["PR-FR", "WR"], ["TIP-DOC", "TIP-CTRL"]],
            ["afraid to go back", "companion answered for her and holds her passport"],
            strict=False,
        )
    )
    flagged = 0
    for crossing, codes, note in plan:
        if crossing is None:
            continue
        with transaction.atomic():
            services.flag_at_crossing(officer, crossing, codes, note)
        flagged += 1
    return flagged


def load(users: dict[str, Any]) -> str:
    """Everything the demo needs from this app; returns a line for the console."""
    services.load_reference(None)
    created = load_providers(None)
    households = mass_influx_day(users["supervisor"], users["officer3"])
    flagged = counter_flags(users["officer"])
    return (
        f"protection: {len(PROVIDERS)} service providers ({created} new), "
        f"{households} households registered in a mass-influx day at UTO-EAST, "
        f"{flagged} travellers flagged at UTO-AIR"
    )
