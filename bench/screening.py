"""Screening benchmark: recall, innocent alert rate, retrieval recall, latency, peers.

``python bench/screening.py --report`` builds the *report* world and prints every figure
with the data it comes from; ``bench/screening_fit.py`` fits the calibration on the *fit*
world and writes ``src/passage/core/screening/fitted.py``. The two worlds share nothing:

============  ===========================================  ==================================
              fit (bench/screening_fit.py)                 report (bench/screening.py --report)
============  ===========================================  ==================================
Arabic        ``translit_arabic_train_tokens.tsv``         ``translit_arabic_tokens.tsv`` (test)
Russian       ``translit_russian_train_tokens.tsv``        ``translit_russian_tokens.tsv`` (test)
Hebrew, CJK   ``translit_<s>_train_tokens.tsv``, tokens     the other half of the same tokens
              whose SHA-256 is even
Latin names   ``negatives_latin.csv`` rows whose SHA-256     rows whose SHA-256 is odd (name parts
              (name + birth date) is even: name parts       for the list, travellers as
              for the list, travellers as innocents         innocents)
OFAC          individuals whose SHA-256 of the uid is even   odd
============  ===========================================  ==================================

Each world is a seeded list of ``--entries`` alert entries (Latin names composed of
the English spellings of every script's tokens of the half, not of the travellers' own
name parts, which would make innocents namesakes of listed people by construction; names composed of transliteration tokens drawn by their Wikidata
frequency, so common names are common, listed in English spelling with 5 % written in
their own script; the half's OFAC individuals; partial birth dates, nationalities,
document numbers) and its queries: altered Latin spellings of listed names (typo,
swapped order, dropped middle name, particles, transliteration variants, MRZ form),
each script's own writing of Latin-listed names with and without a birth date, the
half's innocent travellers with and without their birth date, and innocents written in
each script (names composed from the same tokens, not listed).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import math
import os
import pickle
import random
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from passage.core.names import normalise_name, to_latin
from passage.core.screening import (
    DEFAULT_THRESHOLD,
    AlertEntry,
    DocumentList,
    Query,
    ScreeningIndex,
    parse_birth_date,
)
from passage.core.screening.calibration import (
    KINDS,
    LIST_SIZES,
    UNDATED,
    UNDATED_SIZES,
    comparison_kind,
    group,
)
from passage.core.screening.fitted import FITTED
from passage.core.screening.index import CANDIDATES, CANDIDATES_NO_BIRTH_DATE


def _find_data() -> Path:
    """../shared/data/screening from the checkout (a worktree sits one level deeper)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "shared" / "data" / "screening"
        if candidate.is_dir():
            return candidate
    return here.parents[2] / "shared" / "data" / "screening"


DATA: Path | None = None
"""Where the data is read from: found on first use (importing this module reads nothing
outside the checkout), or set by a caller."""


def data() -> Path:
    """The screening data folder (``DATA``, found beside the checkout when unset)."""
    global DATA
    if DATA is None:
        DATA = _find_data()
    return DATA


NEEDED = [
    "negatives_latin.csv",
    "ofac_sdn.csv",
    "translit_arabic_tokens.tsv",
    "translit_russian_tokens.tsv",
]


def require_data() -> None:
    """Exit with a plain message naming what is missing, not a traceback."""
    missing = [name for name in NEEDED if not (data() / name).is_file()]
    if missing:
        raise SystemExit(
            f"bench/screening.py needs the public screening data in {data()}, which is missing "
            f"{', '.join(missing)}. Put ../shared/data/screening beside the checkout (its "
            "README names each file's source and licence); nothing is downloaded."
        )


NATIONALITIES = ["SYR", "IRQ", "EGY", "SAU", "YEM", "RUS", "UKR", "KAZ", "AFG", "PAK",
                 "DEU", "FRA", "GBR", "USA", "NGA", "ETH", "SOM", "LBY", "TUN", "MAR",
                 "IRN", "TUR", "COL", "MEX", "CHN", "IND", "ESP", "ITA", "POL", "SDN"]  # fmt: skip
VARIANTS = [("OU", "U"), ("U", "OU"), ("EE", "I"), ("I", "EE"), ("Y", "I"), ("I", "Y"),
            ("KH", "H"), ("SH", "CH"), ("J", "DJ"), ("MM", "M"), ("E", "A"), ("A", "E"),
            ("C", "K"), ("K", "C"), ("PH", "F"), ("V", "W"), ("O", "U"), ("IE", "Y")]  # fmt: skip


SCRIPTS = {
    # kind: (token file, test split or None: the other hash half of the training file)
    "arabic": ("translit_arabic_train_tokens.tsv", "translit_arabic_tokens.tsv"),
    "cyrillic": ("translit_russian_train_tokens.tsv", "translit_russian_tokens.tsv"),
    "hebrew": ("translit_hebrew_train_tokens.tsv", None),
    "cjk": (
        "translit_chinese_train_tokens.tsv",
        "translit_korean_train_tokens.tsv",
        "translit_japanese_train_tokens.tsv",
    ),
}
# Names of Arabic origin. Most of the Wikidata Arabic tokens are Western names written in
# Arabic (Jones, Paul, Richard); a real list's Arabic-script names mostly are not. These
# are the same files' tokens whose Arabic spelling has a letter a Western name written
# in Arabic seldom needs: their own list entries and query sets say how the engine does
# on Arabic, Persian and Pashto names themselves (a few Spanish names with jota pass).
ARABIC_ORIGIN_LETTERS = frozenset("عحقصطظخض")
SCRIPTS["arabic-origin"] = SCRIPTS["arabic"]
# Share of the list per kind of entry (the rest of 1.0 is Latin names and OFAC).
SHARES = {"arabic": 0.26, "arabic-origin": 0.04, "cyrillic": 0.20, "hebrew": 0.04, "cjk": 0.04}
QUERY_SETS = ("arabic", "cyrillic", "hebrew", "cjk", "arabic-origin")
# The fit's world has no arabic-origin entries or sets (the shares before them): their
# innocents are composed from a few hundred tokens, a third of them bearing a listed
# name exactly at a million entries, and fitted as non-matches they flattened the
# arabic curve for every Arabic-script name (decision 218).
FIT_SHARES = {"arabic": 0.30, "cyrillic": 0.20, "hebrew": 0.04, "cjk": 0.04}
# The comparison kinds the calibration fits (a query set's script against Latin).
FITTED_KINDS = ("latin", "arabic", "cyrillic", "hebrew", "cjk")


def half_of(key: str) -> str:
    """``fit`` or ``report``: a fixed hash of the key, so the split never moves."""
    return "fit" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "report"


