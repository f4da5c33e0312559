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


def test_every_part_met_through_another_script_outranks_one_part_met_as_written() -> None:
    """Decision 0202: ``Джеффри Алекс`` meets the listed ``Geoffrey Alex`` only through
    sounds (DZHEFFRI, ALEKS), while the list holds many Russian names written with one
    of the two as the query writes it. Weighted by the rarity of the part's own spelling,
    one part as written (1.75 w) beat both parts by sound (0.5 w each) and the entry was
    never proposed; weighted by the information of the narrowest group reaching it, two
    parts met count for more than one."""
    others = ["Петров", "Иванов", "Соколов", "Попов", "Лебедев", "Козлов", "Новиков"]
    entries = []
    for n in range(70):
        given = "Алекс" if n % 2 else "Джеффри"
        entries.append(make_entry(f"RU{n}", [f"{given} {others[n % 7]}{n}"], None))
    entries.append(make_entry("T", ["Geoffrey Alex"], "1970-05-06"))
    index = ScreeningIndex.build(entries, list_version="sounds-test")
    names = [normalise_name("Джеффри Алекс").parts]
    cands = [index.entry_id(int(e)) for e in index.candidates(names, "", 16).tolist()]
    assert cands[0] == "T", cands[:5]


def test_namesakes_tied_beyond_the_limit_are_all_proposed() -> None:
    """Decision 0203: without a birth date, 60 listed ``John Smith`` tie; the one sought
    was listed last and was cut by entry number at the 32nd place. The tie is now scored
    whole (up to CANDIDATES_TIED), and the same list gives the same candidates in the
    same order every time."""
    entries = [make_entry(f"JS{n}", ["John Smith"], f"{1950 + n % 40}-01-02") for n in range(60)]
    entries.append(make_entry("T", ["John Smith"], "1971-03-04"))
    entries.append(make_entry("OTHER", ["John Smithers"], "1971-03-04"))
    index = ScreeningIndex.build(entries, list_version="tie-test")
    names = [normalise_name("جون سميث").parts]
    first = index.candidates(names, "", CANDIDATES_NO_BIRTH_DATE).tolist()
    ids = [index.entry_id(int(e)) for e in first]
    assert "T" in ids and len(ids) == 61, ids[-3:]
    assert ids == [f"JS{n}" for n in range(60)] + ["T"]  # ties: lower entry number first
    assert index.candidates(names, "", CANDIDATES_NO_BIRTH_DATE).tolist() == first
    cut = index.candidates(names, "", CANDIDATES_NO_BIRTH_DATE, tied=CANDIDATES_NO_BIRTH_DATE)
    assert "T" not in [index.entry_id(int(e)) for e in cut.tolist()]


# Decision 0224: a part's one-letter deletions are filed apart from its spelling, so the
# entries bearing a short part as written are not tied with the crowd whose longer part
# holds it less one letter (HAMAD's skeleton HMD is MUHAMMAD's MHMD less its M; KARIM
# is KARIMA less its A).
DELETION_CROWDS = [
    # (query, the listed target, the crowd's name, which holds the query's first part
    # less one letter)
    ("حمد محمود", "Hamad Mahmoud", "Muhammad Mahmoud"),
    ("KARIM NASSER", "Karim Nasser", "Karima Nasser"),
    ("OMAR HASSAN", "Omar Hassan", "Omari Hassan"),
]


@pytest.mark.parametrize(("query", "target", "crowd"), DELETION_CROWDS)
def test_a_part_as_written_outranks_a_crowd_holding_it_less_one_letter(
    query: str, target: str, crowd: str
) -> None:
    # The crowd's longer part less one letter is the query's part: before decision 0224
    # one key held both, every entry tied, and the tie went to the lower entry numbers.
    entries = [make_entry(f"C{n}", [crowd], None) for n in range(400)]
    entries.append(make_entry("T", [target], None))
    index = ScreeningIndex.build(entries, list_version="deletions-test")
    names = [normalise_name(query).parts]
    cands = index.candidates(names, "", CANDIDATES_NO_BIRTH_DATE)
    ids = [index.entry_id(int(e)) for e in cands.tolist()]
    assert ids[0] == "T", ids[:5]
    # The crowd still meets the query (one letter apart), behind the target.
    assert len(ids) > 1 and ids[1].startswith("C")


def test_deletions_are_filed_apart_and_looked_up_both_ways() -> None:
    from passage.core.screening.index import query_keys

    mohammad = part_keys(normalise_name("محمد").parts[0])
    hamad = part_keys(normalise_name("حمد").parts[0])
    assert "S:MHMD" in mohammad and "R:HMD" in mohammad and "S:HMD" not in mohammad
    assert "S:HMD" in hamad
    # The query HMD still meets MHMD (as its deletion), and a query MHMD meets HMD.
    ((_label, keys, _real, own),) = query_keys(normalise_name("حمد").parts)
    assert keys[:own] == ["S:HMD"] and "R:HMD" in keys
    ((_label, keys, _real, _own),) = query_keys(normalise_name("محمد").parts)
    assert "S:HMD" in keys


def test_a_key_and_its_deletion_twin_are_capped_together(monkeypatch: pytest.MonkeyPatch) -> None:
    """The caps on posting lists apply to a spelling and the listed deletions equal to it
    together, as to the one key they were before decision 0224: filed apart, the twin
    of an own key (``E:JON``, every JOHN) fell under the lower cap alone and the query
    JON no longer reached JOHN; and with an own key over its cap, the twin alone (``E:OMAR``,
    the few OMARI) was read and put them above the part as written."""
    from passage.core.screening import index as index_module

    monkeypatch.setattr(index_module, "KEY_CAP", 20)
    monkeypatch.setattr(index_module, "MAX_POSTING", 100)
    entries = [make_entry("T", ["John Smith"], None)]
    entries += [make_entry(f"P{n}", ["Peter Smith"], None) for n in range(150)]
    entries += [make_entry(f"J{n}", [f"John Name{n:02d}x"], None) for n in range(30)]
    index = ScreeningIndex.build(entries, list_version="caps-test")
    cands = index.candidates([normalise_name("JON SMITH").parts], "", CANDIDATES_NO_BIRTH_DATE)
    assert index.entry_id(int(cands[0])) == "T"

    entries = [make_entry("T", ["Omar Hassan"], None)]
    entries += [make_entry(f"O{n}", [f"Omar Name{n:03d}x"], None) for n in range(120)]
    entries += [make_entry(f"I{n}", ["Omari Hassan"], None) for n in range(5)]
    index = ScreeningIndex.build(entries, list_version="caps-test-2")
    cands = index.candidates([normalise_name("OMAR HASSAN").parts], "", CANDIDATES_NO_BIRTH_DATE)
    assert index.entry_id(int(cands[0])) == "T"
