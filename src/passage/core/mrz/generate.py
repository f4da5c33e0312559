"""Writing machine-readable zones: ``make_mrz()`` for every format ``parse_mrz()`` reads.

For specimens, tests, the demo and the benchmark. Values are checked for shape (length,
character set), not for meaning: an unknown country code or an impossible date is
written as given, so tests can build invalid documents on purpose.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from .checkdigit import VALUES, compute
from .errors import MRZBuildError
from .translit import transliterate

_DEFAULT_CODE: Final = {
    "TD1": "I",
    "TD2": "I",
    "TD3": "P",
    "MRVA": "V",
    "MRVB": "V",
    "FRA-ID": "ID",
}
_NAME_WIDTH: Final = {"TD1": 30, "TD2": 31, "TD3": 39, "MRVA": 39, "MRVB": 31}


def _truncate(full: str, width: int) -> str:
    cut = full[:width]
    # A cut that falls just after a filler would hide the truncation (9303-3 §4.6 reads a
    # letter in the last position as "possibly truncated"): keep the next component's
    # initial and shorten the one before it instead.
    if cut[-1] == "<" and full[width] != "<" and width >= 3 and cut[-2] != "<" and cut[-3] != "<":
        cut = full[: width - 2] + "<" + full[width]
    return cut


def mrz_name(surname: str, given_names: str, width: int) -> str:
    """The name field, ICAO 9303-3 §4.6: ``PRIMARY<<SECONDARY``, transliterated (§6),
    padded with ``<`` or truncated to ``width``.

    Truncation follows §4.6 and the examples of 9303-4 §4.2.2: the secondary identifier is
    truncated first (it keeps at least its initial); when the primary identifier alone is
    too long, its components are shortened from the last one, down to initials.

    >>> mrz_name("Eriksson", "Anna María", 39)
    'ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<'
    >>> mrz_name("Nilavadhanananda", "Chayapa Dejthamrong Krasuang", 39)
    'NILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K'
    >>> mrz_name("Bennelong Woolooomooloo Warrandyte Warnambool", "Dingo Potoroo", 30)
    'BENNELONG<WOOLOOOMOOLOO<W<W<<D'
    >>> mrz_name("", "Anna", 10)
    '<<ANNA<<<<'
    """
    primary, secondary = transliterate(surname), transliterate(given_names)
    if not primary and not secondary:
        raise MRZBuildError("a name is needed", field="names", value=(surname, given_names))
    full = f"{primary}<<{secondary}" if secondary else primary
    if len(full) <= width:
        return full.ljust(width, "<")
    room = width - 3 if secondary else width
    if len(primary) > room:
        parts = primary.split("<")
        i = len(parts) - 1
        while i > 0 and len("<".join(parts)) > room:
            excess = len("<".join(parts)) - room
            parts[i] = parts[i][: max(1, len(parts[i]) - excess)]
            i -= 1
        primary = "<".join(parts)[:room]
        full = f"{primary}<<{secondary}" if secondary else primary
        if len(full) <= width:
            return full.ljust(width, "<")
    return _truncate(full, width)


def _text(value: str, width: int, field: str, *, fill: bool = True) -> str:
    text = value.upper().replace(" ", "<").replace("-", "<")
    bad = [c for c in text if c not in VALUES]
    if bad:
        raise MRZBuildError(
            f"{field}: {bad[0]!r} is not an MRZ character", field=field, value=value
        )
    if len(text) > width:
        raise MRZBuildError(
            f"{field}: {len(text)} characters, at most {width} fit", field=field, value=value
        )
    return text.ljust(width, "<") if fill else text


def _yymmdd(value: date | str | None, field: str) -> str:
    if value is None:
        return "<<<<<<"
    if isinstance(value, date):
        return f"{value.year % 100:02d}{value.month:02d}{value.day:02d}"
    if len(value) == 6 and all(c in "0123456789<" for c in value):
        return value
    raise MRZBuildError(f"{field}: give a date or six characters YYMMDD", field=field, value=value)


def _cd(data: str) -> str:
    return str(compute(data))


def make_mrz(
    format: str,
    *,
    surname: str,
    given_names: str = "",
    document_number: str,
    issuing_state: str,
    nationality: str | None = None,
    birth_date: date | str | None,
    sex: str = "<",
    expiry_date: date | str | None = None,
    document_code: str | None = None,
    optional_data: str = "",
    optional_data_2: str = "",
) -> str:
    """MRZ text (lines joined by ``\\n``) with every check digit computed.

    ``format`` is ``TD1``, ``TD2``, ``TD3``, ``MRVA``, ``MRVB`` or ``FRA-ID``. Names are
    transliterated and truncated by :func:`mrz_name`. Document numbers longer than nine
    characters are written the TD1/TD2 way (ICAO 9303-5 §4.2.2 note j). For TD3,
    ``optional_data`` is the personal number; ``optional_data_2`` is TD1's line-2 data.
    ``nationality`` defaults to ``issuing_state``; Germany may be given as ``D``.

    >>> print(make_mrz("TD1", surname="Stevenson", given_names="Peter John",
    ...     document_number="D23145890734", issuing_state="UTO",
    ...     birth_date="340712", sex="M", expiry_date="950712"))
    I<UTOD23145890<7349<<<<<<<<<<<
    3407127M9507122UTO<<<<<<<<<<<2
    STEVENSON<<PETER<JOHN<<<<<<<<<
    """
    if format not in _DEFAULT_CODE:
        raise MRZBuildError(f"unknown format {format!r}", field="format", value=format)
    code = _text(document_code or _DEFAULT_CODE[format], 2, "document_code")
    state = _text(issuing_state, 3, "issuing_state")
    nat = _text(nationality if nationality is not None else issuing_state, 3, "nationality")
    birth = _yymmdd(birth_date, "birth_date")
    sx = _text(sex or "<", 1, "sex")
    number = _text(document_number, 50, "document_number", fill=False)
    if format == "FRA-ID":
        return _fra_id(code, state, surname, given_names, number, birth, sx, optional_data)
    expiry = _yymmdd(expiry_date, "expiry_date")
    names = mrz_name(surname, given_names, _NAME_WIDTH[format])
    long_ok = format in ("TD1", "TD2")
    if len(number) > 9 and not long_ok:
        raise MRZBuildError(
            f"{format}: document numbers longer than 9 characters exist only in TD1 and TD2",
            field="document_number",
            value=document_number,
        )
    if len(number) > 9:
        if "<" in number[:9]:
            raise MRZBuildError(
                "a long document number cannot hold fillers in its first nine characters",
                field="document_number",
                value=document_number,
            )
        num_field = number[:9] + "<"
        rest = number[9:] + _cd(number)
        opt_raw = rest + ("<" + optional_data if optional_data else "")
    else:
        num_field = number.ljust(9, "<") + _cd(number.ljust(9, "<"))
        opt_raw = optional_data
    dates = birth + _cd(birth) + sx + expiry + _cd(expiry)
    if format == "TD1":
        l0 = code + state + num_field + _text(opt_raw, 15, "optional_data")
        l1 = dates[:7] + dates[7:] + nat + _text(optional_data_2, 11, "optional_data_2")
        l1 += _cd(l0[5:30] + l1[0:7] + l1[8:15] + l1[18:29])
        return f"{l0}\n{l1}\n{names}"
    l0 = code + state + names
    if format == "TD3":
        pn = _text(opt_raw, 14, "optional_data")
        l1 = num_field + nat + dates + pn + (_cd(pn) if pn.strip("<") else "<")
        return f"{l0}\n{l1}{_cd(l1[0:10] + l1[13:20] + l1[21:43])}"
    if format == "TD2":
        l1 = num_field + nat + dates + _text(opt_raw, 7, "optional_data")
        return f"{l0}\n{l1}{_cd(l1[0:10] + l1[13:20] + l1[21:35])}"
    width = 16 if format == "MRVA" else 8
    return f"{l0}\n{num_field}{nat}{dates}{_text(opt_raw, width, 'optional_data')}"


def _fra_id(
    code: str, state: str, surname: str, given: str, number: str, birth: str, sex: str, office: str
) -> str:
    if len(number) > 12:
        raise MRZBuildError(
            "a French card number has 12 characters", field="document_number", value=number
        )
    sur = transliterate(surname)
    giv = transliterate(given)
    l0 = code + state + _truncate(sur.ljust(26, "<"), 25) + _text(office, 6, "optional_data")
    num = number.ljust(12, "<")
    l1 = num + _cd(num) + _truncate(giv.ljust(15, "<"), 14) + birth + _cd(birth) + sex
    return f"{l0}\n{l1}{_cd(l0 + l1)}"
