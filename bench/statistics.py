"""Statistics over millions of crossings: filling the facts, and dashboard page times.

    python bench/statistics.py [--database-url postgres://…] [--crossings 10000000]

The database is filled once with seeded synthetic crossings (``passage demo``) and reused
by later runs; a database that already holds at least ``--crossings`` is used as it is
(the count actually present is printed). The script then times, in the same run:

- the baseline: one dashboard page (flows by month over a year, top nationalities, the
  age-sex pyramid) computed directly from the raw crossings with GROUP BY queries;
- filling the facts from scratch (``refresh --rebuild``);
- an incremental refresh after 10,000 new crossings and 100 amendments;
- a refresh with nothing new (the scheduled run on a quiet night);
- dashboard pages, the monthly report, an XLSX export and an API table, as an analyst
  through Django's test client (median of three; target: each page <= 1 s).
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the standard library's ``statistics`` (which Django's SQLite
# backend imports): keep its own directory off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import datetime as dt
import os
import statistics
import subprocess
import time

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _median(fn, runs: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="")
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "bench-statistics"))
    parser.add_argument("--crossings", type=int, default=10_000_000)
    parser.add_argument("--skip-rebuild", action="store_true", help="keep the facts already filled")
    args = parser.parse_args()

    os.environ.update(
        {
            "PASSAGE_VAR_DIR": args.var_dir,
            "PASSAGE_DEBUG": "0",
            "PASSAGE_SECURE": "0",
            "DJANGO_SETTINGS_MODULE": "passage.site.settings",
        }
    )
    if args.database_url:
        os.environ["PASSAGE_DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("PASSAGE_DATABASE_URL", None)
    env = dict(os.environ)
    quiet = {"env": env, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([str(BIN / "passage"), "setup"], **quiet)  # type: ignore[call-overload]
    subprocess.run([str(BIN / "passage"), "collectstatic", "--noinput"], **quiet)  # type: ignore[call-overload]

    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count, F, Max
    from django.db.models.functions import ExtractYear, TruncMonth
    from django.test import Client
    from django.utils import timezone

    from passage.accounts.models import User
    from passage.crossings.models import Crossing

    have = Crossing.objects.count()
    if have < args.crossings:
        if have:
            print(
                f"database holds {have:,} crossings, fewer than --crossings; using them as they are"
            )
        else:
            started = time.perf_counter()
            subprocess.run(
                [
                    str(BIN / "passage"),
                    "demo",
                    "--crossings",
                    str(args.crossings),
                    "--quiet-logins",
                ],
                env=env,
                check=True,
            )
            print(
                f"generated {args.crossings:,} crossings in {time.perf_counter() - started:.0f} s"
            )
            have = Crossing.objects.count()
    from passage.common.bulk import fast_insert
    from passage.crossings.models import Amendment
    from passage.statistics import services

    database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    print(f"\nstatistics on {database}, {have:,} crossings")

    # Baseline: the dashboard's three main tables straight from the crossings.
    # The same year as the dashboard's default: the twelve months to the latest crossing.
    end = Crossing.objects.aggregate(m=Max("at"))["m"] or timezone.now()
    start = (end - dt.timedelta(days=364)).replace(day=1, hour=0, minute=0, second=0, microsecond=0)

    def raw_page() -> None:
        year = Crossing.objects.filter(at__gte=start, at__lt=end)
        list(
            year.annotate(m=TruncMonth("at"))
            .values("m", "direction")
            .annotate(n=Count("pk"))
            .order_by()
        )
        list(
            year.values("traveller__nationality_id", "direction").annotate(n=Count("pk")).order_by()
        )
        list(
            year.annotate(age=ExtractYear("at") - F("traveller__birth_year"))
            .values("traveller__sex", "age")
            .annotate(n=Count("pk"))
            .order_by()
        )

    baseline = _median(raw_page, runs=1)
    print(f"  baseline: one page from raw crossings        {baseline:8.2f} s")

    if not args.skip_rebuild:
        started = time.perf_counter()
        runs = services.refresh(settle=0, rebuild=True)
        scratch = time.perf_counter() - started
        detail = ", ".join(f"{r.source} {r.seconds:.1f} s" for r in runs)
        print(f"  fill from scratch                            {scratch:8.2f} s  ({detail})")
    else:
        services.refresh(settle=0)

    # 10,000 new crossings (copies of recent ones with new ids) and 100 amendments.
    from uuid_utils.compat import uuid7

    sample = list(Crossing.objects.order_by("-at")[:10_000])
    for crossing in sample:
        crossing.pk = uuid7()
        crossing.closes_id = None
        crossing.submission_key = None
        crossing.recorded_at = None  # type: ignore[assignment]
        crossing._state.adding = True
    fast_insert(Crossing, sample)
    actor = User.objects.filter(is_superuser=False).first()
    amendments = [
        Amendment(
            id=uuid7(),
            crossing=c,
            kind=Amendment.Kind.CORRECTION,
            changes={"purpose": [c.purpose, "work" if c.purpose != "work" else "study"]},
            reason="bench",
            author=actor,
            at=None,
        )
        for c in Crossing.objects.order_by("at")[:100]
    ]
    Amendment.objects.bulk_create(amendments)
    started = time.perf_counter()
    runs = services.refresh(settle=0)
    incremental = time.perf_counter() - started
    print(
        f"  incremental: 10,000 new + 100 amendments     {incremental:8.2f} s  "
        f"ratio {incremental / baseline:.2f}x the raw page"
    )
    started = time.perf_counter()
    services.refresh(settle=0)
    quiet_run = time.perf_counter() - started
    print(f"  refresh with nothing new                     {quiet_run:8.2f} s")

    client = Client()
    analyst = User.objects.get(username="analyst")
    client.force_login(analyst)
    pages = [
        ("dashboard, last 12 months by month", "/statistics/"),
        ("dashboard, last 12 months by day", "/statistics/?period=day"),
        ("dashboard, by week, one nationality", "/statistics/?period=week&nationality=ETH"),
        ("dashboard, one crossing point", "/statistics/?post=UTO-AIR"),
        ("monthly report", "/statistics/report/"),
        ("export, all tables (XLSX)", "/statistics/export/all.xlsx"),
        ("API, nationalities table", "/api/v1/statistics/tables/nationalities"),
    ]
    worst = 0.0
    for label, url in pages:

        def get(url: str = url) -> None:
            response = client.get(url, HTTP_HOST="127.0.0.1")
            assert response.status_code == 200, (url, response.status_code)

        seconds = _median(get)
        worst = max(worst, seconds)
        print(f"  {label:<44} {seconds:8.3f} s  ratio {seconds / baseline:.3f}x the raw page")
    print(
        f"  target each page <= 1 s: {'met' if worst <= 1 else 'NOT met'} (slowest {worst:.3f} s)"
    )


if __name__ == "__main__":
    main()
