"""Latin letter groups other scripts write as they are heard (issue 17, decision 0205).

Arabic and Russian writers render a Latin name by its sounds: the silent ``H`` of
``RHYS`` and ``BHUTTO``, the ``GH`` and ``WR`` of ``WRIGHT`` (``رايت``, ``Райт``), the ``L``
of ``WALKER`` (``ووكر``), a hard ``G`` as qaf (``قيدو`` / ``GUIDO``), French silent endings
(``Шевалье``, ``غالان``, ``Куанье``), and a Japanese name as Russian writes it (``Утида`` /
``UCHIDA``). Before decision 0205 each of the names below scored its part too low to
be matched, or its index shared no key with the written form.
"""

from __future__ import annotations

import pytest

from passage.core.names import normalise_name
from passage.core.names.keys import script_readings
from passage.core.screening import make_subject, score_subjects
from passage.core.screening.index import part_keys
from passage.core.screening.scoring import part_similarity, prepare_part


def _similarity(written: str, listed: str) -> float:
    (a,) = normalise_name(written).parts
    (b,) = normalise_name(listed).parts
    return part_similarity(prepare_part(a), prepare_part(b), across=True)[0]


@pytest.mark.parametrize(
    ("written", "listed", "part"),
    [
        ("بينظير بوتو", "Benazir Bhutto", "BWTW"),
        ("Райт Гибсон", "Wright Gibson", "RAYT"),
        ("جاك ووكر", "Jack Walker", "WWKR"),
        ("قيدو روسي", "Guido Rossi", "QYDW"),
        ("كلود غالان", "Claude Galland", "GHALAN"),
        ("Жан Шевалье", "Jean Chevalier", "SHEVALYE"),
        ("Клод Куанье", "Claude Coignet", "KUANYE"),
        ("Кэндзи Утида", "Kenji Uchida", "UTIDA"),
    ],
)
def test_a_latin_name_meets_the_letters_another_script_writes_for_its_sounds(
    written: str, listed: str, part: str
) -> None:
    scored = score_subjects(
        make_subject([written], None, None, ""),
        make_subject([listed], None, None, ""),
        calibration={},
    )
    assert scored is not None
    assert part in [a for a, _b, _s, _how in scored.name.pairs]
    assert not scored.name.unmatched_query and not scored.name.unmatched_entry
    assert scored.name.score >= 0.85


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        # A sounded letter is not silent: only the endings French leaves unsaid drop.
        ("Мартин", "MARTINEZ"),
        ("مارتن", "MARTINEZ"),
        # The Japanese reading is for spellings made of Japanese syllables only.
        ("Тарльз", "CHARLES"),
    ],
)
def test_letters_other_scripts_write_are_not_made_silent_beyond_the_rules(
    written: str, listed: str
) -> None:
    assert _similarity(written, listed) < 0.8


def test_the_japanese_reading_is_for_japanese_syllables_only() -> None:
    """CHRISTINA is no Japanese name: no reading writes its CHI as TI. (The case
    ``Тристина`` was compared above until decision 0220 gave CHRISTINA its English
    reading KRISTINA, one letter from TRISTINA, which meets it as a Latin typo would.)"""
    assert not any("TI" in r[:4] for r in script_readings("CHRISTINA"))
    assert "KRISTINA" in script_readings("CHRISTINA")


def test_the_new_readings_do_not_touch_two_latin_names() -> None:
    entry = make_subject(["Warren Wright"], None, None, "")
    latin = score_subjects(make_subject(["Uorren Rayt"], None, None, ""), entry, calibration={})
    cyrillic = score_subjects(make_subject(["Уоррен Райт"], None, None, ""), entry, calibration={})
    assert latin is not None and cyrillic is not None
    assert all(how != "reading" for *_x, how in latin.name.pairs)
    assert cyrillic.name.score > latin.name.score + 0.1


def test_retrieval_files_the_letters_another_script_writes() -> None:
    """The index meets the written forms through shared keys (names-8)."""

    def keys(name: str) -> set[str]:
        (part,) = normalise_name(name).parts
        return part_keys(part)

    assert "D:RAYT" in keys("WRIGHT") & keys("Райт")
    assert "D:UTIDA" in keys("UCHIDA") & keys("Утида")
    assert "D:GALLAN" in keys("GALLAND") & keys("Галлан")
    assert "S:RS" in keys("RHYS") & keys("ريس")
    assert "S:KD" in keys("GUIDO") & keys("قيدو")
