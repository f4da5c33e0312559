"""Candidate generation proposes the true entry when a query part meets it only as another
script writes it (issue 17, decision 0200).

A surname shared by thousands of entries ties them all; the given name must then reach
the true entry by some key, or it is left behind by entry number. Before decision 0200
the index filed neither a Latin name's readings by the rules of its language (``JUAN``
as Russian ``Хуан`` KHUAN, ``JORGE`` as Arabic ``خورخي`` KHWRKHY) nor a short name's long
vowels (``LEO`` as ``ليو`` LYW): scoring knew them (decisions 0192, 0193), retrieval
never proposed those entries.
"""

from __future__ import annotations

import pytest

from passage.core.names import normalise_name
from passage.core.screening import ScreeningIndex, make_entry, make_query
from passage.core.screening.index import CANDIDATES_NO_BIRTH_DATE, part_keys

CROWD_GIVEN = [
    "ANNA", "PETER", "MARIA", "CARLOS", "DAVID", "SARAH", "OMAR", "HASSAN", "IVAN",
    "OLGA", "FATIMA", "YUSUF", "MARTIN", "HELEN", "ROBERT", "LAURA", "AHMAD", "SOFIA",
    "DANIEL", "NADIA", "KARIM", "ELENA", "SAMUEL", "RANIA", "TOMAS", "IRINA", "BRUNO",
]  # fmt: skip
CASES = [
    # (query as the traveller's document writes it, the listed name, the surname's crowd)
    ("ليو كاري", "Leo Curry", "CURRY"),
    ("جو سميث", "Joe Smith", "SMITH"),
    ("Хуан Гарсия", "Juan Garcia", "GARCIA"),
    ("خورخي شميت", "Jorge Schmidt", "SCHMIDT"),
    ("Хавьер Браун", "Javier Brown", "BROWN"),
]


@pytest.fixture(scope="module")
def crowded() -> ScreeningIndex:
    entries = []
    for _query, target, surname in CASES:
        for n in range(600):
            given = CROWD_GIVEN[n % len(CROWD_GIVEN)]
            entries.append(make_entry(f"{surname}{n}", [f"{given} {surname}"], None))
        # Listed after its crowd: a tie at the last place keeps the lower entry numbers.
        entries.append(make_entry(f"T-{target}", [target], "1970-05-06"))
    return ScreeningIndex.build(entries, list_version="candidates-test")


@pytest.mark.parametrize(("query", "target", "surname"), CASES)
def test_a_name_written_in_another_script_reaches_its_entry_behind_a_crowded_surname(
    crowded: ScreeningIndex, query: str, target: str, surname: str
) -> None:
    names = [normalise_name(query).parts]
    cands = crowded.candidates(names, "", CANDIDATES_NO_BIRTH_DATE)
    ids = [crowded.entry_id(int(e)) for e in cands.tolist()]
    assert len(ids) >= CANDIDATES_NO_BIRTH_DATE
    assert f"T-{target}" in ids, (query, ids[:5])
    # ... and screening (without a birth date, as at a check of a list) scores it.
    hits = crowded.screen(make_query("q", [query]), threshold=0.0)
    assert f"T-{target}" in [h.entry_id for h in hits]


def test_reading_and_vowel_keys_are_filed_for_latin_and_met_by_the_script() -> None:
    (leo,) = normalise_name("LEO").parts
    (lyw,) = normalise_name("ليو").parts
    assert "A:LYW" in part_keys(leo) & part_keys(lyw)
    (juan,) = normalise_name("JUAN").parts
    (khuan,) = normalise_name("Хуан").parts
    (khwan,) = normalise_name("خوان").parts
    assert "D:KHUAN" in part_keys(juan) & part_keys(khuan)
    assert "S:KN" in part_keys(juan) & part_keys(khwan)
    # A two-letter skeleton keeps its shape key; the frame is for one-letter skeletons.
    assert not any(k.startswith("A:") for k in part_keys(normalise_name("OMAR").parts[0]))
