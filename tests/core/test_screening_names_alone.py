"""What the counter says of a clear result on names alone (decision 0270) is true of the
engine: a name many listed people share raises no hit without a date of birth, and the
year alone raises it on those born that year."""

from __future__ import annotations

import hashlib

from passage.core.screening import ScreeningIndex, make_entry, make_query


def _word(n: int) -> str:
    """A made-up name part of seven letters, drawn from a hash: seldom near another."""
    return "".join(chr(65 + b % 26) for b in hashlib.sha256(str(n).encode()).digest()[:7])


def _list() -> ScreeningIndex:
    # 2,000 listed namesakes born 1950-2009, among 3,000 entries: about one chance
    # namesake per traveller of that name (the common-name adjustment's E ~ 1).
    namesakes = [
        make_entry(f"N{i}", ["Mohammad Ahmad"], f"{1950 + i % 60}-0{1 + i % 9}-1{i % 9}")
        for i in range(2000)
    ]
    others = [
        make_entry(f"O{i}", [f"{_word(i)} {_word(i + 5000)}"], f"{1950 + i % 60}")
        for i in range(1000)
    ]
    return ScreeningIndex.build(namesakes + others)


def test_a_common_name_without_a_date_raises_no_hit_and_the_year_alone_raises_it() -> None:
    index = _list()
    for written in ("MOHAMMAD AHMAD", "محمد أحمد"):
        assert index.screen(make_query("q", [written])) == [], written
        born = {f"N{i}": 1950 + i % 60 for i in range(2000)}
        hits = {h.entry_id for h in index.screen(make_query("q", [written], "1980"))}
        # Those born that year, and a year either side (a year off is weaker evidence, not
        # evidence against), as many as retrieval scores; none born further off.
        assert any(born[e] == 1980 for e in hits), written
        assert all(abs(born[e] - 1980) <= 1 for e in hits), written
    # A rare name is a hit without a date: the name alone decides (decision 71).
    rare = f"{_word(42)} {_word(5042)}"
    assert [h.entry_id for h in index.screen(make_query("q", [rare]))][:1] == ["O42"]
