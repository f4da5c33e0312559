"""A South Slavic name spelt with DJ for Đ meets the D of the passport (decision 253).

ICAO 9303 writes Đ as D in the MRZ (``PETROVIC<<DORDE``); lists and visa records spell it
DJ in ASCII (``Djordje``, ``Djokovic``). Before, ``Djordje Petrovic`` scored 0.857 against
that MRZ (name score). Serbia's border posts meet both every day.
"""

from __future__ import annotations

import pytest
from name_pairs import compare

from passage.core.names import normalise_name


@pytest.mark.parametrize(
    ("listed", "mrz"),
    [
        ("Djordje Petrovic", "PETROVIC<<DORDE"),
        ("Andjela Medjedovic", "MEDEDOVIC<<ANDELA"),
        ("Novak Djokovic", "DOKOVIC<<NOVAK"),
        ("Djuro Djuric", "DURIC<<DURO"),
    ],
)
def test_dj_meets_the_mrz_d(listed: str, mrz: str) -> None:
    assert compare(listed, mrz).score == 1.0


def test_the_french_dj_is_not_read_as_d() -> None:
    """DJA, DJI and a final DJ are the French spelling of jim (Djamel is Jamal, Hadji is
    Hajji, not Hadi): no D spelling is added to them."""
    parts = normalise_name("Djamel Hadji Hadj Djibril").parts
    assert [p.alternates for p in parts] == [(), (), (), ()]


@pytest.mark.parametrize(
    "name", ["Djelloul Benali", "Hadjer Benali", "Djoko Susanto", "Djuma Nazarov"]
)
def test_dj_outside_a_south_slavic_name_is_not_read_as_d(name: str) -> None:
    """DJE, DJO and DJU spell jim in Algerian French, Indonesian and Central Asian names
    too: only a name with a South Slavic surname or given name has the D spelling."""
    assert all(not p.alternates for p in normalise_name(name).parts)
