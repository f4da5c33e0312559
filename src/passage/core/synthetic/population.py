# ruff: noqa: RUF001, RUF002, RUF003 -- Cyrillic letters and en dashes are meant
"""Seeded synthetic travellers, documents and crossings for Utopia (``UTO``).

See the package docstring for the API. How the stream is built, so that it is exact,
chronological and streaming at once:

- Days run from ``reference_date - days + 1`` to ``reference_date``. Each day gets a
  target share of ``total`` from its weight (weekday, month, end-of-year and Eid pulses).
- A person is created on the day their first crossing happens, with a whole plan of
  crossings (times, posts, decisions) cut at the end of the period; the plan's crossings
  are counted against the days they fall on. New persons are created on a day until
  that day's crossings (planned earlier plus first crossings) reach the day's target, so
  the cumulative count always reaches ``total`` by the last day and the stream stops at
  exactly ``total``.
- Only each person's next crossing sits in a per-day bucket (a heap once its day
  starts), so memory grows with the persons travelling at one time, not with ``total``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from heapq import heapify, heappop, heappush
from typing import Final, Literal, NamedTuple, TypeVar

from ..mrz.translit import transliterate
from ._profiles import CULTURES, KINDS, NATIONALITY_CULTURES, PROFILES, Kind, Profile

T = TypeVar("T")
Sex = Literal["M", "F", "X"]
# Identity fields of SyntheticPerson after ``number``.
_Raw = tuple[str, str, str, str, Sex, str, str, str, str, str]


Direction = Literal["entry", "exit"]
Decision = Literal["admitted", "refused", "secondary"]

DEFAULT_CROSSING_POINTS: Final[tuple[tuple[str, str, float], ...]] = (
    ("UTO-AIR", "air", 45.0),
    ("UTO-NORTH", "land", 20.0),
    ("UTO-EAST", "land", 15.0),
    ("UTO-PORT", "sea", 10.0),
    ("UTO-RAIL", "rail", 10.0),
)
# Schengen Borders Code Annex V Part B, refusal grounds A–I, with rough relative frequency.
REFUSAL_GROUNDS: Final[tuple[tuple[str, int], ...]] = (
    ("A", 10), ("B", 6), ("C", 30), ("D", 3), ("E", 25), ("F", 6), ("G", 10), ("H", 6),
    ("I", 4),
)  # fmt: skip

_TABLE: Final = 1024  # weighted choices are lookups in 1024-slot tables
_DAY: Final = 86_400
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class SyntheticPerson:
    """A traveller. ``number`` is dense from 0, in order of first crossing.

    Native forms are in the document's own script (Ethiopic, Arabic, Cyrillic, Armenian;
    for Latin-script documents the printed form when it carries diacritics, such as
    ``Petrović``, else empty). Latin forms are as the MRZ carries them (A–Z and spaces).
    ``birth_date`` is ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when only partly known.
    """

    number: int
    primary_native: str
    secondary_native: str
    primary_latin: str
    secondary_latin: str
    sex: Literal["M", "F", "X"]
    birth_date: str
    nationality: str
    script: str
    culture: str
    kind: str


@dataclass(frozen=True, slots=True)
class SyntheticDocument:
    """A travel document; ``has_mrz`` is false for laissez-passer, ETD, birth certificate, none.

    ``mrz_code`` is the ICAO document code (``P`` passport, ``I`` TD1 identity card) or
    empty. Numbers are at most 9 characters except some identity cards (TD1 overflow).
    """

    kind: str
    mrz_code: str
    issuing_state: str
    number: str
    issue_date: date | None
    expiry_date: date | None

    @property
    def has_mrz(self) -> bool:
        return bool(self.mrz_code)


class SyntheticCrossing(NamedTuple):
    """One crossing (a named tuple: immutable, and five times cheaper to build than a
    frozen dataclass, which matters at 10 M rows).

    ``sequence`` counts from 0 in stream order; ``closes`` is the ``sequence`` of the
    entry that a foreigner's exit closes (``None`` for entries, nationals, and the
    deliberate exits without entry). ``carrier`` and ``vehicle``: airline and flight
    (``ET``, ``ET308``), bus company or empty and plate, shipping line and vessel, rail
    operator and train; empty on foot.
    """

    sequence: int
    person: SyntheticPerson
    document: SyntheticDocument
    direction: Direction
    crossing_point: str
    at: datetime
    purpose: str
    transport_mode: str
    carrier: str
    vehicle: str
    decision: Decision
    refusal_grounds: tuple[str, ...]
    authorised_until: date | None
    closes: int | None


def _table(items: Sequence[tuple[object, float]]) -> list[int]:
    """Indices into ``items`` laid out in a 1024-slot table by weight."""
    total = sum(w for _, w in items)
    out: list[int] = []
    acc = 0.0
    for i, (_, w) in enumerate(items):
        acc += w
        out.extend([i] * (round(acc / total * _TABLE) - len(out)))
    return out


def _pick(rng: random.Random, seq: Sequence[T]) -> T:
    return seq[int(rng.random() * len(seq))]


def _between(rng: random.Random, bounds: tuple[int, int]) -> int:
    return bounds[0] + int(rng.random() * (bounds[1] - bounds[0] + 1))


@lru_cache(maxsize=256)
def _weighted_table(items: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    return [v for v, _ in items], _table(items)


def _weighted(rng: random.Random, items: tuple[tuple[str, int], ...]) -> str:
    values, table = _weighted_table(items)
    return values[table[rng.getrandbits(10)]]


def _eid(day: date, anchor: date) -> date:
    """The Eid nearest ``day``, stepping by the mean lunar year (354.367 days) from ``anchor``."""
    steps = round((day - anchor).days / 354.367)
    return anchor + timedelta(days=round(steps * 354.367))


def day_weight(day: date) -> float:
    """Relative traffic on a day: busier on Fridays and Sundays, in July–August, at the
    turn of the year and in the days before Eid al-Adha and Eid al-Fitr.

    >>> round(day_weight(date(2025, 8, 1)) / day_weight(date(2025, 3, 4)), 2)  # Fri in August
    2.41
    """
    weekday = (0.9, 0.82, 0.88, 1.0, 1.32, 1.0, 1.28)[day.weekday()]
    month = (0.95, 0.85, 0.9, 0.95, 1.0, 1.05, 1.3, 1.35, 1.0, 0.95, 0.9, 1.15)[day.month - 1]
    w = weekday * month
    if (day.month == 12 and day.day >= 18) or (day.month == 1 and day.day <= 3):
        w *= 1.25
    adha = (day - _eid(day, date(2024, 6, 16))).days
    fitr = (day - _eid(day, date(2024, 4, 10))).days
    if -10 <= adha <= 3:
        w *= 1.4
    if -4 <= fitr <= 3:
        w *= 1.3
    return w


# Minute-of-day profiles. Land posts peak in the morning and evening and are quiet at night.
_LAND_HOURS: Final = (
    1,
    1,
    1,
    1,
    2,
    5,
    12,
    18,
    16,
    11,
    9,
    8,
    8,
    8,
    9,
    10,
    13,
    16,
    14,
    9,
    5,
    3,
    2,
    1,
)
_SEA_TIMES: Final = (
    (7 * 60, "Red Sea Star"),
    (13 * 60, "Utopia Express"),
    (19 * 60, "Dahlak Pearl"),
)
_RAIL_TIMES: Final = (
    (6 * 60 + 15, "UR101"), (9 * 60 + 40, "UR103"), (14 * 60 + 5, "UR105"),
    (18 * 60 + 30, "UR107"), (22 * 60 + 50, "UR109"),
)  # fmt: skip
# Flight banks: early morning, midday and late evening; (carrier, minute of day, weight).
_FLIGHTS: Final = (
    ("UT", 5 * 60 + 50, 4), ("ET", 6 * 60 + 30, 5), ("UT", 7 * 60 + 10, 3), ("KQ", 7 * 60 + 45, 2),
    ("TK", 8 * 60 + 5, 3), ("MS", 12 * 60 + 40, 2), ("UT", 13 * 60 + 15, 3), ("FZ", 13 * 60 + 50, 3),
    ("QR", 14 * 60 + 20, 3), ("AF", 15 * 60 + 30, 1), ("UT", 20 * 60 + 55, 3), ("EK", 21 * 60 + 40, 4),
    ("ET", 22 * 60 + 35, 4), ("SV", 23 * 60 + 20, 2), ("UT", 23 * 60 + 55, 2),
)  # fmt: skip
_LAND_MODES: Final = (("foot", 25), ("car", 35), ("bus", 30), ("truck", 10))
_BUS_COMPANIES: Final = ("Sky Bus", "Selam Bus", "Golden Coach", "Utopia Lines")
_NO_MRZ: Final = frozenset(
    {"laissez_passer", "emergency_travel_document", "birth_certificate", "none"}
)
_PLATE_LETTERS: Final = "ABCDEFGHJKLMNPRSTUVWXYZ"
_ALNUM: Final = "CFGHJKLMNPRTVWXYZ0123456789"


def _parse_pool(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """``native=LATIN|VARIANT`` or ``Native`` entries → (native, latin forms)."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for raw in text.split():
        token = raw.replace("_", " ")
        if "=" in token:
            native, latin = token.split("=")
            out.append((native, tuple(latin.split("|"))))
        else:
            out.append((token, (transliterate(token).replace("<", " "),)))
    return out


