"""Retrieval that skips reading the common names' postings finds what reading them finds.

At 1,000,000 entries most postings a query reads belong to its common parts (MOHAMMAD,
ALI, their one-letter deletions and skeletons). ``ScreeningIndex.candidates`` reads the
cheap groups of keys first and, once it knows ``limit`` entries score at least θ, only
searches the read-heavy groups that cannot lift an unseen entry to θ for the entries
that can still make it. ``exhaustive`` reads every posting: the two must give the same
candidates, in the same order, for every query (issue 17: no true entry lost behind a
common name), while the pruned one reads fewer postings.
"""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest

from passage.core.names import normalise_name
from passage.core.screening import ScreeningIndex, make_entry, make_query, parse_birth_date
from passage.core.screening import index as index_module
from passage.core.screening.index import GROUP_CACHE, PRUNE_FROM, twins
from passage.core.synthetic import Population

COMMON_GIVEN = ["MOHAMMAD", "MOHAMMED", "ALI", "AHMAD", "MARIA", "JOHN"]
COMMON_SURNAMES = ["HASSAN", "KHAN", "SMITH", "GARCIA"]


def _name(p) -> str:
    return f"{p.secondary_latin} {p.primary_latin}".strip()


@pytest.fixture(scope="module")
def world():
    rng = random.Random(7)
    people = Population(seed=31, reference_date=date(2025, 12, 31)).persons()
    entries, names = [], []
    for n in range(4000):
        p = next(people)
        name = _name(p)
        r = rng.random()
        if r < 0.35:  # a common given name in front: thousands share it
            name = f"{rng.choice(COMMON_GIVEN)} {name}"
        elif r < 0.5:  # common given name and common surname, a rarer part between
            name = f"{rng.choice(COMMON_GIVEN)} {p.primary_latin} {rng.choice(COMMON_SURNAMES)}"
        native = f"{p.secondary_native} {p.primary_native}".strip()
        aliases = [name] + ([native] if n % 7 == 0 and native != _name(p) else [])
        birth = p.birth_date if n % 3 else (p.birth_date[:4] if n % 2 else None)
        entries.append(make_entry(f"E{n}", aliases, birth, p.nationality))
        names.append((name, native, p.birth_date))
    index = ScreeningIndex.build(entries, list_version="retrieval-test")
    queries = []
    for i in range(240):
        name, native, birth = names[rng.randrange(len(names))]
        kind = i % 6
        if kind == 1:  # a slip in one part
            k = rng.randrange(1, len(name) - 1)
            name = name[:k] + name[k + 1] + name[k] + name[k + 2 :]
        elif kind == 2:  # only the common given name and the surname
            parts = name.split()
            name = f"{parts[0]} {parts[-1]}"
        elif kind == 3 and native:  # the document's own script
            name = native
        elif kind == 4:  # a namesake: common given name, a surname the list may not hold
            name = f"{rng.choice(COMMON_GIVEN)} {rng.choice(COMMON_SURNAMES)}"
        when = None if i % 4 == 0 else (birth[:4] if i % 4 == 1 else birth)
        queries.append(make_query(f"q{i}", [name], when))
    return index, queries


def _candidates(index: ScreeningIndex, query) -> list[int]:
    names = [normalise_name(n).parts for n in query.names]
    return index.candidates(
        names, "", index.limit_for(query.birth_date), birth_date=query.birth_date
    ).tolist()


def test_pruned_retrieval_gives_the_exhaustive_candidates_and_reads_less(world) -> None:
    index, queries = world
    # A small list has short postings: let the pruning start where it does at scale.
    index.prune_from = 40
    index.postings_read()
    index.exhaustive = True
    everything = [_candidates(index, q) for q in queries]
    read_all = index.postings_read()
    index.exhaustive = False
    pruned = [_candidates(index, q) for q in queries]
    read_pruned = index.postings_read()
    index.prune_from = PRUNE_FROM
    assert pruned == everything
    full = [len(c) >= index.limit_for(q.birth_date) for c, q in zip(pruned, queries, strict=True)]
    assert sum(full) > 200
    assert read_pruned < 0.8 * read_all, (read_pruned, read_all)
    print(f"postings read: {read_pruned:,} pruned, {read_all:,} exhaustive")
    acc, _mark = index._scratch()
    assert not acc.any()


