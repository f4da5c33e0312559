"""Urdu and Persian spellings of compound names (decision 258).

Pakistan and Bangladesh often write the Arabic article glued on the name before it
(Fazlur Rehman, Mujibur Rahman, Ziaul Haq), where the script and other spellings write it
apart (فضل الرحمن, Fazl-ur-Rehman). Persian and Pashto end the first word of a compound
with a ha before a zero-width non-joiner (تره‌کی, Taraki), a vowel that the Latin
spellings write. A Persian reading with no long vowel (فضل read FZL) met no spelling.
"""

from __future__ import annotations

import pytest
from name_pairs import score, similarity

from passage.core.names import normalise_name
from passage.core.screening.calibration import FITTED_THRESHOLD


@pytest.mark.parametrize(
    ("spelt", "alternate"),
    [
        ("Fazlur Rehman", "FAZL"),
        ("Mujibur Rahman", "MUJIB"),
        ("Asaduz Zaman", "ASAD"),
        ("Ziaul Haq", "ZIA"),
        ("Nurul Islam", "NUR"),
    ],
)
def test_a_glued_article_is_read_off(spelt: str, alternate: str) -> None:
    assert alternate in normalise_name(spelt).parts[0].forms()


@pytest.mark.parametrize(
    "spelt",
    [
        "Mansur Ali",
        "Nasrul Smith",
        "Omar Rahman",
        "Paul Haq",
        "Timur Rahman",
        "Rasul Hassan",
        "Mansur Rahman",
        "Yunus Sattar",
        "Harun Nasir",
        "Arthur Rahman",
        "TIMUR<<RAHMAN",
    ],
)
def test_only_before_the_nouns_that_take_it(spelt: str) -> None:
    # Nasrul before Smith: no noun; and TIMUR, RASUL, MANSUR, YUNUS, HARUN and ARTHUR
    # only end as a glued article does: TIM, RAS, MANS… are not the names such
    # compounds start with (a helper's review found them read so).
    assert normalise_name(spelt).parts[0].alternates == ()


def test_glued_and_apart_are_one_spelling() -> None:
    assert score("Fazl ur Rehman", "Fazlur Rehman") >= 0.9
    for query, entry in (
        ("فضل الرحمن خلیل", "Fazlur Rehman KHALIL"),
        ("Fazlur Rehman KHALIL", "فضل الرحمن خلیل"),
    ):
        assert score(query, entry) >= FITTED_THRESHOLD


def test_a_ha_before_a_joiner_is_read_both_ways() -> None:
    (taraki,) = normalise_name("تره‌کی").parts
    assert "TRAKY" in taraki.forms()
    assert score("نور محمد تره‌کی", "Nur Muhammad Taraki") >= FITTED_THRESHOLD
    # A ha that is a consonant (Rahnavard, Behazin) still meets its spelling.
    assert score("زهرا ره‌نورد", "Zahra Rahnavard") >= FITTED_THRESHOLD
    assert score("محمود به‌آذین", "Mahmoud Behazin") >= FITTED_THRESHOLD
    # After alif it is the consonant of Shah, after lam that of Allah: no other reading.
    assert normalise_name("شاه‌محمد").parts[0].alternates == ()
    assert normalise_name("عبدالله‌زاده").parts[0].text.startswith("ABDLH")


def test_a_persian_reading_without_a_long_vowel() -> None:
    assert similarity("فضل", "FAZL")[0] >= 0.9
    # Its Z is zad's, not a sin: FASL is another name.
    assert similarity("فضل", "FASL")[0] < 0.8


def test_abd_with_its_article_is_the_abd_rules() -> None:
    # العبد الله (Al-Abdullah, a Jordanian family name) was joined as X ALLAH, ABDULLAH with
    # Latin vowels in a consonant frame, and met the Latin spelling at 0.78.
    assert [p.text for p in normalise_name("رانيا العبد الله").parts] == ["RANYA", "ABDLH"]
    assert score("رانيا العبد الله", "Rania Al-Abdullah") >= FITTED_THRESHOLD
    # Alone or last, العبد is a name (Al-Abd).
    assert [p.text for p in normalise_name("محمد العبد").parts] == ["MHMD", "ABD"]
