"""OCR repair: suggest corrections for the character confusions of optical readers.

Policy (see ``docs/mrz.md``): a character is changed only where the MRZ itself decides.

1. *Typed positions.* Dates and check digits can only hold digits; document codes,
   country codes and names only letters (9303-3 §4.2, 9303-4…7 §4.2.2). There, a letter
   read for a digit or a digit read for a letter is swapped back using the pairs
   ``O↔0 I↔1 B↔8 S↔5 Z↔2 G↔6``.
2. *Check-digit decided.* In mixed fields (document number, TD3 personal number) the
   pairs ``O↔0 I↔1 B↔8 S↔5 Z↔2`` are tried, fewest changes first, and a correction is
   kept only when exactly one combination satisfies the field's check digit.
   ``G↔6`` and ``K↔<`` are never decided by a check digit: their values differ by a
   multiple of 10, so the check digit cannot tell them apart.
3. *Fillers read as K.* In the name field and in optional data, a run of ``K`` that is
   preceded by at least two fillers and followed only by fillers (or more such runs) up
   to the end of the field is turned back into fillers. ``SMITH<<JOHN<K<<<`` keeps its
   initial ``K``; ``SMITH<<JOHN<<<KK<<`` loses the two ``K``.

Nothing is changed silently: :func:`suggest_repair` returns the repaired text with
every :class:`Change`, and only when the repaired text has fewer errors than the
original (and no error the original did not have).
"""

from __future__ import annotations

from datetime import date
from itertools import combinations
from typing import Final

from ..text import Text
from .checkdigit import VALUES, compute
from .layout import DIGIT_COLUMNS, FIELD_AT, LETTER_COLUMNS, LINE_LENGTHS
from .result import Change, MRZResult, Repair

_DIGIT_EXPECTED: Final = Text("a digit is expected here")

_TO_DIGIT: Final = {"O": "0", "I": "1", "B": "8", "S": "5", "Z": "2", "G": "6", "D": "0", "Q": "0"}
_TO_LETTER: Final = {"0": "O", "1": "I", "8": "B", "5": "S", "2": "Z", "6": "G"}
_SWAP: Final = {
    "O": "0", "0": "O", "I": "1", "1": "I", "B": "8", "8": "B", "S": "5", "5": "S", "Z": "2", "2": "Z",
}  # fmt: skip
_MAX_CANDIDATES: Final = 10


class _Draft:
    def __init__(self, fmt: str, lines: tuple[str, ...]) -> None:
        self.fmt = fmt
        self.rows = [list(ln) for ln in lines]
        self.changes: list[Change] = []
        self.ambiguous: list[str] = []

    def set(self, line: int, col: int, new: str, reason: str, field: str | None = None) -> None:
        old = self.rows[line][col]
        if old == new:
            return
        self.rows[line][col] = new
        name = field or FIELD_AT[self.fmt][line][col]
        self.changes.append(Change(name, line, col, old, new, reason))

    def text(self, line: int, start: int, end: int) -> str:
        return "".join(self.rows[line][start:end])


def _typed(d: _Draft) -> None:
    for line, col in DIGIT_COLUMNS[d.fmt]:
        c = d.rows[line][col]
        if c in _TO_DIGIT:
            d.set(line, col, _TO_DIGIT[c], _DIGIT_EXPECTED)
    for line, col in LETTER_COLUMNS[d.fmt]:
        c = d.rows[line][col]
        if c in _TO_LETTER:
            d.set(line, col, _TO_LETTER[c], Text("a letter is expected here"))