class Tokens:
    """Name tokens of one script: English spelling → spellings in the script, with the
    Wikidata count as the weight a token is drawn with."""

    def __init__(self, rows: list[tuple[str, str, int]]) -> None:
        table: dict[str, list[str]] = defaultdict(list)
        weight: Counter[str] = Counter()
        for english, native, count in rows:
            table[english].append(native)
            weight[english] += count
        self.table = dict(table)
        self.keys = sorted(self.table)
        self.cum = list(itertools.accumulate(weight[k] for k in self.keys))

    def draw(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.keys, cum_weights=self.cum, k=k)

    def effective(self) -> float:
        """How many equally drawn tokens would meet as often as these do (``1 / sum
        p^2``): the fewer, the more often two names drawn from them are namesakes."""
        weights = np.diff([0, *self.cum])
        p = weights / weights.sum()
        return float(1.0 / np.sum(p * p))

    def write(self, tokens: list[str], rng: random.Random) -> str:
        return " ".join(rng.choice(self.table[t]) for t in tokens)


def _token_rows(name: str) -> list[tuple[str, str, int]]:
    rows = []
    with (data() / name).open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[0].isalpha() and parts[0].isascii() and len(parts[0]) >= 3:
                native = parts[1].replace(" ", "")
                rows.append((parts[0].capitalize(), native, max(1, int(parts[2] or 1))))
    return rows


def load_tokens(kind: str, half: str) -> tuple[Tokens, str]:
    """The tokens of one script for one half, and a sentence naming the data."""
    files = SCRIPTS[kind]
    if kind == "cjk":
        rows = [r for f in files if f for r in _token_rows(f) if half_of(r[0]) == half]
        return Tokens(
            rows
        ), f"{', '.join(f for f in files if f)} ({half} half by SHA-256 of the token)"
    train, test = str(files[0]), files[1]
    if kind == "arabic-origin":
        name = train if half == "fit" else str(test)
        rows = [r for r in _token_rows(name) if ARABIC_ORIGIN_LETTERS & set(r[1])]
        return Tokens(rows), f"{name}, tokens with one of {' '.join(sorted(ARABIC_ORIGIN_LETTERS))}"
    if test is not None:
        name = train if half == "fit" else test
        return Tokens(_token_rows(name)), name
    rows = [r for r in _token_rows(train) if half_of(r[0]) == half]
    return Tokens(rows), f"{train} ({half} half by SHA-256 of the token)"


def load_negatives(half: str) -> list[dict[str, str]]:
    with (data() / "negatives_latin.csv").open(encoding="utf-8") as fh:
        return [
            r
            for r in csv.DictReader(fh)
            if half_of(r["full_name"] + "|" + r["date_of_birth"]) == half
        ]


def _given_first(listed: str) -> str:
    """An OFAC name, ``LAST, Given``, as a traveller gives it: ``Given LAST``."""
    last, _, first = listed.partition(",")
    return f"{first.strip()} {last.strip()}".strip()


def load_ofac(half: str) -> list[tuple[str, str]]:
    """The half's OFAC individuals: (uid, name given first)."""
    names = []
    with (data() / "ofac_sdn.csv").open(encoding="utf-8", errors="replace") as fh:
        for row in csv.reader(fh):
            if len(row) > 2 and row[2].strip() == "individual" and half_of(row[0]) == half:
                names.append((row[0], _given_first(row[1])))
    return names


def load_ofac_aliases() -> dict[str, list[str]]:
    """Every OFAC ``a.k.a.`` of an entry, by the entry's uid (``ofac_alt.csv``), name
    given first. Real other spellings of listed people (``HAROUN, Ahmed Mohammed`` for
    ``HARUN, Ahmad Muhammed``), and also their other names altogether (a nom de guerre),
    which no name comparison can find."""
    aliases: dict[str, list[str]] = defaultdict(list)
    with (data() / "ofac_alt.csv").open(encoding="utf-8", errors="replace") as fh:
        for row in csv.reader(fh):
            if len(row) > 3 and row[2].strip() == "aka" and row[3].strip():
                aliases[row[0]].append(_given_first(row[3]))
    return aliases


