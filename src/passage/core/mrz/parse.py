"""Reading and validating machine-readable zones: ICAO 9303 parts 3-7.

The parser never raises on bad MRZ text: it returns an :class:`MRZResult` whose
``errors`` and ``warnings`` name each field and the span of its characters. Only
:func:`read_mrz` raises, for callers who prefer an exception.

Performance note: this module is on the hot path of the benchmark (``bench/mrz.py``),
so the per-format readers slice the lines directly instead of walking a field table,
and check digits use the precomputed tables of :mod:`.checkdigit`.
"""

from __future__ import annotations

import calendar
from datetime import date
from functools import lru_cache
from string import ascii_lowercase, ascii_uppercase
from typing import Final, NamedTuple

from ..text import Text
from .checkdigit import ALPHABET, compute, compute_bytes
from .codes import DEPRECATED, MRZ_CODES, NON_CONFORMANT
from .errors import Issue, MRZParseError
from .layout import FIELD_AT, LINE_LENGTHS
from .result import MRZResult

_VALID: Final = frozenset(ALPHABET)
_DIGITS: Final = frozenset("0123456789")
_DIGIT_VALUE: Final = {str(i): i for i in range(10)}
_UPPER: Final = str.maketrans(ascii_lowercase, ascii_uppercase)
_ONE_LINE: Final = {90: ("TD1", 30), 88: ("TD3", 44), 72: ("TD2", 36)}
_DOC_CODE_FIRST: Final = {
    "TD1": "ACI",  # 9303-5 §4.2.2: A, C or I
    "TD2": "ACI",  # 9303-6 §4.2.2: A, C or I
    "TD3": "P",  # 9303-4 §4.2.2: P
    "MRVA": "V",  # 9303-7 §4.2.2: V
    "MRVB": "V",
    "FRA-ID": "I",
}
_LABEL: Final = {
    "birth_date": Text("date of birth"),
    "expiry_date": Text("date of expiry"),
    "issuing_state": Text("issuing state"),
    "nationality": Text("nationality"),
}


class _Context(NamedTuple):
    ref: date
    ref_tuple: tuple[int, int, int]
    century: int
    expiry_base: int


@lru_cache(maxsize=16)
def _context(ref: date) -> _Context:
    # Expiry dates are read in the 100-year window [ref - 50 years, ref + 49 years]:
    # documents expired half a century ago are as rare as ones valid for fifty years.
    return _Context(ref, (ref.year, ref.month, ref.day), ref.year - ref.year % 100, ref.year - 50)


def _err(
    r: MRZResult, field: str, message: str, code: str, line: int, start: int, end: int
) -> None:
    r.errors.append(Issue(field, message, code, line, start, end))


def _warn(
    r: MRZResult, field: str, message: str, code: str, line: int, start: int, end: int
) -> None:
    r.warnings.append(Issue(field, message, code, line, start, end))


def _check(
    r: MRZResult, field: str, data: bytes, digit: str, line: int, start: int, end: int
) -> bool:
    """Check digit of ``data`` against ``digit``; on failure an error spanning start:end."""
    expected = compute_bytes(data)
    if _DIGIT_VALUE.get(digit) == expected:
        return True
    if digit in _DIGITS:
        template = (
            "composite check digit {digit} does not match the data (expected {expected}), "
            "ICAO 9303-3 §4.9"
            if field == "composite"
            else "check digit {digit} does not match the data (expected {expected}), "
            "ICAO 9303-3 §4.9"
        )
        _err(
            r,
            field,
            Text(template, digit=digit, expected=expected),
            "check_digit",
            line,
            start,
            end,
        )
    else:
        _err(
            r,
            field,
            Text("check digit must be a digit, found {digit!r}", digit=digit),
            "check_digit",
            line,
            start,
            end,
        )
    return False


