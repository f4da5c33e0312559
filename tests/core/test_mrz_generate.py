# ruff: noqa: RUF003 -- names in other scripts are test data
"""``make_mrz``, names and transliteration (ICAO 9303-3 §4.6 and §6)."""

from __future__ import annotations

from datetime import date

import pytest

from passage.core.mrz import MRZBuildError, make_mrz, mrz_name, parse_mrz, transliterate

REF = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("name", "mrz"),
    [
        ("Ärger Öl Über", "AERGER<OEL<UEBER"),  # Ä→AE, Ö→OE, Ü→UE (recommended)
        ("Ångström", "AANGSTROEM"),  # Å→AA
        ("Æsir Øre", "AESIR<OERE"),  # Æ→AE, Ø→OE
        ("Weiß", "WEISS"),  # ß→SS
        ("Þór", "THOR"),  # Þ→TH
        ("Ĳsselmeer", "IJSSELMEER"),
        ("Çelik Şahin Ğ", "CELIK<SAHIN<G"),
        ("Dvořák Łukasz", "DVORAK<LUKASZ"),
        ("José-María", "JOSE<MARIA"),  # hyphen → filler (9303-3 §4.6)
        ("O'Connor", "OCONNOR"),  # apostrophe dropped
        ("Nguyễn Thị", "NGUYEN<THI"),  # fallback: diacritics stripped
        ("Горбачёв Михаил", "GORBACHEV<MIKHAIL"),  # Cyrillic, 9303-3 §6 Table B
        ("Щукин Юрий Ъ", "SHCHUKIN<IURII<IE"),
        ("Ольга Царь", "OLGA<TSAR"),  # Ь omitted, Ц→TS
        ("Їжак Ґанна Євген", "IZHAK<GANNA<IEVGEN"),
    ],
)
def test_transliteration(name: str, mrz: str) -> None:
    """ICAO 9303-3 §6: recommended transliterations of Latin diacritics and Cyrillic."""
    assert transliterate(name) == mrz


def test_name_field_padding_and_empty_primary() -> None:
    """9303-3 §4.6: PRIMARY<<SECONDARY padded with fillers; an empty primary keeps its <<."""
    assert mrz_name("Eriksson", "Anna Maria", 30) == "ERIKSSON<<ANNA<MARIA" + "<" * 10
    assert mrz_name("", "Anna", 10) == "<<ANNA<<<<"
    assert mrz_name("Arkfreith", "", 12) == "ARKFREITH<<<"


def test_truncation_secondary_first() -> None:
    """9303-3 §4.6: the secondary identifier is truncated first; the field ends in a letter."""
    field = mrz_name("Nilavadhanananda", "Chayapa Dejthamrong Krasuang", 39)
    assert field == "NILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K"
    r = parse_mrz(
        make_mrz(
            "TD3",
            surname="Nilavadhanananda",
            given_names="Chayapa Dejthamrong Krasuang",
            document_number="L898902C3",
            issuing_state="UTO",
            birth_date="740812",
            sex="F",
            expiry_date="120415",
        ),
        reference=REF,
    )
    assert r.valid and r.names_truncated and r.given_names == "CHAYAPA DEJTHAMRONG K"


def test_truncation_keeps_the_flag_when_the_cut_meets_a_filler() -> None:
    """A cut just after a filler would hide the truncation: the next initial is kept."""
    field = mrz_name("Smith", "Anna Bernadette", 16)  # SMITH<<ANNA<BERN… cut after ANNA<
    assert len(field) == 16 and field[-1].isalpha()
    assert field.startswith("SMITH<<ANNA")


def test_truncation_of_a_long_primary_identifier() -> None:
    """When the primary alone is too long its last components shrink, down to initials."""
    field = mrz_name("Bennelong Woolooomooloo Warrandyte Warnambool", "Dingo Potoroo", 30)
    assert field == "BENNELONG<WOOLOOOMOOLOO<W<W<<D"
    assert len(mrz_name("A" * 50, "", 30)) == 30


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"format": "TD4"}, "format"),
        ({"document_number": "ABCDEFGHIJ"}, "document_number"),  # TD3: at most 9
        ({"optional_data": "É"}, "optional_data"),
        ({"optional_data": "X" * 15}, "optional_data"),
        ({"birth_date": "1974-08-12"}, "birth_date"),
        ({"surname": "", "given_names": ""}, "names"),
        ({"issuing_state": "UTOP"}, "issuing_state"),
    ],
)
def test_build_errors_name_the_field(kw: dict[str, object], field: str) -> None:
    args: dict[str, object] = {
        "format": "TD3",
        "surname": "Eriksson",
        "document_number": "L898902C3",
        "issuing_state": "UTO",
        "birth_date": date(1974, 8, 12),
        "expiry_date": date(2012, 4, 15),
    }
    args.update(kw)
    fmt = args.pop("format")
    with pytest.raises(MRZBuildError) as info:
        make_mrz(fmt, **args)  # type: ignore[arg-type]
    assert info.value.field == field


def test_td3_specimen_is_reproduced() -> None:
    """ICAO 9303-4 Appendix A specimen, rebuilt from its fields."""
    text = make_mrz(
        "TD3",
        surname="Eriksson",
        given_names="Anna María",
        document_number="L898902C3",
        issuing_state="UTO",
        birth_date=date(1974, 8, 12),
        sex="F",
        expiry_date=date(2012, 4, 15),
        optional_data="ZE184226B",
    )
    assert text == (
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
    )


def test_td2_and_mrv_specimens_are_reproduced() -> None:
    common = {
        "surname": "Eriksson",
        "given_names": "Anna Maria",
        "birth_date": "740812",
        "sex": "F",
    }
    assert make_mrz(
        "TD2", document_number="D23145890", issuing_state="UTO", expiry_date="120415", **common
    ) == ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6")
    assert make_mrz(
        "MRVA",
        document_number="L8988901C",
        issuing_state="UTO",
        nationality="XXX",
        expiry_date="961210",
        optional_data="6ZE184226B",
        **common,
    ).split("\n")[1] == ("L8988901C4XXX7408122F96121096ZE184226B<<<<<<")


def test_fra_id_round_trip() -> None:
    """France's old ID card (not ICAO): written and read back with its checks."""
    text = make_mrz(
        "FRA-ID",
        surname="Berthier",
        given_names="Corinne",
        document_number="940992310285",
        issuing_state="FRA",
        birth_date="651206",
        sex="F",
    )
    assert text == "IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<\n9409923102854CORINNE<<<<<<<6512068F4"
