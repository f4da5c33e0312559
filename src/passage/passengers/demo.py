"""Demo passenger lists: Utopia's arriving flights of the next hours (issue 21).

Three passenger lists and one crew list for UTO-AIR, drawn from the seeded synthetic
population; the first flight carries the ICAO specimen traveller (ERIKSSON ANNA MARIA,
UTO L898902C3), who is on the demo alert list, so the supervisor sees a hit.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from passage.core.paxlst import Document, Flight, Person, make_paxlst
from passage.core.synthetic import Population

from .choices import Channel
from .services import ingest

FLIGHTS = [("UX123", "MAD", 3, 80), ("UX777", "DXB", 5, 120), ("UX9", "LIS", 7, 40)]
SPECIMEN = Person(
    "passenger",
    "ERIKSSON",
    "ANNA MARIA",
    "F",
    dt.date(1974, 8, 12),
    "UTO",
    (Document("P", "L898902C3", dt.date(2032, 4, 15), "UTO"),),
    seat="14C",
    reservation="QZ7K2P",
)


def _persons(population: Population, count: int, today: dt.date) -> list[Person]:
    out = []
    stream = population.persons()
    for n in range(count):
        p = next(stream)
        birth = dt.date.fromisoformat(p.birth_date) if len(p.birth_date) == 10 else None
        out.append(
            Person(
                "passenger",
                p.primary_latin or "UNKNOWN",
                p.secondary_latin,
                p.sex,
                birth,
                p.nationality,
                (
                    Document(
                        "P",
                        f"D{n:07d}{p.number % 10}",
                        today + dt.timedelta(days=900),
                        p.nationality,
                    ),
                ),
                seat=f"{n // 6 + 1}{'ABCDEF'[n % 6]}",
            )
        )
    return out


def load(seed: int = 1, now: dt.datetime | None = None) -> list[str]:
    """Store the demo lists through the ingest service; returns a line per list."""
    now = (now or timezone.localtime()).replace(minute=0, second=0, microsecond=0, tzinfo=None)
    today = now.date()
    lines = []
    for i, (number, origin, hours, count) in enumerate(FLIGHTS):
        arrival = now + dt.timedelta(hours=hours)
        flight = Flight(number, "UX", origin, "UTO", arrival - dt.timedelta(hours=3), arrival)
        people = _persons(Population(seed=seed + i, reference_date=today), count, today)
        if i == 0:
            people.insert(13, SPECIMEN)
        prepared = arrival - dt.timedelta(hours=4)
        ref = f"DEMO{number}{today:%y%m%d}"
        lists = [
            make_paxlst(
                "passenger",
                flight,
                people,
                interchange_reference=ref,
                prepared=prepared,
                part_size=50,
            )
        ]
        if i == 0:
            crew = [
                Person("crew", "SILVA", "MARIA JOAO", "F", dt.date(1980, 5, 12), "PRT",
                       (Document("P", "CB123456", dt.date(2029, 1, 1), "PRT"),)),
                Person("crew", "EL AMRANI", "YOUSSEF", "M", dt.date(1977, 11, 20), "MAR",
                       (Document("P", "ZA0012345", dt.date(2030, 12, 31), "MAR"),)),
            ]  # fmt: skip
            lists.append(
                make_paxlst(
                    "crew", flight, crew, interchange_reference=ref + "C", prepared=prepared
                )
            )
        for text in lists:
            for result in ingest(None, text.encode(), channel=Channel.FILE, source="demo"):
                lines.append(f"Passenger lists: {result.summary}")
    return lines
