"""A seeded population of traveller records with known truth, for tuning and measuring.

Each person holds one or more documents and is recorded in one or more ways: passport
renewals, a second nationality's passport, other transliterations of the same native
name, typing errors, day and month swapped, partial birth dates, surname and given names
swapped. Traps are separate people who look alike: twins (same surname, birth date and
nationality), namesakes born the same year, fathers and sons of the same name.

>>> records, truth = population(200, seed=5)
>>> len(records) >= 200, len(set(truth.values())) < len(records)
(True, True)
>>> sorted(records[0])[:4]
['birth_date', 'document_number', 'given_names', 'issuing_state']
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import islice
from typing import Any

from passage.core.names import to_latin
from passage.core.synthetic import Population

_ALNUM = "CFGHJKLMNPRTVWXYZ0123456789"
_SECOND = ("TUR", "FRA", "DEU", "CAN", "GBR", "USA", "SWE", "ITA", "ESP", "NLD")
# Spelling habits that move between transliterations of one name (both directions).
_SPELLINGS = (
    ("OU", "U"),
    ("KH", "H"),
    ("EE", "I"),
    ("Y", "I"),
    ("J", "DJ"),
    ("MM", "M"),
    ("SS", "S"),
    ("PH", "F"),
    ("OU", "OO"),
    ("E", "A"),
    ("Q", "K"),
    ("TCH", "CH"),
    ("SH", "SCH"),
    ("W", "V"),
    ("TS", "TZ"),
    ("DD", "D"),
)


def _number(rng: random.Random) -> str:
    return "".join(rng.choice(_ALNUM) for _ in range(rng.choice((8, 9))))


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    if not text[i].isalpha():
        return text
    match rng.randrange(3):
        case 0:
            return text[:i] + text[i + 1 :]
        case 1:
            return text[:i] + rng.choice("ABCDEFGHIKLMNORSTU") + text[i + 1 :]
        case _:
            return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]


def _respell(rng: random.Random, text: str) -> str:
    options = [(a, b) for a, b in _SPELLINGS if a in text] + [
        (b, a) for a, b in _SPELLINGS if b in text
    ]
    if not options:
        return text
    a, b = rng.choice(options)
    return text.replace(a, b, 1)


def _variant_name(rng: random.Random, native: str, latin: str) -> str:
    if native and rng.random() < 0.5:
        other = " ".join(to_latin(native).upper().replace("-", " ").split())
        if other and other.isascii() and other != latin:
            return other
    return _respell(rng, latin)


def _shift(birth: str, rng: random.Random, years: int) -> str:
    parts = birth.split("-")
    year = int(parts[0]) + years
    if len(parts) == 3:
        return f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return str(year)


def population(
    people: int,
    *,
    seed: int,
    kinds: dict[str, tuple[str, str]] | None = None,
    generator: int = 2,
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Records (shuffled) and, per record id, the number of the person it belongs to.

    ``kinds``, when given, is filled with each record's (document kind, variant): the
    document is ``original``, ``renewal``, ``second nationality`` or ``same document``
    (recorded again); the variant is how the recording differs from the person's own
    data (``transliteration``, ``typo``, ``swapped date``, ``partial date``, ``names
    swapped``, ``number typo``) or ``none``. It draws nothing from the random stream.
    ``generator=1`` dates the documents as the first generator did (see ``_records``);
    the people, names, variants and document numbers are the same in both.
    """
    if generator not in (1, 2):
        raise ValueError("generator: 1 or 2")
    rng = random.Random(seed)
    dates = random.Random(seed * 7919 + 1) if generator == 2 else None
    records: list[dict[str, Any]] = []
    truth: dict[str, int] = {}
    persons = Population(seed=seed, reference_date=date(2025, 12, 31)).persons()
    for number, base in enumerate(_people(persons, people, rng)):
        for record, kind in _records(base, rng, dates):
            rid = f"s{seed}-{len(records)}"
            record["record_id"] = rid
            records.append(record)
            truth[rid] = number
            if kinds is not None:
                kinds[rid] = kind
    rng.shuffle(records)
    return records, truth