def test_ties_at_the_last_place_keep_the_lower_entry_numbers() -> None:
    """Twenty namesakes with nothing else to tell them apart, more than the tie may add:
    the candidates are the first ones listed, whatever order the postings were read in."""
    entries = [make_entry(f"N{i}", ["Karim Haddad"]) for i in range(20)]
    index = ScreeningIndex.build(entries)
    index.candidate_limit = index.candidate_limit_no_birth_date = 5
    index.candidate_tied = 8
    hits = index.screen(make_query("q", ["Karim Haddad"]), threshold=0.0)
    assert [h.entry_id for h in hits] == [f"N{i}" for i in range(8)]
    # With a birth date (none listed here) the tie is cut at the limit.
    hits = index.screen(make_query("q", ["Karim Haddad"], "1970"), threshold=0.0)
    assert [h.entry_id for h in hits] == [f"N{i}" for i in range(5)]


def test_ties_go_first_to_names_of_the_query_s_number_of_parts() -> None:
    """Decision 238: among entries the query's parts reach alike, those with a name of as
    many parts as the query's come first, then those one part off; the scorer counts a
    part left over against the others. An alias of the right length counts."""
    fourth = ["Omar", "Samir", "Nabil", "Walid", "Fadi", "Rami"]
    entries = [make_entry(f"L{i}", [f"Yaman Karim Haddad {w}"]) for i, w in enumerate(fourth)]
    entries += [make_entry(f"M{i}", ["Yaman Karim Haddad"]) for i in range(3)]
    entries.append(make_entry("ALIAS", ["Yaman Karim Haddad Tarek Aziz", "Yaman Tarek"]))
    entries.append(make_entry("TWO", ["Yaman Tarek"]))
    index = ScreeningIndex.build(entries)
    names = [normalise_name("Abu Yaman").parts]
    ids = [index.entry_id(e) for e in index.candidates(names, "", 3, tied=3).tolist()]
    assert ids == ["ALIAS", "TWO", "M0"]


@pytest.mark.parametrize("query", ["علي علي", "Ali Ali", "Aly Ali", "Ali Hassan Ali"])
def test_a_name_borne_twice_reaches_the_entries_bearing_it_twice(query) -> None:
    """Decision 237: the second ALI of ``علي علي`` is a part of its own, so the entry
    bearing ALI twice goes before the many bearing it once, listed earlier; in a query
    whose other part is borne by all, the name twice still parts them."""
    surnames = ["Hassan", "Haddad", "Mansour", "Nasser", "Saleh", "Khalil", "Aziz", "Karim"]
    entries = [make_entry(f"N{i}", [f"Ali {w}"]) for i, w in enumerate(surnames)]
    entries += [make_entry(f"H{i}", [f"Ali Hassan {w}"]) for i, w in enumerate(surnames)]
    entries.append(make_entry("TWICE", ["Ali Hassan Ali" if "Hassan" in query else "Ali Ali"]))
    index = ScreeningIndex.build(entries)
    names = [normalise_name(query).parts]
    ids = [index.entry_id(e) for e in index.candidates(names, "", 3, tied=3).tolist()]
    assert ids[0] == "TWICE"
    hits = index.screen(make_query("q", [query]), threshold=0.0)
    assert hits[0].entry_id == "TWICE"


def test_a_name_borne_twice_takes_nothing_from_entries_bearing_it_once() -> None:
    """A helper's review of decision 237: the second ALI of ``Ali Hassan Ali`` once raised
    the query's total, so every entry without it lost pre-score beside its birth-date
    adjustment (a listed ``Ali HASSAN`` born far from the query fell behind others born
    that year). The twin adds to the entries bearing it and takes nothing from the rest."""
    entries = [make_entry("A", ["Ali Hassan"], "1950"), make_entry("B", ["Ali Karim"], "1970")]
    entries.append(make_entry("TWICE", ["Ali Hassan Ali"], "1930"))
    fillers = ["Haddad", "Mansour", "Nasser", "Saleh", "Khalil", "Aziz", "Omar", "Yusuf"]
    entries += [make_entry(f"F{i}", [f"Samir {w} Hassan"], "1990") for i, w in enumerate(fillers)]
    index = ScreeningIndex.build(entries)

    def pre_scores(query: str) -> dict[str, float]:
        groups, total = index.plan([normalise_name(query).parts])
        return {
            index.entry_id(e): sum(w for spans, w in groups if e in index._group_entries(spans))
            / total
            for e in range(index.n_entries)
        }

    twice, once = pre_scores("Ali Hassan Ali"), pre_scores("Ali Hassan")
    assert twice["TWICE"] > once["TWICE"]
    assert {k: v for k, v in twice.items() if k != "TWICE"} == {
        k: v for k, v in once.items() if k != "TWICE"
    }
    born = parse_birth_date("1970")
    names = [normalise_name("Ali Hassan Ali").parts]
    ids = [index.entry_id(e) for e in index.candidates(names, "", 3, born, tied=3).tolist()]
    assert ids[0] == "TWICE" and set(ids[1:]) == {"A", "B"}
    # And two names sharing a skeleton are not one name borne twice.
    assert not twins(normalise_name("Hassan Hussein").parts)
    assert not twins(normalise_name("حسن حسين").parts)
    assert not twins(normalise_name("Pierre Weber").parts)


