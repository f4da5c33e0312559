"""A post with a backlog of 100,000 crossings syncs to HQ on PostgreSQL.

    python bench/sync.py [--crossings 100000] [--batch 4000]
                         [--database-url postgres://passage:passage@127.0.0.1:5432/passage_sync_hq]

After the drain, the post prunes what HQ acknowledged and verified
(``passage sync prune --keep-days 0 --vacuum``): the script prints the post's database
size before pruning, after it (SQLite keeps the freed pages for reuse) and after VACUUM,
and the size per 100,000 crossings. (``--keep-days 0`` because every row was just
acknowledged; a post keeps 30 days by default.)

The post runs on SQLite in a fresh ``var/bench-sync-post``; HQ on the PostgreSQL
database named (dropped and created again) behind gunicorn on loopback. The backlog is
built at the post (not timed): synthetic crossings from the demo loader, one audit event
per crossing as the counter writes it, and the outbox rows the audit hook would have
queued (traveller and document the first time they appear, the crossing, secondary
inspections, the audit event). Then ``passage sync`` is timed, end to end: read the
outbox, compress, sign, send over HTTP, verify, apply at HQ (identity linking
included), acknowledge.

Baseline, same run: the same rows (travellers, documents, crossings, audit events)
copied with PostgreSQL's COPY into tables shaped like HQ's — the fastest a plain bulk
insert goes. The script prints both times, rows/s and the ratio. Target: ≤ 60 s.
"""

from __future__ import annotations

import argparse
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

# bench/statistics.py would shadow the standard library's ``statistics`` module (which
# Django's SQLite backend imports): keep this directory off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DEFAULT_URL = "postgres://passage:passage@127.0.0.1:5432/passage_sync_hq"


def passage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([str(BIN / "passage"), *args], env=env, text=True, capture_output=True)
    if done.returncode:
        sys.exit(f"passage {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(var: Path, role: str, database_url: str = "") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PASSAGE_DATABASE_URL"}}
    env.update(
        PASSAGE_VAR_DIR=str(var),
        PASSAGE_ROLE=role,
        PASSAGE_SECURE="0",
        PASSAGE_DEBUG="0",
        PASSAGE_SECRET_KEY="bench-sync-" + "s" * 50,
        PASSAGE_SYNC_MASTER_KEY="bench-sync-master-" + "m" * 40,
    )
    if database_url:
        env["PASSAGE_DATABASE_URL"] = database_url
    return env


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


# --- at the post (run in a child process with the post's environment) -----------------


