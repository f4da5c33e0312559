"""The synthetic population: seeded, exact, chronological, realistic enough to demo."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from datetime import date

import pytest

from passage.core.synthetic import PROFILES, Population, SyntheticCrossing

REF = date(2025, 12, 31)


@pytest.fixture(scope="module")
def sample() -> list[SyntheticCrossing]:
    return list(Population(11, reference_date=REF).crossings(40_000))


def _script(text: str) -> str:
    for ch in text:
        if ch.isalpha():
            return unicodedata.name(ch).split()[0]
    return ""


def test_same_seed_same_output_different_seed_different() -> None:
    a = list(Population(3, reference_date=REF).crossings(2_000))
    b = list(Population(3, reference_date=REF).crossings(2_000))
    c = list(Population(4, reference_date=REF).crossings(2_000))
    assert a == b
    assert a != c


@pytest.mark.parametrize("total", [0, 1, 7, 1_234])
@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_exact_total_and_chronological(total: int, profile: str) -> None:
    seen: list[int] = []
    out = list(Population(5, profile, REF).crossings(total, seen.append, progress_every=100))
    assert len(out) == total
    assert [c.sequence for c in out] == list(range(total))
    assert all(x.at <= y.at for x, y in itertools.pairwise(out))
    assert all(c.at.tzinfo is not None and c.at.date() <= REF for c in out)
    assert seen[-1] == total


def test_directions_alternate_per_person(sample: list[SyntheticCrossing]) -> None:
    """Nationals leave then return; foreigners enter then leave; refused stay outside."""
    inside: dict[int, bool] = {}
    entry_of: dict[int, int] = {}
    without_entry = 0
    foreigners = set()
    for c in sample:
        p = c.person.number
        national = c.person.nationality == "UTO"
        if not national:
            foreigners.add(p)
        state = inside.get(p, national)
        if c.direction == "exit":
            if not state:
                assert not national and c.closes is None and p not in inside
                without_entry += 1
            elif not national:
                assert c.closes == entry_of[p]
            inside[p] = False
        else:
            assert not state
            inside[p] = c.decision != "refused"
            if c.decision != "refused" and not national:
                entry_of[p] = c.sequence
                assert c.authorised_until is not None and c.authorised_until >= c.at.date()
    assert 0 < without_entry < 0.02 * len(foreigners)


def test_scripts_and_latin_forms(sample: list[SyntheticCrossing]) -> None:
    persons = {c.person.number: c.person for c in sample}.values()
    scripts = Counter(_script(p.primary_native) for p in persons if p.primary_native)
    assert {"ETHIOPIC", "ARABIC", "CYRILLIC", "LATIN"} <= set(scripts)
    for p in persons:
        assert re.fullmatch(r"[A-Z]+( [A-Z]+)*", p.primary_latin), p
        assert re.fullmatch(r"[A-Z]+( [A-Z]+)*", p.secondary_latin), p
    assert any(p.primary_native == "Petrović" or "ć" in p.primary_native for p in persons)


def test_weekly_rhythm(sample: list[SyntheticCrossing]) -> None:
    fri_sun = sum(1 for c in sample if c.at.weekday() in (4, 6))
    assert fri_sun / len(sample) > 2 / 7 + 0.03


def test_partial_birth_dates_expired_documents_refusals(sample: list[SyntheticCrossing]) -> None:
    persons = {c.person.number: c.person for c in sample}.values()
    assert any(len(p.birth_date) == 4 for p in persons)
    assert any(len(p.birth_date) == 7 for p in persons)
    expired = [c for c in sample if c.document.expiry_date and c.document.expiry_date < c.at.date()]
    assert 0 < len(expired) < 0.1 * len(sample)
    refused = [c for c in sample if c.decision == "refused"]
    assert refused and all(c.refusal_grounds for c in refused)
    assert all(set(c.refusal_grounds) <= set("ABCDEFGHI") for c in refused)
    assert any(c.decision == "secondary" for c in sample)
    assert {c.document.kind for c in sample} >= {"passport", "id_card", "none"}


def test_frequent_travellers_and_transport(sample: list[SyntheticCrossing]) -> None:
    per_person = Counter(c.person.number for c in sample)
    assert per_person.most_common(1)[0][1] >= 20
    for c in sample:
        if c.crossing_point == "UTO-AIR":
            assert c.transport_mode == "air" and re.fullmatch(r"[A-Z]{2}\d{3}", c.vehicle)
        elif c.crossing_point == "UTO-RAIL":
            assert c.transport_mode == "rail"


def test_persons_stream_is_seeded() -> None:
    a = [p for _, p in zip(range(50), Population(1).persons(), strict=False)]
    b = [p for _, p in zip(range(50), Population(1).persons(), strict=False)]
    assert a == b and [p.number for p in a] == list(range(50))