def _feminine(surname: str) -> str:
    """Russian feminine family name: Иванов → Иванова, Высоцкий → Высоцкая."""
    if surname.endswith(("ов", "ев", "ёв", "ин")):
        return surname + "а"
    if surname.endswith("ий"):
        return surname[:-2] + "ая"
    return surname


@dataclass(frozen=True, slots=True)
class _Culture:
    script: str
    pattern: str
    male: list[tuple[str, tuple[str, ...]]]
    female: list[tuple[str, tuple[str, ...]]]
    family: list[tuple[str, tuple[str, ...]]]
    family_f: list[tuple[str, tuple[str, ...]]]


def _cultures() -> dict[str, _Culture]:
    out: dict[str, _Culture] = {}
    for name, (script, pattern, male, female, family) in CULTURES.items():
        fam = _parse_pool(family) if family else _parse_pool(male)
        fam_f = fam
        if pattern == "russian":
            fam_f = [
                (_feminine(nat), (transliterate(_feminine(nat)).replace("<", " "),))
                for nat, _ in fam
            ]
        out[name] = _Culture(script, pattern, _parse_pool(male), _parse_pool(female), fam, fam_f)
    return out


_CULTURES: Final = _cultures()


class _Plan:
    """A person in flight: raw identity until the first crossing, then the built records."""

    __slots__ = (
        "allowance",
        "document",
        "events",
        "i",
        "kind",
        "open_entry",
        "person",
        "plate",
        "purpose",
        "raw",
        "raw_document",
    )

    def __init__(self) -> None:
        self.person: SyntheticPerson | None = None
        self.document: SyntheticDocument | None = None
        self.events: list[tuple[int, int, int, int]] = []  # (ts, code, post, transport)
        self.i = 0
        self.open_entry: int | None = None
        self.plate = ""
        self.purpose = ""
        self.allowance = timedelta(0)
        self.raw: _Raw = ("", "", "", "", "X", "", "", "", "", "")
        self.raw_document: SyntheticDocument | None = None
        self.kind: Kind = KINDS["tourist"]