def build_backlog(count: int) -> None:
    """Synthetic crossings, their audit events and the outbox rows the hook would queue."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passage.site.settings")
    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from passage.accounts import audit
    from passage.accounts.models import AuditChainHead, AuditEvent, User
    from passage.core.synthetic import DEFAULT_CROSSING_POINTS, Population
    from passage.crossings.demo import SyntheticLoader
    from passage.crossings.models import Crossing
    from passage.sync import outbox
    from passage.sync.models import OutboxEvent

    officers = {
        code: User.objects.get(username=name)
        for code, name in [
            ("UTO-AIR", "officer"),
            ("UTO-NORTH", "officer2"),
            ("UTO-EAST", "officer3"),
            ("UTO-PORT", "officer3"),
            ("UTO-RAIL", "officer3"),
        ]
    }
    population = Population(
        seed=11,
        profile="default",
        reference_date=timezone.localdate(),
        crossing_points=DEFAULT_CROSSING_POINTS,
    )
    started = time.monotonic()
    SyntheticLoader(User.objects.get(username="supervisor"), officers, 11).load(
        population.crossings(count)
    )
    print(f"  loaded {Crossing.objects.count():,} crossings ({time.monotonic() - started:.0f} s)")
    seen: set[tuple[str, str]] = set(OutboxEvent.objects.values_list("model", "object_id"))
    queryset = (
        Crossing.objects.order_by("at", "id")
        .select_related(
            "officer", "crossing_point", "traveller__created_by", "document", "inspection"
        )
        .prefetch_related("refusal_grounds")
    )
    chunk: list[Crossing] = []

    def flush(crossings: list[Crossing]) -> None:
        with transaction.atomic():
            head = AuditChainHead.objects.select_for_update().get(pk=1)
            seq = outbox.head()
            events, rows = [], []
            for crossing in crossings:
                after = audit.snapshot(crossing)
                event = AuditEvent(
                    seq=head.last_seq + 1,
                    at=timezone.now(),
                    actor_id=str(crossing.officer_id),
                    actor_name=crossing.officer.username,
                    request_id="bench",
                    source_ip="127.0.0.1",
                    action="create",
                    object_type="crossings.crossing",
                    object_id=str(crossing.pk),
                    object_repr=str(crossing)[:200],
                    data=audit.dumps({"after": after}),
                    message="",
                    prev_hash=head.last_hash,
                )
                event.hash = audit.link_hash(head.last_hash, event)
                head.last_seq, head.last_hash = event.seq, event.hash
                events.append(event)
                group: list[tuple[str, str, str, str]] = []
                for obj in (crossing.traveller, crossing.document, crossing):
                    if obj is None:
                        continue
                    key = (obj._meta.label_lower, str(obj.pk))
                    if key not in seen:
                        seen.add(key)
                        group.append(
                            ("object", key[0], key[1], audit.dumps(outbox.serialize(obj, "create")))
                        )
                inspection = getattr(crossing, "inspection", None)
                if inspection is not None:
                    group.append(
                        (
                            "object",
                            "crossings.secondaryinspection",
                            str(inspection.pk),
                            audit.dumps(outbox.serialize(inspection, "create")),
                        )
                    )
                group.append(
                    (
                        "audit",
                        "accounts.auditevent",
                        str(event.seq),
                        audit.dumps(outbox.audit_payload(event)),
                    )
                )
                for kind, label, oid, data in group:
                    seq += 1
                    rows.append(
                        OutboxEvent(
                            seq=seq,
                            group=event.seq,
                            kind=kind,
                            model=label,
                            object_id=oid,
                            data=data,
                        )
                    )
            AuditEvent.objects.bulk_create(events)
            OutboxEvent.objects.bulk_create(rows, batch_size=2000)
            head.save()

    started = time.monotonic()
    for crossing in queryset.iterator(chunk_size=2000):
        chunk.append(crossing)
        if len(chunk) == 2000:
            flush(chunk)
            chunk = []
    if chunk:
        flush(chunk)
    print(f"  outbox built: {outbox.head():,} rows ({time.monotonic() - started:.0f} s)")


# --- baseline (run in a child process with HQ's environment) ---------------------------


TABLES = [
    ("travellers_traveller", "travellers.traveller"),
    ("travellers_traveldocument", "travellers.traveldocument"),
    ("crossings_crossing", "crossings.crossing"),
    ("accounts_auditevent", "accounts.auditevent"),
]


def baseline(post_db: str) -> None:
    """COPY the post's rows into tables shaped like HQ's (indexes included): plain bulk insert."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passage.site.settings")
    django.setup()
    from django.apps import apps
    from django.db import connection

    source = sqlite3.connect(post_db)
    data = {}
    for table, label in TABLES:
        model = apps.get_model(label)
        columns = [f.column for f in model._meta.concrete_fields]
        data[table] = (
            columns,
            source.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(),  # noqa: S608 - names from the model
        )
    source.close()
    with connection.cursor() as cursor:
        for table, _ in TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS bench_{table}")
            cursor.execute(f"CREATE TABLE bench_{table} (LIKE {table} INCLUDING ALL)")
    rows = 0
    started = time.monotonic()
    with connection.cursor() as cursor:
        for table, _ in TABLES:
            columns, values = data[table]
            with cursor.cursor.copy(
                f"COPY bench_{table} ({', '.join(columns)}) FROM STDIN"
            ) as copy:
                for row in values:
                    copy.write_row(row)
            rows += len(values)
    elapsed = time.monotonic() - started
    with connection.cursor() as cursor:
        for table, _ in TABLES:
            cursor.execute(f"DROP TABLE bench_{table}")
    print(f"BASELINE {rows} {elapsed:.3f}")


def database_size(path: str) -> tuple[int, int]:
    """Bytes of the post's SQLite database (with its WAL) and of its free pages."""
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = db.execute("PRAGMA page_size").fetchone()[0]
        free = db.execute("PRAGMA freelist_count").fetchone()[0] * page
    finally:
        db.close()
    size = sum(
        Path(path + suffix).stat().st_size
        for suffix in ("", "-wal")
        if Path(path + suffix).exists()
    )
    return size, free