def test_entries_tied_with_the_last_candidate_are_candidates_too() -> None:
    """Decision 0203: the name cannot rank namesakes, so a tie at the last place is
    scored whole (up to ``candidate_tied``) rather than cut by entry number; an entry
    that scores less than the last one taken is not added."""
    entries = [make_entry(f"N{i}", ["Karim Haddad"]) for i in range(20)]
    entries.append(make_entry("OTHER", ["Karim Hadid"]))
    index = ScreeningIndex.build(entries)
    index.candidate_limit = index.candidate_limit_no_birth_date = 5
    names = [normalise_name("Karim Haddad").parts]
    ids = [index.entry_id(e) for e in index.candidates(names, "", 5).tolist()]
    assert ids == [f"N{i}" for i in range(20)]
    assert [index.entry_id(e) for e in index.candidates(names, "", 5, tied=5).tolist()] == ids[:5]


def _by_definition(index: ScreeningIndex, query) -> list[int]:
    """The candidates as the module docstring defines them, the slow way: each group's
    weight (float32, in the groups' order) for every entry any key of the group holds,
    over the best name's weight, plus the birth-date adjustment; the best ``limit``,
    ties to the entry with a name of the query's number of parts or nearest to it, then
    to the lower entry number (decision 238)."""
    names = [normalise_name(n).parts for n in query.names]
    groups, total = index.plan(names)
    holders = [
        {int(e) for a, b in spans for e in index.postings[a:b].tolist()} for spans, _w in groups
    ]
    met = sorted(set().union(*holders))
    summed = np.zeros(len(met), dtype=np.float32)
    for (_spans, w), held in zip(groups, holders, strict=True):
        summed += np.array([np.float32(w) if e in held else np.float32(0) for e in met])
    entries = np.array(met, dtype=np.int32)
    score = summed.astype(np.float64) / total + index._birth_adjustment(entries, query.birth_date)
    name_start, part_start = index._a["entry_name_start"], index._a["name_part_start"]
    sizes = [len(parts) for parts in names]

    def gap(e: int) -> int:
        return min(
            abs(int(part_start[n + 1] - part_start[n]) - size)
            for n in range(int(name_start[e]), int(name_start[e + 1]))
            for size in sizes
        )

    order = sorted(range(len(met)), key=lambda i: (-score[i], gap(met[i]), met[i]))
    take = min(index.limit_for(query.birth_date), len(order))
    if take and query.birth_date is None:
        # Then the entries tied with the last one (decision 0203), up to candidate_tied.
        floor = score[order[take - 1]] - index.tie_slack - 1e-4
        while take < min(len(order), index.candidate_tied) and score[order[take]] >= floor:
            take += 1
    return [met[i] for i in order[:take]]


@pytest.mark.parametrize("kept", [GROUP_CACHE, 3_000])
def test_candidates_are_those_of_the_definition_whatever_the_engine_kept(
    world, monkeypatch, kept
) -> None:
    """The groups merged once and kept for the next queries (and dropped when the store is
    full: 3,000 entry numbers hold a few groups only) change nothing: every query's
    candidates are those the definition gives, pruned or not."""
    index, queries = world
    monkeypatch.setattr(index_module, "GROUP_CACHE", kept)
    index._group_cache.clear()
    index._group_cached = 0
    index.prune_from = 40
    try:
        for q in queries[::3]:
            expected = _by_definition(index, q)
            assert _candidates(index, q) == expected, q
            assert _candidates(index, q) == expected, q  # again, its groups kept
    finally:
        index.prune_from = PRUNE_FROM
    assert index._group_cached <= max(kept, max(map(len, index._group_cache.values())))
    assert index._group_cached == sum(map(len, index._group_cache.values()))
