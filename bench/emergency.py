"""Register households of a mass influx through the API, as registration desks do.

    python bench/emergency.py [--database-url postgres://…] [--households 10000]
                              [--clients 8] [--workers 2]

A real server (gunicorn on loopback) and ``--clients`` concurrent desks post households
(head by name, other members counted by sex and age band, indicators on about one in
five, internal ID cards, birth certificates or no document) to
``POST /api/v1/protection/households`` at a post in emergency mode. It prints p50, p95
and p99 latency per registration, throughput and errors.

Baselines measured in the same run, on the same database, with the same rows:
*plain insert* writes each household and its members with the ORM in one transaction
per household (no validation, audit or protection flags), and *bulk insert* writes all
of them with ``bulk_create`` in one transaction. Ratios are printed against both.

The database is prepared with ``passage setup`` and ``passage demo --crossings 0`` (which
switches UTO-EAST to emergency mode): SQLite in ``--var-dir``, or the PostgreSQL
database named in ``--database-url``.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/statistics.py would shadow the standard library's ``statistics`` module: keep
# this directory off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import tempfile
import threading
import time
import uuid

sys.path.insert(0, str(Path(__file__).resolve().parent))
from counter import BIN, ROOT, Server, passage

POST = "UTO-EAST"
BANDS = ["0-4", "5-11", "12-17", "18-59", "60+"]
INDICATORS = ["PR-FR", "SP", "ER", "SM", "PG", "DS", "SC-SC", "TIP-CTRL"]
SURNAMES = ["KOVAL", "BONDAR", "MELNYK", "HAILE", "DIALLO", "AHMADI", "POPESCU", "RUSU"]
GIVEN = ["OLENA", "IRYNA", "MARIA", "ANNA", "VIKTOR", "FATIMA", "AMINA", "IOANA"]


def households(count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    run = uuid.uuid4().hex[:4].upper()
    out = []
    for n in range(count):
        document = rng.choices(
            ["national_id", "passport", "birth_certificate", "none"], [55, 25, 5, 15]
        )[0]
        head = {
            "sex": rng.choices(["F", "M"], [75, 25])[0],
            "age_band": rng.choices(["18-59", "60+"], [85, 15])[0],
            "primary_name": rng.choice(SURNAMES),
            "secondary_name": rng.choice(GIVEN),
            "document_type": document,
            "document_number": f"B{run}{n:06d}" if document in ("national_id", "passport") else "",
        }
        members: dict[tuple[str, str], int] = {}
        for _ in range(rng.choices(range(6), [10, 20, 30, 25, 10, 5])[0]):
            key = (rng.choice("FM"), rng.choices(BANDS, [20, 30, 20, 20, 10])[0])
            members[key] = members.get(key, 0) + 1
        out.append(
            {
                "crossing_point": POST,
                "head": head,
                "members": [{"sex": s, "age_band": b, "count": c} for (s, b), c in members.items()],
                "indicators": [rng.choice(INDICATORS)] if rng.random() < 0.2 else [],
                "place_of_origin": rng.choice(["Riverbend", "Old Town", "Mill Valley"]),
                "intended_destination": rng.choice(["Capital District", "Coastal Province"]),
                "submission_key": str(uuid.UUID(int=rng.getrandbits(128))),
            }
        )
    return out


def load(port: int, token: str, bodies: list[dict], clients: int, rate: float = 0.0) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    queue = list(bodies)

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        interval = 1.0 / rate if rate > 0 else 0.0
        next_at = time.perf_counter() + random.random() * interval
        headers = {
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Host": "127.0.0.1",
        }
        while True:
            with lock:
                if not queue:
                    return
                body = queue.pop()
            data = json.dumps(body)
            if interval:
                pause = next_at - time.perf_counter()
                if pause > 0:
                    time.sleep(pause)
                next_at += interval
            started = time.perf_counter()
            try:
                conn.request("POST", "/api/v1/protection/households", data, headers)
                response = conn.getresponse()
                payload = response.read()
                status = response.status
            except OSError as exc:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status, payload = 0, str(exc).encode()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if status != 201:
                    errors.append(f"{status} {payload[:200]!r}")

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "first_errors": errors[:3],
        "p50_ms": q[49] * 1000,
        "p95_ms": q[94] * 1000,
        "p99_ms": q[98] * 1000,
        "throughput": len(latencies) / wall,
        "wall_s": wall,
    }


BASELINE = """
import json, os, time
from django.db import transaction
from django.utils import timezone
from passage.accounts.models import User
from passage.protection.models import Household, HouseholdMember
from passage.reference.models import BorderCrossingPoint

bodies = json.load(open(os.environ["BENCH_BODIES"]))
point = BorderCrossingPoint.objects.get(code="UTO-EAST")
officer = User.objects.get(username="officer3")

