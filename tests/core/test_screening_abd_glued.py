"""``ABD`` glued to the name it serves, as the spellings of its regions write it (decision 247).

A glued prefix ending in the assimilated article (``ABDUR``, ``ABDUS``, ``ABDUN``) stands
before a name that starts with that consonant, written twice or once: ``Abdurrahman`` and
``Abdurahman`` (Somalia, Ethiopia, Central Asia, Indonesia) are both ``RAHMAN``. ``ABDUL``
with one ``L`` before ``Allah`` and ``Latif`` keeps the name's ``L`` (``Abdulah``,
``Abdoulaye``, ``Abdulatif``). ``ABDI``, ``ABDU``, ``ABDO``, ``ABDOU`` are glued without an
article (``Abdirahman``, ``Abdukarim``, ``Abdourahmane``). Before, ``Abdurahman`` read
``ABDAHMAN`` and scored 0.78 against ``عبد الرحمن``; ``Abdoulaye`` read ``ABDAYE`` and did
not meet ``Abdullah``.
"""

from __future__ import annotations

import pytest

from passage.core.names import normalise_name
from passage.core.screening.scoring import compare_names, prepare_name


def _texts(name: str) -> list[str]:
    return [p.text for p in normalise_name(name).parts]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Abdurahman", "ABDRAHMAN"),
        ("Abdurrahman", "ABDRAHMAN"),
        ("Abderahim", "ABDRAHIM"),
        ("Abdurashid", "ABDRASHID"),
        ("Abdusalam", "ABDSALAM"),
        ("Abdesalam", "ABDSALAM"),
        ("Abdunasir", "ABDNASIR"),
        ("Abdourahmane", "ABDRAHMANE"),
        ("Abdulah", "ABDLAH"),
        ("Abdoulaye", "ABDLAH"),
        ("Abdelahi", "ABDLAHI"),
        ("Abdulatif", "ABDLATIF"),
        ("Abdirahman", "ABDRAHMAN"),
        ("Abdikarim", "ABDKARIM"),
        ("Abdukarim", "ABDKARIM"),
        ("Abdoukarim", "ABDKARIM"),
        ("Abdorrahim", "ABDRAHIM"),
        ("Abdulai", "ABDLAH"),
        ("Abdoulie", "ABDLAH"),
    ],
)
def test_a_glued_abd_reads_the_name_it_serves(name: str, text: str) -> None:
    assert _texts(name) == [text]


@pytest.mark.parametrize(
    ("name", "texts"),
    [
        # A name after a moon-letter article keeps its own first letter.
        ("Abdulaziz", ["ABDAZIZ"]),
        ("Abdulahad", ["ABDAHAD"]),
        # Names that only start like ABD, and ABDI alone (Somali: Abdi, son of Ali).
        ("Abdiel", ["ABDIEL"]),
        ("Abdias", ["ABDIAS"]),
        ("Abdou", ["ABDOU"]),
        ("Abdi Ali", ["ABDI", "ALI"]),
        # The Turkish surname made with -OGLU (son of).
        ("Abdioglu", ["ABDIOGLU"]),
        # Arabic script writes the article whole: its frame is read as before.
        ("عبدالرحمن", ["ABDRHMN"]),
    ],
)
def test_what_is_not_a_glued_abd_stays(name: str, texts: list[str]) -> None:
    assert _texts(name) == texts


@pytest.mark.parametrize(
    ("query", "entry"),
    [
        ("Abdurahman", "عبد الرحمن"),
        ("Abdurashid", "عبد الرشيد"),
        ("Abdusalam", "عبد السلام"),
        ("Abdoulaye", "عبد الله"),
        ("Abdoulaye", "Abdullah"),
        ("Abdirahman", "Abdulrahman"),
        ("Abdulatif", "Abdul Latif"),
    ],
)
def test_a_glued_spelling_meets_the_name(query: str, entry: str) -> None:
    result = compare_names(prepare_name(normalise_name(query)), prepare_name(normalise_name(entry)))
    assert [s for _q, _e, s, _how in result.pairs] and result.pairs[0][2] >= 0.95
