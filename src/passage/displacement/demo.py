"""Demo displacement data for Utopia: informal crossing points, two camps, and three
months of counts, surveys and assessments with a crisis peak (conflict in the Eastern
Lakes from day 45, peaking around day 55).

Submissions are generated as KoboToolbox JSON exports and go through the importer, as
an enumerator's would. ``kobo_counts()`` is also what ``bench/displacement.py`` imports.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import uuid
from decimal import Decimal
from typing import Any

from passage.accounts.models import User
from passage.accounts.services import audited_save
from passage.reference.models import AdminArea, Country

from . import fieldforms
from .choices import FormKind, PointKind, SiteKind
from .imports import import_file
from .models import FlowMonitoringPoint, Site
from .services import assign, save_point, save_site

LEVEL1 = [
    ("UT01", "Northern Highlands"),
    ("UT02", "Capital District"),
    ("UT03", "Coastal Province"),
    ("UT04", "Eastern Lakes"),
]
LEVEL2 = [
    ("UT0101", "Highland North", "UT01"),
    ("UT0102", "Pass Valley", "UT01"),
    ("UT0201", "Old Town", "UT02"),
    ("UT0202", "Riverside", "UT02"),
    ("UT0301", "Serenity Bay", "UT03"),
    ("UT0302", "Salt Flats", "UT03"),
    ("UT0401", "Lake Shore", "UT04"),
    ("UT0402", "Reed Marshes", "UT04"),
]
# code, name, kind, area, latitude, longitude
POINTS = [
    ("FMP-RIDGE", "Ridge Footpath", PointKind.INFORMAL, "UT0102", "14.40000", "45.60000"),
    ("FMP-BUS", "Central Bus Station", PointKind.TRANSIT, "UT0201", "12.36000", "45.72000"),
    ("FMP-FORD", "Old River Ford", PointKind.INFORMAL, "UT0401", "13.20000", "46.90000"),
    ("FMP-MARSH", "Reed Marsh Track", PointKind.INFORMAL, "UT0402", "11.80000", "47.30000"),
    ("FMP-BRIDGE", "Lakeside Bridge", PointKind.OFFICIAL, "UT0401", "12.88000", "47.21000"),
]
SITES = [
    ("SITE-HOPE", "Hope Valley Camp", SiteKind.CAMP, "UT0202", "12.10000", "45.90000"),
    ("SITE-LAKES", "Lakeview Camp", SiteKind.CAMP, "UT0401", "12.60000", "47.00000"),
]
# enumerator username -> points
ENUMERATORS = {
    "enumerator": ["FMP-FORD", "FMP-MARSH", "FMP-BRIDGE"],
    "enumerator2": ["FMP-RIDGE", "FMP-BUS"],
}
DAYS = 91
CRISIS_START, CRISIS_PEAK = 45, 55
VERSION = fieldforms.KNOWN_VERSIONS[FormKind.FLOW_COUNT][0]


def load_reference(actor: User | None = None) -> None:
    """Utopia's admin areas (levels 1 and 2), flow monitoring points and camps."""
    utopia = Country.objects.get(icao_code="UTO")
    if not AdminArea.objects.filter(pcode="UT").exists():
        audited_save(actor, AdminArea(pcode="UT", name="Utopia", level=0, country=utopia))
    for pcode, name in LEVEL1:
        if not AdminArea.objects.filter(pcode=pcode).exists():
            audited_save(
                actor, AdminArea(pcode=pcode, name=name, level=1, country=utopia, parent_id="UT")
            )
    for pcode, name, parent in LEVEL2:
        if not AdminArea.objects.filter(pcode=pcode).exists():
            audited_save(
                actor,
                AdminArea(pcode=pcode, name=name, level=2, country=utopia, parent_id=parent),
            )
    for code, name, kind, area, lat, lon in POINTS:
        save_point(
            actor,
            FlowMonitoringPoint(
                code=code,
                name=name,
                kind=kind,
                admin_area_id=area,
                latitude=Decimal(lat),
                longitude=Decimal(lon),
            ),
        )
    for code, name, site_kind, area, lat, lon in SITES:
        save_site(
            actor,
            Site(
                code=code,
                name=name,
                kind=site_kind,
                admin_area_id=area,
                latitude=Decimal(lat),
                longitude=Decimal(lon),
            ),
        )


