"""A post with a backlog of 100,000 (or 1,000,000) crossings drains to HQ on PostgreSQL.

    python bench/sync.py [--crossings 100000] [--batch 4000] [--workers 2]
                         [--kill-post SECONDS] [--kill-hq SECONDS]
                         [--database-url postgres://passage:passage@127.0.0.1:5432/passage_bench_sync]

The post runs on SQLite in a fresh ``var/bench-sync/post``; HQ on the PostgreSQL
database named (dropped and created again) behind gunicorn on loopback with two workers,
as docs/operations.md serves it. Neither is timed while it is prepared:

- The post's backlog is built once per size and cached in
  ``var/bench-sync-cache/schema-…/post-N``, one per set of migrations (each run
  drains a copy). The demo's synthetic loader
  writes the crossings, travellers, documents and inspections in batches; for each
  crossing the builder appends the ``create`` audit event the counter records, chained
  after the head, and the outbox rows the audit hook queues (traveller and document the
  first time they appear, the crossing, its inspection, the audit event) — checked
  against ``outbox.serialize``, ``outbox.audit_payload`` and ``audit.link_hash`` on the
  first rows of every batch. HQ verifies the result as any post's.
- HQ's database is copied from ``<name>_template`` (set up once: migrations, demo users
  and reference data).

Then ``passage sync`` is timed, end to end, until the backlog is 0: read the outbox,
compress, sign, send over HTTP, verify, apply at HQ (identity linking included),
acknowledge, pull the datasets. ``--kill-post S`` kills -9 the post's sync S seconds into
the drain (it is started again), ``--kill-hq S`` kills -9 gunicorn and its workers (started
again at once); the time includes the restarts. Afterwards: every crossing of the post is
at HQ once (compared by id), ``sync verify`` at HQ and at the post (both chains, and HQ's
copy against the post's), and the post's database size before pruning, after ``passage
sync prune --keep-days 0`` (SQLite keeps the freed pages for reuse) and after ``--vacuum``,
with the size per 100,000 crossings. (``--keep-days 0`` because every row was just
acknowledged; a post keeps 30 days by default.)

Baseline, same run: the same rows (travellers, documents, crossings, audit events)
copied with PostgreSQL's COPY into tables shaped like HQ's — the fastest a plain bulk
insert goes. The script prints both times, rows/s, the ratio and the load average.
Target (issue 24): a million crossings in ≤ 10 minutes, so 60 s per 100,000.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

# bench/statistics.py would shadow the standard library's ``statistics`` module (which
# Django's SQLite backend imports): keep this directory off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DEFAULT_URL = "postgres://passage:passage@127.0.0.1:5432/passage_bench_sync"
BATCH = 4000


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
    """Synthetic crossings, their audit events and the outbox rows the hook would queue.

    The demo loader writes each batch of crossings (and the travellers, documents and
    inspections they bring) with COPY-speed inserts; this wraps its insert function to
    keep the instances it wrote, and queues for them, in the next transaction, what the
    counter's services would have queued: one ``create`` audit event per crossing,
    chained after the chain head, and the outbox rows ``outbox.on_audit`` writes for it
    (traveller and document the first time they appear, the crossing, its secondary
    inspection, the audit event), serialized by ``outbox.serialize`` and
    ``outbox.audit_payload`` themselves. No per-row query: the relations those read are
    the instances the loader set, cached."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passage.site.settings")
    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from passage.accounts import audit
    from passage.accounts.models import AuditChainHead, AuditEvent, User
    from passage.core.synthetic import DEFAULT_CROSSING_POINTS, Population
    from passage.crossings import demo
    from passage.crossings.models import Crossing, SecondaryInspection
    from passage.reference.models import BorderCrossingPoint, RefusalGround
    from passage.sync import outbox
    from passage.sync.models import OutboxEvent
    from passage.travellers.models import TravelDocument, Traveller

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
    points = {p.pk: p for p in BorderCrossingPoint.objects.all()}
    grounds = {g.pk: g for g in RefusalGround.objects.all()}
    population = Population(
        seed=11,
        profile="default",
        reference_date=timezone.localdate(),
        crossing_points=DEFAULT_CROSSING_POINTS,
    )
    written: dict[type, list[Any]] = {}
    insert = demo.fast_insert

    def keep(model: type, objects: list[Any]) -> None:
        insert(model, objects)
        written.setdefault(model, []).extend(objects)

    def cached(obj: Any, name: str, related: list[Any]) -> None:
        # What ``prefetch_related`` leaves: ``.all()`` answers without a query.
        qs = getattr(obj, name).all()
        qs._result_cache, qs._prefetch_done = related, True
        obj._prefetched_objects_cache = {**getattr(obj, "_prefetched_objects_cache", {}), name: qs}

    user_model = User
    users = {u.pk: u.get_username() for u in User.objects.all()}
    codes = {pk: p.code for pk, p in points.items()}

    def plan(model: type) -> tuple[list[str], list[tuple[str, str, dict[Any, str]]], list[str]]:
        names = [f.attname for f in model._meta.concrete_fields]
        refs = []
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is user_model:
                refs.append((f.attname, "username", users))
            elif f.is_relation and f.related_model is BorderCrossingPoint:
                refs.append((f.attname, "code", codes))
        return names, refs, [f.name for f in model._meta.many_to_many]

    plans = {m: plan(m) for m in (Traveller, TravelDocument, Crossing, SecondaryInspection)}

    def serialize(obj: Any, m2m: dict[str, list[str]]) -> dict[str, Any]:
        """``outbox.serialize(obj, "create")`` without its relation lookups (checked
        against it on the first rows of every batch)."""
        names, refs, many = plans[type(obj)]
        values = {name: getattr(obj, name) for name in names}
        return {
            "action": "create",
            "fields": values,
            "m2m": {name: sorted(m2m.get(name, [])) for name in many},
            "refs": {
                name: {key: table[values[name]]}
                for name, key, table in refs
                if values[name] is not None
            },
        }

    directions = dict(Crossing._meta.get_field("direction").flatchoices)

    def queue() -> None:
        through = Crossing.refusal_grounds.through
        travellers = {t.pk: t for t in written.pop(Traveller, [])}
        documents = {d.pk: d for d in written.pop(TravelDocument, [])}
        inspections = {i.crossing_id: i for i in written.pop(SecondaryInspection, [])}
        refused: dict[Any, list[Any]] = {}
        for row in written.pop(through, []):
            refused.setdefault(row.crossing_id, []).append(row.refusalground_id)
        crossings = written.pop(Crossing, [])
        with transaction.atomic():
            head = AuditChainHead.objects.select_for_update().get(pk=1)
            seq = outbox.head()
            events, rows = [], []
            for n, crossing in enumerate(crossings):
                after = audit.snapshot(crossing)
                # What audit.record writes (the event itself, not saved one by one).
                event = SimpleNamespace(
                    seq=head.last_seq + 1,
                    at=timezone.now(),
                    actor_id=str(crossing.officer_id),
                    actor_name=crossing.officer.username,
                    request_id="bench",
                    source_ip="127.0.0.1",
                    action="create",
                    object_type="crossings.crossing",
                    object_id=str(crossing.pk),
                    # str(crossing), without its choices lookup
                    object_repr=(
                        f"{directions[crossing.direction]} {crossing.crossing_point_id} "
                        f"{crossing.at:%Y-%m-%d %H:%M}"
                    )[:200],
                    data=audit.dumps({"after": after}),
                    message="",
                    purged_on=None,
                    prev_hash=head.last_hash,
                )
                event.payload_digest = audit.payload_digest(event)
                event.hash = link_hash(head.last_hash, event)
                head.last_seq, head.last_hash = event.seq, event.hash
                events.append(event)
                group: list[tuple[str, str, str, str]] = []
                for obj in (
                    travellers.pop(crossing.traveller_id, None),
                    documents.pop(crossing.document_id, None),
                    crossing,
                    inspections.get(crossing.pk),
                ):
                    if obj is None:
                        continue
                    m2m = (
                        {"refusal_grounds": refused.get(crossing.pk, [])} if obj is crossing else {}
                    )
                    data = serialize(obj, m2m)
                    if n < 3:  # the shape outbox.serialize gives, checked
                        if obj is crossing:
                            check_event(event)
                        if obj is crossing:
                            crossing.crossing_point = points[crossing.crossing_point_id]
                            cached(
                                crossing,
                                "refusal_grounds",
                                [grounds[g] for g in m2m["refusal_grounds"]],
                            )
                            assert object_repr_ok(crossing, event), "object_repr differs"
                        if isinstance(obj, SecondaryInspection):
                            cached(obj, "outcome_grounds", [])
                        real = audit.dumps(outbox.serialize(obj, "create"))
                        if audit.dumps(data) != real:
                            sys.exit(f"serialized differently:\n{audit.dumps(data)}\n{real}")
                    group.append(("object", obj._meta.label_lower, str(obj.pk), audit.dumps(data)))
                group.append(
                    (
                        "audit",
                        "accounts.auditevent",
                        str(event.seq),
                        audit.dumps(audit_payload(event)),
                    )
                )
                for kind, label, oid, data in group:
                    seq += 1
                    rows.append(
                        SimpleNamespace(
                            seq=seq,
                            group=event.seq,
                            kind=kind,
                            model=label,
                            object_id=oid,
                            data=data,
                            created_at=None,
                        )
                    )
            insert(AuditEvent, events)
            insert(OutboxEvent, rows)
            head.save()
        if travellers or documents:
            sys.exit(f"{len(travellers)} travellers, {len(documents)} documents left unqueued")

    def chained(event: Any) -> dict[str, Any]:
        return {
            "seq": event.seq,
            "at": event.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            **{name: getattr(event, name) for name in audit.ENVELOPE_FIELDS},
            "payload": event.payload_digest,
        }

    def link_hash(prev: str, event: Any) -> str:
        """``audit.link_hash`` with the payload's digest computed once."""
        return hashlib.sha256((prev + audit.dumps(chained(event))).encode()).hexdigest()

    def audit_payload(event: Any) -> dict[str, Any]:
        """``outbox.audit_payload`` with the payload's digest computed once."""
        return {
            "seq": event.seq,
            "at": event.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            **{name: getattr(event, name) for name in audit.AUDIT_FIELDS},
            "purged_on": "",
            "prev_hash": event.prev_hash,
            "hash": event.hash,
        }

    def check_event(event: Any) -> None:
        if link_hash(event.prev_hash, event) != audit.link_hash(event.prev_hash, event):
            sys.exit("the chain's hash differs from audit.link_hash")
        if audit.dumps(audit_payload(event)) != audit.dumps(outbox.audit_payload(event)):
            sys.exit("the audit row differs from outbox.audit_payload")

    def object_repr_ok(crossing: Any, event: Any) -> bool:
        return str(crossing)[:200] == event.object_repr

    class Loader(demo.SyntheticLoader):
        def _write(self, batch: list[Any]) -> None:
            super()._write(batch)
            queue()

    demo.fast_insert = keep  # type: ignore[assignment]
    started = time.monotonic()
    try:
        Loader(User.objects.get(username="supervisor"), officers, 11).load(
            population.crossings(count)
        )
    finally:
        demo.fast_insert = insert  # type: ignore[assignment]
    print(
        f"  built {Crossing.objects.count():,} crossings and {outbox.head():,} outbox rows "
        f"({time.monotonic() - started:.0f} s)"
    )


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


