"""A retention purge of N due crossings (default 1,000,000), and the audit chain after it.

    nice -n 10 python bench/retention.py [--crossings 1000000] [--batch 2000]

Builds a fresh SQLite installation in ``var/bench-retention`` (not timed): N/2 persons,
each with a passport, an entry and the exit that closes it (both due: the purge runs
``--as-of`` four years on), and one audit event per crossing naming the person, chained
by the live rule — what the counter would have left. Then, timed:

1. ``passage retention purge --as-of …`` end to end (statistics refresh, holds checked,
   persons deleted in transactional batches with their documents, audit payloads
   removed, deletion log for the posts, one audit event per batch);
2. ``passage audit verify --no-record`` over the whole chain after the purge.

Baseline, same run, on a copy of the same database file: the plainest deletion SQLite
can do of the same rows — ``DELETE FROM`` the crossings, documents and travellers and
one ``UPDATE`` blanking the payloads of the audit events about them, in one
transaction, with no holds, no batches and no log. The script prints both times, rows/s
and the ratio; the data is synthetic (generated here, nothing tuned on it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

# bench/statistics.py would shadow the standard library's ``statistics`` module.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def environment(var: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PASSAGE_DATABASE_URL"}
    env.update(
        PASSAGE_VAR_DIR=str(var),
        PASSAGE_ROLE="hq",
        PASSAGE_SECURE="0",
        PASSAGE_DEBUG="0",
        PASSAGE_SECRET_KEY="bench-retention-" + "s" * 50,
        PASSAGE_STATS_SETTLE_SECONDS="0",
    )
    return env


CPU: dict[str, float] = {}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def passage(env: dict[str, str], *args: str) -> tuple[str, float]:
    """Run a command; returns its output and wall time (its CPU time into ``CPU``)."""
    started, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run([str(BIN / "passage"), *args], env=env, text=True, capture_output=True)
    seconds = time.perf_counter() - started
    CPU[args[0]] = _children_cpu() - cpu
    if done.returncode:
        sys.exit(f"passage {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout, seconds


def baseline(db: Path) -> tuple[int, float]:
    conn = sqlite3.connect(db)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        conn.execute("BEGIN")
        conn.execute(
            "UPDATE accounts_auditevent SET object_repr = '', data = '', message = '', "
            "purged_on = date('now') WHERE object_id IN (SELECT id FROM crossings_crossing)"
        )
        conn.execute("UPDATE crossings_crossing SET closes_id = NULL")
        rows = conn.execute("DELETE FROM crossings_crossing").rowcount
        rows += conn.execute("DELETE FROM travellers_traveldocument").rowcount
        rows += conn.execute("DELETE FROM travellers_traveller").rowcount
        conn.execute("COMMIT")
        CPU["baseline"] = time.process_time() - cpu
        return rows, time.perf_counter() - started
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--crossings", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=2000, help="persons per transaction")
    parser.add_argument("--var", type=Path, default=ROOT / "var" / "bench-retention")
    args = parser.parse_args()
    persons = args.crossings // 2
    shutil.rmtree(args.var, ignore_errors=True)
    args.var.mkdir(parents=True)
    env = environment(args.var)
    passage(env, "setup")
    passage(env, "demo", "--crossings", "0", "--quiet-logins")
    _, built = passage(
        env,
        "shell",
        "-c",
        "from passage.accounts.models import User; "
        "from passage.reference.models import BorderCrossingPoint as B; "
        "from passage.retention.tests.generate import due_population; "
        f"due_population({persons}, User.objects.get(username='officer'), "
        "B.objects.get(code='UTO-AIR'), batch=10000)",
    )
    db = args.var / "passage.sqlite3"
    events = sqlite3.connect(db).execute("SELECT count(*) FROM accounts_auditevent").fetchone()[0]
    print(f"built {persons:,} persons, {persons * 2:,} due crossings, {events:,} audit events "
          f"in {built:.1f} s (not timed)")  # fmt: skip

    copy = args.var / "baseline.sqlite3"
    shutil.copyfile(db, copy)
    base_rows, base_s = baseline(copy)
    copy.unlink()

    as_of = (dt.date.today() + dt.timedelta(days=4 * 365)).isoformat()
    out, purge_s = passage(env, "retention", "purge", "--as-of", as_of, "--batch", str(args.batch))
    left = sqlite3.connect(db).execute("SELECT count(*) FROM crossings_crossing").fetchone()[0]
    verify_out, verify_s = passage(env, "audit", "verify", "--no-record")
    print(out.strip())
    print(verify_out.strip())
    print(f"crossings left after the purge: {left:,}")
    rows = persons * 2 + persons * 2  # crossings, documents and travellers
    print(
        f"purge:    {purge_s:8.1f} s  {persons * 2 / purge_s:10,.0f} crossings/s "
        f"({rows:,} rows and {persons * 2:,} audit payloads)"
    )
    print(f"baseline: {base_s:8.1f} s  {persons * 2 / base_s:10,.0f} crossings/s (plain SQL, {base_rows:,} rows)")  # fmt: skip
    print(f"ratio purge / plain SQL: {purge_s / base_s:.1f}x wall")
    print(
        f"CPU: purge {CPU['retention']:.1f} s, plain SQL {CPU['baseline']:.1f} s, "
        f"ratio {CPU['retention'] / max(CPU['baseline'], 1e-3):.1f}x; audit verify "
        f"{CPU['audit']:.1f} s (machine load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    print(f"audit verify after the purge: {verify_s:.1f} s over {events:,}+ events (chain intact)")


if __name__ == "__main__":
    main()
