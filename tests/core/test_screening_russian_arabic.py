"""Arabic names as Russian writes them, against the names in Arabic script (decision 248).

Russian has no H. It writes both Arabic ha letters with its kha (KH: Akhmed, Khasan,
Mukhammad), and in the Caucasus after an A and before an O or I with its ge (G: Magomed,
Ibragim), and jim with DZH. Before, ``Akhmed`` scored 0.67 against ``أحمد`` and ``Khasan``
did not pair with ``حسن`` at all, though ``Ahmed`` and ``Hasan`` meet them at 0.9 or more.
Only in a name spelt through Russian (written in Cyrillic, or with a Russian-formed
surname or a DZH): elsewhere KH is the English and French spelling of kha, and
``Omar KHATTAB`` (خطاب) is not ``عمر حطاب`` (Hattab).
"""

from __future__ import annotations

import pytest
from name_pairs import among_namesakes, compare

from passage.core.names import russian_arabic_spellings
from passage.core.screening.index import Query


@pytest.mark.parametrize(
    ("latin", "arabic", "part"),
    [
        ("Akhmed Zakayev", "أحمد زكاييف", "AKHMED"),
        ("Khasan Aliev", "حسن علييف", "KHASAN"),
        ("Mukhammad Yusupov", "محمد يوسوبوف", "MUKHAMMAD"),
        ("Khusein Iskhanov", "حسين إسخانوف", "KHUSEIN"),
        ("Rakhman Umarov", "رحمن عمروف", "RAKHMAN"),
        ("Makhmud Esambaev", "محمود إسامباييف", "MAKHMUD"),
        ("Salakh Aliev", "صلاح علييف", "SALAKH"),
        ("Magomed Magomedov", "محمد محمدوف", "MAGOMED"),
        ("Ibragim Aliev", "إبراهيم علييف", "IBRAGIM"),
        ("Ragim Aliev", "رحيم علييف", "RAGIM"),
        ("Abdurakhman Aliev", "عبد الرحمن علييف", "ABDRAKHMAN"),
        ("Dzhamal Khasan", "جمال حسن", "KHASAN"),
        # Written in Cyrillic, the name was spelt through Russian whatever its surname.
        ("Ахмед Закаев", "أحمد زكاييف", "AKHMED"),
    ],
)
def test_a_russian_spelling_meets_the_arabic_name(latin: str, arabic: str, part: str) -> None:
    pairs = compare(latin, arabic).pairs
    assert next(s for q, _e, s, _how in pairs if q == part) >= 0.9


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        # KH is kha in English and French spellings: other names with ha.
        ("Omar Khattab", "عمر حطاب"),
        ("Georges Khoury", "جورج حوري"),
        ("Khaled Khalil", "خالد هلال"),
        ("Nakhla Hassan", "نهلة حسن"),
        ("Sagir Ahmed", "ساهر أحمد"),
    ],
)
def test_kh_is_kha_in_a_name_not_spelt_through_russian(latin: str, arabic: str) -> None:
    score = compare(latin, arabic).score
    assert score < 0.8


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        # A G between other vowels stays a G: NIGEL is not Nihal, nor HUGO a doubled ha.
        ("Nigel", "نهال"),
        ("Hugo", "هوهو"),
    ],
)
def test_only_the_caucasian_g_is_read_as_ha(latin: str, arabic: str) -> None:
    pairs = compare(latin + " Ivanov", arabic).pairs
    assert not pairs or pairs[0][2] < 0.85


def test_the_spelling_of_a_name_without_those_letters_is_unchanged() -> None:
    assert [russian_arabic_spellings(s) for s in ("OMAR", "OLGA", "HELEN")] == [(), (), ()]


def test_a_russian_spelt_traveller_reaches_the_entry_listed_in_arabic_script() -> None:
    """Retrieval files the reading's skeleton too. Among 3,000 listed people who share the
    family name, the one whose given name is Hasan in Arabic script is among the
    candidates of ``Khasan Aliev`` only through it, and is the best hit."""
    firsts = ["محمد", "علي", "عمر", "يوسف", "كريم", "سعيد", "جمال", "خالد", "نور", "طارق"]
    index = among_namesakes("حسن علييف", firsts, "علييف")
    hits = index.screen(Query("Q", ("Khasan Aliev",)), threshold=0.0)
    assert hits and hits[0].entry_id == "E0"