def random_date(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(1940, 2005), rng.randint(1, 12), rng.randint(1, 28)


class World:
    """A list and its queries, built from one half of the data only."""

    def __init__(self, half: str, n: int, rng: random.Random, *, origin: bool = True) -> None:
        self.half = half
        shares = SHARES if origin else FIT_SHARES
        self.query_sets = tuple(k for k in QUERY_SETS if k in shares)
        # Ids of innocent queries bearing a listed name exactly (set by queries()).
        self.namesakes: set[str] = set()
        # Ids of alias queries sharing no part's first three letters with the listed
        # name: another name altogether, mostly (set by alias_sets()).
        self.unlike_aliases: set[str] = set()
        self.sources: dict[str, str] = {}
        self.tokens: dict[str, Tokens] = {}
        for kind in SCRIPTS:
            if kind in shares:
                self.tokens[kind], self.sources[kind] = load_tokens(kind, half)
        self.negatives = load_negatives(half)
        self.sources["latin"] = (
            f"negatives_latin.csv ({half} half by SHA-256 of name and date; innocents only)"
        )
        self.sources["ofac"] = f"ofac_sdn.csv individuals ({half} half by SHA-256 of the uid)"
        # Latin-listed names are Wikidata names in their English spelling (every script's
        # tokens of this half together), not the travellers' own name parts: a list drawn
        # from the innocents' pool makes them namesakes of listed people by construction.
        rows = [
            (k, "", w)
            for script, t in self.tokens.items()
            if script != "arabic-origin"  # its tokens are among the Arabic ones
            for k, w in zip(t.keys, np.diff([0, *t.cum]).tolist(), strict=True)
        ]
        latin = Tokens(rows)
        ofac = load_ofac(half)
        self.entries: list[AlertEntry] = []
        self.kind: list[str] = []
        self.parts: list[list[str]] = []
        self.dob: list[tuple[int, int, int]] = []
        # The OFAC uid of each listed OFAC entry, by its place in the list (alias_sets).
        self.ofac_uid: dict[int, str] = {}
        bounds = list(itertools.accumulate(shares.values()))
        for i in range(n):
            r = rng.random()
            if i < len(ofac) and r < 0.3:
                kind, tokens = "ofac", ofac[i][1].split()
                self.ofac_uid[i] = ofac[i][0]
            elif r >= bounds[-1]:
                kind = "latin"
                tokens = latin.draw(rng, rng.choice((2, 2, 3)))
            else:
                kind = next(k for k, b in zip(shares, bounds, strict=True) if r < b)
                tokens = self.tokens[kind].draw(rng, rng.choice((2, 3, 3, 4)))
            name = " ".join(tokens)
            names = [name]
            if kind in SCRIPTS and rng.random() < 0.05:
                names = [self.tokens[kind].write(tokens, rng), name]
            y, m, d = random_date(rng)
            p = rng.random()
            dob = (
                f"{y:04d}-{m:02d}-{d:02d}"
                if p < 0.8
                else f"{y:04d}"
                if p < 0.9
                else f"{y:04d}-{m:02d}"
                if p < 0.95
                else None
            )
            nat = rng.choice(NATIONALITIES) if rng.random() < 0.5 else None
            doc = (
                f"{rng.choice('ABCDEFGHJKLMNPRTUVWXY')}{rng.choice('ABCDEFGHJKLMNPRTUVWXY')}{rng.randint(0, 9999999):07d}"
                if rng.random() < 0.3
                else None
            )
            self.entries.append(AlertEntry(f"E{i}", tuple(names), parse_birth_date(dob), nat, doc))
            self.kind.append(kind)
            self.parts.append(tokens)
            self.dob.append((y, m, d))

    def targets_with_namesakes(
        self, sets: dict[str, list[tuple[Query, str]]]
    ) -> dict[str, list[bool]]:
        """Per recall set, per query: whether another listed entry bears the target's
        name exactly (the same parts in any order): a namesake by construction, which no
        birth date parts from the target when the query has none."""
        listed = Counter(tuple(sorted(p)) for p in self.parts)
        number = {e.id: i for i, e in enumerate(self.entries)}
        return {
            label: [listed[tuple(sorted(self.parts[number[t]]))] > 1 for _q, t in pairs]
            for label, pairs in sets.items()
        }

    def queries(
        self, rng: random.Random, per_set: int, innocents: int, in_latin: bool = False
    ) -> tuple[dict[str, list[tuple[Query, str]]], dict[str, list[Query]]]:
        """Recall sets (query, target id) and innocent sets, by name.

        ``in_latin`` adds, for each other script, the same innocents with their names in
        Latin letters (``"arabic in latin dob"``…): the same people, so what the script
        alone does to how often they alert is read off one run. No draw is added; the
        fit does not ask for them (they are not its innocents)."""
        by_kind: dict[str, list[int]] = defaultdict(list)
        for i, k in enumerate(self.kind):
            by_kind[k].append(i)

        pool = [i for k in ("latin", "ofac", *SCRIPTS) for i in by_kind[k]]

        def altered(prefix: str, dated: bool) -> list[tuple[Query, str]]:
            """Altered Latin spellings of listed names, with the listed birth date (a
            year off a fifth of the time) or none; the alteration is in the query id."""
            out = []
            for n in range(per_set):
                i = rng.choice(pool)
                tokens, how = alter(self.parts[i], rng)
                birth = dob_of(self, i, rng) if dated else None
                q = Query(
                    f"{prefix}{n}:{how}",
                    (" ".join(tokens).replace("< ", "<"),),
                    birth,
                    self.entries[i].nationality,
                )
                out.append((q, self.entries[i].id))
            return out

        sets: dict[str, list[tuple[Query, str]]] = {"altered": altered("alt", dated=True)}
        for kind in self.query_sets:
            with_dob, without = sets[f"{kind} dob"], sets[f"{kind} no dob"] = [], []
            for n in range(per_set):
                i = rng.choice(by_kind[kind])
                written = self.tokens[kind].write(self.parts[i], rng)
                nat = self.entries[i].nationality
                with_dob.append(
                    (
                        Query(f"{kind}{n}", (written,), dob_of(self, i, rng), nat),
                        self.entries[i].id,
                    )
                )
                without.append((Query(f"{kind}{n}-", (written,), None, nat), self.entries[i].id))
        negs: dict[str, list[Query]] = {"latin dob": [], "latin no dob": []}
        for n, r in enumerate(self.negatives[:innocents]):
            dob = parse_birth_date(r["date_of_birth"] or None)
            negs["latin dob"].append(Query(f"neg{n}", (r["full_name"],), dob, r["nationality"]))
            negs["latin no dob"].append(
                Query(f"neg{n}-", (r["full_name"],), None, r["nationality"])
            )
        # The other scripts' innocents are drawn from the listed names' own tokens: some
        # bear a listed name exactly (the parts in any order), as namesakes do; the
        # report says how many (World.namesakes), since no date parts an undated one.
        listed = {tuple(sorted(p)) for p in self.parts}
        for kind in self.query_sets:
            dob_q, nodob_q = negs[f"{kind} dob"], negs[f"{kind} no dob"] = [], []
            latin_q: list[Query] = []
            latin_nodob_q: list[Query] = []
            for n in range(per_set):
                tokens = self.tokens[kind].draw(rng, rng.choice((2, 3, 3, 4)))
                if tuple(sorted(tokens)) in listed:
                    self.namesakes.update({f"neg-{kind}{n}", f"neg-{kind}{n}-"})
                written = self.tokens[kind].write(tokens, rng)
                y, m, d = random_date(rng)
                born = parse_birth_date(f"{y:04d}-{m:02d}-{d:02d}")
                dob_q.append(Query(f"neg-{kind}{n}", (written,), born))
                nodob_q.append(Query(f"neg-{kind}{n}-", (written,), None))
                latin_q.append(Query(f"neg-{kind}{n}", (" ".join(tokens),), born))
                latin_nodob_q.append(Query(f"neg-{kind}{n}-", (" ".join(tokens),), None))
            if in_latin:
                negs[f"{kind} in latin dob"], negs[f"{kind} in latin no dob"] = (
                    latin_q,
                    latin_nodob_q,
                )
        # Altered Latin names without a birth date (drawn last, so the sets above are the
        # same as before this set was added): the positives of the "latin undated" group.
        sets["altered no dob"] = altered("altnd", dated=False)
        return sets, negs

    def alias_sets(self, rng: random.Random, per_set: int) -> dict[str, list[tuple[Query, str]]]:
        """The listed OFAC individuals' own aliases (``ofac_alt.csv``) as travellers, with
        the listed birth date (a year off a fifth of the time) and without: real other
        spellings of listed names, where the altered sets are made by rule. Up to
        ``per_set`` aliases drawn at random, the same ones in both sets; the listed entry
        holds its primary name only. Drawn after every other set, so those stay as they
        were. An alias that is another name altogether is counted too: the report says
        how many aliases share no name part with the listed name."""
        aliases = load_ofac_aliases()
        pairs = [(i, a) for i, uid in sorted(self.ofac_uid.items()) for a in aliases.get(uid, ())]
        drawn = rng.sample(pairs, min(per_set, len(pairs)))
        births = [dob_of(self, i, rng) for i, _a in drawn]
        out: dict[str, list[tuple[Query, str]]] = {"ofac alias dob": [], "ofac alias no dob": []}
        for n, ((i, alias), born) in enumerate(zip(drawn, births, strict=True)):
            e = self.entries[i]
            if not stems(alias) & stems(" ".join(self.parts[i])):
                self.unlike_aliases.update({f"aka{n}", f"aka{n}-"})
            out["ofac alias dob"].append((Query(f"aka{n}", (alias,), born, e.nationality), e.id))
            out["ofac alias no dob"].append(
                (Query(f"aka{n}-", (alias,), None, e.nationality), e.id)
            )
        return out


def stems(name: str) -> set[str]:
    """A name's parts cut to three letters: an alias sharing none with the listed name is
    another name rather than another spelling (`HAROUN`, `AHMED` share `HAR`, `AHM` with
    `HARUN`, `AHMAD`; `BYIRINGIRO Michel` nothing with `IYAMUREMYE Gaston`). A rough
    split for the report, no part of screening."""
    return {p.text[:3] for p in normalise_name(name).parts}


def dob_of(world: World, i: int, rng: random.Random) -> Any:
    """A traveller's birth date for listed entry ``i``: the listed one, a year off a fifth
    of the time, its missing month or day made up."""
    y, m, d = world.dob[i]
    e = world.entries[i].birth_date
    if e is not None:
        y, m, d = e.year, e.month or m, e.day or d
    if rng.random() < 0.2:
        y += rng.choice((-1, 1))
    return parse_birth_date(f"{y:04d}-{m:02d}-{d:02d}")


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("sub", "ins", "del", "swap"))
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    if op == "sub":
        return word[:i] + letter + word[i + 1 :]
    if op == "ins":
        return word[:i] + letter + word[i:]
    if op == "del":
        return word[:i] + word[i + 1 :]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def alter(tokens: list[str], rng: random.Random) -> tuple[list[str], str]:
    tokens = list(tokens)
    how = rng.choice(("typo", "swap", "drop_middle", "particle", "translit", "mrz", "typo2"))
    if how == "drop_middle" and len(tokens) < 3:
        how = "typo"
    if how in ("typo", "typo2"):
        k = rng.randrange(len(tokens))
        tokens[k] = typo(tokens[k], rng)
        if how == "typo2" and len(tokens) > 1:
            k2 = (k + 1) % len(tokens)
            tokens[k2] = typo(tokens[k2], rng)
    elif how == "swap":
        tokens = tokens[-1:] + tokens[:-1]
    elif how == "drop_middle":
        del tokens[1]
    elif how == "particle":
        choice = rng.choice(("bin", "al", "abd"))
        k = rng.randrange(1, len(tokens)) if len(tokens) > 1 else 0
        if choice == "bin":
            tokens.insert(k, rng.choice(("bin", "ibn", "ben")))
        elif choice == "al":
            tokens[k] = rng.choice(("al-", "el-", "Al ")) + tokens[k]
        else:
            tokens.insert(0, rng.choice(("Abd al-", "Abdul", "Abdel ")) + tokens.pop(0).lower())
    elif how == "translit":
        k = rng.randrange(len(tokens))
        up = tokens[k].upper()
        options = [(a, b) for a, b in VARIANTS if a in up]
        if options:
            a, b = rng.choice(options)
            tokens[k] = up.replace(a, b, 1)
    else:
        tokens = [
            "<".join(t.upper() for t in tokens[-1:])
            + "<<"
            + "<".join(t.upper() for t in tokens[:-1])
        ]
    return tokens, how


