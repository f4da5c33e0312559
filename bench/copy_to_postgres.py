"""Fill a PostgreSQL benchmark database from a SQLite one, row for row.

    python bench/copy_to_postgres.py --sqlite var/bench/passage.sqlite3 \
        --database-url postgres://passage:passage@127.0.0.1:5432/passage_bench

Generating 10,000,000 synthetic crossings takes the demo generator hours on a small
machine; copying the generated rows takes minutes. The benchmarks can then compare the
two databases on exactly the same data. The target database is migrated, emptied and
filled with every table of the SQLite one (the audit chain included, so it still
verifies), in one transaction, with ``COPY``; sequences are reset afterwards. Run as a
superuser role, the copy skips the per-row foreign-key checks.

Values travel as text: SQLite stores UUIDs as 32 hex digits, booleans as 0/1 and times
as UTC text, all of which PostgreSQL's input functions accept as they are (the session
runs in UTC).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", required=True, type=Path)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "bench-copy"))
    args = parser.parse_args()
    if not args.sqlite.is_file():
        sys.exit(f"--sqlite: {args.sqlite} does not exist")

    env = {
        **os.environ,
        "PASSAGE_DATABASE_URL": args.database_url,
        "PASSAGE_VAR_DIR": args.var_dir,
    }
    subprocess.run([str(BIN / "passage"), "migrate", "-v", "0"], env=env, check=True)

    source = sqlite3.connect(f"file:{args.sqlite}?mode=ro", uri=True)
    tables = [
        name
        for (name,) in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name != 'django_migrations' ORDER BY name"
        )
    ]
    started = time.perf_counter()
    total = 0
    with psycopg.connect(args.database_url.replace("postgres://", "postgresql://")) as target:
        target.execute("SET TIME ZONE 'UTC'")
        try:  # skip the per-row foreign-key checks if the role may (a superuser)
            with target.transaction():
                target.execute("SET session_replication_role = replica")
            print("foreign-key triggers off for the copy (rows come from a consistent database)")
        except psycopg.errors.InsufficientPrivilege:
            print("foreign keys checked at commit (not a superuser): slower")
        present = {
            row[0]
            for row in target.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        }
        missing = [name for name in tables if name not in present]
        if missing:
            sys.exit(f"tables in SQLite but not in PostgreSQL (migrations differ?): {missing}")
        target.execute(
            "TRUNCATE " + ", ".join(f'"{name}"' for name in tables) + " RESTART IDENTITY CASCADE"
        )
        for name in tables:
            columns = [row[1] for row in source.execute(f'PRAGMA table_info("{name}")')]
            quoted = ", ".join(f'"{column}"' for column in columns)
            count = 0
            with (
                target.cursor() as cursor,
                cursor.copy(f'COPY "{name}" ({quoted}) FROM STDIN') as copy,
            ):
                for row in source.execute(f'SELECT {quoted} FROM "{name}"'):  # noqa: S608
                    copy.write_row([None if value is None else _text(value) for value in row])
                    count += 1
            total += count
            if count:
                print(f"{name:40} {count:>12,}", flush=True)
        target.commit()
    print(f"copied {total:,} rows in {time.perf_counter() - started:.0f} s")

    labels = subprocess.run(
        [
            str(BIN / "python"),
            "-c",
            "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
            "'passage.site.settings'); django.setup(); from django.apps import apps; "
            "print(' '.join(c.label for c in apps.get_app_configs()))",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    reset = subprocess.run(
        [str(BIN / "passage"), "sqlsequencereset", *labels],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    with psycopg.connect(args.database_url.replace("postgres://", "postgresql://")) as target:
        target.execute(reset)  # type: ignore[call-overload]
    print("sequences reset")


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return "\\x" + value.hex()
    return str(value)


if __name__ == "__main__":
    main()
