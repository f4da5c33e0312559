"""PAXLST reading throughput: Passage's reader against pydifact's segment parsing.

Generates seeded 400-person passenger lists (UNA, UNG/UNE, one segment a line, names
with released apostrophes, in parts of ``--part-size`` persons) with Passage's own
writer, then times in the same run:

- ``passage segments``: :func:`passage.core.paxlst.segments` (tokenizer only);
- ``passage full``: :func:`passage.core.paxlst.parse_paxlst` (envelopes, every field,
  dates, parts joined, counts checked);
- ``pydifact segments``: ``pydifact.segmentcollection.RawSegmentCollection.from_str``
  (tokenizer and segment objects, nothing checked) — pydifact's message iterator cannot
  be used: it fails on UNG/UNE (decision 0090). Measured only if pydifact is installed
  (``make bench`` installs it).

    python bench/passengers.py [--lists 40] [--persons 400] [--part-size 0] [--seed 21]
                               [--ingest-entries N]

Prints messages (interchanges) per second and persons per second for each, and the
ratio of Passage's full read to pydifact's segment parsing.

With ``--ingest-entries N`` it also measures what issue 21 targets (a 400-person list
parsed, stored and screened in at most 2 s): a fresh SQLite database in a temporary
directory, one alert list of N synthetic persons (``passage.core.synthetic``, indexed
as the counter's lists are), then ``passengers.services.ingest`` of ``--lists`` lists of
``--persons`` passengers, 1 % of them drawn from the alert list; it prints the time per
list (p50, max), its parts (read, checks, store) and the persons flagged.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/statistics.py would shadow the standard library's ``statistics`` module (which
# Django's SQLite backend imports): keep this directory off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import random
import time
import warnings
from collections.abc import Callable
from datetime import date, datetime, timedelta

try:
    from passage.core.paxlst import Document, Flight, Person, make_paxlst, parse_paxlst, segments
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from passage.core.paxlst import Document, Flight, Person, make_paxlst, parse_paxlst, segments

SURNAMES = [
    "O'NEILL", "GARCIA LOPEZ", "NGUYEN", "HADDAD", "SMITH", "TANAKA", "EL AMRANI", "MULLER",
    "IVANOVA", "KOWALSKA", "DUBOIS", "ROSSI", "YILMAZ", "OKONKWO", "DA SILVA", "VAN DER BERG",
]  # fmt: skip
GIVEN = [
    "ANNE MARIE", "JOSE", "THI LAN", "LAYLA", "JOHN PAUL", "YUKI", "YOUSSEF", "PETER",
    "OLGA", "JOANNA", "MARIE CLAIRE", "GIULIA", "AYSE", "CHINEDU", "", "KARIM",
]  # fmt: skip
STATES = ["UTO", "ESP", "GBR", "D", "FRA", "LBN", "JPN", "MAR", "PRT", "NGA"]


def make_lists(n: int, persons: int, part_size: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for i in range(n):
        departs = datetime(2024, 3, 1, 6) + timedelta(hours=i)
        flight = Flight(f"UX{100 + i}", "UX", "MAD", "UTO", departs, departs + timedelta(hours=4))
        people = []
        for _ in range(persons):
            state = rng.choice(STATES)
            people.append(
                Person(
                    role="passenger",
                    surname=rng.choice(SURNAMES),
                    given_names=rng.choice(GIVEN),
                    sex=rng.choice("MF"),
                    birth_date=date(1940, 1, 1) + timedelta(days=rng.randrange(30000)),
                    nationality=state,
                    documents=(
                        Document(
                            "P",
                            f"{rng.choice('ABCXYZ')}{rng.randrange(10**8):08d}",
                            date(2025, 1, 1) + timedelta(days=rng.randrange(3650)),
                            state,
                        ),
                    ),
                    embarkation="MAD",
                    disembarkation="UTO",
                    reservation=f"R{rng.randrange(10**5):05d}",
                    seat=f"{rng.randrange(1, 40)}{rng.choice('ABCDEF')}",
                )
            )
        texts.append(
            make_paxlst(
                "passenger",
                flight,
                people,
                interchange_reference=f"B{seed}{i:04d}",
                prepared=departs - timedelta(hours=1),
                part_size=part_size,
            )
        )
    return texts


def timed(fn: Callable[[str], object], texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            fn(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=int, default=40)
    parser.add_argument("--persons", type=int, default=400)
    parser.add_argument("--part-size", type=int, default=0, help="persons per part (0: one)")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ingest-entries", type=int, default=0, help="alert entries (0: skip)")
    args = parser.parse_args()
    if args.ingest_entries:
        bench_ingest(args.ingest_entries, args.lists, args.persons, args.seed)
        return

    texts = make_lists(args.lists, args.persons, args.part_size, args.seed)
    size = sum(len(t) for t in texts)
    print(
        f"{args.lists} interchanges of {args.persons} passengers "
        f"({size / len(texts) / 1000:.0f} kB each, parts of {args.part_size or args.persons}), "
        f"seed {args.seed}, best of {args.repeat}"
    )
    results: dict[str, float] = {}
    results["passage segments"] = timed(segments, texts, args.repeat)
    results["passage full"] = timed(parse_paxlst, texts, args.repeat)
    got = sum(len(pl.persons) for t in texts for pl in parse_paxlst(t))
    assert got == args.lists * args.persons, got
    try:
        from pydifact.segmentcollection import RawSegmentCollection
    except ImportError:
        print("pydifact is not installed (pip install pydifact): peer not measured")
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            results["pydifact segments"] = timed(RawSegmentCollection.from_str, texts, args.repeat)
    for name, seconds in results.items():
        rate = len(texts) / seconds
        print(
            f"  {name:<18} {rate:8.1f} interchanges/s  "
            f"{rate * args.persons:10.0f} persons/s  ({seconds:.2f} s)"
        )
    if "pydifact segments" in results:
        ratio = results["pydifact segments"] / results["passage full"]
        tok = results["pydifact segments"] / results["passage segments"]
        print(f"passage full read vs pydifact segment parsing: {ratio:.1f}x")
        print(f"passage tokenizer vs pydifact segment parsing: {tok:.1f}x")


def bench_ingest(entries: int, lists: int, persons: int, seed: int) -> None:
    import json
    import os
    import statistics
    import tempfile

    from passage.core.synthetic import Population

    var = tempfile.mkdtemp(prefix="passage-bench-passengers-")
    os.environ["PASSAGE_VAR_DIR"] = var
    os.environ["DJANGO_SETTINGS_MODULE"] = "passage.site.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from passage.accounts.services import audited_save
    from passage.alerts import indexes
    from passage.alerts import services as alert_services
    from passage.alerts.models import AlertList
    from passage.passengers import services
    from passage.reference.models import BorderCrossingPoint
    from passage.reference.services import load_builtin_countries

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_builtin_countries(None)
    audited_save(None, BorderCrossingPoint(code="UTO-AIR", name="Utopia Airport", kind="air"))
    population = Population(seed=seed, reference_date=date(2025, 12, 31))
    stream = population.persons()
    listed = []
    rows = []
    for n in range(entries):
        p = next(stream)
        name = f"{p.secondary_latin} {p.primary_latin}".strip()
        rows.append(
            json.dumps(
                {
                    "reference": f"A{n}",
                    "names": [name],
                    "birth_dates": [p.birth_date],
                    "nationalities": [p.nationality],
                }
            )
        )
        if n % 97 == 0:
            listed.append(p)
    alert_list = alert_services.create_list(
        None, AlertList(name="Bench list", kind="persons", default_action="notify")
    )
    version, _ = alert_services.import_entries(None, alert_list, "jsonl", "\n".join(rows).encode())
    indexes.build(version)
    print(
        f"ingest: {entries:,} alert entries loaded and indexed in {time.perf_counter() - start:.0f} s"
    )

    rng = random.Random(seed)
    others = Population(seed=seed + 1, reference_date=date(2025, 12, 31)).persons()
    timings, reads, checks, stores = [], [], [], []
    flagged = expected = 0
    for i in range(lists):
        people = []
        for _ in range(persons):
            from_list = rng.random() < 0.01 and listed
            p = rng.choice(listed) if from_list else next(others)
            expected += bool(from_list)
            birth = p.birth_date if len(p.birth_date) == 10 else None
            people.append(
                Person(
                    "passenger",
                    p.primary_latin or "X",
                    p.secondary_latin,
                    p.sex,
                    date.fromisoformat(birth) if birth else None,
                    p.nationality,
                    (
                        Document(
                            "P", f"B{rng.randrange(10**8):08d}", date(2030, 1, 1), p.nationality
                        ),
                    ),
                )
            )
        arrives = datetime(2026, 1, 1, 6) + timedelta(hours=i)
        data = make_paxlst(
            "passenger",
            Flight(f"UX{i}", "UX", "MAD", "UTO", arrives - timedelta(hours=3), arrives),
            people,
            interchange_reference=f"I{i}",
            prepared=arrives - timedelta(hours=4),
        ).encode()
        t0 = time.perf_counter()
        parsed = services.read(data)
        t1 = time.perf_counter()
        from passage.passengers.checks import check_all

        check_all(list(parsed[0].persons), arrives.date())
        t2 = time.perf_counter()
        (result,) = services.ingest(None, data, channel="file")
        t3 = time.perf_counter()
        reads.append(t1 - t0)
        checks.append(t2 - t1)
        timings.append(t3 - t2)
        stores.append((t3 - t2) - (t1 - t0) - (t2 - t1))
        flagged += result.hits
    print(
        f"ingest of a {persons}-person list (read, screen and assess, store, audit) at "
        f"{entries:,} alert entries, {lists} lists: p50 {statistics.median(timings):.2f} s, "
        f"max {max(timings):.2f} s (read p50 {statistics.median(reads) * 1000:.0f} ms, "
        f"checks p50 {statistics.median(checks):.2f} s, store ≈ {statistics.median(stores):.2f} s)"
    )
    print(f"persons drawn from the alert list: {expected}; persons flagged: {flagged}")
    print(f"database and indexes left in {var}")


if __name__ == "__main__":
    main()
