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

Prints messages (interchanges) per second and persons per second for each, and the
ratio of Passage's full read to pydifact's segment parsing.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import warnings
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

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
    args = parser.parse_args()

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


if __name__ == "__main__":
    main()
