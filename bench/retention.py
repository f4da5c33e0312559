"""A retention purge of N due crossings (default 1,000,000), and the audit chain after it.

    nice -n 10 python bench/retention.py [--crossings 1000000] [--batch 2000]
    nice -n 10 python bench/retention.py --database postgresql   # HQ's database

Builds a fresh installation (SQLite in ``var/bench-retention``, or the PostgreSQL
database ``passage_bench_dataprotect`` on localhost, role passage/passage): N/2 persons,
each with a passport, an entry and the exit that closes it (both due: the purge runs
``--as-of`` four years on), and one audit event per crossing naming the person, chained
by the live rule — what the counter would have left. The records are written by
set-based SQL and the chain in one Python pass (``generate.due_population_fast``); the
build is timed and printed, not part of the comparison. Then, timed:

1. ``passage retention purge --as-of …`` end to end (statistics refresh, holds checked,
   persons deleted in transactional batches with their documents, audit payloads
   removed, deletion log for the posts, one audit event per batch);
2. ``passage audit verify --no-record`` over the whole chain after the purge.

Baseline, same run, on a copy of the same database (a file copy; on PostgreSQL
``CREATE DATABASE … TEMPLATE``): the plainest deletion the database can do of the same
rows — ``DELETE FROM`` the crossings, documents and travellers and one ``UPDATE``
blanking the payloads of the audit events about them, in one transaction, with no holds,
no batches and no log. The script prints both times, rows/s, the ratio and the load
average; the data is synthetic (generated here, nothing tuned on it).
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


PG_NAME = "passage_bench_dataprotect"
PG_URL = "postgres://passage:passage@localhost:5432/"


def environment(var: Path, database: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PASSAGE_DATABASE_URL"}
    if database == "postgresql":
        env["PASSAGE_DATABASE_URL"] = PG_URL + PG_NAME
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


PLAIN_SQL = (
    "UPDATE accounts_auditevent SET object_repr = '', data = '', message = '', "
    "purged_on = {today} WHERE object_id IN (SELECT {id_text} FROM crossings_crossing)",
    "UPDATE crossings_crossing SET closes_id = NULL",
    "DELETE FROM crossings_crossing",
    "DELETE FROM travellers_traveldocument",
    "DELETE FROM travellers_traveller",
)


def baseline(db: Path) -> tuple[int, float]:
    conn = sqlite3.connect(db)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        conn.execute("BEGIN")
        rows = 0
        for i, sql in enumerate(PLAIN_SQL):
            done = conn.execute(sql.format(today="date('now')", id_text="id"))
            rows += done.rowcount if i >= 2 else 0
        conn.execute("COMMIT")
        CPU["baseline"] = time.process_time() - cpu
        return rows, time.perf_counter() - started
    finally:
        conn.close()


def _pg_admin(*statements: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL + "postgres", autocommit=True) as conn:
        for sql in statements:
            conn.execute(sql)


def baseline_postgresql() -> tuple[int, float]:
    """The plain SQL on a copy of the database; the server's CPU is not this process's,
    so only wall time is compared (``CPU["baseline"]`` is the client's)."""
    import psycopg

    copy = PG_NAME + "_copy"
    _pg_admin(f"DROP DATABASE IF EXISTS {copy}", f"CREATE DATABASE {copy} TEMPLATE {PG_NAME}")
    try:
        with psycopg.connect(PG_URL + copy) as conn:
            started, cpu = time.perf_counter(), time.process_time()
            rows = 0
            with conn.transaction():
                for i, sql in enumerate(PLAIN_SQL):
                    done = conn.execute(sql.format(today="current_date", id_text="id::text"))
                    rows += done.rowcount if i >= 2 else 0
            CPU["baseline"] = time.process_time() - cpu
            return rows, time.perf_counter() - started
    finally:
        _pg_admin(f"DROP DATABASE IF EXISTS {copy}")


def count(database: str, db: Path, sql: str) -> int:
    if database == "postgresql":
        import psycopg

        with psycopg.connect(PG_URL + PG_NAME) as conn:
            row = conn.execute(sql).fetchone()
    else:
        row = sqlite3.connect(db).execute(sql).fetchone()
    return int(row[0]) if row else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--crossings", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=2000, help="persons per transaction")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--var", type=Path, default=ROOT / "var" / "bench-retention")
    args = parser.parse_args()
    persons = args.crossings // 2
    load_before = os.getloadavg()
    shutil.rmtree(args.var, ignore_errors=True)
    args.var.mkdir(parents=True)
    if args.database == "postgresql":
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_NAME}", f"CREATE DATABASE {PG_NAME}")
    env = environment(args.var, args.database)
    passage(env, "setup")
    passage(env, "demo", "--crossings", "0", "--quiet-logins")
    _, built = passage(
        env,
        "shell",
        "-c",
        "from passage.accounts.models import User; "
        "from passage.reference.models import BorderCrossingPoint as B; "
        "from passage.retention.tests.generate import due_population_fast; "
        f"due_population_fast({persons}, User.objects.get(username='officer'), "
        "B.objects.get(code='UTO-AIR'))",
    )
    db = args.var / "passage.sqlite3"
    events = count(args.database, db, "SELECT count(*) FROM accounts_auditevent")
    due = count(args.database, db, "SELECT count(*) FROM crossings_crossing")
    print(f"{args.database}: built {persons:,} persons, {due:,} due crossings, {events:,} audit "
          f"events in {built:.1f} s (set-based SQL and one chaining pass; not compared)")  # fmt: skip

    if args.database == "postgresql":
        base_rows, base_s = baseline_postgresql()
    else:
        copy = args.var / "baseline.sqlite3"
        shutil.copyfile(db, copy)
        base_rows, base_s = baseline(copy)
        copy.unlink()

    as_of = (dt.date.today() + dt.timedelta(days=4 * 365)).isoformat()
    out, purge_s = passage(env, "retention", "purge", "--as-of", as_of, "--batch", str(args.batch))
    left = count(args.database, db, "SELECT count(*) FROM crossings_crossing")
    verify_out, verify_s = passage(env, "audit", "verify", "--no-record")
    load_after = os.getloadavg()
    print(out.strip())
    print(verify_out.strip())
    print(f"crossings left after the purge: {left:,}")
    rows = persons * 2 + persons * 2  # crossings, documents and travellers
    print(
        f"purge:    {purge_s:8.1f} s  {due / purge_s:10,.0f} crossings/s "
        f"({rows:,} rows and {due:,} audit payloads, batches of {args.batch} persons)"
    )
    print(f"baseline: {base_s:8.1f} s  {due / base_s:10,.0f} crossings/s (plain SQL on a copy, {base_rows:,} rows)")  # fmt: skip
    print(f"ratio purge / plain SQL: {purge_s / base_s:.1f}x wall")
    server = (
        " (PostgreSQL's own CPU not counted on either side)"
        if args.database == "postgresql"
        else ""
    )
    print(
        f"CPU: purge {CPU['retention']:.1f} s, plain SQL {CPU['baseline']:.1f} s{server}; "
        f"audit verify {CPU['audit']:.1f} s"
    )
    print(f"audit verify after the purge: {verify_s:.1f} s over {events:,}+ events: "
          f"{'passes' if 'audit chain intact' in verify_out else 'FAILS'}")  # fmt: skip
    print(
        f"load average (1, 5, 15 min) on {os.cpu_count()} cores: before "
        f"{', '.join(f'{x:.1f}' for x in load_before)}; after "
        f"{', '.join(f'{x:.1f}' for x in load_after)}"
    )


if __name__ == "__main__":
    main()
