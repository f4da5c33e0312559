"""Input handling and field rules of ``parse_mrz`` (ICAO 9303-3 §4, parts 4-7 §4.2.2)."""

from __future__ import annotations

from datetime import date

import pytest

from passage.core.mrz import (
    MRZ_CODES,
    MRZError,
    MRZParseError,
    check_digit,
    code_name,
    make_mrz,
    parse_many,
    parse_mrz,
    read_mrz,
)
from passage.core.mrz.codes import ISO_ALPHA3

REF = date(2025, 6, 1)
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"


def td3(**kw: object) -> str:
    fields: dict[str, object] = {
        "surname": "Eriksson",
        "given_names": "Anna Maria",
        "document_number": "L898902C3",
        "issuing_state": "UTO",
        "birth_date": "740812",
        "sex": "F",
        "expiry_date": "120415",
        "optional_data": "ZE184226B",
    }
    fields.update(kw)
    return make_mrz("TD3", **fields)  # type: ignore[arg-type]


def codes(text: str) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in parse_mrz(text, reference=REF).errors}


def test_contract_keys() -> None:
    """DESIGN.md §5: the keys `passage mrz parse` promises."""
    d = parse_mrz(TD3, reference=REF).to_dict()
    keys = ["format", "document_code", "issuing_state", "surname", "given_names"]
    keys += ["document_number", "nationality", "birth_date", "sex", "expiry_date"]
    keys += ["optional_data", "valid", "errors", "warnings"]
    for key in keys:
        assert key in d
    assert d["valid"] is True and d["errors"] == [] and d["birth_date"] == "1974-08-12"


def test_whitespace_crlf_and_blank_lines_are_tolerated() -> None:
    text = "\r\n  " + TD3.replace("\n", "  \r\n\r\n\t") + "  \r\n"
    r = parse_mrz(text, reference=REF)
    assert r.valid and not r.warnings


def test_lowercase_is_read_with_a_warning() -> None:
    r = parse_mrz(TD3.lower(), reference=REF)
    assert r.valid
    assert [w.code for w in r.warnings] == ["lowercase", "lowercase"]


def test_one_line_of_88_is_split() -> None:
    r = parse_mrz(TD3.replace("\n", ""), reference=REF)
    assert r.valid and r.format == "TD3"
    assert [w.code for w in r.warnings] == ["lines_split"]


@pytest.mark.parametrize(
    "text",
    ["", "   \n ", "hello world", "P<UTO", "x" * 44 + "\n" + "y" * 44 + "\n" + "z" * 44, "é\n\x00"],
)
def test_text_that_is_not_an_mrz(text: str) -> None:
    """DESIGN.md §5: not an MRZ at all → valid false with an error, never a crash."""
    r = parse_mrz(text, reference=REF)
    assert not r.valid
    assert r.errors and r.errors[0].field == "mrz"
    assert r.to_dict()["format"] is None


def test_bad_characters_are_located() -> None:
    r = parse_mrz(TD3.replace("ERIKSSON", "ERIK-SON"), reference=REF)
    bad = [e for e in r.errors if e.code == "invalid_character"]
    assert [(e.field, e.line, e.start, e.end) for e in bad] == [("names", 0, 9, 10)]


def test_line_length_error_spans_the_extra_characters() -> None:
    r = parse_mrz(TD3 + "<", reference=REF)
    assert [(e.code, e.line, e.start, e.end) for e in r.errors] == [("line_length", 1, 44, 45)]


def test_check_digit_error_names_field_and_span() -> None:
    """9303-3 §4.9: a wrong document-number check digit; the span covers number and digit."""
    r = parse_mrz(TD3.replace("L898902C36", "L898902C37"), reference=REF)
    first = r.errors[0]
    assert (first.field, first.code, first.line, first.start, first.end) == (
        "document_number",
        "check_digit",
        1,
        0,
        10,
    )
    assert "composite" in {e.field for e in r.errors}


# -- country codes (9303-3 §5) ------------------------------------------------------


@pytest.mark.parametrize("code", sorted(MRZ_CODES))
def test_every_known_code_is_accepted(code: str) -> None:
    r = parse_mrz(td3(issuing_state=code, nationality=code), reference=REF)
    assert not r.errors, code
    assert r.issuing_state == code.rstrip("<")