class HQ:
    """gunicorn serving HQ on loopback, as docs/operations.md says (two workers)."""

    def __init__(self, env: dict[str, str], port: int, workers: int) -> None:
        self.env, self.port, self.workers = env, port, workers
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "passage.site.wsgi:application",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                str(self.workers),
                "--timeout",
                "300",
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        sys.exit("HQ did not start")

    def kill(self) -> None:
        """kill -9 the master and its workers (a power cut), mid-request."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait()


def drain(
    post_env: dict[str, str], hq: HQ, batch: int, kills: list[tuple[float, str]]
) -> tuple[float, list[str]]:
    """``passage sync`` until the backlog is 0; at each (seconds, "post"|"hq") in
    ``kills``, kill -9 the post's sync or HQ (HQ is started again at once, the post's
    sync on the next round). Returns the wall time and what happened."""
    log: list[str] = []
    pending = sorted(kills)
    started = time.monotonic()
    for _round in range(20):
        proc = subprocess.Popen(
            [str(BIN / "passage"), "sync", "--batch", str(batch)],
            env=post_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        while proc.poll() is None:
            elapsed = time.monotonic() - started
            if pending and elapsed >= pending[0][0]:
                _, what = pending.pop(0)
                if what == "post":
                    os.killpg(proc.pid, signal.SIGKILL)
                    log.append(f"{elapsed:6.1f} s  kill -9 the post's sync")
                else:
                    hq.kill()
                    log.append(f"{elapsed:6.1f} s  kill -9 HQ (gunicorn and its workers)")
                    hq.start()
                    log.append(f"{time.monotonic() - started:6.1f} s  HQ serving again")
            time.sleep(0.1)
        out, err = proc.communicate()
        elapsed = time.monotonic() - started
        if proc.returncode == 0 and " backlog 0;" in out:
            log.append(f"{elapsed:6.1f} s  {out.strip()}")
            return elapsed, log
        if proc.returncode == 0:
            log.append(f"{elapsed:6.1f} s  {out.strip()}")
        elif proc.returncode != -signal.SIGKILL:
            log.append(f"{elapsed:6.1f} s  sync failed ({proc.returncode}): {err.strip()[-300:]}")
    sys.exit("the backlog did not drain in 20 rounds:\n" + "\n".join(log))


def same_crossings(post_db: str, url: str) -> str:
    """Every crossing of the post is at HQ, once."""
    import psycopg

    source = sqlite3.connect(post_db)
    mine = {row[0] for row in source.execute("SELECT id FROM crossings_crossing")}
    source.close()
    with psycopg.connect(url) as conn:
        held = [row[0].hex for row in conn.execute("SELECT id FROM crossings_crossing")]
    missing = len(mine - set(held))
    doubled = len(held) - len(set(held))
    verdict = "OK" if not missing and not doubled and len(held) == len(mine) else "WRONG"
    return (
        f"{verdict}: the post holds {len(mine):,} crossings, HQ {len(held):,}; "
        f"{missing} missing at HQ, {doubled} doubled"
    )


def checkpoint(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def schema_key() -> str:
    """The migrations the cached posts were built with: a cache built before a migration
    would fail on the first column it lacks, so each schema has its own."""
    names = sorted(
        str(p.relative_to(ROOT / "src"))
        for p in (ROOT / "src" / "passage").glob("*/migrations/0*.py")
    )
    return "schema-" + hashlib.sha256("\n".join(names).encode()).hexdigest()[:12]


def prepared_post(var: Path, count: int) -> None:
    """The post with its backlog in ``var/post``: a copy of the cached one (built once per
    size: setup, demo users and reference data, backlog) when there is one."""
    cache = ROOT / "var" / "bench-sync-cache" / schema_key() / f"post-{count}"
    if not (cache / "passage.sqlite3").exists():
        print(f"building a post with a backlog of {count:,} crossings (not timed; cached)")
        subprocess.run(["rm", "-rf", str(cache)], check=True)
        base = cache.parent / "post-0"
        if not (base / "passage.sqlite3").exists():
            subprocess.run(["rm", "-rf", str(base)], check=True)
            passage(environment(base, "node"), "setup")
            passage(environment(base, "node"), "demo", "--crossings", "0", "--quiet-logins")
            checkpoint(base / "passage.sqlite3")
        shutil.copytree(base, cache)
        env = environment(cache, "node")
        subprocess.run(
            [sys.executable, __file__, "--build-backlog", str(count)], env=env, check=True
        )
        checkpoint(cache / "passage.sqlite3")
    subprocess.run(["rm", "-rf", str(var / "post")], check=True)
    shutil.copytree(cache, var / "post")


def prepared_hq(env: dict[str, str], url: str) -> None:
    """HQ's database, set up once (setup, demo users and reference data) and copied."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    template = f"{name}_template"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone()
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    if not exists:
        recreate_database(parts._replace(path=f"/{template}").geturl())
        template_env = {**env, "PASSAGE_DATABASE_URL": parts._replace(path=f"/{template}").geturl()}
        passage(template_env, "setup")
        passage(template_env, "demo", "--crossings", "0", "--quiet-logins")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def parse_kills(args: argparse.Namespace) -> list[tuple[float, str]]:
    return [(t, "post") for t in args.kill_post] + [(t, "hq") for t in args.kill_hq]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--crossings", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=BATCH)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers at HQ")
    parser.add_argument(
        "--kill-post",
        type=float,
        action="append",
        default=[],
        metavar="SECONDS",
        help="kill -9 the post's sync this many seconds into the drain (repeatable)",
    )
    parser.add_argument(
        "--kill-hq",
        type=float,
        action="append",
        default=[],
        metavar="SECONDS",
        help="kill -9 HQ this many seconds into the drain, then start it again (repeatable)",
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
    subprocess.run(["rm", "-rf", str(var)], check=True)
    post_env = environment(var / "post", "node")
    hq_env = environment(var / "hq", "hq", args.database_url)
    print(f"HQ on {urlsplit(args.database_url).path.lstrip('/')} (PostgreSQL); post on SQLite")
    prepared_post(var, args.crossings)
    prepared_hq(hq_env, args.database_url)
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
    post_db = str(var / "post" / "passage.sqlite3")
    source = sqlite3.connect(post_db)
    rows = source.execute("SELECT count(*) FROM sync_outboxevent").fetchone()[0]
    crossings = source.execute("SELECT count(*) FROM crossings_crossing").fetchone()[0]
    source.close()
    hq = HQ(hq_env, port, args.workers)
    hq.start()
    try:
        load_before = os.getloadavg()
        elapsed, log = drain(post_env, hq, args.batch, parse_kills(args))
        load_after = os.getloadavg()
        verify_post = passage(post_env, "sync", "verify").strip()
    finally:
        hq.stop()
    held = same_crossings(post_db, args.database_url)
    verify_hq = passage(hq_env, "sync", "verify").strip()
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
    for entry in log:
        print("  " + entry)
    target = 600 * crossings / 1_000_000
    print(
        f"sync      {crossings:,} crossings, {rows:,} outbox rows in {elapsed:.1f} s "
        f"({rows / elapsed:,.0f} rows/s, {crossings / elapsed:,.0f} crossings/s) "
        f"— target {target:.0f} s (10 min a million): {'met' if elapsed <= target else 'NOT met'}"
    )
    print(
        f"baseline  COPY of the same {int(base_rows):,} rows into PostgreSQL in "
        f"{float(base_time):.1f} s ({int(base_rows) / float(base_time):,.0f} rows/s)"
    )
    print(f"ratio     sync takes {elapsed / float(base_time):.1f}x the plain bulk insert")
    print(
        f"load      1-minute load average {load_before[0]:.1f} before the drain, {load_after[0]:.1f} after "
        "(2 cores, shared)"
    )
    print(f"check     {held}")
    print(f"check     HQ: {verify_hq}")
    print(f"check     post: {verify_post}")
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
