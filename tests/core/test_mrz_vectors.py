"""Every MRZ in tests/data/mrz, with the fields expected by ICAO 9303.

The vectors are public test data copied into the repository (sources and licences in
tests/data/README.md), so a clone with nothing beside it runs them.

The expectations were derived from the standard, not from another parser: where a peer
parser disagrees (cheminfo/mrz rejects the specimen state ``UTO``; PyPI ``mrz`` rejects
TD1 long document numbers) the standard wins. Check digits were recomputed by hand for
the cases that matter (long document numbers) and by an independent, deliberately naive
implementation below for all the others.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from passage.core.mrz import check_digit, parse_mrz, suggest_repair

DATA = Path(__file__).resolve().parents[1] / "data" / "mrz"
REF = date(2025, 1, 1)


def naive_check_digit(data: str) -> int:
    """ICAO 9303-3 §4.9 written the slow, obvious way, to cross-check the fast one."""
    total = 0
    for i, c in enumerate(data):
        value = 0 if c == "<" else int(c) if c.isdigit() else ord(c) - ord("A") + 10
        total += value * (7, 3, 1)[i % 3]
    return total % 10


def _peer_vectors() -> list[tuple[str, ...]]:
    with (DATA / "peer_vectors.jsonl").open(encoding="utf-8") as f:
        return [tuple(json.loads(line)["lines"]) for line in f if line.strip()]


TD3_SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD2_SPECIMEN = ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6")
TD1_SPECIMEN = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)
SMITH = (
    "IDCHEA1234567<6<<<<<<<<<<<<<<<",
    "7510256M2009018CHE<<<<<<<<<<<8",
    "SMITH<<JOHN<ALBERT<<<<<<<<<<<<",
)
FRA_TEST = ("IDFRATEST<NAME<<<<<<<<<<<<<<<<0CHE02", "1710GVA123451ROBERTA<<<<<<<9112311F2")

ERIKSSON = {"surname": "ERIKSSON", "given_names": "ANNA MARIA", "sex": "F"}
ERIKSSON_DATES = {"birth_date": "1974-08-12", "expiry_date": "2012-04-15"}

# lines → (expected fields, expected error (field, code) pairs, expected warning codes)
EXPECTED: dict[tuple[str, ...], tuple[dict[str, object], set[tuple[str, str]], set[str]]] = {
    # Four lines: not a format at all.
    (*FRA_TEST, FRA_TEST[1], FRA_TEST[1]): ({"format": None}, {("mrz", "not_mrz")}, set()),
    # Two lines of 50: neither 36 nor 44.
    (
        "IDFRATEST<NAME<<<<<<<<<<<<<<<<0CHE02<<<<<<<<0CHE02",
        "1710GVA123451ROBERTA<<<<<<<9112311F2<<<<<<<<0CHE02",
    ): ({"format": None}, {("mrz", "not_mrz")}, set()),
    FRA_TEST: (
        {
            "format": "FRA-ID",
            "document_code": "ID",
            "issuing_state": "FRA",
            "surname": "TEST NAME",
            "given_names": "ROBERTA",
            "document_number": "1710GVA12345",
            "nationality": "FRA",
            "birth_date": "1991-12-31",
            "sex": "F",
            "expiry_date": None,
            "optional_data": "0CHE02",
        },
        set(),
        {"national_format"},
    ),
    ("IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<", "9409923102854CORINNE<<<<<<<6512068F4"): (
        {
            "format": "FRA-ID",
            "surname": "BERTHIER",
            "given_names": "CORINNE",
            "document_number": "940992310285",
            "birth_date": "1965-12-06",
            "sex": "F",
            "optional_data": "",
        },
        set(),
        {"national_format"},
    ),
    ("1DFRATE5T<NAME<<<<<<<<<<<<<<<<0CHE02", "I7I0GVA123451RO8ERTA<<<<<<<9IIZ3IIF2"): (
        {"format": "FRA-ID", "document_number": "I7I0GVA12345", "birth_date": None},
        {
            ("document_code", "invalid_document_code"),
            ("surname", "invalid_name"),
            ("document_number", "check_digit"),
            ("given_names", "invalid_name"),
            ("birth_date", "invalid_date"),
            ("birth_date", "check_digit"),
            ("composite", "check_digit"),
        },
        {"national_format"},
    ),
    ("AAA001D<<", "FACHE305142128097<<800126<<<<<", "MARCHAND<<FABIENNE<<<<<<<<<<<<"): (
        {"format": None},
        {("mrz", "not_mrz")},
        set(),
    ),
    ("AAA001D<<", "FACHE30S142IZBO97<<8OO12G<<<<<", "MARCHAND<<FA81ENNE<<<<<<<<<<<<"): (
        {"format": None},
        {("mrz", "not_mrz")},
        set(),
    ),
    SMITH: (
        {
            "format": "TD1",
            "document_code": "ID",
            "issuing_state": "CHE",
            "document_number": "A1234567",
            "birth_date": "1975-10-25",
            "sex": "M",
            "expiry_date": "2020-09-01",
            "nationality": "CHE",
            "surname": "SMITH",
            "given_names": "JOHN ALBERT",
            "optional_data": "",
            "optional_data_2": "",
        },
        set(),
        set(),
    ),
    (
        "I<PRT007777779<ZZ92<<<<<<<<<<<",
        "8303143M3405282PRT<<<<<<<<<<<2",
        "CACADOR<DE<ARAUJO<<ANDRE<ESTEV",
    ): (
        {
            "format": "TD1",
            "document_number": "007777779ZZ9",
            "surname": "CACADOR DE ARAUJO",
            "given_names": "ANDRE ESTEV",
            "names_truncated": True,
            "birth_date": "1983-03-14",
            "expiry_date": "2034-05-28",
        },
        set(),
        {"names_truncated"},
    ),
    (
        "I<PRT007666667<ZZ00<<<<<<<<<<<",
        "8303143M3405293PRT<<<<<<<<<<<4",
        "CACADOR<DE<ARAUJO<<ANDRE<ESTEV",
    ): (
        {"document_number": "007666667ZZ0", "expiry_date": "2034-05-29"},
        set(),
        {"names_truncated"},
    ),
    (
        "IDBEL600001795<0152<<<<<<<<<<<",
        "1301014F2311207BEL130101987398",
        "SPECIMEN<<SPECIMEN<<<<<<<<<<<<",
    ): (
        {
            "document_number": "600001795015",
            "birth_date": "2013-01-01",
            "expiry_date": "2023-11-20",
            "optional_data": "",
            "optional_data_2": "13010198739",
        },
        set(),
        set(),
    ),
    (
        "I<FINXA10000585010195<112X<<<<",
        "9501016F2803135FIN<<<<<<<<<<<7",
        "SPECIMEN<TRAVEL<<VILMA<SOFIA<<",
    ): (
        {
            "document_number": "XA1000058",
            "optional_data": "010195<112X",
            "surname": "SPECIMEN TRAVEL",
            "given_names": "VILMA SOFIA",
            "birth_date": "1995-01-01",
            "expiry_date": "2028-03-13",
        },
        set(),
        set(),
    ),
    # UTO is ICAO's specimen state (9303-3 §5): valid here, unlike in cheminfo/mrz.
    (
        "I<UTOD231458907ABC<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<1",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ): (
        {"document_number": "D23145890", "optional_data": "ABC", **ERIKSSON, **ERIKSSON_DATES},
        set(),
        set(),
    ),
    (
        "I<UTOD23145890<1233<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<2",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ): ({"document_number": "D23145890123", "optional_data": ""}, set(), set()),
    # ICAO 9303-11's specimen: D23145890734, check digit 9.
    (
        "I<UTOD23145890<7349<<<<<<<<<<<",
        "3407127M9507122UTO<<<<<<<<<<<2",
        "STEVENSON<<PETER<JOHN<<<<<<<<<",
    ): (
        {
            "document_number": "D23145890734",
            "surname": "STEVENSON",
            "given_names": "PETER JOHN",
            "birth_date": "1934-07-12",
            "expiry_date": "1995-07-12",
            "sex": "M",
        },
        set(),
        set(),
    ),
    # An empty primary identifier.
    (
        "I<CHED231458907ABC<<<<<<<<<<<<",
        "7408122F1204159CHE<<<<<<<<<<<1",
        "<<ANNA<MARIA<<<<<<<<<<<<<<<<<<",
    ): ({"surname": "", "given_names": "ANNA MARIA", "issuing_state": "CHE"}, set(), set()),
    (
        "IDCHEA1234567<6<<<<<<<<<<<<<<<",
        "7SIOZSGMZOO90IBCHE<<<<<<<<<<<B",
        "5M1TH<<J0HN<AL8ERT<<<<<<<<<<<<",
    ): (
        {"birth_date": None, "expiry_date": None, "surname": "5M1TH"},
        {
            ("birth_date", "invalid_date"),
            ("birth_date", "check_digit"),
            ("expiry_date", "invalid_date"),
            ("expiry_date", "check_digit"),
            ("composite", "check_digit"),
            ("names", "invalid_name"),
        },
        set(),
    ),
    # Belgium computes this long-number check digit over 000590240<601 (with the filler):
    # 3 that way, 1 the ICAO way. Accepted with a warning; the composite still holds.
    (
        "IDBEL000590240<6013<<<<<<<<<<<",
        "8512017F1311048BEL851201002007",
        "REINARTZ<<ULRIKE<KATIA<E<<<<<<",
    ): (
        {
            "document_number": "000590240601",
            "birth_date": "1985-12-01",
            "expiry_date": "2013-11-04",
            "optional_data_2": "85120100200",
            "given_names": "ULRIKE KATIA E",
        },
        set(),
        {"check_digit_variant"},
    ),
    (
        "IDBEL000590240<6016<<<<<<<<<<<",
        "8512017F1311048BEL851201002007",
        "REINARTZ<<ULRIKE<KATIA<E<<<<<<",
    ): ({}, {("document_number", "check_digit"), ("composite", "check_digit")}, set()),
    (
        "IDBEL000590240<6013<<<<<<<<<<<",
        "8512018F1311048BEL851201002007",
        "REINARTZ<<ULRIKE<KATIA<E<<<<<<",
    ): (
        {},
        {("birth_date", "check_digit"), ("composite", "check_digit")},
        {"check_digit_variant"},
    ),
    TD2_SPECIMEN: (
        {"format": "TD2", "document_number": "D23145890", **ERIKSSON, **ERIKSSON_DATES},
        set(),
        set(),
    ),
    ("I<UTOERIK55ON<<ANNA<MAR1A<<<<<<<<<<<", "D231458907UT0740BIZZF12O4IS9<<<<<<<G"): (
        {"format": "TD2", "nationality": "UT0"},
        {
            ("names", "invalid_name"),
            ("nationality", "unknown_code"),
            ("birth_date", "invalid_date"),
            ("birth_date", "check_digit"),
            ("expiry_date", "invalid_date"),
            ("expiry_date", "check_digit"),
            ("composite", "check_digit"),
        },
        set(),
    ),
    TD3_SPECIMEN: (
        {
            "format": "TD3",
            "document_code": "P",
            "issuing_state": "UTO",
            "document_number": "L898902C3",
            "nationality": "UTO",
            "optional_data": "ZE184226B",
            "personal_number": "ZE184226B",
            **ERIKSSON,
            **ERIKSSON_DATES,
        },
        set(),
        set(),
    ),
    (TD3_SPECIMEN[0], "L898902C36UTO7408122F1204159ZE184226B<<<<<20"): (
        {"personal_number": "ZE184226B"},
        {("personal_number", "check_digit"), ("composite", "check_digit")},
        set(),
    ),
    # Germany is D<< (9303-3 §5); an all-filler personal number with check digit <.
    (
        "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<",
        "C01X0006H1D<<6408125F1710319<<<<<<<<<<<<<<<0",
    ): (
        {
            "issuing_state": "D",
            "nationality": "D",
            "document_number": "C01X0006H",
            "surname": "MUSTERMANN",
            "given_names": "ERIKA",
            "birth_date": "1964-08-12",
            "expiry_date": "2017-10-31",
            "personal_number": "",
        },
        set(),
        set(),
    ),
    (
        "P<IND<<FIRST<NAME<<<<<<<<<<<<<<<<<<<<<<<<<<<",
        "C01X0006H1D<<6408125F1710319<<<<<<<<<<<<<<<0",
    ): ({"issuing_state": "IND", "surname": "", "given_names": "FIRST NAME"}, set(), set()),
    (
        "POCHNABULIKEMU<<ABULA<<<<<<<<<<<<<<<<<<<<<<<",
        "E596593216CHN9701078M2510077LAKCLCLMMBKGG932",
    ): (
        {
            "document_code": "PO",
            "surname": "ABULIKEMU",
            "given_names": "ABULA",
            "document_number": "E59659321",
            "personal_number": "LAKCLCLMMBKGG9",
            "birth_date": "1997-01-07",
            "expiry_date": "2025-10-07",
        },
        set(),
        set(),
    ),
    (
        "PTCHNCESHI<<YANGBEN<<<<<<<<<<<<<<<<<<<<<<<<<",
        "G622925996CHN8310291F1904220LCOCMKNENBPJB984",
    ): ({"document_code": "PT", "document_number": "G62292599", "sex": "F"}, set(), set()),
    (
        "P<UT0ERIK55ON<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO740BIZZF12041S9ZE184226B<<<<<1O",
    ): (
        {"issuing_state": "UT0"},
        {
            ("issuing_state", "unknown_code"),
            ("names", "invalid_name"),
            ("birth_date", "invalid_date"),
            ("birth_date", "check_digit"),
            ("expiry_date", "invalid_date"),
            ("expiry_date", "check_digit"),
            ("composite", "check_digit"),
        },
        set(),
    ),
    (
        "IDAUT10000999<6<<<<<<<<<<<<<<<",
        "7109094F1112315AUT<<<<<<<<<<<4",
        "MUSTERFRAU<<ISOLDE<<<<<<<<<<<<",
    ): (
        {"document_number": "10000999", "birth_date": "1971-09-09", "expiry_date": "2011-12-31"},
        set(),
        set(),
    ),
    (
        "VIUSATRAVELER<<HAPPYPERSON<<<<<<<<<<<<<<<<<<",
        "555123ABC6GBR6502056F04122361FLNDDDAM5803085",
    ): (
        {
            "format": "MRVA",
            "document_code": "VI",
            "issuing_state": "USA",
            "nationality": "GBR",
            "document_number": "555123ABC",
            "optional_data": "1FLNDDDAM5803085",
            "personal_number": None,
            "birth_date": "1965-02-05",
            "expiry_date": "2004-12-23",
        },
        set(),
        set(),
    ),
    (
        "P<POLKOWALSKA<KWIATKOWSKA<<JOANNA<<<<<<<<<<<",
        "AA00000000POL6002084F1412314<<<<<<<<<<<<<<<4",
    ): (
        {
            "surname": "KOWALSKA KWIATKOWSKA",
            "given_names": "JOANNA",
            "document_number": "AA0000000",
        },
        set(),
        set(),
    ),
    (
        "IDAUT10000999<6<<<<<<<<<<<<<<<",
        "7109094F1112315AUT<<<<<<<<<<<6",
        "MUSTERFRAU<<ISOLDE<<<<<<<<<<<<",
    ): ({}, {("composite", "check_digit")}, set()),
    TD1_SPECIMEN: (
        {"format": "TD1", "document_number": "D23145890", **ERIKSSON, **ERIKSSON_DATES},
        set(),
        set(),
    ),
}

REPAIRS = {
    ("1DFRATE5T<NAME<<<<<<<<<<<<<<<<0CHE02", "I7I0GVA123451RO8ERTA<<<<<<<9IIZ3IIF2"): FRA_TEST,
    (
        "IDCHEA1234567<6<<<<<<<<<<<<<<<",
        "7SIOZSGMZOO90IBCHE<<<<<<<<<<<B",
        "5M1TH<<J0HN<AL8ERT<<<<<<<<<<<<",
    ): SMITH,
    (
        "I<UTOERIK55ON<<ANNA<MAR1A<<<<<<<<<<<",
        "D231458907UT0740BIZZF12O4IS9<<<<<<<G",
    ): TD2_SPECIMEN,
    (
        "P<UT0ERIK55ON<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO740BIZZF12041S9ZE184226B<<<<<1O",
    ): TD3_SPECIMEN,
}


def test_every_peer_vector_has_an_expectation() -> None:
    """Every vector in peer_vectors.jsonl is covered below, and nothing else."""
    assert set(_peer_vectors()) == set(EXPECTED)


@pytest.mark.parametrize("lines", list(EXPECTED), ids=lambda ls: ls[0][:20])
def test_peer_vector(lines: tuple[str, ...]) -> None:
    """Fields, errors and warnings as ICAO 9303 parts 3-7 define them."""
    fields, errors, warnings = EXPECTED[lines]
    result = parse_mrz("\n".join(lines), reference=REF)
    got = result.to_dict()
    for key, value in fields.items():
        assert got[key] == value, key
    assert {(e.field, e.code) for e in result.errors} == errors
    assert {w.code for w in result.warnings} == warnings
    assert result.valid is (not errors)
    for issue in result.errors:
        if issue.code != "not_mrz":
            assert issue.line is not None and issue.start is not None and issue.end is not None
            assert 0 <= issue.start <= issue.end <= len(lines[issue.line])


@pytest.mark.parametrize("lines", list(REPAIRS), ids=lambda ls: ls[0][:20])
def test_peer_vector_repair(lines: tuple[str, ...]) -> None:
    """OCR-damaged vectors repair to their clean twin, reporting every change."""
    repair = suggest_repair("\n".join(lines), reference=REF)
    assert repair is not None
    assert repair.mrz == "\n".join(REPAIRS[lines])
    assert repair.result.valid
    clean = REPAIRS[lines]
    for change in repair.changes:
        assert lines[change.line][change.column] == change.old
        assert clean[change.line][change.column] == change.new
    changed = sum(
        a != b for old, new in zip(lines, clean, strict=True) for a, b in zip(old, new, strict=True)
    )
    assert len(repair.changes) == changed


@pytest.mark.parametrize("lines", [v for v in EXPECTED if not EXPECTED[v][1]])
def test_valid_vectors_check_digits_agree_with_naive_implementation(lines: tuple[str, ...]) -> None:
    """The fast check digit equals the obvious loop on every line of every valid vector."""
    for line in lines:
        for end in range(1, len(line) + 1):
            assert check_digit(line[:end]) == naive_check_digit(line[:end])


def test_long_document_number_by_hand() -> None:
    """ICAO 9303-11 TD1 specimen: D23145890734 → 9.

    D=13: 13·7 + 2·3 + 3·1 + 1·7 + 4·3 + 5·1 + 8·7 + 9·3 + 0·1 + 7·7 + 3·3 + 4·1 = 269 → 9.
    """
    assert check_digit("D23145890734") == 9
    # Portugal, 007777779ZZ9: 0+0+7+49+21+7+49+21+9+245+105+9 = 522 → 2
    assert check_digit("007777779ZZ9") == 2
    # Belgium, 000590240601 → 131 → 1 (ICAO); with the filler, 000590240<601 → 113 → 3.
    assert check_digit("000590240601") == 1
    assert check_digit("000590240<601") == 3