@pytest.mark.parametrize(
    "code",
    [
        *("D<<", "GBD", "GBN", "GBO", "GBP", "GBS", "RKS", "EUE", "UNO", "UNA", "UNK"),
        *("XBA", "XIM", "XCC", "XCE", "XCO", "XEC", "XPO", "XES", "XMP", "XOM", "XDC"),
        *("XXA", "XXB", "XXC", "XXX", "ANT", "NTZ", "UTO"),
    ],
)
def test_non_iso_codes_of_icao(code: str) -> None:
    """9303-3 §5: codes that are not ISO 3166-1 alpha-3 but are valid in an MRZ."""
    assert code in MRZ_CODES and code not in ISO_ALPHA3
    assert code_name(code)


def test_iso_list_is_complete() -> None:
    assert len(ISO_ALPHA3) == 249 and "DEU" in ISO_ALPHA3 and "DEU" not in MRZ_CODES


def test_deu_is_flagged_not_rejected() -> None:
    r = parse_mrz(td3(issuing_state="DEU", nationality="UTO"), reference=REF)
    assert r.valid and r.issuing_state == "DEU"
    assert [(w.field, w.code) for w in r.warnings] == [("issuing_state", "non_conformant_code")]


def test_deprecated_code_warns() -> None:
    r = parse_mrz(td3(nationality="ANT"), reference=REF)
    assert r.valid and [w.code for w in r.warnings] == ["deprecated_code"]


def test_unknown_code_is_an_error_naming_the_field() -> None:
    assert codes(td3(nationality="ZZZ")) == {("nationality", "unknown_code")}


# -- sex --------------------------------------------------------------------------


@pytest.mark.parametrize(("sex", "out"), [("M", "M"), ("F", "F"), ("<", None)])
def test_sex(sex: str, out: str | None) -> None:
    r = parse_mrz(td3(sex=sex), reference=REF)
    assert r.valid and r.sex == out and not r.warnings


def test_sex_x_is_accepted_with_a_warning() -> None:
    r = parse_mrz(td3(sex="X"), reference=REF)
    assert r.valid and r.sex == "X" and [w.code for w in r.warnings] == ["sex_x"]


def test_other_sex_is_an_error() -> None:
    assert codes(td3(sex="Q")) == {("sex", "invalid_sex")}


# -- dates (9303-3 §4.8 and the century) -------------------------------------------


def test_unknown_date_parts_give_null_and_a_warning() -> None:
    r = parse_mrz(td3(birth_date="74<<<<"), reference=REF)
    assert r.valid and r.birth_date is None and r.to_dict()["birth_date"] is None
    assert [(w.field, w.code) for w in r.warnings] == [("birth_date", "unknown_date")]
    # The part the document gives is kept apart (decision 0270): the year, the month.
    assert r.birth_date_partial == "1974" and r.to_dict()["birth_date_partial"] == "1974"


@pytest.mark.parametrize(
    ("raw", "expiry", "partial"),
    [
        ("7408<<", "120415", "1974-08"),
        ("<<<<<<", "120415", None),
        ("7<<<<<", "120415", None),
        ("99<<<<", "300101", "1999"),
        ("24<<<<", "300101", "2024"),
        ("26<<<<", "300101", "1926"),  # after the reference (June 2025): a century back
        ("24<<<<", "210115", "1924"),  # a document cannot expire before its holder is born
        ("2406<<", "240515", "1924-06"),  # every day of June 2024 is after the expiry
        ("2405<<", "240515", "2024-05"),  # the 1st of May 2024 is not
    ],
)
def test_the_known_part_of_a_birth_date_is_kept(raw: str, expiry: str, partial: object) -> None:
    r = parse_mrz(td3(birth_date=raw, expiry_date=expiry), reference=REF)
    assert r.birth_date is None and r.birth_date_partial == partial


@pytest.mark.parametrize(
    ("raw", "span"),
    [("741312", (15, 17)), ("740230", (17, 19)), ("740431", (17, 19)), ("740800", (17, 19))],
)
def test_impossible_dates_are_errors(raw: str, span: tuple[int, int]) -> None:
    r = parse_mrz(td3(birth_date=raw), reference=REF)
    (err,) = r.errors
    assert (err.field, err.code, err.line, (err.start, err.end)) == (
        "birth_date",
        "invalid_date",
        1,
        span,
    )


def test_february_29_depends_on_the_inferred_century() -> None:
    assert parse_mrz(
        td3(birth_date="000229", expiry_date="300101"), reference=REF
    ).birth_date == date(2000, 2, 29)
    assert codes(td3(birth_date="010229", expiry_date="300101")) == {("birth_date", "invalid_date")}


@pytest.mark.parametrize(
    ("yymmdd", "expected"),
    [
        ("250601", date(2025, 6, 1)),
        ("250602", date(1925, 6, 2)),
        ("000101", date(2000, 1, 1)),
        ("991231", date(1999, 12, 31)),
    ],
)
def test_birth_dates_lie_in_the_past(yymmdd: str, expected: date) -> None:
    assert (
        parse_mrz(td3(birth_date=yymmdd, expiry_date="350101"), reference=REF).birth_date
        == expected
    )