def _decide(
    d: _Draft, field: str, cells: list[tuple[int, int]], cd: tuple[int, int], allow_filler_cd: bool
) -> None:
    """Fewest confusion swaps in ``cells`` that make the check digit at ``cd`` right."""
    digit = d.rows[cd[0]][cd[1]]
    if digit in _TO_DIGIT:
        digit = _TO_DIGIT[digit]
    if digit not in "0123456789" or len(digit) != 1:
        return
    data = [d.rows[ln][c] for ln, c in cells]
    if compute("".join(data)) == int(digit):
        if d.rows[cd[0]][cd[1]] != digit:
            d.set(cd[0], cd[1], digit, _DIGIT_EXPECTED)
        return
    if allow_filler_cd and all(c == "<" for c in data):
        return
    swappable = [i for i, c in enumerate(data) if c in _SWAP][:_MAX_CANDIDATES]
    for k in range(1, len(swappable) + 1):
        found: list[tuple[int, ...]] = []
        for combo in combinations(swappable, k):
            trial = list(data)
            for i in combo:
                trial[i] = _SWAP[trial[i]]
            if compute("".join(trial)) == int(digit) and _composite_holds(d, cells, trial):
                found.append(combo)
                if len(found) > 1:
                    break
        if len(found) == 1:
            for i in found[0]:
                ln, c = cells[i]
                d.set(ln, c, _SWAP[data[i]], Text("the check digit decides"), field)
            if d.rows[cd[0]][cd[1]] != digit:
                d.set(cd[0], cd[1], digit, _DIGIT_EXPECTED)
            return
        if found:
            d.ambiguous.append(field)
            return


def _composite_holds(d: _Draft, cells: list[tuple[int, int]], trial: list[str]) -> bool:
    """Whether the composite check digit (if the format has one) holds with ``trial``.

    A candidate that satisfies a damaged field check digit but not the composite is a
    wrong guess: the composite was computed from the true data.
    """
    rows = [list(r) for r in d.rows]
    for (ln, c), ch in zip(cells, trial, strict=True):
        rows[ln][c] = ch
    lines = ["".join(r) for r in rows]
    if d.fmt == "TD3":
        data, digit = lines[1][0:10] + lines[1][13:20] + lines[1][21:43], lines[1][43]
    elif d.fmt == "TD2":
        data, digit = lines[1][0:10] + lines[1][13:20] + lines[1][21:35], lines[1][35]
    elif d.fmt == "TD1":
        l0, l1 = lines[0], lines[1]
        data, digit = l0[5:30] + l1[0:7] + l1[8:15] + l1[18:29], l1[29]
    elif d.fmt == "FRA-ID":
        data, digit = lines[0] + lines[1][0:35], lines[1][35]
    else:
        return True
    if any(ch not in VALUES for ch in data):
        return False
    return digit in "0123456789" and compute(data) == int(digit)


def _fillers(d: _Draft, line: int, start: int, end: int, field: str) -> None:
    """K runs in the trailing ``<``/``K`` part of a field, after two fillers: fillers."""
    seg = d.rows[line][start:end]
    n = len(seg)
    tail = n
    while tail > 0 and seg[tail - 1] in "<K":
        tail -= 1
    j = tail
    while j < n:
        if seg[j] != "K":
            j += 1
            continue
        k = j
        while k < n and seg[k] == "K":
            k += 1
        if j - 2 >= tail and seg[j - 1] == "<" and seg[j - 2] == "<":
            for col in range(j, k):
                d.set(line, start + col, "<", Text("a filler read as K"), field)
        j = k


def _name_fillers(d: _Draft, line: int, start: int, end: int) -> None:
    seg = "".join(d.rows[line][start:end])
    sep = seg.find("<<")
    if sep < 0:
        return
    # The separator itself may be followed by a one-letter secondary identifier ("K"):
    # only fillers beyond it count towards the two that make a K suspect.
    body_start = sep + 2
    j = body_start
    while j < len(seg) and seg[j] not in "<K":
        j += 1
    if (
        j == body_start
        and j < len(seg)
        and seg[j] == "K"
        and (j + 1 == len(seg) or seg[j + 1] == "<")
    ):
        j += 1  # a lone initial K right after the separator is a name
    _fillers(d, line, start + j, end, "names")


