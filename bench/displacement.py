"""Displacement tracking at scale: importing Kobo exports, and dashboards over many counts.

    nice -n 10 .venv/bin/python bench/displacement.py [--submissions 100000] [--counts 1000000]

Runs on a fresh SQLite database in a temporary directory (nothing of yours is touched)
and times, in the same run:

- importing ``--submissions`` flow counts from one KoboToolbox JSON export (target
  <= 60 s), against the baseline of recording 1,000 of them one by one through the page
  service (each its own transaction and audit event), extrapolated to the same number;
- importing the same number again from a file with 1 % bad rows (unknown point, unknown
  form version, more children than people): the time to refuse it, and whether every
  bad row is reported;
- the dashboard page as an analyst (median of three; target <= 1 s per page) after
  ``--counts`` flow counts are in the table, against the baseline of computing the same
  figures (weekly flows per point, age-sex totals, origin-destination) straight from the
  counts with GROUP BY queries.

The data are synthetic (``passage.displacement.demo``): nothing is tuned on them.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/statistics.py would shadow the standard library's ``statistics`` (which Django's
# SQLite backend imports): keep this directory off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import datetime as dt
import json
import os
import random
import statistics
import tempfile
import time


def median_time(fn, runs: int = 3) -> float:  # type: ignore[no-untyped-def]
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
    parser.add_argument("--submissions", type=int, default=100_000)
    parser.add_argument("--counts", type=int, default=1_000_000)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="passage-bench-displacement-")
    os.environ["PASSAGE_VAR_DIR"] = workdir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passage.site.settings")
    os.environ.setdefault("PASSAGE_ALLOWED_HOSTS", "localhost")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.models import Sum
    from django.test import Client

    from passage.accounts.roles import Role, sync_roles
    from passage.accounts.services import create_user
    from passage.displacement import demo, services
    from passage.displacement.imports import ImportRejected, import_file
    from passage.displacement.models import FlowCount, FlowMonitoringPoint
    from passage.reference.services import load_builtin_countries

    print(f"database: SQLite in {workdir}", flush=True)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    sync_roles()
    load_builtin_countries(None)
    demo.load_reference(None)
    points = [p for p, *_rest in demo.POINTS]
    enumerator = create_user(
        None, "enumerator", password=None, roles=[Role.FIELD_ENUMERATOR], national_scope=True
    )
    analyst = create_user(None, "analyst", password=None, roles=[Role.ANALYST], national_scope=True)
    for code in points:
        FlowMonitoringPoint.objects.get(pk=code).enumerators.add(enumerator)

    # --- import ----------------------------------------------------------------------
    n = args.submissions
    per_day = 4
    days = -(-n // (len(points) * per_day))
    start = dt.date(2026, 1, 1)
    rows = demo.kobo_counts(points, start, days, seed=11, per_day=per_day)[:n]
    data = json.dumps(rows).encode()
    print(f"import: {len(rows):,} Kobo JSON submissions ({len(data) / 2**20:.1f} MB)", flush=True)
    started, cpu = time.perf_counter(), time.process_time()
    result = import_file(enumerator, data, "bench.json")
    took = time.perf_counter() - started
    cpu = time.process_time() - cpu
    # On a shared machine the wall time includes waiting for a core: the CPU time is
    # what the import itself costs (SQLite runs in this process, so it is counted).
    print(
        f"  import_file: {took:.1f} s wall, {cpu:.1f} s CPU ({result.created:,} stored) "
        "target <= 60 s",
        flush=True,
    )
    started = time.perf_counter()
    again = import_file(enumerator, data, "bench.json")
    print(
        f"  the same file again: {time.perf_counter() - started:.1f} s "
        f"({again.created} stored, {again.skipped:,} skipped)",
        flush=True,
    )
    sample = demo.kobo_counts(points, start + dt.timedelta(days=days + 1), 50, seed=12)[:1000]
    started = time.process_time()
    for i, row in enumerate(sample):
        services.record(enumerator, "flow_count", row, f"one-by-one-{i}")
    one = (time.process_time() - started) / len(sample)
    print(
        f"  baseline, one by one through the page service: {one * 1000:.1f} ms CPU each, "
        f"{one * n:.0f} s CPU for {n:,} extrapolated; import is {one * n / cpu:.1f}x cheaper",
        flush=True,
    )

    rng = random.Random(13)
    bad = demo.kobo_counts(points, start + dt.timedelta(days=days + 60), days, seed=14)[:n]
    broken = rng.sample(range(len(bad)), max(1, len(bad) // 100))
    for k, i in enumerate(broken):
        if k % 3 == 0:
            bad[i]["point"] = "FMP-NOWHERE"
        elif k % 3 == 1:
            bad[i]["form_version"] = "1999010101"
        else:
            bad[i]["girls"] = str(int(bad[i]["total"]) + 1)
    started = time.perf_counter()
    try:
        import_file(enumerator, json.dumps(bad).encode(), "bad.json")
        print("  BAD FILE WAS IMPORTED", flush=True)
    except ImportRejected as exc:
        print(
            f"  a file with {len(broken):,} bad rows of {len(bad):,}: refused in "
            f"{time.perf_counter() - started:.1f} s, {exc.result.rejected_count:,} rows "
            f"reported ({'all' if exc.result.rejected_count == len(broken) else 'NOT all'}), "
            f"{FlowCount.objects.count() - result.created - len(sample)} stored",
            flush=True,
        )

    # --- a large count table ---------------------------------------------------------
    have = FlowCount.objects.count()
    extra = max(0, args.counts - have)
    print(f"counts: adding {extra:,} to reach {args.counts:,}", flush=True)
    started = time.perf_counter()
    # Plain INSERTs (model instances would take most of the time at this size).
    columns = (
        "id, submission_id, digest, form_version, source, recorded_by_id, recorded_at, "
        "point_id, day, direction, transport, origin, destination, girls, boys, women, men, "
        "elderly_women, elderly_men, total, unaccompanied_children, pregnant_women, "
        "elderly_alone, disabled"
    )
    placeholders = ", ".join(["%s"] * 24)
    sql = f"INSERT INTO displacement_flowcount ({columns}) VALUES ({placeholders})"  # noqa: S608
    rng = random.Random(15)
    origins = ["UT0101", "UT0102", "UT0201", "UT0202", "UT0301", "UT0302", "UT0401", "UT0402"]
    now = dt.datetime.now(dt.UTC).isoformat()
    import uuid

    rows_out: list[tuple[object, ...]] = []
    for i in range(extra):
        total = rng.randint(1, 60)
        girls = total // 5
        rows_out.append(
            (
                uuid.UUID(int=rng.getrandbits(128)).hex,
                f"bulk-{i}",
                "",
                demo.VERSION,
                "kobo_json",
                enumerator.pk.hex,
                now,
                points[i % len(points)],
                (start + dt.timedelta(days=(i // 3000) % 730)).isoformat(),
                "in" if i % 3 else "out",
                "foot",
                origins[i % 8],
                origins[(i // 8) % 8],
                girls,
                girls,
                total - 2 * girls,
                0,
                0,
                0,
                total,
                0,
                0,
                0,
                0,
            )
        )
        if len(rows_out) == 50_000 or i == extra - 1:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, rows_out)
            rows_out = []
    print(f"  inserted in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    summary_rows = services.rebuild_summary(None)
    print(
        f"  summary rebuilt from {FlowCount.objects.count():,} counts: {summary_rows:,} rows "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )

    client = Client(HTTP_HOST="localhost")
    client.force_login(analyst)
    for label, first, last in (
        ("91 days", dt.date(2026, 10, 1), dt.date(2026, 12, 30)),
        ("one year", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    ):
        url = f"/displacement/?start={first}&end={last}"

        def page(url: str = url) -> None:
            answer = client.get(url, secure=True)
            assert answer.status_code == 200, answer.status_code

        def baseline(first: dt.date = first, last: dt.date = last) -> None:
            raw = FlowCount.objects.filter(day__gte=first, day__lte=last)
            list(raw.values("day", "point_id").annotate(n=Sum("total")).order_by())
            raw.aggregate(*(Sum(g) for g in ("girls", "boys", "women", "men", "total")))
            list(raw.values("origin", "destination").annotate(n=Sum("total")).order_by())

        t_page = median_time(page)
        t_base = median_time(baseline)
        print(
            f"  dashboard page, {label}: {t_page:.2f} s (target <= 1 s); the same figures "
            f"straight from the counts (queries only, no page): {t_base:.2f} s; "
            f"ratio {t_base / t_page:.1f}x",
            flush=True,
        )
    size = Path(connection.settings_dict["NAME"]).stat().st_size
    print(f"database size: {size / 2**20:.0f} MB ({workdir}; delete it when done)")


if __name__ == "__main__":
    sys.exit(main())
