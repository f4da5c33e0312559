"""Hypothesis properties of the MRZ engine (kept small: the whole file runs in seconds)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from passage.core.mrz import (
    MRZ_CODES,
    MRZParseError,
    make_mrz,
    parse_many,
    parse_mrz,
    suggest_repair,
)
from passage.core.mrz.checkdigit import ALPHABET, VALUES

REF = date(2025, 6, 1)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAME_WIDTH = {"TD1": 30, "TD2": 31, "TD3": 39, "MRVA": 39, "MRVB": 31}
OPT_WIDTH = {"TD1": 15, "TD2": 7, "TD3": 14, "MRVA": 16, "MRVB": 8}

letters = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=8)
alnum = st.text("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=16)
codes = st.sampled_from(sorted(MRZ_CODES))


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    fmt = draw(st.sampled_from(sorted(NAME_WIDTH)))
    surname = draw(st.lists(letters, min_size=0, max_size=2))
    given_names = draw(st.lists(letters, min_size=0, max_size=2))
    assume(surname or given_names)
    full = "<".join(surname) + ("<<" + "<".join(given_names) if given_names else "")
    assume(len(full) <= NAME_WIDTH[fmt])
    long_ok = fmt in ("TD1", "TD2")
    number = draw(
        st.text("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=12 if long_ok else 9)
    )
    room = OPT_WIDTH[fmt] - (len(number) - 9 + 2 if len(number) > 9 else 0)
    optional = draw(alnum) if draw(st.booleans()) else ""
    assume(len(optional) <= room)
    fields: dict[str, object] = {
        "surname": " ".join(surname),
        "given_names": " ".join(given_names),
        "document_number": number,
        "issuing_state": draw(codes),
        "nationality": draw(codes),
        "birth_date": draw(st.dates(REF - timedelta(days=365 * 99), REF)),
        "sex": draw(st.sampled_from("MF<")),
        "expiry_date": draw(st.dates(date(REF.year - 49, 1, 1), date(REF.year + 49, 12, 31))),
        "optional_data": optional,
    }
    assume(fields["expiry_date"] >= fields["birth_date"])  # type: ignore[operator]
    if fmt == "TD1":
        fields["optional_data_2"] = (
            draw(alnum.filter(lambda s: len(s) <= 11)) if draw(st.booleans()) else ""
        )
    return make_mrz(fmt, **fields), {"format": fmt, **fields}


@SETTINGS
@given(documents())
def test_generate_then_parse_round_trips(doc: tuple[str, dict[str, object]]) -> None:
    """make_mrz → parse_mrz gives back every field, valid, for TD1, TD2, TD3, MRV-A, MRV-B."""
    text, fields = doc
    r = parse_mrz(text, reference=REF)
    assert r.valid, (text, r.errors)
    assert r.format == fields["format"]
    assert r.surname == fields["surname"] and r.given_names == fields["given_names"]
    assert r.document_number == fields["document_number"]
    assert r.issuing_state == str(fields["issuing_state"]).rstrip("<")
    assert r.nationality == str(fields["nationality"]).rstrip("<")
    assert r.birth_date == fields["birth_date"] and r.expiry_date == fields["expiry_date"]
    assert r.sex == (None if fields["sex"] == "<" else fields["sex"])
    assert r.optional_data == fields["optional_data"]
    assert r.optional_data_2 == fields.get("optional_data_2")
    name_line = text.split("\n")[2 if fields["format"] == "TD1" else 0]
    assert r.names_truncated is (name_line[-1] != "<")  # a full field "may be truncated"


def _protected(fmt: str) -> list[tuple[int, int]]:
    """(line, column) of every character covered by a check digit, check digits included."""
    if fmt == "TD1":
        # Line 2: birth date and its check, expiry and its check, optional data and the
        # composite; not the sex (column 7) or the nationality, which no digit covers.
        line_2 = (*range(0, 7), *range(8, 15), *range(18, 30))
        return [(0, c) for c in range(5, 30)] + [(1, c) for c in line_2]
    if fmt in ("TD2", "TD3"):
        width = 36 if fmt == "TD2" else 44
        return [(1, c) for c in (*range(0, 10), *range(13, 20), *range(21, width))]
    return [(1, c) for c in (*range(0, 10), *range(13, 20), *range(21, 28))]


@SETTINGS
@given(documents(), st.data())
def test_single_character_changes_are_detected(
    doc: tuple[str, dict[str, object]], data: st.DataObject
) -> None:
    """9303-3 §4.9: with weights 7, 3, 1 (all prime to 10), any one substitution that changes a
    character's value modulo 10 changes the check digit; the rest (0 ↔ A ↔ K ↔ U ↔ <…) are
    caught by the field's type when it is numeric, or not at all."""
    text, fields = doc
    lines = text.split("\n")
    line, col = data.draw(st.sampled_from(_protected(str(fields["format"]))))
    old = lines[line][col]
    new = data.draw(st.sampled_from([c for c in ALPHABET if c != old]))
    assume((VALUES[old] - VALUES[new]) % 10 != 0)
    lines[line] = lines[line][:col] + new + lines[line][col + 1 :]
    r = parse_mrz("\n".join(lines), reference=REF)
    assert not r.valid, ("\n".join(lines), r.to_dict())


junk = st.text(st.characters(codec="utf-8"), max_size=200)
near_mrz = st.lists(
    st.text(ALPHABET + "abcOIl \t-", min_size=28, max_size=46), min_size=1, max_size=4
).map("\n".join)


@SETTINGS
@given(st.one_of(junk, near_mrz))
def test_arbitrary_text_never_raises(text: str) -> None:
    """DESIGN.md §5: text that is not an MRZ gives valid false with an error, never a crash."""
    r = parse_mrz(text, reference=REF, repair=True)
    assert isinstance(r.to_dict(), dict)
    if r.format is None:
        assert not r.valid and r.errors
    parse_many(text, reference=REF)
    try:
        suggest_repair(text, reference=REF)
    except MRZParseError:  # the one documented exception (never raised here in practice)
        raise AssertionError("suggest_repair raised") from None


@SETTINGS
@given(documents(), st.data())
def test_repair_never_makes_things_worse(
    doc: tuple[str, dict[str, object]], data: st.DataObject
) -> None:
    """A suggested repair has fewer errors than the original and lists every change."""
    text, _ = doc
    swaps = {"0": "O", "1": "I", "8": "B", "5": "S", "2": "Z", "<": "K", "O": "0", "I": "1"}
    positions = [i for i, c in enumerate(text) if c in swaps]
    picks = data.draw(st.lists(st.sampled_from(positions), min_size=1, max_size=3, unique=True))
    damaged = list(text)
    for i in picks:
        damaged[i] = swaps[damaged[i]]
    bad = "".join(damaged)
    original = parse_mrz(bad, reference=REF)
    fix = suggest_repair(bad, reference=REF)
    if fix is None:
        return
    assert len(fix.result.errors) < len(original.errors)
    repaired = fix.mrz.split("\n")
    for line_no, line in enumerate(bad.split("\n")):
        diffs = [c for c in fix.changes if c.line == line_no]
        assert len(diffs) == sum(a != b for a, b in zip(line, repaired[line_no], strict=True))
