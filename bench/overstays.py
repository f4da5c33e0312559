"""The overstay report over millions of crossings, against one plain aggregate scan.

    python bench/overstays.py [--database-url postgres://…] [--crossings 10000000]

The database is filled once with seeded synthetic crossings (``passage demo``; about
3 % of foreign trips overstay and 1 % never leave) and reused by later runs. The script
then times, in the same run:

- the report from scratch: ``detect_overstays`` with no case known yet (every
  overstaying entry found and a case opened for it);
- the report again, incrementally (nothing new: the daily run);
- the baseline: one SQL aggregate scan of the crossings table
  (``SELECT direction, COUNT(*), MAX(at) … GROUP BY direction``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

# bench/statistics.py would shadow the standard library's ``statistics`` module (which
# Django's SQLite backend imports): keep this directory off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="")
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "bench-overstays"))
    parser.add_argument("--crossings", type=int, default=10_000_000)
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
    subprocess.run([str(BIN / "passage"), "setup"], env=env, check=True, stdout=subprocess.DEVNULL)

    import django

    django.setup()
    from django.db import connection

    from passage.crossings.models import Crossing
    from passage.stay.models import OverstayCase
    from passage.stay.services import detect_overstays

    have = Crossing.objects.count()
    if have < args.crossings:
        if have:
            sys.exit(f"database holds {have:,} crossings, fewer than --crossings; use a fresh one")
        started = time.perf_counter()
        subprocess.run(
            [str(BIN / "passage"), "demo", "--crossings", str(args.crossings), "--quiet-logins"],
            env=env,
            check=True,
        )
        print(f"generated {args.crossings:,} crossings in {time.perf_counter() - started:.0f} s")
        have = Crossing.objects.count()

    OverstayCase.objects.all().delete()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT direction, COUNT(*), MAX(at) FROM crossings_crossing GROUP BY direction"
        )
        cursor.fetchall()
    baseline = time.perf_counter() - started

    started = time.perf_counter()
    first = detect_overstays()
    scratch = time.perf_counter() - started

    started = time.perf_counter()
    again = detect_overstays()
    incremental = time.perf_counter() - started

    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"\noverstay report on {database}, {have:,} crossings")
    print(f"  baseline aggregate scan   {baseline:8.2f} s")
    print(
        f"  report from scratch       {scratch:8.2f} s  ({first.new_cases:,} cases opened)  "
        f"ratio {scratch / baseline:.1f}x the scan"
    )
    print(
        f"  report again (daily run)  {incremental:8.2f} s  ({again.new_cases} new)  "
        f"ratio {incremental / baseline:.1f}x the scan"
    )
    print(f"  target <= 60 s: {'met' if scratch <= 60 else 'NOT met'}")


if __name__ == "__main__":
    main()
