# ruff: noqa: RUF003 -- names in other scripts are test data
"""The example lines printed in ICAO Doc 9303 (8th edition) parts 3-7.

Each printed line is used: full lines are parsed with a partner line from the same part;
lines that the text shows without their last check digit are checked to be incomplete;
the three 45-character lines are typos in the printed standard (one filler too many)
and are rejected as such. Expected names were read off the lines by hand following
9303-3 §4.6: ``PRIMARY<<SECONDARY``, a letter in the last position flags truncation.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from passage.core.mrz import check_digit, mrz_name, parse_mrz, transliterate

DATA = Path(__file__).resolve().parents[1] / "data" / "mrz"
REF = date(2025, 1, 1)
EXAMPLES: dict[str, list[str]] = json.loads(
    (DATA / "icao_example_lines.json").read_text(encoding="utf-8")
)
ALL_LINES = [(part, line) for part, lines in EXAMPLES.items() for line in lines]

TD3_L2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
MRVA_L2 = "L8988901C4XXX7408122F96121096ZE184226B<<<<<<"
MRVB_L2 = "L8988901C4XXX7408122F9612109<<<<<<<<"
TD2_L2 = "D231458907UTO7408122F1204159<<<<<<<6"
TD1_L1, TD1_L2 = "I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6"

# name field without trailing fillers → (surname, given names); * marks a possible truncation
NAMES: dict[str, tuple[str, str]] = {
    "ERIKSSON<<ANNA<MARIA": ("ERIKSSON", "ANNA MARIA"),
    "HENG<<DEBORAH<MING<LO": ("HENG", "DEBORAH MING LO"),
    "SMITH<JONES<<SUSIE<MARGARET": ("SMITH JONES", "SUSIE MARGARET"),
    "OCONNOR<<ENYA<SIOBHAN": ("OCONNOR", "ENYA SIOBHAN"),
    "VAN<DER<MUELLEN<<MARTIN": ("VAN DER MUELLEN", "MARTIN"),
    "AL<BASRI<<HUDA<MUHAMMAD<JAWAD": ("AL BASRI", "HUDA MUHAMMAD JAWAD"),
    "VILARCHAO<FERNANDEZ<<JOSE<RAMON": ("VILARCHAO FERNANDEZ", "JOSE RAMON"),
    "VILARCHAO<FERNANDEZ<<JOSE<RAMO": ("VILARCHAO FERNANDEZ", "JOSE RAMO"),
    "ARKFREITH": ("ARKFREITH", ""),
    "SATRIYA<SUDARPA": ("SATRIYA SUDARPA", ""),
    "NILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K": ("NILAVADHANANANDA", "CHAYAPA DEJTHAMRONG K"),
    "NILAVADHANANANDA<<ARNPOL<PETCH<CHARONGU": ("NILAVADHANANANDA", "ARNPOL PETCH CHARONGU"),
    "NILAVADHANANANDA<<CHAYAPA<DEJ<K": ("NILAVADHANANANDA", "CHAYAPA DEJ K"),
    "NILAVADHANANANDA<<ARNP<PE<CHARO": ("NILAVADHANANANDA", "ARNP PE CHARO"),
    "NILAVADHANANANDA<<ARN<PET<CHARO": ("NILAVADHANANANDA", "ARN PET CHARO"),
    "NILAVADHANANANDA<<CHAYAPA<DE<K": ("NILAVADHANANANDA", "CHAYAPA DE K"),
    "NILAVADHANANANDA<<ARNPOL<PE<CH": ("NILAVADHANANANDA", "ARNPOL PE CH"),
    "BENNELONG<WOOLOOMOOLOO<WARRANDYTE<W<<DI": ("BENNELONG WOOLOOMOOLOO WARRANDYTE W", "DI"),
    "BENNELONG<WOOLOOM<WARRAND<WARNAM<<DINGO": ("BENNELONG WOOLOOM WARRAND WARNAM", "DINGO"),
    "BENNEL<WOOLOO<WARRAN<WARNAM<<DINGO<POTO": ("BENNEL WOOLOO WARRAN WARNAM", "DINGO POTO"),
    "BENNELONG<WOOLOOMOOLOO<WAR<W<<D": ("BENNELONG WOOLOOMOOLOO WAR W", "D"),
    "BENNELONG<WOOLOOM<WAR<WA<<DINGO": ("BENNELONG WOOLOOM WAR WA", "DINGO"),
    "BENN<WOOL<WARR<WARN<<DINGO<POTO": ("BENN WOOL WARR WARN", "DINGO POTO"),
    "BENNELONG<WOOLOOMOOLOO<W<W<<D<P": ("BENNELONG WOOLOOMOOLOO W W", "D P"),
    "BENNELONG<WOOLOOM<WAR<WARN<<D<P": ("BENNELONG WOOLOOM WAR WARN", "D P"),
    "BENNEL<WOOLO<WARRA<WARNA<<DIN<P": ("BENNEL WOOLO WARRA WARNA", "DIN P"),
    "BENNELONG<WOOLOOMOOLOO<W<W<<DI": ("BENNELONG WOOLOOMOOLOO W W", "DI"),
    "BENNELONG<WOOLOOM<WA<WARN<<D<P": ("BENNELONG WOOLOOM WA WARN", "D P"),
    "BENNE<WOOLO<WARRA<WARNA<<DIN<P": ("BENNE WOOLO WARRA WARNA", "DIN P"),
    "PAPANDROPOULOUS<<JONATHON<WARREN<TREVOR": ("PAPANDROPOULOUS", "JONATHON WARREN TREVOR"),
    "PAPANDROPOULOUS<<STEPHEN<TREVOR": ("PAPANDROPOULOUS", "STEPHEN TREVOR"),
    "PAPANDROPOULOUS<<JONATHOON<ALEC": ("PAPANDROPOULOUS", "JONATHOON ALEC"),
    "PAPANDROPOULOUS<<JONATHON<ALEC": ("PAPANDROPOULOUS", "JONATHON ALEC"),
}

# Arabic-script names and the X-scheme lines 9303-3 §6 prints for them.
ARABIC = {
    "ابو بكر محمد بن زكريا الرازي": "ABW<BKR<MXHMD<BN<ZKRYA<ALRAZY",
    "جمال عبد الناصر": "JMAL<EBD<ALNAXSSR",
    "عبد العزيز بن متعب": "EBD<ALEZYZ<BN<MTEB",
    "إسماعيل عزّ الدين": "ISMAEYL<EZZ<ALDYN",
    "جميلة نعيمة": "JMYLXAH<NEYMXAH",
    "هاري الشماع": "HARY<ALXSHMAE",
}
# Lines of part 3 left out of ARABIC, and why: "ABU<BAKR<…" is the phonetic (not X-scheme)
# rendering; the lines spelling الله as ALLXH contradict the table's ه → H (the swap of
# ح and ه noted in 9303-3 App. B); SMYR<BADMKDWXDHYL has no published Arabic source.
PART3_NOT_CHECKED = {"ABU<BAKR<MOHAMMED<IBN<ZAKARIA<AL<RAZI", "SMYR<BADMKDWXDHYL"}


def _partner(line: str) -> list[str] | None:
    if len(line) == 44 and line.startswith("P<"):
        return [line, TD3_L2]
    if len(line) == 44 and line.startswith("V<"):
        return [line, MRVA_L2]
    if len(line) == 36 and line.startswith("V<"):
        return [line, MRVB_L2]
    if len(line) == 36 and line.startswith("I<"):
        return [line, TD2_L2]
    return None


def _name_lines() -> list[tuple[str, list[str]]]:
    out = []
    for part, line in ALL_LINES:
        lines = _partner(line)
        if lines is not None:
            out.append((line[5:], lines))
        elif part == "part5" and len(line) == 30 and not line[0].isdigit() and line != TD1_L1:
            out.append((line, [TD1_L1, TD1_L2, line]))
    return out


@pytest.mark.parametrize(("field", "lines"), _name_lines(), ids=lambda x: str(x)[:30])
def test_name_lines(field: str, lines: list[str]) -> None:
    """9303-3 §4.6: primary and secondary identifiers; a final letter flags truncation."""
    result = parse_mrz("\n".join(lines), reference=REF)
    assert result.valid, result.errors
    assert (result.surname, result.given_names) == NAMES[field.rstrip("<")]
    assert result.names_truncated is (field[-1] != "<")
    assert ("names_truncated" in {w.code for w in result.warnings}) is result.names_truncated


def test_every_printed_line_is_used() -> None:
    """Each example line is either a name line above, a data line below or a known case."""
    names = {f for f, _ in _name_lines()}
    data = {TD3_L2, MRVA_L2, MRVB_L2, TD2_L2, TD1_L1, TD1_L2}
    others = set(PARTIAL) | set(TYPOS) | set(FULL_DATA) | set(PART3_NOT_CHECKED)
    others |= {line.rstrip("<") for line in ARABIC.values()}
    for part, line in ALL_LINES:
        if line in data or line in others or line[5:] in names or line in names:
            continue
        if part == "part3" and line.rstrip("<") in {*ARABIC.values(), *others}:
            continue
        if part == "part3" and "ALLXH" in line:
            continue
        if part == "part7" and line == "VCD<<DENT<<ARTHUR<PHILIP<<<<<<<<<<<":
            continue
        if line in ARABIC_FIELDS:
            continue
        raise AssertionError(f"{part}: {line} not covered")


# Lines printed without their final check digit, to illustrate computing it.
PARTIAL = {
    "HA672242<6YTO5802254M9601086<<<<<<<<<<<<<<0": "8",
    "3407127M9507122YTO<<<<<<<<<<<": "2",
    "HA672242<6YTO5802254M9601086<<<<<<<": "8",
    "7408122F96121096ZE184226B<<<<<<": None,
}


@pytest.mark.parametrize("line", list(PARTIAL))
def test_partial_lines(line: str) -> None:
    """Printed without their composite check digit (9303-3 §4.9 worked examples)."""
    digit = PARTIAL[line]
    if digit is None:  # MRV-A line 2 from its 14th character: a layout illustration
        assert MRVA_L2.endswith(line)
        return
    full = line + digit
    if len(full) == 44:
        assert check_digit(full[0:10] + full[13:20] + full[21:43]) == int(digit)
    elif len(full) == 36:
        assert check_digit(full[0:10] + full[13:20] + full[21:35]) == int(digit)
    else:
        l1 = "I<YTOD231458907<<<<<<<<<<<<<<<"
        assert check_digit(l1[5:30] + full[0:7] + full[8:15] + full[18:29]) == int(digit)
    assert any(full in lines for lines in EXAMPLES.values())


FULL_DATA = {
    # YTO is not a code (the part 3 examples use it as a placeholder): every check digit
    # holds, the only error is the unknown state.
    "HA672242<6YTO5802254M9601086<<<<<<<<<<<<<<08": "TD3",
    "HA672242<6YTO5802254M9601086<<<<<<<8": "TD2",
    "3407127M9507122YTO<<<<<<<<<<<2": "TD1",
    "I<YTOD231458907<<<<<<<<<<<<<<<": "TD1",
    "L898902C<3UTO6908061F9406236ZE184226B<<<<<<<": "MRVA",
    "L898902C<3UTO6908061F9406236ZE184226": "MRVB",
    "1234567XY7GBR5203116M2105253<<<<<<<<": "MRVB",
    "D231458907UTO7408122F1204159<<<<<<<6": "TD2",
}


@pytest.mark.parametrize("line", list(FULL_DATA))
def test_data_lines(line: str) -> None:
    """Data lines: every check digit of 9303-4..7 §4.2.2 holds."""
    fmt = FULL_DATA[line]
    if fmt == "TD3":
        lines = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", line]
    elif fmt == "TD2":
        lines = ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", line]
    elif fmt == "TD1":
        lines = [
            "I<YTOD231458907<<<<<<<<<<<<<<<",
            "3407127M9507122YTO<<<<<<<<<<<2",
            "ERIKSSON<<ANNA<<<<<<<<<<<<<<<<",
        ]
    elif fmt == "MRVA":
        lines = ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", line]
    else:
        lines = ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", line]
    result = parse_mrz("\n".join(lines), reference=REF)
    assert result.format == fmt
    codes = {(e.field, e.code) for e in result.errors}
    assert not {c for c in codes if c[1] == "check_digit"}
    if "YTO" in "".join(lines):
        assert codes <= {("issuing_state", "unknown_code"), ("nationality", "unknown_code")}
        assert codes
    else:
        assert result.valid


def test_mrv_b_visa_of_germany() -> None:
    """9303-7's MRV-B example, VCD<<DENT…: printed one filler short (35 characters)."""
    short = "VCD<<DENT<<ARTHUR<PHILIP<<<<<<<<<<<"
    assert len(short) == 35
    bad = parse_mrz(short + "\n1234567XY7GBR5203116M2105253<<<<<<<<", reference=REF)
    assert [e.code for e in bad.errors] == ["line_length"]
    good = parse_mrz(short + "<\n1234567XY7GBR5203116M2105253<<<<<<<<", reference=REF)
    assert good.valid
    assert (good.format, good.document_code, good.issuing_state) == ("MRVB", "VC", "D")
    assert (good.surname, good.given_names, good.nationality) == ("DENT", "ARTHUR PHILIP", "GBR")
    assert (good.birth_date, good.expiry_date) == (date(1952, 3, 11), date(2021, 5, 25))