def _date(
    r: MRZResult, field: str, raw: str, line: int, start: int, ctx: _Context, birth: bool
) -> date | None:
    """YYMMDD (ICAO 9303-3 §4.8); ``<`` marks unknown parts; the century is inferred."""
    label = _LABEL[field]
    if raw.isdigit():
        yy, mm, dd = int(raw[0:2]), int(raw[2:4]), int(raw[4:6])
        if not 1 <= mm <= 12:
            _err(
                r,
                field,
                Text("{label}: there is no month {month}", label=label, month=f"{mm:02d}"),
                "invalid_date",
                line,
                start + 2,
                start + 4,
            )
            return None
        if birth:
            year = ctx.century + yy
            if (year, mm, dd) > ctx.ref_tuple:
                year -= 100
        else:
            year = ctx.expiry_base + (yy - ctx.expiry_base) % 100
        if 1 <= dd <= 28:
            return date(year, mm, dd)
        if dd == 0 or dd > calendar.monthrange(year, mm)[1]:
            _err(
                r,
                field,
                Text(
                    "{label}: {month} {year} has no day {day}",
                    label=label,
                    month=Text(calendar.month_name[mm]),
                    year=year,
                    day=f"{dd:02d}",
                ),
                "invalid_date",
                line,
                start + 4,
                start + 6,
            )
            return None
        return date(year, mm, dd)
    if "<" in raw and _DIGITS.union("<").issuperset(raw):
        month = raw[2:4]
        if month.isdigit() and not 1 <= int(month) <= 12:
            _err(
                r,
                field,
                Text("{label}: there is no month {month}", label=label, month=month),
                "invalid_date",
                line,
                start + 2,
                start + 4,
            )
            return None
        _warn(
            r,
            field,
            Text("{label} is partly or wholly unknown ({raw})", label=label, raw=raw),
            "unknown_date",
            line,
            start,
            start + 6,
        )
        if birth and raw[:2].isdigit():
            # The year (and month) the document does give: evidence for screening and
            # identity, which take partial dates (decision 0270).
            year = ctx.century + int(raw[:2])
            known = int(month) if month.isdigit() else None
            if (year, known or 1, 1) > ctx.ref_tuple:
                year -= 100
            r.birth_date_partial = f"{year:04d}" + (f"-{known:02d}" if known else "")
        return None
    _err(
        r,
        field,
        Text("{label} must be six digits YYMMDD, found {raw!r}", label=label, raw=raw),
        "invalid_date",
        line,
        start,
        start + 6,
    )
    return None


def _country(r: MRZResult, field: str, raw: str, line: int, start: int) -> str | None:
    """A three-letter code of ICAO 9303-3 §5 (ISO 3166-1 alpha-3 plus ICAO's own codes)."""
    if raw in MRZ_CODES:
        if raw in DEPRECATED:
            _warn(
                r,
                field,
                Text("{code} is a deprecated code", code=raw),
                "deprecated_code",
                line,
                start,
                start + 3,
            )
        return raw.rstrip("<")
    label = _LABEL[field]
    if raw in NON_CONFORMANT:
        _warn(
            r,
            field,
            Text(
                "{label} {code} is not conformant: ICAO 9303-3 §5 writes {conformant}",
                label=label,
                code=raw,
                conformant=NON_CONFORMANT[raw],
            ),
            "non_conformant_code",
            line,
            start,
            start + 3,
        )
        return raw
    code = raw.rstrip("<")
    _err(
        r,
        field,
        Text("unknown {label} code {code!r}", label=label, code=raw)
        if code
        else Text("{label} is missing", label=label),
        "unknown_code" if code else "missing",
        line,
        start,
        start + 3,
    )
    return code or None


def _letters_only(r: MRZResult, field: str, raw: str, line: int, start: int) -> None:
    i, n = 0, len(raw)
    while i < n:
        if raw[i] in _DIGITS:
            j = i + 1
            while j < n and raw[j] in _DIGITS:
                j += 1
            _err(
                r,
                field,
                Text("names hold only letters and fillers, found {found!r}", found=raw[i:j]),
                "invalid_name",
                line,
                start + i,
                start + j,
            )
            i = j
        else:
            i += 1