def rows(body):
    people = [body["head"]] + [
        {"sex": m["sex"], "age_band": m["age_band"]} for m in body["members"] for _ in range(m["count"])
    ]
    household = Household(
        crossing_point=point, registered_at=timezone.now(), registered_by=officer,
        place_of_origin=body["place_of_origin"], intended_destination=body["intended_destination"],
        size=len(people),
    )
    members = [
        HouseholdMember(
            household=household, position=n, is_head=n == 0, sex=p["sex"], age_band=p["age_band"],
            primary_name=p.get("primary_name", ""), secondary_name=p.get("secondary_name", ""),
            document_type=p.get("document_type", "none"), document_number=p.get("document_number", ""),
        )
        for n, p in enumerate(people)
    ]
    return household, members

half = len(bodies) // 2
started = time.perf_counter()
for body in bodies[:half]:
    household, members = rows(body)
    with transaction.atomic():
        household.save(force_insert=True)
        HouseholdMember.objects.bulk_create(members)
plain = (time.perf_counter() - started) / half
built = [rows(b) for b in bodies[half:]]
started = time.perf_counter()
with transaction.atomic():
    Household.objects.bulk_create([h for h, _ in built], batch_size=1000)
    HouseholdMember.objects.bulk_create([m for _, ms in built for m in ms], batch_size=2000)
bulk = (time.perf_counter() - started) / (len(bodies) - half)
print(json.dumps({"plain_ms": plain * 1000, "bulk_ms": bulk * 1000}))
"""


def baseline(env: dict[str, str], bodies: list[dict]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(bodies, f)
        path = f.name
    try:
        out = subprocess.run(
            [str(BIN / "passage"), "shell", "-c", BASELINE],
            env={**env, "BENCH_BODIES": path},
            check=True,
            text=True,
            capture_output=True,
        ).stdout
    finally:
        os.unlink(path)
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL URL; SQLite in --var-dir without it"
    )
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "bench-emergency"))
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8, help="registration desks at once")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--rate",
        type=float,
        default=1.0,
        help="households a second per desk in the paced phase (a real desk: one a minute)",
    )
    parser.add_argument("--paced", type=int, default=1000, help="households in the paced phase")
    args = parser.parse_args()

    env = {
        **os.environ,
        "PASSAGE_VAR_DIR": args.var_dir,
        "PASSAGE_DEBUG": "0",
        "PASSAGE_SECURE": "0",
        "PASSAGE_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "passage.site.settings",
        "PASSAGE_LOGIN_FAILURE_LIMIT": "1000",
    }
    if args.database_url:
        env["PASSAGE_DATABASE_URL"] = args.database_url
    else:
        env.pop("PASSAGE_DATABASE_URL", None)
    database = "PostgreSQL" if args.database_url else "SQLite"
    (Path(args.var_dir) / "static").mkdir(parents=True, exist_ok=True)
    passage(env, "setup")
    passage(env, "demo", "--crossings", "0", "--quiet-logins")
    token = passage(
        env, "token", "create", "officer3", "--name", "bench", "--days", "1", capture=True
    ).strip()
    bodies = households(args.households, seed=11)
    people = sum(1 + sum(m["count"] for m in b["members"]) for b in bodies)
    server = Server(env, args.workers, checks=True)
    try:
        load(server.port, token, households(40, seed=3), args.clients)  # warm up
        paced = load(server.port, token, households(args.paced, seed=4), args.clients, args.rate)
        result = load(server.port, token, bodies, args.clients)
    finally:
        server.stop()
    base = baseline(env, households(args.households, seed=12))
    print(
        f"\nmass-influx registration API on {database}: {result['requests']:,} households "
        f"({people:,} people), {args.clients} desks, {args.workers} gunicorn workers"
    )
    for name, r in ((f"paced {args.rate:g}/s/desk", paced), ("saturated", result)):
        print(
            f"  API {name:<17} {r['requests']:>6}  p50 {r['p50_ms']:7.1f} ms  "
            f"p95 {r['p95_ms']:7.1f} ms  p99 {r['p99_ms']:7.1f} ms  "
            f"{r['throughput']:6.1f} households/s  errors {r['errors']}"
        )
        for error in r["first_errors"]:
            print(f"      {error}")
    print(
        f"  saturated throughput {result['throughput']:.1f} households/s = "
        f"{result['throughput'] * 86400:,.0f} a day (142,300 people entered Poland on 6 March 2022)"
    )
    print(f"  plain insert {base['plain_ms']:7.2f} ms per household (ORM, one transaction each)")
    print(f"  bulk insert  {base['bulk_ms']:7.3f} ms per household (bulk_create, one transaction)")
    print(
        f"  ratio API p95 (paced) / plain insert: {paced['p95_ms'] / base['plain_ms']:.1f}x; "
        f"API p95 (saturated) / plain insert: {result['p95_ms'] / base['plain_ms']:.1f}x"
    )


if __name__ == "__main__":
    main()