def build_index(world: World) -> tuple[ScreeningIndex, str]:
    """The world's index, with a line on its build."""
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    index = ScreeningIndex.build(world.entries)
    build_s = time.perf_counter() - t0
    grow = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1e3
    return index, (
        f"index build {build_s:.1f} s, peak RSS growth {grow:.0f} MB; "
        f"{index.meta['keys']:,} keys, {index.meta['postings']:,} postings"
    )


def cached_index(
    entries: list[Any], version: str, cache: Path | None, tag: str, what: str = ""
) -> tuple[ScreeningIndex, bool]:
    """The index of ``entries`` as list ``version``, and whether it came from ``cache``:
    loaded from it when it holds that list (and this normaliser and format), else built,
    saved there and mapped from it. ``tag`` and ``what`` start the lines it prints."""
    if cache is not None and cache.exists():
        try:
            index = ScreeningIndex.load(cache)
        except Exception as exc:  # another normaliser or format: rebuild
            print(f"{tag}: index cache {cache} not used ({exc})")
        else:
            if index.meta.get("list_version") == version:
                return index, True
    t0 = time.perf_counter()
    index = ScreeningIndex.build(entries, list_version=version)
    print(f"{tag}: {what}index build {time.perf_counter() - t0:.1f} s")
    if cache is not None:
        index.save(cache)
        index = ScreeningIndex.load(cache)
    return index, False


class Measured:
    """Per query: the target's score (0 when not scored), whether retrieval reached it,
    the best score of any other entry; per innocent: the best score."""

    def __init__(self) -> None:
        self.target: dict[str, list[float]] = {}
        self.reached: dict[str, list[bool]] = {}
        self.other: dict[str, list[float]] = {}
        self.kind: dict[str, list[str]] = {}
        self.innocent: dict[str, list[float]] = {}
        self.innocent_kind: dict[str, list[str]] = {}
        self.latency: list[float] = []
        # CPU time of the screening thread: on a shared, loaded machine the wall-clock
        # latency measures the queue for a core as much as the engine.
        self.cpu: list[float] = []
        # Every hit of every query as (raw score, kind, is the target): enough to put the
        # run on another calibration without screening again (--save-scores).
        self.hits: dict[str, list[list[tuple[Any, ...]]]] = defaultdict(list)
        # The list size screened: the undated offset depends on it (decision 206).
        self.entries: int | None = None
        # Per label, per query (recall queries first, then innocents): the kind of its
        # comparisons with a Latin name ("latin", "arabic", "cjk"...), so the fit knows how
        # many queries of each kind were screened, hits or none (decision 214).
        self.query_kind: dict[str, list[str]] = defaultdict(list)


def _group(hit: Any) -> str:
    """The calibration group of a hit: its kind, or ``"<kind> undated"``."""
    cal = hit.explanation["calibration"]
    return group(str(cal["kind"]), bool(cal.get("undated")))


def _raw_hits(hits: list[Any], tid: str | None) -> list[tuple[Any, ...]]:
    """Per hit: raw score, group, whether it is the target, what the undated offset
    reads (chance namesakes, parts on one side only; decision 197) and the common-name
    adjustment in the raw score (so a study can price namesakes another way)."""
    out = []
    for h in hits:
        cal = h.explanation["calibration"]
        out.append(
            (
                float(cal["raw_score"]),
                _group(h),
                h.entry_id == tid,
                cal.get("chance_namesakes"),
                int(cal.get("extra_parts", 0)),
                float(h.explanation["common_name"]["adjustment"]),
            )
        )
    return out


def innocents_of(m: Measured, label: str, per_query: list[Any]) -> list[Any]:
    """The innocents' share of a per-query list of ``label`` (its hits, or its query
    kinds): a script's recall set and its innocents share a label ("arabic dob"), the
    recall queries first, the innocents last."""
    return per_query[len(m.hits[label]) - len(m.innocent[label]) :]