def _join(part: str) -> str:
    return " ".join(p for p in part.split("<") if p)


def _names(r: MRZResult, raw: str, line: int, start: int) -> None:
    """Name field, ICAO 9303-3 §4.6: ``PRIMARY<<SECONDARY``, components split by ``<``."""
    s = raw.rstrip("<")
    if not s:
        _err(r, "names", Text("the name field is empty"), "missing", line, start, start + len(raw))
        r.surname, r.given_names = "", ""
        return
    if not s.replace("<", "").isalpha():
        _letters_only(r, "names", raw, line, start)
    i = s.find("<<")
    if i < 0:
        r.surname, r.given_names = _join(s), ""
    else:
        r.surname, r.given_names = _join(s[:i]), _join(s[i + 2 :])
        rest = s[i + 2 :]
        if "<<" in rest or rest[:1] == "<":
            j = i + 2 + (0 if rest[:1] == "<" else rest.index("<<"))
            _err(
                r,
                "names",
                Text(
                    "only the primary and secondary identifiers are separated by two fillers; "
                    "name components take one (ICAO 9303-3 §4.6)"
                ),
                "invalid_name",
                line,
                start + j,
                start + j + 2,
            )
    if len(s) == len(raw):
        r.names_truncated = True
        end = start + len(raw)
        _warn(
            r,
            "names",
            Text("the name field ends with a letter: the name may be truncated (ICAO 9303-3 §4.6)"),
            "names_truncated",
            line,
            end - 1,
            end,
        )


def _sex(r: MRZResult, c: str, line: int, col: int) -> None:
    """Sex, ICAO 9303-4 §4.2.2: ``F``, ``M`` or ``<`` (unspecified, returned as None)."""
    if c == "M" or c == "F":
        r.sex = c
    elif c == "<":
        r.sex = None
    elif c == "X":
        r.sex = "X"
        _warn(
            r,
            "sex",
            Text("sex X is not in ICAO 9303 (F, M or <) but some issuers use it"),
            "sex_x",
            line,
            col,
            col + 1,
        )
    else:
        _err(
            r,
            "sex",
            Text("sex must be F, M or <, found {found!r}", found=c),
            "invalid_sex",
            line,
            col,
            col + 1,
        )


def _either(letters: str) -> str:
    """``"A or C or I"``, its "or" translatable on pages."""
    if len(letters) == 1:
        return letters
    return Text("{first} or {rest}", first=letters[0], rest=_either(letters[1:]))


def _document_code(r: MRZResult, raw: str, fmt: str) -> None:
    first, second = raw[0], raw[1]
    allowed = _DOC_CODE_FIRST[fmt]
    if first not in allowed:
        which = _either(allowed)
        _err(
            r,
            "document_code",
            Text(
                "a {format} document code starts with {which}, found {found!r}",
                format=fmt,
                which=which,
                found=first,
            ),
            "invalid_document_code",
            0,
            0,
            1,
        )
    if second != "<" and not "A" <= second <= "Z":
        _err(
            r,
            "document_code",
            Text(
                "the second character of the document code must be a letter or <, found {found!r}",
                found=second,
            ),
            "invalid_document_code",
            0,
            1,
            2,
        )
    r.document_code = raw.rstrip("<")


