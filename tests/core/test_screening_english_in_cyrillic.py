# ruff: noqa: RUF001, RUF002 -- names in Cyrillic script on purpose
"""English names as Russian writes them heard (issue 17, decision 0220).

Russian renders an English name by its sounds: the long vowel before a silent final E
(``Джеймс`` / James, ``Кейт`` / Kate, ``Джин`` / Gene), ``AY`` as ``ЕЙ`` (``Рэй`` / Ray),
``EE`` and a final ``Y`` as ``И`` (``Ли`` / Lee, ``Бэрри`` / Barry), ``OO`` as ``У``
(``Мур`` / Moore), ``X`` as ``КС``, ``QU`` as ``КВ``, and the ``H`` of English and German
names often as ``Г`` (``Гарри`` / Harry, ``Герман`` / Hermann). Before decision 0220 each
pair below met at 0.60-0.84, or not at all (``Ли``, ``Джин``, ``Кейт``, ``Дэйв``).
"""

from __future__ import annotations

import name_pairs
import pytest

from passage.core.names import normalise_name
from passage.core.names.keys import script_readings
from passage.core.screening.calibration import FITTED_THRESHOLD


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("Джеймс", "JAMES"),
        ("Нэнси", "NANCY"),
        ("Бэрри", "BARRY"),
        ("Энди", "ANDY"),
        ("Рэй", "RAY"),
        ("Хэйес", "HAYES"),
        ("Герман", "HERMANN"),
        ("Гарри", "HARRY"),
        ("Уильям", "WILLIAM"),
        ("Жак", "JACQUES"),
        ("Джин", "GENE"),
        ("Феликс", "FELIX"),
        ("Ли", "LEE"),
        ("Мур", "MOORE"),
        ("Дэйв", "DAVE"),
        ("Кейт", "KATE"),
        ("Квентин", "QUENTIN"),
        ("Майкл", "MICHAEL"),
        ("Уэйд", "WADE"),
        ("Крэйг", "CRAIG"),
        ("Мэттью", "MATTHEW"),
        ("Джэми", "JAMIE"),
        ("Харви", "HARVEY"),
        ("Крис", "CHRIS"),
        ("Эндрю", "ANDREW"),
        ("Карл", "CARL"),
        # Decision 222: C and G before a silent E stay soft; a silent E after two
        # consonants; an initial MC as MAK.
        ("Райс", "RICE"),
        ("Грейс", "GRACE"),
        ("Пейдж", "PAGE"),
        ("Лэнс", "LANCE"),
        ("Джойс", "JOYCE"),
        ("Бридж", "BRIDGE"),
        ("Маккартни", "MCCARTNEY"),
        ("Макдональд", "MCDONALD"),
        ("Маккейб", "MCCABE"),
        ("Макги", "MCGEE"),
        ("Гейдж", "GAGE"),
        # A German name's final E is sounded: the reading that keeps it stays.
        ("Айке", "EICKE"),
        ("Райнке", "REINCKE"),
    ],
)
def test_an_english_name_meets_its_russian_writing(written: str, listed: str) -> None:
    similarity, how = name_pairs.similarity(written, listed)
    assert similarity >= 0.87 and how == "reading", (written, listed, similarity, how)


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("Джеймс Мур", "James Moore"),
        ("Гарри Ли", "Harry Lee"),
        ("Майкл Джексон", "Michael Jackson"),
        ("Нэнси Уильямс", "Nancy Williams"),
    ],
)
def test_an_english_name_in_cyrillic_alerts_without_a_birth_date(written: str, listed: str) -> None:
    assert name_pairs.score(written, listed) >= FITTED_THRESHOLD, (written, listed)


def test_h_read_as_g_is_compared_letter_for_letter_only() -> None:
    """HELEN read GELEN has the skeleton of the Arabic عجلان (AJLAN): a first version
    let ``مرشد العجلان`` meet Helen Mehrzad by it (a Latin innocent of the fit half)."""
    assert name_pairs.similarity("عجلان", "HELEN")[0] < 0.7
    assert name_pairs.similarity("Гелен", "HELEN")[1] == "reading"


def test_von_in_cyrillic_is_the_particle() -> None:
    von = normalise_name("фон Менотти").parts[0]
    assert (von.text, von.kind) == ("VON", "particle")


def test_the_readings_keep_what_russian_does_not_change() -> None:
    """The silent H of JOHN is no G; WRIGHT's IGH is still AY, not EY; a Y between vowels
    is not a vowel of the long-vowel rule (HAYES is KHEYES, not KHIYS)."""
    assert "JOGN" not in script_readings("JOHN")
    assert script_readings("WRIGHT")[0] == "RAYT"
    assert script_readings("HAYES")[0] == "KHEYES"


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("Джин", "JANE"),
        ("Джин", "JOHN"),
        ("Джеймс", "JAMAL"),
        ("Рэй", "ROY"),
        ("Ли", "LIU"),
    ],
)
def test_other_names_do_not_meet_through_the_readings(written: str, listed: str) -> None:
    assert name_pairs.similarity(written, listed)[0] < 0.87, (written, listed)


def test_mc_is_written_as_mac_in_arabic_script() -> None:
    """Arabic script writes the MC of Scottish and Irish names as ماك (decision 222):
    ``ماكنتاير`` met MCENTYRE at 0.74, its skeleton read MSNTR."""
    for written, listed in [
        ("ماكنتاير", "MCENTYRE"),
        ("ماكينلي", "MCKINLEY"),
        ("ماكارثي", "MCCARTHY"),
    ]:
        similarity, _how = name_pairs.similarity(written, listed)
        assert similarity >= 0.95, (written, listed, similarity)


def test_c_and_g_are_soft_or_hard_as_spelt() -> None:
    """Soft before E, I, Y as the name is spelt, not as its vowels are rewritten: CATE's
    C stays hard although its A is read EY (decision 222)."""
    assert script_readings("RICE")[0] == "RAYS"
    assert script_readings("GRACE")[0] == "GREYS"
    assert script_readings("PAGE")[0] == "PEYDZH"
    assert script_readings("CATE")[0] == "KEYT"
    assert script_readings("GAYLE")[:2] == ("GEYLE", "GEYL")
    assert script_readings("MCGEE")[0] == "MAKGI"
    assert script_readings("LANCE")[:2] == ("LANSE", "LANS")