def recalibrate(m: Measured, kinds: Any, entries: int | None = None) -> Measured:
    """The same run with scores put on the calibration ``kinds`` (from raw hits), for a
    list of ``entries`` entries (default: the size the run screened; decision 206)."""
    from passage.core.screening.calibration import calibrate

    out = Measured()
    out.reached, out.latency, out.hits = m.reached, m.latency, m.hits
    out.cpu = getattr(m, "cpu", [])
    out.entries = getattr(m, "entries", None) if entries is None else entries
    size = out.entries

    def on_scale(hit: tuple[Any, ...]) -> float:
        chance, extra = (hit[3], hit[4]) if len(hit) > 4 else (None, 0)
        return min(
            1.0,
            max(0.0, calibrate(hit[1], hit[0], kinds, chance=chance, extra=extra, entries=size)),
        )

    # A script's recall set and its innocents share a label ("arabic dob"): the recall
    # queries' hits come first in m.hits, the innocents' last.
    for label in m.target:
        out.target[label], out.other[label], out.kind[label] = [], [], []
        for hits in m.hits[label][: len(m.target[label])]:
            mine = [h for h in hits if h[2]]
            out.target[label].append(on_scale(mine[0]) if mine else 0.0)
            out.kind[label].append(mine[0][1] if mine else "")
            out.other[label].append(max((on_scale(h) for h in hits if not h[2]), default=0.0))
    for label in m.innocent:
        out.innocent[label], out.innocent_kind[label] = [], []
        for hits in innocents_of(m, label, m.hits[label]):
            best = max(hits, key=on_scale, default=None)
            out.innocent[label].append(on_scale(best) if best else 0.0)
            out.innocent_kind[label].append(best[1] if best else "")
    return out


def query_kind(q: Query) -> str:
    """The comparison kind of a query's first name against a name in Latin letters."""
    return comparison_kind(q.names[0], "LATIN") if q.names else "latin"


def measure(
    index: ScreeningIndex,
    sets: dict[str, list[tuple[Query, str]]],
    negs: dict[str, list[Query]],
) -> Measured:
    out = Measured()
    out.entries = index.n_entries
    for label, items in sets.items():
        target, reached, other, kinds = [], [], [], []
        for q, tid in items:
            names = [normalise_name(n).parts for n in q.names]
            cands = index.candidates(
                names, "", index.limit_for(q.birth_date), birth_date=q.birth_date
            )
            ids = {index.entry_id(int(e)) for e in cands.tolist()}
            reached.append(tid in ids)
            t, c = time.perf_counter(), time.thread_time()
            hits = index.screen(q, threshold=0.0)
            out.latency.append(time.perf_counter() - t)
            out.cpu.append(time.thread_time() - c)
            mine = [h for h in hits if h.entry_id == tid]
            target.append(mine[0].score if mine else 0.0)
            kinds.append(_group(mine[0]) if mine else "")
            other.append(max((h.score for h in hits if h.entry_id != tid), default=0.0))
            out.hits[label].append(_raw_hits(hits, tid))
            out.query_kind[label].append(query_kind(q))
        out.target[label], out.reached[label] = target, reached
        out.other[label], out.kind[label] = other, kinds
    for label, queries in negs.items():
        best, kinds = [], []
        for q in queries:
            t, c = time.perf_counter(), time.thread_time()
            hits = index.screen(q, threshold=0.3)
            out.latency.append(time.perf_counter() - t)
            out.cpu.append(time.thread_time() - c)
            best.append(hits[0].score if hits else 0.0)
            kinds.append(_group(hits[0]) if hits else "")
            out.hits[label].append(_raw_hits(hits, None))
            out.query_kind[label].append(query_kind(q))
        out.innocent[label], out.innocent_kind[label] = best, kinds
    return out


def measure_retrieval(
    index: ScreeningIndex,
    sets: dict[str, list[tuple[Query, str]]],
    negs: dict[str, list[Query]],
) -> None:
    """Retrieval alone, the pruned reading against reading every posting, in one run:
    recall@candidates per recall set (the target among the entries scored in full), the
    postings read and the CPU time of ``candidates`` per query, and whether the two
    readings gave the same candidates in the same order."""
    print(
        "\nreport: retrieval alone (candidates scored in full: "
        f"{CANDIDATES} with a birth date, {CANDIDATES_NO_BIRTH_DATE} without)"
    )
    labelled = [(label, q, tid) for label, items in sets.items() for q, tid in items]
    labelled += [(f"innocents {label}", q, None) for label, qs in negs.items() for q in qs]
    prepared = [
        (label, [normalise_name(n).parts for n in q.names], q.birth_date, tid)
        for label, q, tid in labelled
    ]
    runs: dict[str, dict[str, Any]] = {}
    for mode in ("exhaustive", "pruned"):
        index.exhaustive = mode == "exhaustive"
        index.postings_read()
        found: dict[str, list[bool]] = defaultdict(list)
        cpu, read, ranked = [], [], []
        for label, names, birth, tid in prepared:
            c = time.thread_time()
            cands = index.candidates(names, "", index.limit_for(birth), birth_date=birth)
            cpu.append(time.thread_time() - c)
            read.append(index.postings_read())
            ranked.append(cands.tolist())
            if tid is not None:
                found[label].append(tid in {index.entry_id(int(e)) for e in cands.tolist()})
        runs[mode] = {"found": found, "cpu": cpu, "read": read, "ranked": ranked}
    index.exhaustive = False
    old, new = runs["exhaustive"], runs["pruned"]
    for label in sets:
        print(
            f"  report: recall@candidates {label:16s} exhaustive {np.mean(old['found'][label]):.3f}"
            f"  pruned {np.mean(new['found'][label]):.3f}  ({len(sets[label])} queries)"
        )
    same = sum(a == b for a, b in zip(old["ranked"], new["ranked"], strict=True))
    print(f"  report: same candidates in the same order: {same} of {len(prepared)} queries")
    for mode, run in runs.items():
        print(
            f"  report: {mode:10s} postings read per query mean {np.mean(run['read']):,.0f}"
            f" p95 {pct(run['read'], 95):,.0f}; candidates() CPU p50 "
            f"{pct(run['cpu'], 50) * 1000:.2f} ms p95 {pct(run['cpu'], 95) * 1000:.2f} ms"
            f" total {sum(run['cpu']):.2f} s"
        )
    print(
        f"  report: pruned/exhaustive: postings read {sum(new['read']) / sum(old['read']):.2f}x,"
        f" CPU {sum(new['cpu']) / sum(old['cpu']):.2f}x ({len(prepared):,} queries; "
        f"load average {os.getloadavg()[0]:.1f})"
    )


CANDIDATES_FOR_PEER = 10
LOGIC_V2_THRESHOLD = 0.7


def pct(values: list[float], p: float) -> float:
    return float(np.percentile(values, p)) if values else float("nan")


def _memory() -> str:
    """Resident memory of this process: anonymous (private) and file-backed (shared maps)."""
    fields = {}
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
    except OSError:
        return "n/a"
    return f"RssAnon {fields.get('RssAnon', '?')}, RssFile {fields.get('RssFile', '?')}"


