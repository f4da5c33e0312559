"""OCR repair policy (docs/mrz.md): only where a field's type is fixed or a check digit decides."""

from __future__ import annotations

from datetime import date

from passage.core.mrz import make_mrz, parse_mrz, suggest_repair

REF = date(2025, 6, 1)
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"


def _with(text: str, line: int, col: int, char: str) -> str:
    lines = text.split("\n")
    lines[line] = lines[line][:col] + char + lines[line][col + 1 :]
    return "\n".join(lines)


def test_valid_text_needs_no_repair() -> None:
    assert suggest_repair(TD3, reference=REF) is None
    assert parse_mrz(TD3, reference=REF, repair=True).repair is None


def test_letter_in_a_date_becomes_a_digit() -> None:
    """Dates hold only digits (9303-3 §4.8): O read for 0 is swapped back."""
    bad = _with(TD3, 1, 23, "O")  # 1204 → 12O4
    fix = suggest_repair(bad, reference=REF)
    assert fix is not None and fix.mrz == TD3
    (change,) = fix.changes
    assert change.to_dict() == {
        "field": "expiry_date",
        "line": 1,
        "column": 23,
        "from": "O",
        "to": "0",
        "reason": "a digit is expected here",
    }


def test_the_parse_result_keeps_the_original_text() -> None:
    """Nothing is changed silently: the result reports what was read, the repair aside."""
    bad = _with(TD3, 1, 23, "O")
    r = parse_mrz(bad, reference=REF, repair=True)
    assert not r.valid and r.mrz == bad and r.expiry_date is None
    assert r.repair is not None and r.repair.result.valid
    assert r.to_dict()["repair"]["changes"][0]["from"] == "O"  # type: ignore[index]


def test_document_number_decided_by_its_check_digit() -> None:
    """In a mixed field only the check digit can decide: L898902C3 read as L8989O2C3."""
    bad = _with(TD3, 1, 5, "O")
    fix = suggest_repair(bad, reference=REF)
    assert fix is not None and fix.mrz == TD3
    assert [(c.field, c.reason) for c in fix.changes] == [
        ("document_number", "the check digit decides")
    ]


def test_wrong_guess_that_breaks_the_composite_is_refused() -> None:
    """A damaged check digit could be "satisfied" by swapping a number character; the
    composite check digit, computed from the true data, refuses that guess."""
    text = make_mrz(
        "TD3",
        surname="A",
        document_number="0I",
        issuing_state="UTO",
        birth_date="800101",
        expiry_date="300101",
    )
    for digit in "0123456789":
        bad = _with(text, 1, 9, digit)
        if bad == text:
            continue
        fix = suggest_repair(bad, reference=REF)
        assert fix is None or all(
            c.field != "document_number" or c.column == 9 for c in fix.changes
        )


def test_ambiguous_document_number_is_left_alone() -> None:
    """Two different single swaps both satisfy the check digit: no guess is made (MRV-A
    has no composite to break the tie)."""
    from passage.core.mrz.repair import _repair_lines

    seen = 0
    for a in "O0I1B8S5Z2":
        for b in "O0I1B8S5Z2":
            text = make_mrz(
                "MRVA",
                surname="A",
                document_number=a + b,
                issuing_state="UTO",
                birth_date="800101",
                expiry_date="300101",
            )
            lines = text.split("\n")
            for digit in "0123456789":
                line2 = lines[1][:9] + digit + lines[1][10:]
                draft = _repair_lines("MRVA", (lines[0], line2))
                if "document_number" in draft.ambiguous:
                    seen += 1
                    assert not [c for c in draft.changes if c.field == "document_number"]
    assert seen


def test_filler_read_as_k_in_the_name_tail() -> None:
    """Fillers read as K after the name (two or more fillers before them) become fillers.

    9303-3 §4.6 allows two fillers only between primary and secondary identifiers, so
    ``MARIA<<<<KK<<<`` is an error, and the repair removes it.
    """
    bad = TD3.replace("MARIA<<<<<<<<<", "MARIA<<<<KK<<<", 1)
    r = parse_mrz(bad, reference=REF)
    assert [(e.field, e.code, e.start, e.end) for e in r.errors] == [
        ("names", "invalid_name", 25, 27)
    ]
    fix = suggest_repair(bad, reference=REF)
    assert fix is not None and fix.mrz == TD3
    assert [(c.column, c.old, c.new, c.reason) for c in fix.changes] == [
        (29, "K", "<", "a filler read as K"),
        (30, "K", "<", "a filler read as K"),
    ]


def test_filler_read_as_k_in_optional_data_with_a_digit_error() -> None:
    """K→< is applied alongside fixes that make the MRZ validate better."""
    text = make_mrz(
        "TD1",
        surname="Smith",
        given_names="John",
        document_number="A1234567",
        issuing_state="CHE",
        birth_date="751025",
        sex="M",
        expiry_date="200901",
        optional_data="12",
    )
    lines = text.split("\n")
    lines[0] = lines[0][:20] + "KK" + lines[0][22:]  # optional data 12<<<KK…
    lines[1] = lines[1][:3] + "O" + lines[1][4:]  # birth date 751025 → 751O25
    fix = suggest_repair("\n".join(lines), reference=REF)
    assert fix is not None and fix.mrz == text
    assert {c.reason for c in fix.changes} == {"a filler read as K", "a digit is expected here"}


def test_initial_k_is_kept() -> None:
    """SMITH<<JOHN<K: a one-letter given name K after a single filler is a name."""
    text = make_mrz(
        "TD1",
        surname="Smith",
        given_names="John K",
        document_number="A1234567",
        issuing_state="CHE",
        birth_date="751025",
        sex="M",
        expiry_date="200901",
    )
    bad = _with(text, 1, 3, "O")
    fix = suggest_repair(bad, reference=REF)
    assert fix is not None and fix.result.given_names == "JOHN K"


def test_no_repair_when_it_does_not_help() -> None:
    """A wrong check digit with no confusable character: nothing to suggest."""
    bad = _with(TD3, 1, 19, "3")  # birth-date check digit 2 → 3
    assert suggest_repair(bad, reference=REF) is None


def test_not_an_mrz_has_no_repair() -> None:
    assert suggest_repair("hello", reference=REF) is None
