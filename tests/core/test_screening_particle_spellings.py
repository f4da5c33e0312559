"""Particles in the spellings lists write them (decision 246).

``YBN`` is ``IBN`` as a Turkish or Russian transliteration writes it, ``ABOO`` is ``ABU``
as South Asian and East African spellings write it (``Aboo Bakar``), and ``DALLA``,
``DALLE``, ``DELLO`` and ``DEGLI`` are Italian particles beside ``DELLA``. Read as names
they were a part left over on one side against a particle on the other: ``Tomita YBN``
scored 0.60 against ``Tomita IBN`` and ``Aboo Bakar`` 0.52 against ``Abu Bakr``.
"""

from __future__ import annotations

import pytest

from passage.core.names import normalise_name
from passage.core.screening.scoring import compare_names, prepare_name


def _parts(name: str) -> list[tuple[str, str]]:
    return [(p.text, p.kind) for p in normalise_name(name).parts]


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Tomita Ybn Rashid", [("TOMITA", "name"), ("BIN", "particle"), ("RASHID", "name")]),
        ("Aboo Bakar", [("ABU", "particle"), ("BAKAR", "name")]),
        ("Dalla Chiesa Carlo", [("DALLA", "particle"), ("CHIESA", "name"), ("CARLO", "name")]),
        ("Dalle Ore Anna", [("DALLE", "particle"), ("ORE", "name"), ("ANNA", "name")]),
        ("Degli Uberti Marco", [("DEGLI", "particle"), ("UBERTI", "name"), ("MARCO", "name")]),
        ("Dello Russo Luca", [("DELLO", "particle"), ("RUSSO", "name"), ("LUCA", "name")]),
    ],
)
def test_particle_spellings_read_as_particles(name: str, parts: list[tuple[str, str]]) -> None:
    assert _parts(name) == parts


def test_an_italian_particle_last_is_a_name() -> None:
    """A particle precedes the name it belongs to: the singer Lucio DALLA bears it as his
    surname, which must count as a name part, not as a particle worth a quarter."""
    assert _parts("Lucio Dalla") == [("LUCIO", "name"), ("DALLA", "name")]


@pytest.mark.parametrize(
    ("query", "entry"),
    [
        ("Tomita YBN", "Tomita Ibn"),
        ("Aboo Bakar", "Abu Bakr"),
        ("DALLA Foyle", "Della Foyle"),
    ],
)
def test_a_particle_spelt_another_way_is_not_a_name_left_over(query: str, entry: str) -> None:
    result = compare_names(prepare_name(normalise_name(query)), prepare_name(normalise_name(entry)))
    assert result.score >= 0.85
    assert result.unmatched_query == []
    assert result.unmatched_entry == []