def _number(
    r: MRZResult, num: str, cd: str, opt: str, line: int, start: int, opt_line: int, opt_start: int
) -> str:
    """Document number and its check digit; returns the optional data left after it.

    ICAO 9303-5 §4.2.2 note j / 9303-6 §4.2.2: a number longer than nine characters puts
    its first nine in the number field, ``<`` in the check-digit position, and the rest
    followed by the check digit over the whole number at the start of the optional data.
    """
    if cd == "<" and opt[0] != "<" and "<" not in num:
        k = opt.find("<")
        if k < 0:
            k = len(opt)
        if k < 2:
            _err(
                r,
                "document_number",
                Text(
                    "a long document number needs its remaining characters and check digit in "
                    "the optional data"
                ),
                "check_digit",
                opt_line,
                opt_start,
                opt_start + k,
            )
            r.document_number = num
            return opt
        number = num + opt[: k - 1]
        r.document_number = number
        digit = opt[k - 1]
        # Some issuers compute this check digit over the number *with* the filler that
        # stands in the check-digit position (Belgium, PRADO BEL-BO-03003). Genuine
        # documents must not be refused for it: accepted, with a warning. The composite
        # check digit still catches any single-character error.
        if digit in _DIGITS and compute(num + "<" + opt[: k - 1]) == ord(digit) - 48 != compute(
            number
        ):
            _warn(
                r,
                "document_number",
                Text(
                    "check digit computed over the number including the filler in position "
                    "{position}, not as ICAO 9303 prescribes (issuer practice, accepted)",
                    position=start + 10,
                ),
                "check_digit_variant",
                opt_line,
                opt_start,
                opt_start + k,
            )
        else:
            _check(r, "document_number", number.encode(), digit, opt_line, opt_start, opt_start + k)
        return opt[k:]
    number = num.rstrip("<")
    if not number:
        _err(
            r,
            "document_number",
            Text("the document number is missing"),
            "missing",
            line,
            start,
            start + 9,
        )
    r.document_number = number
    _check(r, "document_number", num.encode(), cd, line, start, start + 10)
    return opt


def _birth_before_expiry(r: MRZResult, line: int, start: int) -> None:
    """A document cannot expire before its holder is born: read the birth a century back.

    ``241130`` with expiry ``210115`` and reference 2025 is 30 November 1924, not 2024.
    """
    birth, expiry = r.birth_date, r.expiry_date
    partial = r.birth_date_partial
    given_year, _sep, given_month = (partial or "").partition("-")
    if (
        partial
        and expiry is not None
        and (int(given_year), int(given_month or 1), 1) > (expiry.year, expiry.month, expiry.day)
    ):
        # Its earliest possible day after the expiry: a century back, as a whole date.
        r.birth_date_partial = f"{int(partial[:4]) - 100:04d}{partial[4:]}"
        _warn(
            r,
            "birth_date",
            Text(
                "date of birth read as {read}: the document expires before {birth}",
                read=r.birth_date_partial,
                birth=partial,
            ),
            "century_inferred",
            line,
            start,
            start + 6,
        )
    if birth is None or expiry is None or birth <= expiry:
        return
    try:
        r.birth_date = birth.replace(year=birth.year - 100)
    except ValueError:  # 29 February of a year that is not a leap year a century back
        r.birth_date = None
        _err(
            r,
            "birth_date",
            Text("date of birth after the date of expiry"),
            "invalid_date",
            line,
            start,
            start + 6,
        )
        return
    _warn(
        r,
        "birth_date",
        Text(
            "date of birth read as {read}: the document expires before {birth}",
            read=r.birth_date.isoformat(),
            birth=birth.isoformat(),
        ),
        "century_inferred",
        line,
        start,
        start + 6,
    )