def _people(persons: Iterator[Any], count: int, rng: random.Random) -> Iterator[dict[str, Any]]:
    """Base identities, with twins, namesakes and fathers-and-sons among them."""
    made = 0
    for p in islice(persons, count * 2):
        if made >= count:
            return
        base = {
            "surname": p.primary_latin,
            "given_names": p.secondary_latin,
            "surname_native": p.primary_native,
            "given_native": p.secondary_native,
            "birth_date": p.birth_date,
            "sex": p.sex,
            "nationality": p.nationality,
        }
        yield base
        made += 1
        trap = rng.random() if len(base["birth_date"]) == 10 else 1.0
        if trap < 0.02 and made < count:
            # a twin: same surname, birth date and nationality, another given name
            other = next(persons)
            while other.secondary_latin[:3] == base["given_names"][:3]:
                other = next(persons)
            yield {
                **base,
                "given_names": other.secondary_latin,
                "given_native": other.secondary_native,
                "sex": other.sex,
            }
            made += 1
        elif trap < 0.04 and made < count:
            # a namesake born the same year
            shifted = _shift(base["birth_date"], rng, 0)
            while shifted[5:7] == base["birth_date"][5:7]:
                shifted = _shift(base["birth_date"], rng, 0)
            yield {**base, "birth_date": shifted}
            made += 1
        elif trap < 0.06 and made < count and base["sex"] == "M":
            # father (or son) of the same name
            yield {**base, "birth_date": _shift(base["birth_date"], rng, -rng.randint(22, 38))}
            made += 1


def _records(
    base: dict[str, Any], rng: random.Random, dates: random.Random | None
) -> Iterator[tuple[dict[str, Any], tuple[str, str]]]:
    """One person's records. With ``dates`` (the generator of decision 0158) the
    documents' validity is drawn from it, so the identities and variants are those of
    the first generator (``rng`` draws the same numbers): first documents issued over
    17 years (2001-2018, not 8), each renewal issued from a year before the document it
    replaces expires to 500 days after (not only after, and a second renewal follows
    the first instead of overlapping it), and a second nationality's passport issued on
    its own date (not on the day of the first passport)."""
    drawn = rng.randrange(3000)
    if dates is None:
        start = date(2010, 1, 1) + timedelta(days=drawn)
    else:
        start = date(2001, 1, 1) + timedelta(days=drawn + dates.randrange(3300))
    doc = {
        "issuing_state": base["nationality"],
        "document_number": _number(rng),
        "valid_from": start.isoformat(),
        "valid_until": (start + timedelta(days=3652)).isoformat(),
    }
    identity = {k: base[k] for k in ("surname", "given_names", "birth_date", "sex", "nationality")}
    yield {**identity, **doc}, ("original", "none")
    extra = rng.choices((0, 1, 2, 3), weights=(45, 30, 17, 8))[0]
    for _ in range(extra):
        record = dict(identity)
        kind = rng.random()
        if kind < 0.45:
            # renewal: a new number from the same state, valid after the old one
            gap = rng.randrange(0, 500)
            if dates is None:
                renewed = start + timedelta(days=3652 + gap)
            else:
                expired = date.fromisoformat(doc["valid_until"])
                renewed = expired + timedelta(days=gap - dates.randrange(366))
            doc = {
                "issuing_state": base["nationality"],
                "document_number": _number(rng),
                "valid_from": renewed.isoformat(),
                "valid_until": (renewed + timedelta(days=3652)).isoformat(),
            }
            record.update(doc)
            document = "renewal"
        elif kind < 0.6:
            second = rng.choice([c for c in _SECOND if c != base["nationality"]])
            issued = (
                start if dates is None else date(2001, 1, 1) + timedelta(days=dates.randrange(6300))
            )
            record.update(
                nationality=second,
                issuing_state=second,
                document_number=_number(rng),
                valid_from=issued.isoformat(),
                valid_until=(issued + timedelta(days=3652)).isoformat(),
            )
            document = "second nationality"
        else:
            record.update(doc)  # the same document, recorded again elsewhere
            document = "same document"
        before = dict(record)
        variant = _alter(record, base, rng)
        yield record, (document, variant if record != before else "none")


def _alter(record: dict[str, Any], base: dict[str, Any], rng: random.Random) -> str:
    """How one recording of a person differs from another (some do not at all); the
    kind of change tried."""
    roll = rng.random()
    if roll < 0.25:
        record["surname"] = _variant_name(rng, base["surname_native"], base["surname"])
        if rng.random() < 0.5:
            record["given_names"] = _variant_name(rng, base["given_native"], base["given_names"])
        return "transliteration"
    if roll < 0.37:
        field = rng.choice(("surname", "given_names"))
        record[field] = _typo(rng, record[field])
        return "typo"
    if roll < 0.43:
        y, m, d = ([*record["birth_date"].split("-"), "", ""])[:3]
        if d and int(d) <= 12 and d != m:
            record["birth_date"] = f"{y}-{d}-{m}"
        return "swapped date"
    if roll < 0.50:
        record["birth_date"] = record["birth_date"][: rng.choice((4, 7))]
        return "partial date"
    if roll < 0.54:
        record["surname"], record["given_names"] = record["given_names"], record["surname"]
        return "names swapped"
    if roll < 0.57:
        record["document_number"] = (
            _typo(rng, record["document_number"] + "A")[:-1] or record["document_number"]
        )
        return "number typo"
    return "none"