def assign_enumerators(actor: User | None = None) -> None:
    for username, codes in ENUMERATORS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        for code in codes:
            assign(actor, FlowMonitoringPoint.objects.get(pk=code), [user])


def crisis(day: int) -> float:
    """How many times the usual flow crosses on ``day`` (1 before the crisis)."""
    if day < CRISIS_START:
        return 1.0
    return 1.0 + 7.0 * math.exp(-(((day - CRISIS_PEAK) / 9.0) ** 2))


def _split(total: int, rng: random.Random) -> dict[str, int]:
    shares = [0.22, 0.21, 0.2, 0.19, 0.09, 0.09]
    names = ["girls", "boys", "women", "men", "elderly_women", "elderly_men"]
    values = {n: int(total * s * rng.uniform(0.8, 1.2)) for n, s in zip(names, shares, strict=True)}
    values["women"] += total - sum(values.values())
    if values["women"] < 0:
        values["men"] += values["women"]
        values["women"] = 0
    return values


def kobo_counts(
    points: list[str], start: dt.date, days: int, seed: int = 1, per_day: int = 4
) -> list[dict[str, Any]]:
    """Flow count submissions as a KoboToolbox JSON export (a list of objects)."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    east = {"FMP-FORD", "FMP-MARSH", "FMP-BRIDGE"}
    for d in range(days):
        day = start + dt.timedelta(days=d)
        for code in points:
            for _n in range(per_day):
                factor = crisis(d) if code in east else 1 + (crisis(d) - 1) * 0.3
                outbound = code in east and rng.random() < 0.8 * min(1.0, factor / 2)
                total = max(1, int(rng.gauss(18, 6) * factor))
                groups = _split(total, rng)
                children = groups["girls"] + groups["boys"]
                origin = (
                    rng.choice(["UT0401", "UT0402"])
                    if outbound
                    else rng.choice(["UT0101", "UT0201", "UT0301"])
                )
                destination = (
                    rng.choice(["UT0202", "UT0201", "UT0102"])
                    if outbound
                    else rng.choice(["UT0401", "UT0402", "UT0202"])
                )
                out.append(
                    {
                        "_id": len(out) + 1,
                        "_uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                        "_submission_time": f"{day.isoformat()}T18:00:00",
                        "__version__": "vDemoKobo",
                        "formhub/uuid": "demo",
                        "form_version": VERSION,
                        "point": code,
                        "day": day.isoformat(),
                        "direction": "out" if outbound else "in",
                        "transport": rng.choice(["foot", "foot", "bus", "truck", "animal"]),
                        "origin": origin,
                        "destination": destination,
                        **{k: str(v) for k, v in groups.items()},
                        "total": str(total),
                        "unaccompanied_children": str(min(children, rng.randint(0, 2))),
                        "pregnant_women": str(min(groups["women"], rng.randint(0, 2))),
                        "elderly_alone": str(
                            min(groups["elderly_women"] + groups["elderly_men"], rng.randint(0, 1))
                        ),
                        "disabled": str(rng.randint(0, 1)),
                    }
                )
    return out


def kobo_surveys(points: list[str], start: dt.date, days: int, seed: int = 2) -> list[Any]:
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for d in range(days):
        day = start + dt.timedelta(days=d)
        for code in points:
            for _n in range(max(1, int(2 * crisis(d)))):
                consent = "yes" if rng.random() < 0.9 else "no"
                row: dict[str, Any] = {
                    "_uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "form_version": VERSION,
                    "point": code,
                    "day": day.isoformat(),
                    "consent": consent,
                }
                if consent == "yes":
                    in_crisis = d >= CRISIS_START and code in ENUMERATORS["enumerator"]
                    row |= {
                        "sex": rng.choice(["F", "M", "F", "M", "X"]),
                        "age_band": rng.choice(["0-17", "18-59", "18-59", "60+"]),
                        "nationality": "UTO",
                        "origin": rng.choice(["UT0401", "UT0402"]),
                        "destination": rng.choice(["UT0202", "UT0201"]),
                        "reasons": "conflict"
                        if in_crisis
                        else rng.choice(["economic", "family", "services economic"]),
                        "intention": rng.choice(["stay", "return", "undecided"]),
                        "needs": rng.choice(["food water", "shelter", "health food", "none"]),
                        "remarks": "",
                    }
                out.append(row)
    # One enumerator wrote a name down: kept, flagged, never exported.
    for row in out:
        if row["consent"] == "yes":
            row["remarks"] = "My name is Amal Haddad, we walked two days"
            break
    return out


def kobo_baselines(areas: list[str], start: dt.date, seed: int = 3) -> list[Any]:
    rng = random.Random(seed)
    out = []
    for month in range(3):
        day = start + dt.timedelta(days=30 * month + 10)
        for pcode in areas:
            surge = 6 if month == 2 and pcode in {"UT0201", "UT0202"} else 1
            out.append(
                {
                    "_uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "form_version": VERSION,
                    "admin_area": pcode,
                    "day": day.isoformat(),
                    "idps": str(rng.randint(200, 900) * surge),
                    "returnees": str(rng.randint(20, 200)),
                    "migrants": str(rng.randint(10, 120)),
                    "arrival_period": "last_month" if surge > 1 else "earlier",
                    "main_reason": "conflict" if surge > 1 else "economic",
                    "informants": str(rng.randint(2, 6)),
                }
            )
    return out


def kobo_sites(sites: list[str], start: dt.date, seed: int = 4) -> list[Any]:
    rng = random.Random(seed)
    out = []
    for fortnight in range(6):
        day = start + dt.timedelta(days=15 * fortnight + 3)
        for code in sites:
            people = int(800 * (1 + (crisis(15 * fortnight + 3) - 1) * 2)) + rng.randint(0, 200)
            out.append(
                {
                    "_uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "form_version": VERSION,
                    "site": code,
                    "day": day.isoformat(),
                    "households": str(people // 5),
                    "individuals": str(people),
                    "shelter": "inadequate" if people > 2000 else "partial",
                    "wash": "inadequate" if people > 2000 else "adequate",
                    "health": "partial",
                    "protection_services": "yes" if code == "SITE-HOPE" else "no",
                    "managed_by": "Utopia Displacement Agency",
                }
            )
    return out


def load(today: dt.date | None = None) -> list[str]:
    """Three months of imported submissions (after ``load_reference`` and
    ``assign_enumerators``); nothing when counts are already there."""
    import json

    from .models import FlowCount

    if FlowCount.objects.exists():
        return ["displacement demo: counts already there, none added"]
    start = (today or dt.date.today()) - dt.timedelta(days=DAYS)
    lines = []
    plan = {
        "enumerator": (ENUMERATORS["enumerator"], ["UT0401", "UT0402"], ["SITE-LAKES"]),
        "enumerator2": (
            ENUMERATORS["enumerator2"],
            ["UT0101", "UT0102", "UT0201", "UT0202"],
            ["SITE-HOPE"],
        ),
    }
    for username, (points, areas, sites) in plan.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        for name, rows in (
            ("counts", kobo_counts(points, start, DAYS, seed=len(points))),
            ("surveys", kobo_surveys(points, start, DAYS, seed=len(points) + 10)),
            ("baselines", kobo_baselines(areas, start, seed=len(points) + 20)),
            ("sites", kobo_sites(sites, start, seed=len(points) + 30)),
        ):
            result = import_file(user, json.dumps(rows).encode(), f"demo-{username}-{name}.json")
            lines.append(f"displacement demo ({username}): {result.summary()}")
    return lines
