"""The cost of screening at the counter, measured through the crossing service.

    python bench/alerts.py [--persons 100000] [--documents 100000] [--crossings 300]

In a fresh SQLite database under a temporary ``PASSAGE_VAR_DIR``: imports a seeded
synthetic persons list and a documents list through ``alerts.services.import_entries``
(timed), builds their indexes (timed), then records the same number of entries of fresh
travellers with ``crossings.services.record_crossing`` twice — lists suspended (the
peer: the same request with no screening to do) and lists active — and prints p50/p95
per crossing and the ratio. A few travellers are listed persons, so referrals are
exercised too. Figures vary with the machine's load; compare the ratio.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/statistics.py would shadow the standard library's ``statistics`` module: keep
# this directory off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import os
import random
import statistics
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--crossings", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    var = Path(tempfile.mkdtemp(prefix="passage-bench-alerts-"))
    os.environ.update(
        PASSAGE_VAR_DIR=str(var), PASSAGE_DEBUG="0", PASSAGE_SECURE="0", PASSAGE_SECRET_KEY="b" * 50
    )
    os.environ.pop("PASSAGE_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passage.site.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from passage.accounts.roles import Role
    from passage.accounts.services import audited_save, create_user
    from passage.alerts import indexes, services
    from passage.alerts.models import AlertList
    from passage.core.synthetic import Population
    from passage.crossings import services as counter
    from passage.reference.models import BorderCrossingPoint

    call_command("setup", verbosity=0)
    post = audited_save(None, BorderCrossingPoint(code="BENCH", name="Bench", kind="air"))
    officer = create_user(
        None, "bench", password="b" * 20, roles=[Role.BORDER_OFFICER], crossing_points=[post]
    )
    rng = random.Random(args.seed)
    people = Population(seed=args.seed, reference_date=timezone.localdate()).persons()
    listed = [next(people) for _ in range(args.persons)]
    travellers = [next(people) for _ in range(args.crossings * 2)]
    lines = [
        json.dumps(
            {
                "reference": f"P{p.number}",
                "names": [f"{p.secondary_latin} {p.primary_latin}"],
                "birth_dates": [p.birth_date],
                "nationalities": [p.nationality],
            }
        )
        for p in listed
    ]
    states = ["UTO", "ETH", "KEN", "FRA", "D", "RUS", "SDN"]
    docs = [
        json.dumps(
            {
                "issuing_state": rng.choice(states),
                "document_number": f"X{n:08d}",
                "status": "stolen",
            }
        )
        for n in range(args.documents)
    ]
    persons = services.create_list(
        None, AlertList(name="persons", kind="persons", default_action="refuse")
    )
    documents = services.create_list(
        None, AlertList(name="documents", kind="documents", default_action="refuse")
    )
    t = time.perf_counter()
    v1, _ = services.import_entries(None, persons, "jsonl", "\n".join(lines).encode())
    v2, _ = services.import_entries(None, documents, "jsonl", "\n".join(docs).encode())
    imported = time.perf_counter() - t
    t = time.perf_counter()
    indexes.build(v1)
    indexes.build(v2)
    built = time.perf_counter() - t
    print(f"import of {args.persons:,} persons + {args.documents:,} documents: {imported:.1f} s")
    print(f"index build: {built:.1f} s")

    def record(batch: list, tag: str) -> list[float]:
        times = []
        for i, p in enumerate(batch):
            listed_person = i % 50 == 0  # 2% are listed persons: referrals happen too
            src = listed[i] if listed_person else p
            year, month, day = (int(x) for x in (src.birth_date + "-01-01").split("-")[:3])
            identity = counter.Identity(
                primary_name=src.primary_latin,
                secondary_name=src.secondary_latin,
                birth_year=year,
                birth_month=month,
                birth_day=day,
                nationality=src.nationality,
                issuing_state=src.nationality,
                number=f"{tag}{i:07d}",
            )
            data = counter.CrossingInput(direction="entry", identity=identity)
            start = time.perf_counter()
            counter.record_crossing(officer, post, data)
            times.append((time.perf_counter() - start) * 1000)
        return times

    services.set_status(None, persons, "suspended")
    services.set_status(None, documents, "suspended")
    off = record(travellers[: args.crossings], "A")
    services.set_status(None, persons, "active")
    services.set_status(None, documents, "active")
    record(travellers[:5], "W")  # map the indexes once, as a worker's first request does
    on = record(travellers[args.crossings :], "B")

    def q(values: list[float], p: float) -> float:
        return statistics.quantiles(values, n=100)[int(p) - 1]

    for name, values in (("lists suspended", off), ("lists active", on)):
        print(f"record_crossing, {name}: p50 {q(values, 50):.1f} ms, p95 {q(values, 95):.1f} ms")
    print(
        f"screening cost: p50 ratio {q(on, 50) / q(off, 50):.2f}x, p95 ratio {q(on, 95) / q(off, 95):.2f}x"
    )
    print(f"(database and indexes in {var}; delete it when done)", file=sys.stderr)


if __name__ == "__main__":
    main()
