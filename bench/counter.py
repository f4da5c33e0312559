"""Record crossings through the API, as busy counters do, against a full database.

    python bench/counter.py [--database-url postgres://…] [--preload 10000000]
                            [--requests 4000] [--clients 20] [--workers 4]

A real server (gunicorn on loopback) and 20 concurrent clients post entries and exits
for fresh travellers. The same run is made twice — with the counter's checks on and off
— and the script prints p50/p95/p99 latency, throughput, errors, and the on/off ratio.

Two loads: *paced*, each client sending ``--rate`` requests a second (default 2: a real
counter clears 50-100 travellers an hour, so 20 counters at 2/s is ~100x the real pace)
— the latency a counter sees; and *saturated*, each client sending its next request as
soon as the last one returns — the most the server can take.

The database is prepared once (migrate, demo users, ``--preload`` synthetic crossings
through the demo loader) and reused on later runs: SQLite in ``--var-dir``, or the
PostgreSQL database named in ``--database-url``.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/statistics.py would shadow the standard library's ``statistics`` module: keep
# this directory off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import datetime as dt
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import threading
import time
import uuid

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def passage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [str(BIN / "passage"), *args], env=env, check=True, text=True, capture_output=capture
    )
    return result.stdout if capture else ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(env: dict[str, str], preload: int) -> None:
    passage(env, "setup")
    count = passage(
        env,
        "shell",
        "-c",
        "from passage.crossings.models import Crossing; print(Crossing.objects.count())",
        capture=True,
    )
    have = int(count.strip().splitlines()[-1])
    if have >= preload:
        print(f"database holds {have:,} crossings (>= {preload:,}): reused")
        passage(env, "demo", "--crossings", "0", "--quiet-logins")
        return
    if have:
        sys.exit(f"database holds {have:,} crossings, fewer than --preload; use a fresh database")
    started = time.perf_counter()
    passage(env, "demo", "--crossings", str(preload), "--quiet-logins")
    print(f"preloaded {preload:,} crossings in {time.perf_counter() - started:.0f} s")


def bodies(count: int, seed: int) -> list[tuple[dict, dict]]:
    """Entry and exit bodies for ``count`` fresh travellers (passports that match nothing)."""
    sys.path.insert(0, str(ROOT / "src"))
    from passage.core.mrz import make_mrz

    rng = random.Random(seed)
    today = dt.date.today()
    pairs = []
    run = uuid.uuid4().hex[:4].upper()
    for n in range(count):
        number = f"B{run}{n:04d}"[:9]
        mrz = make_mrz(
            "TD3",
            surname=rng.choice(
                ["HAILE", "OULD AHMED", "PETROVIC", "SARGSYAN", "DIALLO", "MEKONNEN"]
            ),
            given_names=rng.choice(["SARA", "GORAN", "AMINA", "ARMEN", "MOUSSA", "SELAM"]),
            document_number=number,
            issuing_state=rng.choice(["ETH", "MRT", "SRB", "ARM", "SSD"]),
            birth_date=dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(15000)),
            sex=rng.choice("MF"),
            expiry_date=today + dt.timedelta(days=rng.randrange(400, 3000)),
        )
        base = {
            "crossing_point": "UTO-AIR",
            "mrz": mrz,
            "purpose": "tourism",
            "transport_mode": "air",
        }
        pairs.append(({**base, "direction": "entry"}, {**base, "direction": "exit"}))
    return pairs


class Server:
    def __init__(self, env: dict[str, str], workers: int, checks: bool) -> None:
        self.port = free_port()
        server_env = {**env, "PASSAGE_COUNTER_CHECKS": "1" if checks else "0"}
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "passage.site.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--worker-class",
                "gthread",
                "--threads",
                "4",
                "--log-level",
                "warning",
            ],
            env=server_env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/health")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        sys.exit("server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def load(port: int, token: str, pairs: list[tuple[dict, dict]], clients: int, rate: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    queue = list(pairs)

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
                pair = queue.pop()
            for body in pair:
                data = json.dumps(body)
                if interval:
                    pause = next_at - time.perf_counter()
                    if pause > 0:
                        time.sleep(pause)
                    next_at += interval
                started = time.perf_counter()
                try:
                    conn.request("POST", "/api/v1/crossings", data, headers)
                    response = conn.getresponse()
                    payload = response.read()
                    status = response.status
                except OSError as exc:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    status, payload = 0, str(exc).encode()
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if status not in (200, 201):
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
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL URL; SQLite in --var-dir without it"
    )
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "bench-counter"))
    parser.add_argument("--preload", type=int, default=10_000_000)
    parser.add_argument(
        "--requests", type=int, default=4000, help="requests per phase (half entries, half exits)"
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument(
        "--warmup", type=int, default=1000, help="requests sent to each server before timing"
    )
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--rate", type=float, default=2.0, help="requests per second per client when paced"
    )
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
    prepare(env, args.preload)
    token = passage(
        env, "token", "create", "officer", "--name", "bench", "--days", "1", capture=True
    ).strip()
    results = {}
    for checks in (False, True):
        server = Server(env, args.workers, checks)
        try:
            # Warm up the workers and the database's cache (the first phase on a cold
            # 10-million-row database otherwise pays for reading its indexes from disk).
            load(server.port, token, bodies(args.warmup // 2, seed=99 + checks), args.clients, 0.0)
            for load_name, rate in ((f"paced {args.rate:g}/s", args.rate), ("saturated", 0.0)):
                phase = f"checks {'on' if checks else 'off'}, {load_name}"
                pairs = bodies(args.requests // 2, seed=len(results))
                results[phase] = load(server.port, token, pairs, args.clients, rate)
        finally:
            server.stop()
    print(
        f"\ncounter API on {database}, {args.preload:,} crossings stored, {args.clients} clients, "
        f"{args.workers} gunicorn workers"
    )
    for phase, r in results.items():
        print(
            f"  {phase:<28} {r['requests']:>6} requests  p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  "
            f"p99 {r['p99_ms']:7.1f} ms  {r['throughput']:7.1f} req/s  errors {r['errors']}"
        )
        for error in r["first_errors"]:
            print(f"      {error}")
    paced = f"paced {args.rate:g}/s"
    on, off = results[f"checks on, {paced}"], results[f"checks off, {paced}"]
    son, soff = results["checks on, saturated"], results["checks off, saturated"]
    print(f"  ratio on/off, paced: p95 {on['p95_ms'] / off['p95_ms']:.2f}x")
    print(f"  ratio on/off, saturated: throughput {son['throughput'] / soff['throughput']:.2f}x")
    met = on["p95_ms"] <= 100 and not on["errors"] and not son["errors"]
    print(f"  target p95 <= 100 ms (paced, checks on), no errors: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