def test_birth_century_follows_from_the_expiry_date() -> None:
    """A document cannot expire before its holder is born: 241130 with expiry 2021 is 1924."""
    r = parse_mrz(td3(birth_date="241130", expiry_date="210115"), reference=REF)
    assert r.valid and r.birth_date == date(1924, 11, 30)
    assert [w.code for w in r.warnings] == ["century_inferred"]


@pytest.mark.parametrize(
    ("yymmdd", "expected"),
    [
        ("750101", date(1975, 1, 1)),
        ("741231", date(2074, 12, 31)),
        ("350101", date(2035, 1, 1)),
        ("990101", date(1999, 1, 1)),
    ],
)
def test_expiry_window_is_50_years_back_to_49_ahead(yymmdd: str, expected: date) -> None:
    r = parse_mrz(td3(expiry_date=yymmdd), reference=REF)
    assert r.expiry_date == expected
    assert r.expired is (expected < REF)


# -- names (9303-3 §4.6) ------------------------------------------------------------


def test_digits_in_names_are_errors() -> None:
    text = TD3.replace("ERIKSSON", "ERIK55ON")
    r = parse_mrz(text, reference=REF)
    assert [(e.field, e.code, e.start, e.end) for e in r.errors] == [
        ("names", "invalid_name", 9, 11)
    ]


def test_empty_name_field_is_an_error() -> None:
    text = "P<UTO" + "<" * 39 + TD3[44:]
    assert ("names", "missing") in codes(text)


# -- document numbers ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["TD1", "TD2"])
def test_long_document_numbers(fmt: str) -> None:
    """9303-5 §4.2.2 note j: more than nine characters continue in the optional data."""
    text = make_mrz(
        fmt,
        surname="A",
        document_number="AB1234567890",
        issuing_state="UTO",
        birth_date="800101",
        expiry_date="300101",
        optional_data="X1",
    )
    r = parse_mrz(text, reference=REF)
    assert r.valid, r.errors
    assert (r.document_number, r.optional_data) == ("AB1234567890", "X1")


def test_td3_personal_number_check_digit_may_be_zero_or_filler() -> None:
    """9303-4 §4.2.2: an all-filler personal number has check digit 0 or <."""
    base = td3(optional_data="")
    assert base[-2] == "<"
    l2 = base.split("\n")[1]
    zero = base[:-2] + "0" + base[-1]
    assert parse_mrz(base, reference=REF).valid and parse_mrz(zero, reference=REF).valid
    assert check_digit(l2[0:10] + l2[13:20] + l2[21:43]) == int(l2[43])
    five = base[:-2] + "5" + base[-1]
    assert ("personal_number", "check_digit") in codes(five)


def test_visa_has_no_composite() -> None:
    text = make_mrz(
        "MRVB",
        surname="Dent",
        given_names="Arthur",
        document_number="1234567XY",
        issuing_state="D",
        nationality="GBR",
        birth_date="520311",
        sex="M",
        expiry_date="210525",
        optional_data="ABCDEFGH",
    )
    r = parse_mrz(text, reference=REF)
    assert r.valid and r.format == "MRVB" and r.optional_data == "ABCDEFGH"


def test_wrong_document_code_for_the_format() -> None:
    assert codes(td3(document_code="I")) == {("document_code", "invalid_document_code")}


# -- several documents, and the raising API ------------------------------------------


def test_parse_many_splits_on_blank_lines() -> None:
    results = parse_many(f"{TD3}\n\n\n{TD3.lower()}\n\nnonsense\n", reference=REF)
    assert [r.valid for r in results] == [True, True, False]


def test_read_mrz_raises_the_documented_error_with_a_span() -> None:
    bad = TD3.replace("UTO7408122", "UTO7408123")
    with pytest.raises(MRZParseError) as info:
        read_mrz(bad, reference=REF)
    err = info.value
    assert isinstance(err, MRZError) and isinstance(err, ValueError)
    assert (err.field, err.line, err.start, err.end, err.text) == ("birth_date", 1, 13, 20, bad)
    assert len(err.issues) == 2
    assert read_mrz(TD3, reference=REF).valid


def test_check_digit_rejects_foreign_characters() -> None:
    """Check digit, ICAO 9303-3 §4.9: ``check_digit("520727") == 3``."""
    assert check_digit("520727") == 3
    with pytest.raises(MRZParseError) as info:
        check_digit("12a")
    assert (info.value.start, info.value.end) == (2, 3)