TYPOS = {
    "P<UTOIVANOVA<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F2504155184226<<<<<<<<<18",
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<<",
}


@pytest.mark.parametrize("line", sorted(TYPOS))
def test_45_character_typos(line: str) -> None:
    """A 45-character line is not a TD3/MRV-A line: an error naming the extra character."""
    assert len(line) == 45
    partner = TD3_L2 if line[0] in "PV" else "P<UTOIVANOVA<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<<"
    lines = [line, partner] if line[0] in "PV" else [partner, line]
    result = parse_mrz("\n".join(lines), reference=REF)
    assert not result.valid
    errs = [e for e in result.errors if e.code == "line_length"]
    assert len(errs) == 1
    assert (errs[0].start, errs[0].end) == (44, 45)


def test_ivanova_without_the_extra_filler() -> None:
    """9303-4's IVANOVA example with one filler dropped from each line is a valid TD3."""
    l1 = "P<UTOIVANOVA<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<<"
    l2 = "L898902C36UTO7408122F2504155184226<<<<<<<<18"
    result = parse_mrz(f"{l1}\n{l2}", reference=REF)
    assert result.valid, result.errors
    assert (result.surname, result.given_names, result.personal_number) == (
        "IVANOVA",
        "ANNA",
        "184226",
    )
    assert result.expiry_date == date(2025, 4, 15)


@pytest.mark.parametrize("arabic", list(ARABIC))
def test_arabic_x_scheme(arabic: str) -> None:
    """9303-3 §6 Table C: the X-scheme lines printed in part 3."""
    assert transliterate(arabic) == ARABIC[arabic]


ARABIC_FIELDS = {
    "BN<ZKRYA<ALRAZY<<ABW<BKR<MXHMD<<<<<<<<<": ("بن زكريا الرازي", "ابو بكر محمد"),
    "ALRAZY<<ABW<BKR<MXHMD<BN<ZKRYA<<<<<<<<<": ("الرازي", "ابو بكر محمد بن زكريا"),
}


@pytest.mark.parametrize("field", list(ARABIC_FIELDS))
def test_arabic_name_fields(field: str) -> None:
    """9303-3 §6's two placements of al-Razi's name in a 39-character name field."""
    assert field in EXAMPLES["part3"]
    assert mrz_name(*ARABIC_FIELDS[field], 39) == field