def _td3(r: MRZResult, l0: str, l1: str, ctx: _Context, visa: bool) -> None:
    """TD3 (ICAO 9303-4 §4.2.2) and MRV-A (9303-7 §4.2.2): two lines of 44."""
    b1 = l1.encode()
    _document_code(r, l0[0:2], "MRVA" if visa else "TD3")
    r.issuing_state = _country(r, "issuing_state", l0[2:5], 0, 2)
    _names(r, l0[5:44], 0, 5)
    num = l1[0:9]
    number = num.rstrip("<")
    if not number:
        _err(r, "document_number", Text("the document number is missing"), "missing", 1, 0, 9)
    r.document_number = number
    _check(r, "document_number", b1[0:9], l1[9], 1, 0, 10)
    r.nationality = _country(r, "nationality", l1[10:13], 1, 10)
    r.birth_date = _date(r, "birth_date", l1[13:19], 1, 13, ctx, True)
    _check(r, "birth_date", b1[13:19], l1[19], 1, 13, 20)
    _sex(r, l1[20], 1, 20)
    expiry = r.expiry_date = _date(r, "expiry_date", l1[21:27], 1, 21, ctx, False)
    _check(r, "expiry_date", b1[21:27], l1[27], 1, 21, 28)
    _birth_before_expiry(r, 1, 13)
    if expiry is not None:
        r.expired = expiry < ctx.ref
    if visa:
        r.optional_data = l1[28:44].strip("<")
        return
    pn, pcd = l1[28:42], l1[42]
    # 9303-4 §4.2.2 note: an all-filler personal number may have 0 or < as check digit.
    if not (pcd == "<" or pcd == "0") or pn != "<<<<<<<<<<<<<<":
        _check(r, "personal_number", b1[28:42], pcd, 1, 28, 43)
    r.optional_data = r.personal_number = pn.strip("<")
    _check(r, "composite", b1[0:10] + b1[13:20] + b1[21:43], l1[43], 1, 43, 44)


def _td2(r: MRZResult, l0: str, l1: str, ctx: _Context, visa: bool) -> None:
    """TD2 (ICAO 9303-6 §4.2.2) and MRV-B (9303-7 §4.2.2): two lines of 36."""
    b1 = l1.encode()
    _document_code(r, l0[0:2], "MRVB" if visa else "TD2")
    r.issuing_state = _country(r, "issuing_state", l0[2:5], 0, 2)
    _names(r, l0[5:36], 0, 5)
    if visa:
        number = l1[0:9].rstrip("<")
        if not number:
            _err(r, "document_number", Text("the document number is missing"), "missing", 1, 0, 9)
        r.document_number = number
        _check(r, "document_number", b1[0:9], l1[9], 1, 0, 10)
        opt = l1[28:36]
    else:
        opt = _number(r, l1[0:9], l1[9], l1[28:35], 1, 0, 1, 28)
    r.nationality = _country(r, "nationality", l1[10:13], 1, 10)
    r.birth_date = _date(r, "birth_date", l1[13:19], 1, 13, ctx, True)
    _check(r, "birth_date", b1[13:19], l1[19], 1, 13, 20)
    _sex(r, l1[20], 1, 20)
    expiry = r.expiry_date = _date(r, "expiry_date", l1[21:27], 1, 21, ctx, False)
    _check(r, "expiry_date", b1[21:27], l1[27], 1, 21, 28)
    _birth_before_expiry(r, 1, 13)
    if expiry is not None:
        r.expired = expiry < ctx.ref
    r.optional_data = opt.strip("<")
    if not visa:
        _check(r, "composite", b1[0:10] + b1[13:20] + b1[21:35], l1[35], 1, 35, 36)


def _td1(r: MRZResult, l0: str, l1: str, l2: str, ctx: _Context) -> None:
    """TD1 (ICAO 9303-5 §4.2.2): three lines of 30."""
    b1 = l1.encode()
    _document_code(r, l0[0:2], "TD1")
    r.issuing_state = _country(r, "issuing_state", l0[2:5], 0, 2)
    r.optional_data = _number(r, l0[5:14], l0[14], l0[15:30], 0, 5, 0, 15).strip("<")
    r.birth_date = _date(r, "birth_date", l1[0:6], 1, 0, ctx, True)
    _check(r, "birth_date", b1[0:6], l1[6], 1, 0, 7)
    _sex(r, l1[7], 1, 7)
    expiry = r.expiry_date = _date(r, "expiry_date", l1[8:14], 1, 8, ctx, False)
    _check(r, "expiry_date", b1[8:14], l1[14], 1, 8, 15)
    _birth_before_expiry(r, 1, 0)
    if expiry is not None:
        r.expired = expiry < ctx.ref
    r.nationality = _country(r, "nationality", l1[15:18], 1, 15)
    r.optional_data_2 = l1[18:29].strip("<")
    _check(r, "composite", l0[5:30].encode() + b1[0:7] + b1[8:15] + b1[18:29], l1[29], 1, 29, 30)
    _names(r, l2, 2, 0)


