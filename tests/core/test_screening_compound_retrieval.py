"""Retrieval of a Persian compound given name written as one word, which a Latin list
writes as two names (decision 266).

Scoring met these (``محمدرضا`` against ``MOHAMMAD REZA``, a joined pair), but
retrieval looked the word up by its own skeleton only, which no listed part holds. So
in the report world's 200,000 entries (``bench/screening_real_names.py --in-list``,
no birth date) ``محمدرضا پهلوی``, ``میرحسین موسوی`` and ``حسین امیرعبداللهیان`` were never
scored.
"""

from __future__ import annotations

import pytest

from passage.core.names import normalise_name
from passage.core.screening import AlertEntry, ScreeningIndex, make_query
from passage.core.screening.index import compound_halves

FILLER = ("Adams", "Baker", "Clark", "Davis", "Evans", "Fisher", "Grant", "Hayes")


def _among(target: str, surname_like: list[str], given: str) -> ScreeningIndex:
    """``target`` (entry ``E0``, last) among 200 entries bearing names the query's
    family name meets by its skeleton (more than the candidates and their ties scored
    without a birth date), and 2,200 bearing its common ``given`` name only."""
    near = [f"{surname_like[i % len(surname_like)]} {FILLER[i % 8]}{i}" for i in range(200)]
    common = [f"{given} {FILLER[i % 8]}{i}" for i in range(2200)]
    entries = [AlertEntry(f"E{i}", (name,)) for i, name in enumerate([*near, *common], 1)]
    return ScreeningIndex.build([*entries, AlertEntry("E0", (target,))])


@pytest.mark.parametrize(
    ("written", "target", "surname_like", "given"),
    [
        ("محمدرضا پهلوی", "Mohammad Reza PAHLAVI", ["Flavio", "Bahlul", "Pahl"], "Mohammad"),
        ("میرحسین موسوی", "Mir Hossein MOUSAVI", ["Musa", "Moses", "Mousa"], "Hossein"),
        ("غلامرضا کریمی", "Gholam Reza KARIMI", ["Karim", "Kareem", "Krimi"], "Reza"),
    ],
)
def test_a_compound_written_as_one_word_is_retrieved(
    written: str, target: str, surname_like: list[str], given: str
) -> None:
    index = _among(target, surname_like, given)
    names = [normalise_name(written).parts]
    found = index.candidates(names, "", index.limit_for(None), birth_date=None)
    assert "E0" in [index.entry_id(int(e)) for e in found.tolist()]
    hits = index.screen(make_query("Q1", [written]), threshold=0.0)
    assert hits[0].entry_id == "E0"


@pytest.mark.parametrize(
    "written",
    ["محمدزاده", "محمدپور", "محمدیان", "میرزایی", "میرزا", "محمدی", "علیزاده", "عبد محمد"],
)
def test_a_family_name_ending_is_not_a_name(written: str) -> None:
    assert compound_halves(normalise_name(written).parts[0]) == []


@pytest.mark.parametrize(
    "written",
    ["میرحسینی", "غلامرضایی", "سیدجوادی", "علیمردانی", "محمدنیا", "محمدوند", "محمدی‌فر"],
)
def test_a_family_name_made_of_a_compound_is_not_cut(written: str) -> None:
    # Mirhosseini, Gholamrezaei, Seyedjavadi, Alimardani: a compound and the nisba's ya;
    # Mohammadnia, Mohammadvand, Mohammadifar (a helper's review).
    assert compound_halves(normalise_name(written).parts[0]) == []


@pytest.mark.parametrize(
    "written", ["ميراندا", "ميريام", "أليسون", "إليزابيث", "اليستر", "سيدريك", "מירקין"]
)
def test_a_latin_name_written_in_the_script_is_not_cut(written: str) -> None:
    # Miranda, Miriam (MYR before a vowel); Alison, Elizabeth, Alistair (ALY after alif,
    # not ayn); Cedric, Hebrew Mirkin (three letters after SYD, MYR).
    assert compound_halves(normalise_name(written).parts[0]) == []


def test_the_halves_are_read_from_the_readings_too() -> None:
    # محمدعلی: the ayn inside the word is left out of the frame (MHMDLY), and its
    # reading keeps it (MHMDaLY): ALI is ALY.
    assert compound_halves(normalise_name("محمدعلی").parts[0]) == ["MHMD", "ALY"]
