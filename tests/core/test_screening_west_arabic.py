"""Arabic names as West Africa, the Turkic languages and the Caucasus write them, against
the names in Arabic script (decision 253).

West African French and the Turkic languages drop the ha of Muhammad and Mahmud after the
first M (Mamadou, Mamoudou, Mammadov, Mamat) and French spells jim ``DI`` before a vowel
(Diallo, Diarra, Diakité). Russian spelling in the Caucasus writes a ha that begins a name
with its ge (Gasan, Guseyn, Gamzat). Before, ``Mamadou Diallo`` scored 0.15 against
``محمد جالو`` and ``Gasan Aliev`` 0.41 against ``حسن علييف``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from name_pairs import among_namesakes, compare

from passage.core.names import west_arabic_spellings
from passage.core.screening import ScreeningIndex
from passage.core.screening.calibration import FITTED_THRESHOLD
from passage.core.screening.index import Query


@pytest.mark.parametrize(
    ("latin", "arabic", "part"),
    [
        ("Mamadou Diallo", "محمد جالو", "MAMADOU"),
        ("Mamadou Diallo", "محمد جالو", "DIALLO"),
        ("Mamoudou Diarra", "محمود جارا", "MAMOUDOU"),
        ("Mamoudou Diarra", "محمود جارا", "DIARRA"),
        ("Ilham Mammadov", "إلهام محمدوف", "MAMMADOV"),
        ("Mamadou Diakite", "محمد جاكيتي", "DIAKITE"),
        ("Mamadou Diouf", "محمد جوف", "DIOUF"),
        # A ha that begins the name, as the Caucasus spells it through Russian.
        ("Gasan Aliev", "حسن علييف", "GASAN"),
        ("Guseyn Guseynov", "حسين حسينوف", "GUSEYN"),
        ("Gamzat Gamzatov", "حمزة حمزاتوف", "GAMZAT"),
        # The ta marbuta's -AT, read by the reading's French ending as the part's own is.
        ("Khamzat Chimaev", "حمزة تشيماييف", "KHAMZAT"),
    ],
)
def test_the_regional_spelling_meets_the_arabic_name(latin: str, arabic: str, part: str) -> None:
    pairs = compare(latin, arabic).pairs
    assert next(s for q, _e, s, _how in pairs if q == part) >= 0.9


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        # The G of the spelling is kept beside the ha: Gamal is jamal (جمال).
        ("Gamal Nasserov", "جمال ناصروف"),
        ("Oumar Diallo", "عمر ديالو"),
    ],
)
def test_the_spelling_itself_still_meets(latin: str, arabic: str) -> None:
    score = compare(latin, arabic).score
    assert score >= 0.9


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        # DI before N, S or Z is no jim: Diana is ديانا, not جنى (Jana); Diaz not جاز.
        ("Diana", "جنى"),
        ("Diaz", "جاز"),
        ("Dion", "جون"),
        # An initial G read as ha only in a name spelt through Russian, and only in the
        # Caucasian names that begin with a ha: Gamal is jamal, not the Arabic حمال;
        # Azerbaijani Gasym is qasim (قاسم), not hasim (حاسم); Gena is not Hana'a.
        ("Gamal", "حمال"),
        ("Gamal Ivanov", "حمال إيفانوف"),
        ("Gasym Mammadov", "حاسم محمدوف"),
        ("Gena Ivanov", "هناء إيفانوف"),
        ("Galit Petrova", "הלית פטרובה"),
        # DI is jim only in the West African surnames: not the Arabic Diab and Diala, the
        # Kurdish Diako, the Portuguese Diogo; nor is the Portuguese Mamede Muhammad.
        ("Diala Haddad", "جلاء حداد"),
        ("Mohamed Diab", "محمد جاب"),
        ("Diako Ahmed", "جاكو أحمد"),
        ("Diogo Silva", "جوجو سيلفا"),
        ("Mamede Alves", "محمد ألفيس"),
    ],
)
def test_no_reading_outside_its_spelling(latin: str, arabic: str) -> None:
    score = compare(latin, arabic).score
    assert score < 0.8


def test_spellings_without_those_letters_are_unchanged() -> None:
    assert [west_arabic_spellings(s) for s in ("MAMA", "MAMBA", "DIEGO", "DIANA", "OMAR")] == [
        (),
        (),
        (),
        (),
        (),
    ]


def test_a_west_african_spelling_reaches_the_entry_listed_in_arabic_script() -> None:
    """Retrieval files the reading's skeleton too. Among 3,000 listed people who share the
    family name, the one whose given name is Muhammad in Arabic script is among the
    candidates of ``Mamadou Diallo`` only through it, and is the best hit."""
    firsts = ["أحمد", "علي", "عمر", "يوسف", "كريم", "سعيد", "جمال", "خالد", "نور", "طارق"]
    index = among_namesakes("محمد جالو", firsts, "جالو")
    hits = index.screen(Query("Q", ("Mamadou Diallo",)), threshold=0.0)
    assert hits and hits[0].entry_id == "E0"


def test_an_arabic_script_traveller_reaches_the_entry_listed_in_west_african_spelling() -> None:
    """And the other way: a traveller whose name is written in Arabic script meets the
    entry the list spells ``Mamadou Diallo`` among 3,000 who share its family name."""
    firsts = ["Ahmed", "Ali", "Omar", "Youssouf", "Karim", "Said", "Jamal", "Khalil", "Nour"]
    index = among_namesakes("Mamadou Diallo", firsts, "Diallo")
    hits = index.screen(Query("Q", ("محمد جالو",)), threshold=0.0)
    assert hits and hits[0].entry_id == "E0"


@pytest.mark.parametrize(
    ("listed", "traveller"),
    [
        ("Khasan Aliev", "حسن علييف"),
        ("Gasan Aliev", "حسن علييف"),
        ("Khamzat Aliev", "حمزة علييف"),
    ],
)
def test_a_listed_russian_spelling_is_read_when_the_traveller_writes_arabic_script(
    listed: str, traveller: str, tmp_path: Path
) -> None:
    """The index keeps a listed part's mark of a name spelt through Russian, in memory and
    on disk: before, it was lost, and ``Gasan Aliev`` listed scored 0.45 against the
    traveller ``حسن علييف`` though the traveller ``Gasan Aliev`` scored 0.94 against the
    entry ``حسن علييف``."""
    firsts = ["Magomed", "Ruslan", "Timur", "Islam", "Murad", "Arsen", "Zaur", "Ibragim"]
    index = among_namesakes(listed, firsts, "Aliev")
    index.save(tmp_path / "list.idx")
    for screened in (index, ScreeningIndex.load(tmp_path / "list.idx")):
        hits = screened.screen(Query("Q", (traveller,)), threshold=0.0)
        assert hits and hits[0].entry_id == "E0"
        assert hits[0].score >= FITTED_THRESHOLD


def test_the_reading_s_french_ending_is_filed_too() -> None:
    """``Khamzat`` is read ``HAMZAT``, whose French ending is ``HAMZA``: the index files
    that as scoring reads it, so among 3,000 who share the family name ``Khamzat
    Chimaev`` reaches ``حمزة تشيماييف``."""
    firsts = ["محمد", "علي", "عمر", "يوسف", "كريم", "سعيد", "جمال", "خالد", "نور", "طارق"]
    index = among_namesakes("حمزة تشيماييف", firsts, "تشيماييف")
    hits = index.screen(Query("Q", ("Khamzat Chimaev",)), threshold=0.0)
    assert hits and hits[0].entry_id == "E0"