def run_rapidfuzz(
    index: ScreeningIndex,
    entries: list[AlertEntry],
    sets: dict[str, list[tuple[Query, str]]],
    sample: int,
    thr: float,
) -> None:
    """Exhaustive rapidfuzz over every listed name, interleaved with our index on the
    same queries so that both see the same machine load."""
    from rapidfuzz import fuzz, process

    names: list[str] = []
    owner: list[str] = []
    for e in entries:
        for n in e.names:
            names.append(n if n.isascii() else to_latin(n))
            owner.append(e.id)
    names_proc = [" ".join(n.lower().split()) for n in names]
    print(
        f"\nexhaustive rapidfuzz: token_sort_ratio of the query against all {len(names):,} "
        f"listed names (Latin transliteration), process.cdist with 2 workers; measured on the "
        f"first {sample} queries of each set (a sample, not extrapolated), interleaved with "
        "the index on the same queries:"
    )
    rf_times: list[float] = []
    our_times: list[float] = []
    for label, items in sets.items():
        rf_found = our_found10 = our_found_thr = 0
        chunk = items[:sample]
        for q, target in chunk:
            text = " ".join(to_latin(q.names[0]).replace("<", " ").lower().split())
            t0 = time.perf_counter()
            sims = process.cdist([text], names_proc, scorer=fuzz.token_sort_ratio, workers=2)[0]
            top = np.argpartition(-sims, 10)[:10]
            rf_times.append(time.perf_counter() - t0)
            rf_found += any(owner[int(idx)] == target for idx in top)
            t0 = time.perf_counter()
            hits = index.screen(q, threshold=0.0)
            our_times.append(time.perf_counter() - t0)
            our_found10 += any(h.entry_id == target for h in hits[:10])
            our_found_thr += any(h.entry_id == target and h.score >= thr for h in hits)
        k = max(1, len(chunk))
        print(
            f"  {label:9s} rapidfuzz recall@10 {rf_found / k:.3f} | index recall@10 "
            f"{our_found10 / k:.3f}, recall at threshold {thr:.2f} {our_found_thr / k:.3f}"
        )
    rf50, our50 = pct(rf_times, 50) * 1000, pct(our_times, 50) * 1000
    rf95, our95 = pct(rf_times, 95) * 1000, pct(our_times, 95) * 1000
    print(
        f"  latency rapidfuzz p50 {rf50:.1f} ms p95 {rf95:.1f} ms | index p50 {our50:.2f} ms "
        f"p95 {our95:.2f} ms on the same queries"
    )
    print(
        f"  speed ratio (rapidfuzz / index): {rf50 / our50:.0f}x at p50, {rf95 / our95:.0f}x at p95"
    )


def run_nomenklatura(
    index: ScreeningIndex, sets: dict[str, list[tuple[Query, str]]], sample: int, thr: float
) -> None:
    """nomenklatura ``logic-v2`` rescoring our top candidates (as yente does with its own)."""
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
    except ImportError:
        print("\nnomenklatura logic-v2: not installed (pip install -e '.[bench]'); skipped")
        return
    algo = get_algorithm("logic-v2")
    if algo is None:
        print("\nnomenklatura logic-v2: algorithm not found in this version; skipped")
        return
    config = algo.default_config()

    def entity(names: tuple[str, ...], birth: Any, nat: str | None, ident: str) -> Any:
        proxy = model.make_entity("Person")
        proxy.id = ident
        for n in names:
            proxy.add("name", n)
        if birth is not None:
            proxy.add("birthDate", str(birth))
        if nat:
            proxy.add("nationality", nat, quiet=True, fuzzy=True)
        return proxy

    print(
        f"\nnomenklatura logic-v2 rescoring the index's top {CANDIDATES_FOR_PEER} candidates "
        f"({sample} queries per set; correct when the target is ranked first and scores "
        f">= {LOGIC_V2_THRESHOLD}, logic-v2's usual match threshold); our own on the same:"
    )
    for label, items in sets.items():
        ok = ours = 0
        chunk = items[:sample]
        for q, target in chunk:
            cands = index.candidates(
                [normalise_name(n).parts for n in q.names],
                "",
                CANDIDATES_FOR_PEER,
                birth_date=q.birth_date,
            )
            qe = entity(q.names, q.birth_date, q.nationality, f"query-{q.id}")
            best = (-1.0, "")
            for e in cands.tolist():
                s = index.subject(e)
                ce = entity(
                    tuple(n for n, _ in s.names), s.birth_date, s.nationality, index.entry_id(e)
                )
                score = algo.compare(qe, ce, config).score
                if score > best[0]:
                    best = (score, index.entry_id(e))
            ok += best[1] == target and best[0] >= LOGIC_V2_THRESHOLD
            hits = index.screen(q)
            ours += bool(hits) and hits[0].entry_id == target and hits[0].score >= thr
        k = max(1, len(chunk))
        print(f"  {label:9s} logic-v2 accuracy {ok / k:.3f} | index {ours / k:.3f}")


def run_documents(n: int, rng_seed: int) -> None:
    rng = np.random.default_rng(rng_seed)
    letters = np.frombuffer(b"ABCDEFGHJKLMNPRTUVWXYZ0123456789", dtype=np.uint8)
    raw = letters[rng.integers(0, len(letters), size=(n, 9))]
    numbers = raw.copy().view("S9").ravel()
    states = np.array([s.encode() for s in NATIONALITIES], dtype="S3")[
        rng.integers(0, len(NATIONALITIES), n)
    ]
    t0 = time.perf_counter()
    docs = DocumentList.from_arrays(states, numbers)
    build = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.idx"
        docs.save(path)
        size = path.stat().st_size
        loaded = DocumentList.load(path)
        picks = rng.integers(0, n, 3000)
        queries = []
        for j, k in enumerate(picks.tolist()):
            num = numbers[k].decode()
            if j % 3 == 1:
                num = num.replace("0", "O", 1).replace("1", "I", 1)
            elif j % 3 == 2:
                num = "Q" + num[1:]
            queries.append((states[k].decode(), num))
        lat = []
        hits = 0
        for st, num in queries:
            t = time.perf_counter()
            hits += bool(loaded.lookup(st, num))
            lat.append(time.perf_counter() - t)
        dict_n = min(n, 2_000_000)
        table = {(states[i], numbers[i]): i for i in range(dict_n)}
        dl = []
        for st, num in queries:
            key = (st.encode(), num.encode())
            t = time.perf_counter()
            table.get(key)
            dl.append(time.perf_counter() - t)
    print(
        f"\ndocument list: {n:,} records, build {build:.1f} s, file {size / 1e6:.0f} MB; "
        f"lookup p50 {pct(lat, 50) * 1e6:.0f} us p95 {pct(lat, 95) * 1e6:.0f} us "
        f"(exact + OCR variants; {hits}/{len(queries)} found); "
        f"dict lookup over {dict_n:,} p50 {pct(dl, 50) * 1e6:.2f} us (exact only)"
    )


SWEEP = (0.70, 0.72, 0.74, 0.76, 0.78, 0.80, 0.82, 0.84, 0.86, 0.88, 0.90, 0.92, 0.94)


def rate(values: list[float], thr: float) -> float:
    return float(np.mean(np.array(values) >= thr)) if values else float("nan")


# Issue 17's recall targets, for the price line: what the innocents pay where each is met.
TARGETS = {"altered": 0.99, "arabic dob": 0.90, "arabic no dob": 0.80, "cyrillic dob": 0.90}