def _fra_id(r: MRZResult, l0: str, l1: str, ctx: _Context) -> None:
    """France's national identity card of 1988-2021: two lines of 36, not ICAO TD2.

    Line 1: ``ID``, ``FRA``, surname (25), issuing office (6: department and office).
    Line 2: card number (12: year and month of issue, office, serial), check digit, given
    names (14), date of birth and check digit, sex, and a final check digit over both
    lines. There is no expiry date and no nationality field (the card is issued to
    French nationals only, so nationality is reported as ``FRA``).
    """
    b1 = l1.encode()
    _document_code(r, l0[0:2], "FRA-ID")
    if l0[2:5] != "FRA":
        _err(
            r,
            "issuing_state",
            Text("a French identity card is issued by FRA, found {found!r}", found=l0[2:5]),
            "unknown_code",
            0,
            2,
            5,
        )
    r.issuing_state = l0[2:5]
    r.nationality = "FRA"
    _warn(
        r,
        "format",
        Text(
            "French national identity card (1988-2021 format): a national layout, not ICAO 9303 TD2"
        ),
        "national_format",
        0,
        0,
        36,
    )
    surname = l0[5:30]
    if not surname.strip("<"):
        _err(r, "surname", Text("the surname is missing"), "missing", 0, 5, 30)
    elif not surname.replace("<", "").isalpha():
        _letters_only(r, "surname", surname, 0, 5)
    r.surname = _join(surname)
    r.optional_data = l0[30:36].strip("<")
    r.document_number = l1[0:12].rstrip("<")
    _check(r, "document_number", b1[0:12], l1[12], 1, 0, 13)
    given = l1[13:27]
    if not given.replace("<", "").isalpha() and given.strip("<"):
        _letters_only(r, "given_names", given, 1, 13)
    r.given_names = _join(given)
    r.names_truncated = surname[-1] != "<" or given[-1] != "<"
    if r.names_truncated:
        _warn(
            r,
            "names",
            Text("a name field ends with a letter: the name may be truncated"),
            "names_truncated",
            0 if surname[-1] != "<" else 1,
            29 if surname[-1] != "<" else 26,
            30 if surname[-1] != "<" else 27,
        )
    r.birth_date = _date(r, "birth_date", l1[27:33], 1, 27, ctx, True)
    _check(r, "birth_date", b1[27:33], l1[33], 1, 27, 34)
    _sex(r, l1[34], 1, 34)
    _check(r, "composite", (l0 + l1[0:35]).encode(), l1[35], 1, 35, 36)


def _normalise(text: str, r: MRZResult) -> list[str]:
    """Lines of ``text`` without surrounding whitespace and blank lines, in capitals."""
    lines = [s for s in (ln.strip() for ln in text.splitlines()) if s]
    if len(lines) == 1 and len(lines[0]) in _ONE_LINE:
        width = _ONE_LINE[len(lines[0])][1]
        one = lines[0]
        lines = [one[i : i + width] for i in range(0, len(one), width)]
        r.warnings.append(
            Issue(
                "mrz",
                Text(
                    "one line of {n} characters read as lines of {width}", n=len(one), width=width
                ),
                "lines_split",
            )
        )
    for i, ln in enumerate(lines):
        if ln != ln.upper():
            up = ln.translate(_UPPER)
            if up != ln:
                lines[i] = up
                r.warnings.append(
                    Issue(
                        "mrz",
                        Text("line {line} had lower-case letters, read as capitals", line=i + 1),
                        "lowercase",
                        i,
                        0,
                        len(ln),
                    )
                )
    return lines


