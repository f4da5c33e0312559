"""Names as Mauritania and West Africa write them (decision 249).

Hassaniya and the languages of the Sahel end a man's name with the vowel Arabic does not
write (``Mohamedou``, ``Ahmedou``, ``Amadou``, ``Issoufou``) and a woman's with the ta
marbuta and that vowel (``Fatimetou``, ``Khadijetou``, ``Aichetou``); Hassaniya's ``Mint``
is ``bint`` (daughter of), ``منت`` in Arabic script, before a name. Before, ``Fatimetou``
did not pair with ``فاطمة``, ``Mohamedou Ould Slahi`` against ``Mohamed Ould Slahi`` met
on ``MOHAMEDOU~MOHAMED`` by its phonetic key only (0.86), and ``Mint`` was a name part.
"""

from __future__ import annotations

import pytest

from passage.core.names import normalise_name
from passage.core.screening.scoring import compare_names, prepare_name


def _parts(name: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(p.text, p.kind, p.alternates) for p in normalise_name(name).parts]


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Mohamedou", "MOHAMED"),
        ("Ahmedou", "AHMED"),
        ("Amadou", "AMAD"),
        ("Seydou", "SEYD"),
        ("Issoufou", "ISSOUF"),
        ("Idrissou", "IDRISS"),
        ("Fatimetou", "FATIMA"),
        ("Khadijetou", "KHADIJA"),
        ("Aichetou", "AICHA"),
    ],
)
def test_a_sahel_ending_keeps_the_name_it_is_written_on(name: str, stem: str) -> None:
    assert _parts(name) == [(name.upper(), "name", (stem,))]


@pytest.mark.parametrize(
    "name",
    # Abdou and Zhou are names; a Greek genitive surname (Petrou, Ioannou, Georgiou,
    # Christou) is not the given name it is made of.
    ["Abdou", "Zhou", "Petrou", "Ioannou", "Georgiou", "Christou", "Markou", "Moussa"],
)
def test_other_names_ending_in_ou_stay_whole(name: str) -> None:
    assert _parts(name) == [(name.upper(), "name", ())]


def test_mint_is_daughter_of_in_latin_letters_and_arabic_script() -> None:
    assert _parts("Mariem Mint Ahmed")[1] == ("BINT", "particle", ())
    assert _parts("مريم منت أحمد")[1] == ("BINT", "particle", ())


def test_mint_last_and_cheikh_are_names() -> None:
    """A particle precedes the name it belongs to (``Lucy MINT`` bears it as a surname),
    and in Senegal and Mauritania ``Cheikh`` is mostly a given name, not a title."""
    assert _parts("Lucy Mint") == [("LUCY", "name", ()), ("MINT", "name", ())]
    assert _parts("Cheikh Diop")[0] == ("CHEIKH", "name", ())


@pytest.mark.parametrize(
    ("query", "entry", "conflicts"),
    [
        ("Fatimetou", "فاطمة", False),
        ("Khadijetou", "خديجة", False),
        ("Ahmedou", "أحمد", False),
        ("Mohamedou Ould Slahi", "Mohamed Ould Slahi", True),
        ("Fatimetou Mint Ahmed", "Fatima Bint Ahmed", True),
        ("Mariem Mint Ahmed", "مريم بنت أحمد", False),
    ],
)
def test_a_sahel_spelling_meets_the_name(query: str, entry: str, conflicts: bool) -> None:
    result = compare_names(
        prepare_name(normalise_name(query)),
        prepare_name(normalise_name(entry)),
        conflicts=conflicts,
    )
    assert result.score >= 0.85
    assert result.unmatched_query == [] and result.unmatched_entry == []
