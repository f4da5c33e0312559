from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from passage.accounts.roles import Role, sync_roles
from passage.accounts.services import audited_save, create_user
from passage.reference.models import AdminArea, BorderCrossingPoint, Country
from passage.reference.services import load_builtin_countries

DEMO_PASSWORD = "passage-demo"  # noqa: S105 - printed to the console on purpose: a demo

# Utopia (ICAO UTO) is the fictional state of ICAO 9303's specimens.
ADMIN_AREAS = [
    ("UT", "Utopia", 0, None),
    ("UT01", "Northern Highlands", 1, "UT"),
    ("UT02", "Capital District", 1, "UT"),
    ("UT03", "Coastal Province", 1, "UT"),
    ("UT04", "Eastern Lakes", 1, "UT"),
]
CROSSING_POINTS = [
    ("UTO-AIR", "Utopia City International Airport", "air", "UT02", "12.34560", "45.67890"),
    ("UTO-NORTH", "Highland Pass", "land", "UT01", "14.10230", "44.98010"),
    ("UTO-EAST", "Lakeside Bridge", "land", "UT04", "12.88000", "47.21000"),
    ("UTO-PORT", "Port Serenity", "sea", "UT03", "11.02000", "44.31000"),
    ("UTO-RAIL", "Central Station International Platform", "rail", "UT02", "12.35100", "45.70200"),
]
# username, first name, last name, role, crossing points, national scope
USERS = [
    ("officer", "Amina", "Haile", Role.BORDER_OFFICER, ["UTO-AIR"], False),
    ("officer2", "Goran", "Petrović", Role.BORDER_OFFICER, ["UTO-NORTH"], False),
    ("supervisor", "Sara", "Mekonnen", Role.SUPERVISOR, ["UTO-AIR", "UTO-NORTH"], False),
    (
        "protection",
        "Mariam",
        "Ould Ahmed",
        Role.PROTECTION_OFFICER,
        ["UTO-AIR", "UTO-NORTH", "UTO-EAST"],
        False,
    ),
    ("analyst", "Armen", "Sargsyan", Role.ANALYST, [], True),
    ("admin", "Ada", "Okafor", Role.ADMINISTRATOR, [], True),
    ("dpo", "Lucía", "Fernández", Role.DATA_PROTECTION_OFFICER, [], True),
]


class Command(BaseCommand):
    help = (
        "Load the demo: the fictional state of Utopia, its crossing points and one user per role."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--quiet-logins", action="store_true", help="do not print the demo logins"
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        sync_roles()
        if not Country.objects.filter(icao_code="UTO").exists():
            load_builtin_countries(None)
        utopia = Country.objects.get(icao_code="UTO")
        for pcode, name, level, parent in ADMIN_AREAS:
            area = AdminArea.objects.filter(pcode=pcode).first() or AdminArea(pcode=pcode)
            area.name, area.level, area.country, area.parent_id = name, level, utopia, parent
            audited_save(None, area)
        points = {}
        for code, name, kind, pcode, lat, lon in CROSSING_POINTS:
            point = BorderCrossingPoint.objects.filter(code=code).first() or BorderCrossingPoint(
                code=code
            )
            point.name, point.kind, point.admin_area_id = name, kind, pcode
            point.latitude, point.longitude = Decimal(lat), Decimal(lon)
            points[code] = audited_save(None, point)
        for username, first, last, role, codes, national in USERS:
            create_user(
                None,
                username,
                password=DEMO_PASSWORD,
                roles=[role],
                first_name=first,
                last_name=last,
                crossing_points=[points[c] for c in codes],
                national_scope=national,
            )
        self.stdout.write(
            self.style.SUCCESS("Demo loaded: Utopia (UTO), 5 crossing points, 7 users.")
        )
        if not options["quiet_logins"]:
            self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
            for username, _first, _last, role, codes, national in USERS:
                where = "all posts" if national else ", ".join(codes)
                self.stdout.write(f"  {username:<11} {role.label:<24} {where}")