def _detect(lines: list[str]) -> tuple[str | None, str]:
    """The format for these lines, or None and the reason (ICAO 9303-3 §4.2 sizes)."""
    n = len(lines)
    if n == 0:
        return None, Text("no MRZ text")
    lens = [len(ln) for ln in lines]
    if n == 3:
        if lens[0] < 20 and lens[1] == lens[2] == 30:
            return None, Text(
                "a Swiss driving licence (national format after ISO/IEC 18013) is not an "
                "ICAO 9303 MRZ"
            )
        if all(27 <= n_ <= 33 for n_ in lens):
            return "TD1", ""
    elif n == 2:
        first = lines[0]
        if all(41 <= n_ <= 47 for n_ in lens):
            return ("MRVA" if first[0] == "V" else "TD3"), ""
        if all(33 <= n_ <= 39 for n_ in lens):
            if first[1:5] == "DFRA" and first[0] in "I1":
                return "FRA-ID", ""
            return ("MRVB" if first[0] == "V" else "TD2"), ""
    shape = " + ".join(str(x) for x in lens)
    template = (
        "not an MRZ: expected 3 lines of 30 (TD1), 2 of 36 (TD2, MRV-B) or 2 of 44 "
        "(TD3, MRV-A) characters, found {n} line ({shape})"
        if n == 1
        else "not an MRZ: expected 3 lines of 30 (TD1), 2 of 36 (TD2, MRV-B) or 2 of 44 "
        "(TD3, MRV-A) characters, found {n} lines ({shape})"
    )
    return None, Text(template, n=n, shape=shape)


def _clean_format(lines: list[str]) -> str | None:
    """The format of lines that need no normalisation at all, else None."""
    n = len(lines)
    if n == 2:
        first, second = lines
        width = len(first)
        if width != len(second) or not _VALID.issuperset(first) or not _VALID.issuperset(second):
            return None
        if width == 44:
            return "MRVA" if first[0] == "V" else "TD3"
        if width == 36:
            if first[1:5] == "DFRA" and first[0] in "I1":
                return "FRA-ID"
            return "MRVB" if first[0] == "V" else "TD2"
        return None
    if (
        n == 3
        and len(lines[0]) == len(lines[1]) == len(lines[2]) == 30
        and _VALID.issuperset(lines[0])
        and _VALID.issuperset(lines[1])
        and _VALID.issuperset(lines[2])
    ):
        return "TD1"
    return None


def _fit(r: MRZResult, fmt: str, lines: list[str]) -> list[str]:
    """Report wrong line lengths and bad characters; return lines safe to slice."""
    widths = LINE_LENGTHS[fmt]
    fields = FIELD_AT[fmt]
    out = []
    for i, (ln, width) in enumerate(zip(lines, widths, strict=True)):
        if len(ln) != width:
            start, end = (width, len(ln)) if len(ln) > width else (0, len(ln))
            _err(
                r,
                "mrz",
                Text(
                    "line {line} has {n} characters, a {format} line has {width}",
                    line=i + 1,
                    n=len(ln),
                    format=fmt,
                    width=width,
                ),
                "line_length",
                i,
                start,
                end,
            )
            ln = ln[:width].ljust(width, "<")
        if not _VALID.issuperset(ln):
            chars = list(ln)
            for col, c in enumerate(ln):
                if c not in _VALID:
                    _err(
                        r,
                        fields[i][col],
                        Text("{char!r} is not an MRZ character (A-Z, 0-9, <)", char=c),
                        "invalid_character",
                        i,
                        col,
                        col + 1,
                    )
                    chars[col] = "<"
            ln = "".join(chars)
        out.append(ln)
    return out


