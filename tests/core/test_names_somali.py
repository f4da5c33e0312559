"""Names in Somali's Latin orthography against their English spellings and the Arabic
script (decision 254).

Somali writes ayn C, ha X and a long vowel doubled: ``Maxamed Cabdi Xasan`` is ``Mohamed
Abdi Hassan``, ``محمد عبدي حسن``. Before, the first scored 0.84 against the second and
0.36 against the third; ``Cali Xuseen`` 0.48 against ``Ali Hussein``.
"""

from __future__ import annotations

import pytest
from name_pairs import among_namesakes, compare

from passage.core.names import normalise_name
from passage.core.screening.index import Query


@pytest.mark.parametrize(
    ("somali", "other"),
    [
        ("Maxamed Cabdi Xasan", "Mohamed Abdi Hassan"),
        ("Maxamed Cabdi Xasan", "محمد عبدي حسن"),
        ("Cumar Faarax", "Omar Farah"),
        ("Axmed Cabdullaahi", "Ahmed Abdullahi"),
        ("Cabdiraxmaan Cali", "Abdirahman Ali"),
        ("Xaliimo Cali", "حليمة علي"),
        ("Cismaan Xaaji Cali", "عثمان حاجي علي"),
        # A Somali spelling of a title is read as that title.
        ("Cismaan Xaaji", "Osman Haji"),
        # An MRZ's surname and given names are one name: FAARAX makes CILMI Somali.
        ("CILMI<<FAARAX", "Farah Ilmi"),
    ],
)
def test_a_somali_spelling_meets_the_name(somali: str, other: str) -> None:
    assert compare(somali, other).score >= 0.85


@pytest.mark.parametrize(
    ("name", "misread"),
    [
        ("Alexander Maas", "ALEHANDER"),
        ("Carlos Saad", "ARLOS"),
        ("Xavier Dupont", "HAVIER"),
        ("Max Power", "MAH"),
        ("Felix Kaas", "FELIH"),
        # An X and a C are pinyin, Spanish and English too; CALI an Italian surname.
        ("Xu Cai", "HU"),
        ("Cecilia Xu", "HU"),
        ("Roxana Castro", "ASTRO"),
        ("Isaac Cali", "ALI"),
        ("Alex Carter", "ARTER"),
    ],
)
def test_a_name_not_spelt_by_somali_orthography_is_not_read_so(name: str, misread: str) -> None:
    assert misread not in {f for p in normalise_name(name).parts for f in p.forms()}


def test_a_somali_spelt_traveller_reaches_the_entry_listed_in_english_spelling() -> None:
    """Among 3,000 listed people who share the family name, the one whose given names are
    the traveller's in English spelling is among the candidates and the best hit."""
    firsts = ["Ahmed", "Ali", "Omar", "Yusuf", "Abdi Karim", "Said", "Jama", "Farah", "Nur"]
    index = among_namesakes("Mohamed Abdi Hassan", firsts, "Hassan")
    hits = index.screen(Query("Q", ("Maxamed Cabdi Xasan",)), threshold=0.0)
    assert hits and hits[0].entry_id == "E0"