def wilson(p: float, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson interval of a proportion ``p`` of ``n``: 300 queries say a recall
    to about ±0.045, and a figure should say so."""
    if n == 0:
        return float("nan"), float("nan")
    mid = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return mid - half, mid + half


def price_of_targets(m: Measured, tag: str) -> None:
    """For each recall target: the highest threshold (0.005 grid) at which the set meets
    it, and how many innocents alert there: the trade the one threshold makes, read off
    the same run."""
    grid = np.round(np.arange(0.990, 0.495, -0.005), 3)
    for label, goal in TARGETS.items():
        if label not in m.target:
            continue
        t = next((float(g) for g in grid if rate(m.target[label], float(g)) >= goal), None)
        if t is None:
            print(f"  {tag}: {label} reaches {goal:.2f} at no threshold down to 0.50")
            continue
        script = (
            "arabic"
            if label.startswith("arabic")
            else "cyrillic"
            if label.startswith("cyrillic")
            else None
        )
        shown = ["latin dob", "latin no dob"] + (
            [f"{script} dob", f"{script} no dob", f"{script} in latin no dob"] if script else []
        )
        paid = ", ".join(
            f"{k} {rate(m.innocent[k], t) * 100:.2f} %" for k in shown if k in m.innocent
        )
        print(
            f"  {tag}: {label} reaches {goal:.2f} at threshold {t:.3f}; innocents alerting there: {paid}"
        )


def print_figures(world: World, m: Measured, thr: float, tag: str) -> None:
    """Every figure of a run, each with the data it comes from (``tag``: fit or report)."""
    src = world.sources
    print(f"\n{tag}: threshold {thr:.3f}, {len(world.entries):,} entries")
    for label, scores in m.target.items():
        scored = CANDIDATES_NO_BIRTH_DATE if label.endswith("no dob") else CANDIDATES
        kind = "latin" if label.startswith(("altered", "ofac alias")) else label.split()[0]
        data = (
            f"ofac_alt.csv: the a.k.a. names of the listed {src['ofac']}"
            if label.startswith("ofac alias")
            else f"English spellings of every script's tokens; {src['ofac']}; altered"
            if kind == "latin"
            else f"{src[kind]}, written in the script"
        )
        lo, hi = wilson(rate(scores, thr), len(scores))
        print(
            f"  {tag}: recall {label:16s} {rate(scores, thr):.3f} (95 % {lo:.3f} to {hi:.3f})  "
            f"retrieval@{scored} {np.mean(m.reached[label]):.3f}  ({len(scores)} queries; {data})"
        )
    for label, scores in m.target.items():
        namesakes = namesake_targets.get(label)
        if not namesakes or len(namesakes) != len(scores):
            continue
        hit = np.array(scores) >= thr
        bears = np.array(namesakes)
        print(
            f"  {tag}: recall {label:16s} where another listed entry bears the target's name "
            f"exactly (its parts in any order) {hit[bears].mean() if bears.any() else float('nan'):.3f} "
            f"({int(bears.sum())} queries), where none does "
            f"{hit[~bears].mean() if (~bears).any() else float('nan'):.3f} "
            f"({int((~bears).sum())})"
        )
    unlike = getattr(world, "unlike_aliases", set())
    for label in ("ofac alias dob", "ofac alias no dob"):
        qs = world_queries.get(label, [])
        if label not in m.target or len(qs) != len(m.target[label]):
            continue
        hit = np.array(m.target[label]) >= thr
        other = np.array([q.id in unlike for q in qs])
        print(
            f"  {tag}: recall {label:16s} where the alias shares a part's first three letters "
            f"with the listed name {hit[~other].mean() if (~other).any() else float('nan'):.3f} "
            f"({int((~other).sum())} queries), where it shares none (another name, mostly) "
            f"{hit[other].mean() if other.any() else float('nan'):.3f} ({int(other.sum())})"
        )
    for label, best in m.innocent.items():
        kind = label.split()[0]
        data = (
            src["latin"]
            if kind == "latin"
            else f"the {kind} innocents' names in their English spelling"
            if " in latin" in label
            else f"names composed from {src[kind]}"
        )
        n = len(best)
        k = int(np.sum(np.array(best) >= thr))
        ids = innocent_ids.get(label, [])
        namesakes = getattr(world, "namesakes", set())
        borne = ""
        if kind != "latin" and len(ids) == n:
            alike = [i in namesakes for i in ids]
            alerting = sum(a for a, b in zip(alike, best, strict=True) if b >= thr)
            borne = f"; {sum(alike)} bear a listed name exactly, {alerting} of them alerting"
        print(
            f"  {tag}: innocents alerting {label:16s} {rate(best, thr) * 100:.3f} %  "
            f"({k} of {n:,}; {data}{borne})"
        )
    print(
        f"  {tag}: latency per screening p50 {pct(m.latency, 50) * 1000:.2f} ms  "
        f"p95 {pct(m.latency, 95) * 1000:.2f} ms  ({len(m.latency):,} screenings, one process)"
    )
    if m.cpu:
        print(
            f"  {tag}: CPU time per screening p50 {pct(m.cpu, 50) * 1000:.2f} ms  "
            f"p95 {pct(m.cpu, 95) * 1000:.2f} ms  (thread CPU time; load average now "
            f"{os.getloadavg()[0]:.1f})"
        )
    print(f"\n{tag}: the price of each recall target (the same run)")
    price_of_targets(m, tag)
    print(f"\n{tag}: sweep (threshold: recall per set | innocents alerting %)")
    print("  sets: " + ", ".join(m.target) + " | " + ", ".join(m.innocent))
    for t in SWEEP:
        r = " ".join(f"{rate(b, t):.3f}" for b in m.target.values())
        a = " ".join(f"{rate(b, t) * 100:.2f}" for b in m.innocent.values())
        print(f"  {t:.2f}: {r} | {a}")
    misses = (
        Counter(
            q.id.split(":")[1]
            for q, s in zip(world_queries["altered"], m.target["altered"], strict=True)
            if s < thr
        )
        if world_queries
        else Counter()
    )
    print(f"  {tag}: altered misses by alteration: {dict(sorted(misses.items()))}")


world_queries: dict[str, list[Query]] = {}
# Per recall set, per query: whether another listed entry bears the target's name
# exactly (World.targets_with_namesakes).
namesake_targets: dict[str, list[bool]] = {}
# The fit half's token pools, as Tokens.effective counts them (printed beside the
# report half's: main fills it).
fit_pool_sizes: dict[str, float] = {}
# The innocent queries' ids per set, in screening order (for World.namesakes).
innocent_ids: dict[str, list[str]] = {}


class _Saved:
    """What print_figures reads of a world, from a saved run."""

    def __init__(self, sources: dict[str, str], entries: int) -> None:
        self.sources = sources
        self.entries = range(entries)


def print_kinds() -> None:
    """The calibration in use (per kind, the offset of comparisons without a date, and
    the offsets by list size)."""
    for kind, params in KINDS.items():
        if len(params) in (2, 3) and kind not in (UNDATED, UNDATED_SIZES, LIST_SIZES):
            tail = (
                f", then {params[2]:.3f} off (its script's innocents, decision 226)"
                if len(params) == 3
                else ""
            )
            print(f"fit: kind {kind:9s} P(match) = sigma({params[0]:.2f}*s {params[1]:+.2f}){tail}")
    undated = tuple(KINDS.get(UNDATED, (0.0,)))
    print(f"fit: no birth date to compare: {undated[0]:.3f} off the calibrated score", end="")
    if len(undated) >= 4:
        print(
            f", in full from 10^{undated[3]:g} chance namesakes on the list, none at "
            f"10^{undated[2]:g} or fewer; {undated[1]:.3f} per name part on one side only"
            " (decision 197)"
        )
    else:
        print()
    for key, what in ((UNDATED_SIZES, "the undated offset"), (LIST_SIZES, "off every score")):
        sizes = tuple(KINDS.get(key, ()))
        if sizes:
            print(
                f"fit: {what} by list size (log10-interpolated, decision 206): "
                + ", ".join(
                    f"{sizes[i + 1]:.3f} at {sizes[i]:,.0f}" for i in range(0, len(sizes), 2)
                )
            )


def print_saved(path: Path, threshold: float, flat: float | None = None) -> None:
    """Print a run saved with --save-scores on the calibration now in fitted.py (or, with
    ``flat``, the same kinds with a flat undated offset, as before decision 197)."""
    with path.open("rb") as fh:
        saved = pickle.load(fh)  # noqa: S301 - a file this script wrote
    print(f"bench/screening.py --load-scores {path}: {saved['header']}")
    print(f"fit: calibration and threshold from {FITTED['fitted_on']}")
    print_kinds()
    world_queries["altered"] = [Query(i, ()) for i in saved["altered"]]
    # Runs saved before the split was saved print without it.
    namesake_targets.update(saved.get("namesake_targets", {}))
    kinds = dict(KINDS)
    tag = "report"
    if flat is not None:
        kinds[UNDATED] = (flat,)
        kinds.pop(UNDATED_SIZES, None)
        tag = f"report (flat undated offset {flat:.3f})"
        print(f"fit: kinds as above, but a flat {flat:.3f} off every score with no date to compare")
    m = recalibrate(saved["measured"], kinds, saved["entries"])
    print_figures(_Saved(saved["sources"], saved["entries"]), m, threshold, tag)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--report", action="store_true", help="measure on the report half (default)")
    ap.add_argument("--entries", type=int, default=1_000_000)
    ap.add_argument("--innocents", type=int, default=25_000, help="of the report half's 25,000")
    ap.add_argument("--queries", type=int, default=1000, help="queries per recall set")
    ap.add_argument("--peers", type=int, default=0, help="queries per set for rapidfuzz/logic-v2")
    ap.add_argument("--documents", type=int, default=0)
    ap.add_argument(
        "--retrieval",
        action="store_true",
        help="retrieval alone: recall@candidates, postings read and CPU, pruned against "
        "reading every posting; no scoring",
    )
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    ap.add_argument(
        "--index-cache",
        type=Path,
        help="load the report index from this file if it was built for the same entries, "
        "seed and normaliser; else build it and save it there",
    )
    ap.add_argument(
        "--save-scores",
        type=Path,
        help="screen with raw scores and save every hit here (pickle), so the run can be "
        "printed again on a later fit with --load-scores, without screening again",
    )
    ap.add_argument(
        "--load-scores",
        type=Path,
        help="print the figures of a run saved with --save-scores on the current fit",
    )
    ap.add_argument(
        "--flat-undated",
        type=float,
        help="with --load-scores: print the run with this flat undated offset instead of the "
        "fitted graded one (the calibration of decisions 188-193 for a comparison)",
    )
    args = ap.parse_args(argv)
    if args.load_scores is not None:
        print_saved(args.load_scores, args.threshold, args.flat_undated)
        return
    require_data()
    rng = random.Random(args.seed)
    print(
        f"bench/screening.py --report  {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  "
        f"seed {args.seed}  {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"fit: calibration and threshold from {FITTED['fitted_on']}")
    print_kinds()
    t0 = time.perf_counter()
    world = World("report", args.entries, rng)
    kinds = Counter(world.kind)
    print(
        f"report: generated {len(world.entries):,} entries in {time.perf_counter() - t0:.1f} s ("
        + ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items()))
        + ")"
    )
    for kind, text in world.sources.items():
        print(f"report: {kind:9s} data {text}")
    fit_pool_sizes.update({k: load_tokens(k, "fit")[0].effective() for k in world.tokens})
    for kind, tokens in world.tokens.items():
        print(
            f"report: {kind:9s} tokens {len(tokens.keys):,}, drawn by their counts as often "
            f"alike as {tokens.effective():,.0f} equally drawn (fit half: "
            f"{fit_pool_sizes.get(kind, 0):,.0f})"
        )
    version = f"report-{args.entries}-seed{args.seed}"
    cache = args.index_cache
    index, loaded = cached_index(world.entries, version, cache, "report")
    if loaded:
        print(f"report: index loaded from {cache} (built {index.meta['built_at']})")
    print(
        f"report: {index.meta['keys']:,} keys, {index.meta['postings']:,} postings, "
        f"{index.nbytes / 1e6:.0f} MB of arrays"
    )
    sets, negs = world.queries(rng, args.queries, args.innocents, in_latin=True)
    sets.update(world.alias_sets(rng, args.queries))
    world_queries["altered"] = [q for q, _ in sets["altered"]]
    for label in ("ofac alias dob", "ofac alias no dob"):
        world_queries[label] = [q for q, _ in sets[label]]
    innocent_ids.update({label: [q.id for q in qs] for label, qs in negs.items()})
    namesake_targets.update(world.targets_with_namesakes(sets))
    if args.retrieval:
        measure_retrieval(index, sets, negs)
        return
    if args.save_scores is not None:
        index.calibration = {}  # raw: put on a calibration when printed
    m = measure(index, sets, negs)
    if args.save_scores is not None:
        with args.save_scores.open("wb") as fh:
            pickle.dump(
                {
                    "header": f"report: {len(world.entries):,} entries, seed {args.seed}, "
                    f"normaliser {index.meta['normaliser_version']}, load average at start "
                    f"{os.getloadavg()[0]:.1f}",
                    "sources": world.sources,
                    "entries": len(world.entries),
                    "altered": [q.id for q in world_queries["altered"]],
                    "namesake_targets": namesake_targets,
                    "measured": m,
                },
                fh,
            )
        m = recalibrate(m, KINDS)
    print_figures(world, m, args.threshold, "report")
    if args.peers:
        peer_sets = {
            k: v
            for k, v in sets.items()
            if k in ("altered", "arabic dob", "cyrillic dob", "ofac alias dob")
        }
        run_rapidfuzz(index, world.entries, peer_sets, args.peers, args.threshold)
        run_nomenklatura(index, peer_sets, args.peers, args.threshold)
    if args.documents:
        run_documents(args.documents, args.seed)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