def parse_mrz(text: str, *, reference: date | None = None, repair: bool = False) -> MRZResult:
    """Parse and validate one MRZ (TD1, TD2, TD3, MRV-A, MRV-B; France's old ID card).

    Dates are read relative to ``reference`` (default: today): dates of birth lie in the
    100 years up to it, expiry dates in the window from 50 years before to 49 after.
    With ``repair=True`` an invalid result carries a :class:`Repair` suggestion.

    >>> r = parse_mrz('''P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<
    ... L898902C36UTO7408122F1204159ZE184226B<<<<<10''', reference=date(2010, 1, 1))
    >>> r.format, r.surname, r.given_names, r.document_number, r.valid
    ('TD3', 'ERIKSSON', 'ANNA MARIA', 'L898902C3', True)
    >>> r.birth_date, r.expiry_date
    (datetime.date(1974, 8, 12), datetime.date(2012, 4, 15))
    >>> parse_mrz("hello").errors[0].code
    'not_mrz'
    """
    ctx = _context(reference or date.today())
    r = MRZResult(None, ())
    if not isinstance(text, str):
        r.errors.append(
            Issue(
                "mrz",
                Text("MRZ text must be a string, got {type}", type=type(text).__name__),
                "not_mrz",
            )
        )
        return r
    # Fast path: clean text as a document reader sends it (exact line lengths, capitals,
    # MRZ characters only) needs neither normalisation nor per-line repairs.
    lines = text.split("\n")
    fmt = _clean_format(lines)
    if fmt is not None:
        r.lines = tuple(lines)
    else:
        lines = _normalise(text, r)
        fmt, reason = _detect(lines)
        r.lines = tuple(lines)
        if fmt is None:
            r.errors.append(Issue("mrz", reason, "not_mrz"))
            return r
        lines = _fit(r, fmt, lines)
    r.format = fmt
    if fmt == "TD3":
        _td3(r, lines[0], lines[1], ctx, False)
    elif fmt == "TD1":
        _td1(r, lines[0], lines[1], lines[2], ctx)
    elif fmt == "TD2":
        _td2(r, lines[0], lines[1], ctx, False)
    elif fmt == "MRVA":
        _td3(r, lines[0], lines[1], ctx, True)
    elif fmt == "MRVB":
        _td2(r, lines[0], lines[1], ctx, True)
    else:
        _fra_id(r, lines[0], lines[1], ctx)
    if repair and r.errors:
        from .repair import suggest_repair

        r.repair = suggest_repair(r, reference=ctx.ref)
    return r


def parse_many(
    text: str, *, reference: date | None = None, repair: bool = False
) -> list[MRZResult]:
    """Parse several MRZs separated by blank lines (the input of ``passage mrz parse``).

    >>> [r.format for r in parse_many("I<UTOD231458907<<<<<<<<<<<<<<<\\n"
    ...     "7408122F1204159UTO<<<<<<<<<<<6\\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\\n\\n\\nnot an mrz\\n")]
    ['TD1', None]
    """
    docs: list[list[str]] = [[]]
    for ln in text.splitlines():
        if ln.strip():
            docs[-1].append(ln)
        elif docs[-1]:
            docs.append([])
    return [parse_mrz("\n".join(d), reference=reference, repair=repair) for d in docs if d]


def read_mrz(text: str, *, reference: date | None = None) -> MRZResult:
    """Like :func:`parse_mrz`, but raise :class:`MRZParseError` unless the MRZ is valid.

    The exception carries the input, the first error's field and span, and every issue.

    >>> read_mrz("P<UTO")
    Traceback (most recent call last):
    ...
    passage.core.mrz.errors.MRZParseError: not an MRZ: expected 3 lines of 30 (TD1), 2 of 36 (TD2, MRV-B) or 2 of 44 (TD3, MRV-A) characters, found 1 line (5)
    """
    r = parse_mrz(text, reference=reference)
    if r.errors:
        first = r.errors[0]
        raise MRZParseError(
            first.message,
            text=text,
            field=first.field,
            line=first.line,
            start=first.start,
            end=first.end,
            issues=tuple(r.errors),
        )
    return r
