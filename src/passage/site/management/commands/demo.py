from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from passage.accounts.roles import Role, sync_roles
from passage.accounts.services import audited_save, create_user
from passage.alerts.demo import load_demo_alerts
from passage.core.synthetic import DEFAULT_CROSSING_POINTS, Population
from passage.crossings.demo import SyntheticLoader
from passage.crossings.models import Crossing
from passage.displacement import demo as displacement_demo
from passage.documents.demo import load_demo_chips
from passage.identity.demo import load as load_identity
from passage.oversight.demo import load as load_working_hours
from passage.passengers.demo import load as load_passengers
from passage.protection.demo import load as load_protection
from passage.reference.models import AdminArea, BorderCrossingPoint, Country
from passage.reference.services import load_builtin_countries, load_refusal_grounds
from passage.site.progress import Progress
from passage.statistics.demo import refresh_for_demo
from passage.stay.demo import load as load_stay_demo
from passage.stay.services import detect_overstays
from passage.subjectaccess.demo import load as load_subject_requests

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
    (
        "officer3",
        "Mohamed",
        "Ould Cheikh",
        Role.BORDER_OFFICER,
        ["UTO-EAST", "UTO-PORT", "UTO-RAIL"],
        False,
    ),
    ("supervisor", "Sara", "Mekonnen", Role.SUPERVISOR, ["UTO-AIR", "UTO-NORTH"], False),
    # HQ's supervisor: national scope, so identity links and sync conflicts (which join
    # records from several posts, decision 0184) are hers to review.
    ("hqsupervisor", "Dawit", "Bekele", Role.SUPERVISOR, [], True),
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
    # A carrier's gateway account: it may only send passenger lists (with its API token).
    ("gateway", "UX Airlines", "Gateway", Role.CARRIER_GATEWAY, [], False),
    # Field enumerators count at flow monitoring points (displacement demo), not at posts.
    ("enumerator", "Nadia", "Rahimi", Role.FIELD_ENUMERATOR, [], False),
    ("enumerator2", "Tomás", "Quispe", Role.FIELD_ENUMERATOR, [], False),
]


class Command(BaseCommand):
    help = (
        "Load the demo: the fictional state of Utopia, its crossing points, one user per role "
        "and (when the database has none) seeded synthetic crossings."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--quiet-logins", action="store_true", help="do not print the demo logins"
        )
        parser.add_argument(
            "--crossings",
            type=int,
            default=100_000,
            help="synthetic crossings to generate when there are none yet (default 100,000; 0: none)",
        )
        parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic population")
        parser.add_argument(
            "--profile",
            default="default",
            help="population profile: default, east_africa, sahel, balkans",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        users = self._reference_and_users()
        # Flow monitoring points and camps are reference data at both ends (docs/displacement.md).
        displacement_demo.load_reference(None)
        displacement_demo.assign_enumerators(None)
        if settings.PASSAGE_ROLE == "node":
            # A post pushes everything it records to HQ: demo records made here would reach
            # HQ as if this post had recorded them (HQ doubled its households that way).
            # Its rules and alert lists come from HQ; its records come from its counters.
            self.stdout.write(
                "at a post (PASSAGE_ROLE=node) the demo loads reference data and users only: "
                "records come from the counters, rules and alert lists from HQ"
            )
            self._logins(options)
            return
        self._crossings(users, options)
        self.stdout.write(load_stay_demo(users["supervisor"], options["seed"]))

        for line in load_demo_alerts(options["seed"]):
            self.stdout.write(line)
        report = detect_overstays(None)
        self.stdout.write(
            f"overstay report: {report.new_cases} cases opened, {report.open_cases} open"
        )
        # statistics: fill the aggregate tables so that the dashboard has figures at once.

        refresh_for_demo(self.stdout)

        self.stdout.write(load_protection(users))
        self.stdout.write(load_working_hours())
        for line in load_demo_chips():
            self.stdout.write(line)
        # passengers: after the alert lists, so that the specimen traveller is flagged.
        for line in load_passengers(options["seed"]):
            self.stdout.write(line)
        # identity: travellers with several documents and spellings; one batch run. Like
        # the synthetic crossings, only when records were asked for (--crossings 0 gives
        # reference data and users, which the sync drills build on).
        if options["crossings"] > 0:
            for line in load_identity(options["seed"]):
                self.stdout.write(line)
        else:
            self.stdout.write("identity: no demo travellers (--crossings 0)")
        self.stdout.write(load_subject_requests(users))
        # displacement: three months of field forms, imported as the enumerators would.
        for line in displacement_demo.load():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(f"Demo ready: Utopia (UTO), 5 crossing points, {len(USERS)} users.")
        )
        self._logins(options)

    def _logins(self, options: dict[str, Any]) -> None:
        if not options["quiet_logins"]:
            self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
            for username, _first, _last, role, codes, national in USERS:
                where = "all posts" if national else ", ".join(codes)
                self.stdout.write(f"  {username:<12} {role.label:<24} {where}")

    @transaction.atomic
    def _reference_and_users(self) -> dict[str, Any]:
        sync_roles()
        if not Country.objects.filter(icao_code="UTO").exists():
            load_builtin_countries(None)
        load_refusal_grounds(None)
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
        users = {}
        for username, first, last, role, codes, national in USERS:
            users[username] = create_user(
                None,
                username,
                password=DEMO_PASSWORD,
                roles=[role],
                first_name=first,
                last_name=last,
                crossing_points=[points[c] for c in codes],
                national_scope=national,
            )
        return users

    def _crossings(self, users: dict[str, Any], options: dict[str, Any]) -> None:
        total = options["crossings"]
        if total <= 0:
            return
        if Crossing.objects.exists():
            self.stdout.write("crossings already present; none generated")
            return
        officers: dict[str, Any] = {}
        for username, _first, _last, role, codes, _national in USERS:
            if role == Role.BORDER_OFFICER:
                for code in codes:
                    officers.setdefault(code, users[username])
        # The generator fills whole days (UTC) up to its reference date, so the last day
        # is yesterday: nothing the demo makes is dated after now, in any time zone.
        population = Population(
            seed=options["seed"],
            profile=options["profile"],
            reference_date=timezone.now().astimezone(dt.UTC).date() - dt.timedelta(days=1),
            crossing_points=DEFAULT_CROSSING_POINTS,
        )
        loader = SyntheticLoader(users["supervisor"], officers, options["seed"])
        stats = loader.load(population.crossings(total), Progress(total, "crossings"))
        self.stdout.write(
            f"generated {stats.crossings:,} crossings of {stats.travellers:,} travellers "
            f"({stats.documents:,} documents)"
        )