def _repair_lines(fmt: str, lines: tuple[str, ...]) -> _Draft:
    d = _Draft(fmt, lines)
    _typed(d)
    if fmt == "TD1":
        _number_cells(d, 0, 5, 0, 15)
        _fillers(d, 0, 15, 30, "optional_data")
        _fillers(d, 1, 18, 29, "optional_data_2")
        _name_fillers(d, 2, 0, 30)
    elif fmt in ("TD2", "MRVB"):
        if fmt == "TD2":
            _number_cells(d, 1, 0, 1, 28)
        else:
            _decide(d, "document_number", [(1, c) for c in range(9)], (1, 9), False)
        _fillers(d, 1, 28, 35 if fmt == "TD2" else 36, "optional_data")
        _name_fillers(d, 0, 5, 36)
    elif fmt in ("TD3", "MRVA"):
        _decide(d, "document_number", [(1, c) for c in range(9)], (1, 9), False)
        if fmt == "TD3":
            _fillers(d, 1, 28, 42, "personal_number")
            _decide(d, "personal_number", [(1, c) for c in range(28, 42)], (1, 42), True)
        else:
            _fillers(d, 1, 28, 44, "optional_data")
        _name_fillers(d, 0, 5, 44)
    else:  # FRA-ID
        _decide(d, "document_number", [(1, c) for c in range(12)], (1, 12), False)
        _fillers(d, 0, 5, 30, "surname")
    return d


def _number_cells(d: _Draft, line: int, start: int, opt_line: int, opt_start: int) -> None:
    """Document number of TD1/TD2, short or long (9303-5 §4.2.2 note j)."""
    num = d.rows[line][start : start + 9]
    cd = d.rows[line][start + 9]
    opt = d.rows[opt_line][opt_start:]
    if cd == "<" and opt and opt[0] != "<" and "<" not in num:
        k = opt.index("<") if "<" in opt else len(opt)
        if k < 2:
            return
        c = opt_start + k - 1
        if d.rows[opt_line][c] in _TO_DIGIT:
            d.set(
                opt_line,
                c,
                _TO_DIGIT[d.rows[opt_line][c]],
                _DIGIT_EXPECTED,
                "document_number",
            )
        cells = [(line, start + i) for i in range(9)] + [
            (opt_line, opt_start + i) for i in range(k - 1)
        ]
        _decide(d, "document_number", cells, (opt_line, c), False)
    else:
        _decide(
            d, "document_number", [(line, start + i) for i in range(9)], (line, start + 9), False
        )


def suggest_repair(mrz: str | MRZResult, *, reference: date | None = None) -> Repair | None:
    """A repaired MRZ and its changes, when the repair validates better; else None.

    >>> fix = suggest_repair('''P<UT0ERIK55ON<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<
    ... L898902C36UTO740BIZZF12041S9ZE184226B<<<<<1O''', reference=date(2010, 1, 1))
    >>> fix.result.valid, fix.result.surname, len(fix.changes)
    (True, 'ERIKSSON', 10)
    >>> fix.changes[0].to_dict()
    {'field': 'issuing_state', 'line': 0, 'column': 4, 'from': '0', 'to': 'O', 'reason': 'a letter is expected here'}
    """
    from .parse import parse_mrz

    original = mrz if isinstance(mrz, MRZResult) else parse_mrz(mrz, reference=reference)
    fmt = original.format
    if fmt is None or not original.errors:
        return None
    if tuple(len(ln) for ln in original.lines) != LINE_LENGTHS[fmt]:
        return None
    if any(e.code == "invalid_character" for e in original.errors):
        return None
    d = _repair_lines(fmt, original.lines)
    if not d.changes:
        return None
    text = "\n".join("".join(r) for r in d.rows)
    repaired = parse_mrz(text, reference=reference)
    before = {(e.field, e.code) for e in original.errors}
    after = {(e.field, e.code) for e in repaired.errors}
    if len(repaired.errors) >= len(original.errors) or not after <= before:
        return None
    d.changes.sort(key=lambda c: (c.line, c.column))
    return Repair(text, tuple(d.changes), repaired, tuple(d.ambiguous))