# Event codes in a plan.
_ENTRY, _EXIT, _ENTRY_REFUSED, _ENTRY_SECONDARY, _EXIT_NO_ENTRY = 0, 1, 2, 3, 4


class Population:
    """A seeded population of travellers crossing Utopia's border.

    ``crossing_points`` are ``(code, kind, weight)`` with kind one of ``air``, ``land``,
    ``sea``, ``rail``; ``days`` is the length of the period ending on ``reference_date``.
    """

    def __init__(
        self,
        seed: int,
        profile: str = "default",
        reference_date: date | None = None,
        crossing_points: Sequence[tuple[str, str, float]] = DEFAULT_CROSSING_POINTS,
        days: int = 3 * 365,
    ) -> None:
        if profile not in PROFILES:
            raise ValueError(f"unknown profile {profile!r}; choose from {sorted(PROFILES)}")
        kinds_present = {k for _, k, _ in crossing_points}
        if not crossing_points or not kinds_present <= {"air", "land", "sea", "rail"}:
            raise ValueError("crossing points need kinds among air, land, sea, rail")
        self.seed = seed
        self.profile: Profile = PROFILES[profile]
        self.reference_date = reference_date or date(2025, 12, 31)
        self.first_date = self.reference_date - timedelta(days=days - 1)
        self.days = days
        self.points = tuple(crossing_points)
        self._t0 = int(datetime(*self.first_date.timetuple()[:3], tzinfo=UTC).timestamp())
        self._end = self._t0 + days * _DAY
        self._weights = [day_weight(self.first_date + timedelta(d)) for d in range(days)]
        self._dates = [self.first_date + timedelta(d) for d in range(days)]
        # Crossing points per traveller kind, weighted by the post's weight and the kind's
        # liking for air, land, sea or rail.
        self._post_tables: dict[str, list[int]] = {}
        for kname, kind in KINDS.items():
            liking = dict(kind.post_kinds)
            items = [(p, w * liking.get(k, 0.5)) for p, k, w in self.points]
            self._post_tables[kname] = _table(items)
        self._post_kind = [k for _, k, _ in self.points]
        self._land_minutes = [
            i for i in _table([(h, w) for h, w in enumerate(_LAND_HOURS)]) for _ in (0,)
        ]
        self._flights = _table([(f, w) for *f, w in _FLIGHTS])
        self._land_modes = _table([(m, w) for m, w in _LAND_MODES])
        self._kinds = [k for k, _ in self.profile.kinds]
        self._kind_table = _table(self.profile.kinds)
        self._nat_tables = {
            k: ([c for c, _ in v], _table(v)) for k, v in self.profile.nationalities.items()
        }
        self._grounds = [g for g, _ in REFUSAL_GROUNDS]
        self._ground_table = _table(REFUSAL_GROUNDS)
        # Weekday-weighted shifts of a nominal day by -2..+2 days, per weekday.
        wk = (0.9, 0.82, 0.88, 1.0, 1.32, 1.0, 1.28)
        self._shift = [
            [off - 2 for off in _table([(o, wk[(wd + o - 2) % 7]) for o in range(5)])]
            for wd in range(7)
        ]
        self._weekday0 = self.first_date.weekday()

    # ----- persons ---------------------------------------------------------------------

    def persons(self) -> Iterator[SyntheticPerson]:
        """An endless stream of persons (profile mix of nationalities), independent of
        :meth:`crossings`; numbers count from 0."""
        rng = random.Random(f"{self.seed}:persons")
        number = 0
        while True:
            kname = self._kinds[self._kind_table[rng.getrandbits(10)]]
            raw, _ = self._identity(rng, KINDS[kname], self.days // 2)
            yield SyntheticPerson(number, *raw)
            number += 1

    def _nationality(self, rng: random.Random, kind: Kind) -> str:
        if kind.national:
            return "UTO"
        codes, table = self._nat_tables[kind.name]
        return codes[table[rng.getrandbits(10)]]

    def _identity(self, rng: random.Random, kind: Kind, day: int) -> tuple[_Raw, date]:
        nationality = self._nationality(rng, kind)
        mix = (
            self.profile.own_cultures
            if nationality == "UTO"
            else NATIONALITY_CULTURES.get(nationality, (("europe", 1),))
        )
        culture_name = _weighted(rng, mix)
        c = _CULTURES[culture_name]
        r = rng.random()
        sex: Literal["M", "F", "X"] = "M" if r < 0.55 else ("F" if r < 0.997 else "X")
        female = sex == "F" or (sex == "X" and rng.random() < 0.5)
        given = _pick(rng, c.female if female else c.male)
        second = _pick(rng, c.male)
        if c.pattern in ("family", "russian"):
            fam = _pick(rng, c.family_f if female else c.family)
            primary = (fam[0], self._variant(rng, fam[1]))
            secondary = (given[0], self._variant(rng, given[1]))
            if rng.random() < 0.15 and c.script != "Cyrillic":  # a middle name
                secondary = (
                    f"{given[0]} {second[0]}",
                    f"{secondary[1]} {self._variant(rng, second[1])}",
                )
        elif c.pattern == "sudan":
            grand = _pick(rng, c.male)
            primary = (grand[0], self._variant(rng, grand[1]))
            secondary = (
                f"{given[0]} {second[0]}",
                f"{self._variant(rng, given[1])} {self._variant(rng, second[1])}",
            )
        elif c.pattern == "ould":
            word = ("بنت", "MINT") if female else ("ولد", "OULD")
            primary = (f"{word[0]} {second[0]}", f"{word[1]} {self._variant(rng, second[1])}")
            secondary = (given[0], self._variant(rng, given[1]))
        else:  # patronymic
            primary = (second[0], self._variant(rng, second[1]))
            secondary = (given[0], self._variant(rng, given[1]))
        native_p, native_s = primary[0], secondary[0]
        if c.script == "Latin" and (native_p + native_s).isascii():
            native_p = native_s = ""
        # Age: children travel with families; most travellers are 20–60.
        age = _pick(rng, (3, 9, 15)) if rng.random() < 0.08 else int(rng.triangular(18, 75, 32))
        born = self._dates[min(day, self.days - 1)] - timedelta(
            days=age * 365 + int(rng.random() * (365))
        )
        r = rng.random()
        if r < 0.02:
            birth = f"{born.year:04d}"
        elif r < 0.03:
            birth = f"{born.year:04d}-{born.month:02d}"
        else:
            birth = born.isoformat()
        return (
            native_p,
            native_s,
            primary[1],
            secondary[1],
            sex,
            birth,
            nationality,
            c.script,
            culture_name,
            kind.name,
        ), born

    @staticmethod
    def _variant(rng: random.Random, forms: tuple[str, ...]) -> str:
        if len(forms) == 1 or rng.random() < 0.6:
            return forms[0]
        return forms[int(rng.random() * (len(forms)))]

    def _document(
        self, rng: random.Random, kind: Kind, nationality: str, born: date, first_day: int
    ) -> SyntheticDocument:
        dkind = _weighted(rng, kind.documents)
        if dkind == "none":
            return SyntheticDocument("none", "", nationality, "", None, None)
        issuer = "UNO" if dkind == "laissez_passer" and kind.name == "humanitarian" else nationality
        digits = int(rng.random() * (10**7))
        if dkind == "passport":
            number = self._passport_number(rng, issuer, digits)
        elif dkind == "id_card":
            number = (
                f"{issuer[:1]}ID{int(rng.random() * 10**9):09d}"
                if rng.random() < 0.3
                else f"{issuer[:1]}{digits:08d}"
            )
        elif dkind == "laissez_passer":
            number = f"LP{digits:07d}"
        elif dkind == "emergency_travel_document":
            number = f"E{digits:07d}"
        else:
            number = f"{born.year}/{digits % 100_000:05d}"
        code = {"passport": "P", "id_card": "I"}.get(dkind, "")
        first = self._dates[first_day]
        validity = 365 * (5 if (dkind != "passport" or first.year - born.year < 16) else 10)
        if dkind == "birth_certificate":
            return SyntheticDocument(dkind, code, issuer, number, born + timedelta(days=20), None)
        if rng.random() < 0.02:  # already expired at the first crossing
            expiry = first - timedelta(days=1 + int(rng.random() * (400)))
        else:
            latest = first + timedelta(days=validity)
            span = max(1, (latest - self.reference_date).days)
            expiry = self.reference_date + timedelta(days=1 + int(rng.random() * (span)))
        issue = max(
            expiry - timedelta(days=validity) + timedelta(days=1), born + timedelta(days=30)
        )
        return SyntheticDocument(dkind, code, issuer, number, issue, expiry)

    @staticmethod
    def _passport_number(rng: random.Random, issuer: str, digits: int) -> str:
        if issuer == "D":
            return "".join(_pick(rng, _ALNUM) for _ in range(9))
        if issuer in ("RUS", "GBR", "USA"):
            return f"{int(rng.random() * 10**9):09d}"
        if issuer in ("FRA", "ITA"):
            a, b = _pick(rng, _PLATE_LETTERS), _pick(rng, _PLATE_LETTERS)
            return f"{digits % 100:02d}{a}{b}{digits % 100_000:05d}"
        if issuer == "ETH":
            return f"EP{digits:07d}"
        if issuer == "UTO":
            return f"U{_pick(rng, _PLATE_LETTERS)}{digits:07d}"
        return f"{issuer[0]}{digits:07d}"

    # ----- plans ------------------------------------------------------------------------

    def _event(
        self, rng: random.Random, table: list[int], day: int, depart: bool
    ) -> tuple[int, int, int]:
        """(timestamp, post, transport) on ``day``; ``depart`` leaves Utopia."""
        post = table[rng.getrandbits(10)]
        pkind = self._post_kind[post]
        base = self._t0 + day * _DAY
        if pkind == "air":
            transport = self._flights[rng.getrandbits(10)]
            minute = _FLIGHTS[transport][1]
            minute += -60 - int(rng.random() * (90)) if depart else 15 + int(rng.random() * (45))
        elif pkind == "rail":
            transport = int(rng.random() * (len(_RAIL_TIMES)))
            minute = _RAIL_TIMES[transport][0] + int(rng.random() * 40) - 20
        elif pkind == "sea":
            transport = int(rng.random() * (len(_SEA_TIMES)))
            minute = _SEA_TIMES[transport][0] + (
                -30 + int(rng.random() * 90) if depart else 20 + int(rng.random() * 70)
            )
        else:
            transport = self._land_modes[rng.getrandbits(10)]
            minute = self._land_minutes[rng.getrandbits(10)] * 60 + int(rng.random() * (60))
        minute = min(max(minute, 0), 1439)
        return base + minute * 60 + int(rng.random() * (60)), post, transport

    def _shifted(self, rng: random.Random, day: int) -> int:
        return day + self._shift[(self._weekday0 + day) % 7][rng.getrandbits(10)]

    def _plan(self, rng: random.Random, plan: _Plan, kind: Kind, day: int) -> None:
        """Fill ``plan.events`` from ``day`` on: the first crossing on ``day``, all in order."""
        table = self._post_tables[kind.name]
        events = plan.events
        expired = plan.raw_document is not None and (
            plan.raw_document.expiry_date is not None
            and plan.raw_document.expiry_date < self._dates[day]
        )
        trips = _between(rng, kind.trips)
        last = self._t0
        start = day
        if not kind.national and kind.name != "asylum" and rng.random() < 0.005:
            # Entered before the records begin, or irregularly: an exit without entry.
            ts, post, tr = self._event(rng, table, start, True)
            events.append((ts, _EXIT_NO_ENTRY, post, tr))
            last = ts
            start = self._shifted(rng, start + _between(rng, kind.gap_days))
        for _ in range(trips):
            if start >= self.days:
                break
            ts, post, tr = self._event(rng, table, start, kind.national)
            if ts <= last:
                ts = last + 600 + int(rng.random() * (3600))
            if kind.national:
                events.append((ts, _EXIT, post, tr))
                refused = False
            else:
                r = rng.random()
                refused = r < (0.7 if expired else 0.008)
                code = _ENTRY_REFUSED if refused else (_ENTRY_SECONDARY if r < 0.03 else _ENTRY)
                events.append((ts, code, post, tr))
            last = ts
            stay = _between(rng, kind.stay_days)
            if not kind.national and rng.random() < 0.03:
                stay = kind.allowance_days + 1 + int(rng.random() * 120)  # overstay
            if refused or (not kind.national and rng.random() < 0.01):
                back = self.days  # refused, or never leaves
            elif stay < 3:
                back = start + stay
            else:
                back = self._shifted(rng, start + stay)
            if back < self.days:
                ts, post, tr = self._event(rng, table, back, not kind.national)
                if ts <= last:
                    ts = last + 3600 + int(rng.random() * (6 * 3600))
                if ts < self._end:
                    events.append((ts, _ENTRY if kind.national else _EXIT, post, tr))
                    last = ts
            if refused:
                start = back if kind.name == "asylum" else start + _between(rng, kind.gap_days)
            else:
                start = self._shifted(rng, max(back, start) + _between(rng, kind.gap_days))
            if last >= self._end:
                break
        while events and events[-1][0] >= self._end:
            events.pop()

    def _new_person(self, rng: random.Random, day: int) -> _Plan:
        plan = _Plan()
        kind = KINDS[self._kinds[self._kind_table[rng.getrandbits(10)]]]
        raw, born = self._identity(rng, kind, day)
        plan.raw = raw
        plan.kind = kind
        plan.raw_document = self._document(rng, kind, raw[6], born, day)
        plan.purpose = _weighted(rng, kind.purposes)
        plan.allowance = timedelta(days=kind.allowance_days)
        if rng.random() < 0.5:
            plate_no = 1000 + int(rng.random() * 9000)
            plate_letters = _pick(rng, _PLATE_LETTERS) + _pick(rng, _PLATE_LETTERS)
            plan.plate = f"{raw[6]} {plate_no}-{plate_letters}"
        self._plan(rng, plan, kind, day)
        first_day = (plan.events[0][0] - self._t0) // _DAY
        if first_day != day:  # pragma: no cover - _event keeps the first crossing on its day
            raise AssertionError("first crossing must fall on the arrival day")
        return plan

    # ----- crossings ---------------------------------------------------------------------

    def crossings(
        self,
        total: int,
        progress: Callable[[int], None] | None = None,
        progress_every: int = 10_000,
    ) -> Iterator[SyntheticCrossing]:
        """Exactly ``total`` crossings in chronological order (ties broken by creation).

        ``progress`` is called with the number of crossings yielded so far, every
        ``progress_every`` crossings and once at the end.
        """
        if total <= 0:
            if progress is not None:
                progress(0)
            return
        rng = random.Random(f"{self.seed}:crossings")
        cum = 0.0
        wsum = sum(self._weights)
        targets: list[int] = []
        for w in self._weights:
            cum += w
            targets.append(round(total * cum / wsum))
        scheduled = [0] * self.days
        buckets: list[list[tuple[int, int, _Plan]]] = [[] for _ in range(self.days)]
        t0 = self._t0
        dates = self._dates
        post_codes = [code for code, _, _ in self.points]
        post_kind = self._post_kind
        grounds, ground_table = self._grounds, self._ground_table
        rail = [t for _, t in _RAIL_TIMES]
        vessels = [v for _, v in _SEA_TIMES]
        flight_numbers = [
            f"{carrier}{100 + 37 * i % 800}" for i, (carrier, _, _) in enumerate(_FLIGHTS)
        ]
        getrandbits = rng.getrandbits
        epoch = _EPOCH
        emitted = 0
        next_person = 0
        tie = 0
        last_report = 0
        for day in range(self.days):
            need = targets[day] - emitted - scheduled[day]
            bucket = buckets[day]
            while need > 0:
                plan = self._new_person(rng, day)
                for ts, *_ in plan.events:
                    scheduled[(ts - t0) // _DAY] += 1
                need -= sum(1 for ts, *_ in plan.events if (ts - t0) // _DAY == day)
                bucket.append((plan.events[0][0], tie, plan))
                tie += 1
            buckets[day] = []
            heapify(bucket)
            while bucket:
                ts, _, plan = heappop(bucket)
                _, code, post, transport = plan.events[plan.i]
                plan.i += 1
                person = plan.person
                if person is None:
                    person = plan.person = SyntheticPerson(next_person, *plan.raw)
                    next_person += 1
                    plan.document = plan.raw_document
                document = plan.document
                assert document is not None
                at = epoch + timedelta(seconds=ts)
                pk = post_kind[post]
                if pk == "air":
                    mode, carrier, vehicle = (
                        "air",
                        _FLIGHTS[transport][0],
                        flight_numbers[transport],
                    )
                elif pk == "land":
                    mode = _LAND_MODES[transport][0]
                    if mode == "bus":
                        carrier, vehicle = _BUS_COMPANIES[post % 4], f"UTO {1000 + post * 37}-BS"
                    elif mode == "foot":
                        carrier = vehicle = ""
                    else:
                        carrier, vehicle = (
                            "",
                            plan.plate or f"{person.nationality} {4000 + post}-TX",
                        )
                elif pk == "sea":
                    mode, carrier, vehicle = "sea", "Red Sea Ferries", vessels[transport]
                else:
                    mode, carrier, vehicle = "rail", "Utopia Railways", rail[transport]
                closes: int | None = None
                refusal: tuple[str, ...] = ()
                until: date | None = None
                if code in (_EXIT, _EXIT_NO_ENTRY):
                    direction: Direction = "exit"
                    decision: Decision = "admitted"
                    if code == _EXIT and not plan.kind.national:
                        closes = plan.open_entry
                else:
                    direction = "entry"
                    if code == _ENTRY_REFUSED:
                        decision = "refused"
                        exp = document.expiry_date
                        if exp is not None and exp < at.date():
                            refusal = ("A",)
                        else:
                            refusal = (grounds[ground_table[getrandbits(10)]],)
                            if getrandbits(3) == 0:
                                extra = grounds[ground_table[getrandbits(10)]]
                                if extra != refusal[0]:
                                    refusal = tuple(sorted((refusal[0], extra)))
                    else:
                        decision = "secondary" if code == _ENTRY_SECONDARY else "admitted"
                        if not plan.kind.national:
                            until = dates[(ts - t0) // _DAY] + plan.allowance
                            plan.open_entry = emitted
                yield SyntheticCrossing(
                    emitted, person, document, direction, post_codes[post], at, plan.purpose,
                    mode, carrier, vehicle, decision, refusal, until, closes,
                )  # fmt: skip
                emitted += 1
                if emitted == total:
                    if progress is not None:
                        progress(emitted)
                    return
                if progress is not None and emitted - last_report >= progress_every:
                    progress(emitted)
                    last_report = emitted
                if plan.i < len(plan.events):
                    nts = plan.events[plan.i][0]
                    nday = (nts - t0) // _DAY
                    if nday == day:
                        heappush(bucket, (nts, tie, plan))
                    else:
                        buckets[nday].append((nts, tie, plan))
                    tie += 1
                else:
                    plan.events = []
        raise AssertionError(
            f"day targets reached only {emitted} of {total} crossings"
        )  # pragma: no cover


__all__ = [
    "DEFAULT_CROSSING_POINTS",
    "REFUSAL_GROUNDS",
    "Population",
    "SyntheticCrossing",
    "SyntheticDocument",
    "SyntheticPerson",
    "day_weight",
]