# --- orchestration ---------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--crossings", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=4000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument(
        "--reuse-backlog",
        action="store_true",
        help="keep the post (and its backlog) of the last run; only HQ starts afresh",
    )
    parser.add_argument("--build-backlog", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--baseline", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_backlog:
        build_backlog(args.build_backlog)
        return
    if args.baseline:
        baseline(args.baseline)
        return

    var = ROOT / "var" / "bench-sync"
    reuse = args.reuse_backlog and (var / "post" / "passage.sqlite3").exists()
    subprocess.run(["rm", "-rf", str(var / "hq")], check=True)
    if not reuse:
        subprocess.run(["rm", "-rf", str(var)], check=True)
    post_env = environment(var / "post", "node")
    hq_env = environment(var / "hq", "hq", args.database_url)
    print(f"HQ on {urlsplit(args.database_url).path.lstrip('/')} (PostgreSQL); post on SQLite")
    recreate_database(args.database_url)
    for env in (hq_env,) if reuse else (hq_env, post_env):
        passage(env, "setup")
        passage(env, "demo", "--crossings", "0", "--quiet-logins")
    # Enrolled without a crossing point (a regional server, decision 0061): the synthetic
    # backlog holds crossings at every crossing point of the demo.
    out = passage(hq_env, "sync", "enrol", "bench-post")
    node_id = out.split("id ")[1].split()[0]
    key = out.split("does not store it): ")[1].split()[0]
    port = free_port()
    passage(
        post_env,
        "sync",
        "join",
        "--hq",
        f"http://127.0.0.1:{port}",
        "--node",
        node_id,
        f"--key={key}",
    )
    if reuse:
        print("reusing the post's backlog from the last run (a new node: it is all sent again)")
    else:
        print(f"building a backlog of {args.crossings:,} crossings at the post (not timed)")
        subprocess.run(
            [sys.executable, __file__, "--build-backlog", str(args.crossings)],
            env=post_env,
            check=True,
        )
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "passage.site.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--timeout",
            "300",
        ],
        env=hq_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        post_db = str(var / "post" / "passage.sqlite3")
        source = sqlite3.connect(post_db)
        rows = source.execute("SELECT count(*) FROM sync_outboxevent").fetchone()[0]
        crossings = source.execute("SELECT count(*) FROM crossings_crossing").fetchone()[0]
        source.close()
        started = time.monotonic()
        result = passage(post_env, "sync", "--batch", str(args.batch))
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait()
    print("  " + result.strip())
    held = (
        passage(
            hq_env,
            "shell",
            "-c",
            "from passage.crossings.models import Crossing; print(Crossing.objects.count())",
        )
        .strip()
        .splitlines()[-1]
    )
    verify = passage(hq_env, "sync", "verify").strip()
    before = database_size(post_db)
    pruned = passage(post_env, "sync", "prune", "--keep-days", "0").strip()
    after_prune = database_size(post_db)
    passage(post_env, "sync", "prune", "--keep-days", "0", "--vacuum")
    after_vacuum = database_size(post_db)
    line = (
        subprocess.run(
            [sys.executable, __file__, "--baseline", post_db],
            env=hq_env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    _, base_rows, base_time = line.split()
    print()
    print(
        f"sync      {crossings:,} crossings, {rows:,} outbox rows in {elapsed:.1f} s "
        f"({rows / elapsed:,.0f} rows/s, {crossings / elapsed:,.0f} crossings/s) "
        f"— target ≤ 60 s: {'met' if elapsed <= 60 else 'NOT met'}"
    )
    print(
        f"baseline  COPY of the same {int(base_rows):,} rows into PostgreSQL in "
        f"{float(base_time):.1f} s ({int(base_rows) / float(base_time):,.0f} rows/s)"
    )
    print(f"ratio     sync takes {elapsed / float(base_time):.1f}x the plain bulk insert")
    print(f"check     HQ holds {held} crossings; {verify}")
    per = 100_000 / max(crossings, 1)
    print(f"prune     {pruned}")
    for label, (size, free) in (
        ("before pruning", before),
        ("after pruning", after_prune),
        ("after VACUUM", after_vacuum),
    ):
        print(
            f"post db   {label:15} {size / 2**20:8.1f} MB ({free / 2**20:.1f} MB free pages; "
            f"{size * per / 2**20:.1f} MB per 100,000 crossings)"
        )


if __name__ == "__main__":
    main()
