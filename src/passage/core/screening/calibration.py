"""Per-kind score calibration: a threshold that means the same whatever the scripts.

A raw score compares two names of one *kind*: two Latin spellings (``latin``) or a name
written in another script against a Latin one, or two in that script (``arabic``,
``cyrillic``, ``hebrew``, ``cjk``…, the non-Latin script of the pair). A cross-script part
agreement is not worth what a Latin one is, so each kind has its own logistic
calibration, ``P(true match | raw score s) = sigma(a_k*s + b_k)``, fitted by
``bench/screening_fit.py`` on training data only (its constants live in
:mod:`.fitted`). Scores are reported on the Latin scale: a raw score ``s`` of kind ``k``
becomes the Latin score of the same probability, ``(a_k·s + b_k - b_latin) / a_latin``,
so one threshold means one probability of a true match for every kind, and Latin-Latin
scores are unchanged. A kind with no fit (Greek, Ethiopic…) is left on its raw score.

The logistic is fitted on the fit world's composed names; real travellers of a script may
meet the list by chance far more often than those names say. A kind whose script has
enough real innocent travellers among those the fit screens has a third value, its
*tail*: taken off its calibrated scores so that those travellers alert at most the fitted
rate at the threshold the Latin-script ones set (decision 226: before it, the fit half's
travellers with names in Han, kana or Hangul alerted 3.5 to 18 times as often as those in
Latin letters). The explanation's ``calibration.tail`` says what it took.

A comparison of a traveller without a birth date (``undated``) then loses a fitted
``undated`` offset (decision 188; a traveller with a date meeting an entry without one
does not since decision 204: the threshold those with a date set holds those
comparisons). The logistic weighs a match against a non-match with the classes
balanced; it cannot say that innocent travellers meet a
listed name without a date to part them far more often than with one, and one threshold
for both let the undated innocents set it for every comparison. The offset is the
difference between the lowest thresholds at which the fit half's Latin innocents alert
at the target rate without and with their birth date, so the one threshold means the
same innocent alert rate whether a date was there or not.

The offset is not the same for every name (decision 197). A name that few people could
bear by chance is strong evidence alone, one that many bear is not: the offset is taken
in full when the chance namesakes the list holds (``chance``, the expectation ``E`` of the
common-name adjustment, :func:`.scoring.score_subjects`) are at least ``10**common``,
not at all at ``10**rare`` or fewer, and in proportion to ``log10 E`` between. And a
name part one name has and the other lacks (``Lisa Gerald Mendez`` against ``Lisa
Mendez``: ``extra``) is a dropped name or another person; with a date to confirm it costs
what the name score says, without one a further ``per_extra_part``. The table's
``undated`` entry is ``(offset,)`` (flat, as before) or ``(offset, per_extra_part, rare,
common)``; without ``chance`` (no list to count in) the offset is taken in full.

Nor is it the same for every list (decision 206). A traveller without a date meets every
near-namesake on the list with nothing to part them, and a tenfold list holds tenfold
near-namesakes: the best of them scores higher, and the offset that holds undated
innocents to the fitted alert rate grows with the list. The fit measures it at two or
more list sizes; the table's ``undated sizes`` entry is ``(n_1, offset_1, n_2, offset_2,
...)``, ``n`` ascending, and a list of ``entries`` entries takes the offset interpolated
in ``log10(entries)`` between the fitted sizes, the nearest one's outside them
(:func:`offset_for_size`). It replaces the ``undated`` entry's first value; the grading
above applies to it as before. Without ``entries`` (no list), the ``undated`` entry's own
offset. Travellers *with* a date meet more namesakes on a longer list too, far fewer
of whom share their date: the table's ``list sizes`` entry, the same form, is an offset
taken off *every* calibrated score of a list of ``entries`` entries (none at the smallest
fitted size, where the threshold is fitted), so that the one threshold means the same
innocent alert rate on every list.

>>> calibrate("latin", 0.9, {"latin": (10.0, -8.0), "arabic": (12.0, -8.5)})
0.9
>>> round(calibrate("arabic", 0.8, {"latin": (10.0, -8.0), "arabic": (12.0, -8.5)}), 3)
0.91
>>> round(calibrate("arabic", 0.8, {"latin": (10.0, -8.0), "arabic": (12.0, -8.5, 0.05)}), 3)
0.86
>>> round(calibrate("latin", 0.9, {"latin": (10.0, -8.0), "undated": (0.05,)}, undated=True), 3)
0.85
>>> t = {"latin": (10.0, -8.0), "undated": (0.1, 0.05, -6.0, -2.0)}
>>> [round(calibrate("latin", 0.9, t, undated=True, chance=e), 3) for e in (1e-7, 1e-4, 0.5)]
[0.9, 0.85, 0.8]
>>> round(calibrate("latin", 0.9, t, undated=True, chance=1e-7, extra=1), 3)
0.85
>>> s = {**t, "undated sizes": (1e5, 0.1, 1e6, 0.2)}
>>> [round(calibrate("latin", 0.9, s, undated=True, entries=n), 3) for n in (1e4, 1e5, 10**5.5, 1e6, 1e7)]
[0.8, 0.8, 0.75, 0.7, 0.7]
>>> s = {**s, "list sizes": (1e5, 0.0, 1e6, 0.02)}
>>> [round(calibrate("latin", 0.9, s, entries=n), 3) for n in (1e5, 1e6)]
[0.9, 0.88]
>>> round(calibrate("latin", 0.9, s, undated=True, entries=1e6), 3)
0.68
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Final

from passage.core.names import detect_script
from passage.core.screening.fitted import FITTED

Params = Mapping[str, Sequence[float]]

UNDATED: Final = "undated"
UNDATED_SIZES: Final = "undated sizes"
LIST_SIZES: Final = "list sizes"


def _undated_entry() -> tuple[float, ...]:
    """The fitted ``undated`` entry: ``(offset,)`` or ``(offset, per_extra_part, rare, common)``."""
    offset = float(FITTED.get("undated_offset", 0.0))  # type: ignore[arg-type]
    shape = FITTED.get("undated_shape")
    if not shape:
        return (offset,)
    return (offset, *(float(x) for x in shape))  # type: ignore[attr-defined]


def _sizes(key: str) -> tuple[float, ...]:
    """A fitted ``(list size, offset)`` table, flattened: ``(n_1, offset_1, n_2, ...)``."""
    sizes = FITTED.get(key) or ()
    return tuple(float(x) for pair in sorted(sizes) for x in pair)  # type: ignore[call-overload]


KINDS: Final[Params] = {
    **{k: tuple(v) for k, v in FITTED["kinds"].items()},  # type: ignore[attr-defined]
    UNDATED: _undated_entry(),
    # The size tables only where the fit made them (fitted at two or more list sizes).
    **{
        name: sizes
        for name, key in ((UNDATED_SIZES, "undated_sizes"), (LIST_SIZES, "list_sizes"))
        if (sizes := _sizes(key))
    },
}
FITTED_THRESHOLD: Final = float(FITTED["threshold"])  # type: ignore[arg-type]


# Two names written in one script other than Latin (decision 212).
SAME_SCRIPT: Final = "same_script"


# Labels that name several scripts (Han, kana and Hangul are all "CJK") or none.
_NOT_ONE_SCRIPT: Final = frozenset({"Latin", "Unknown", "Other", "CJK"})


def same_script(query_script: str, entry_script: str) -> bool:
    """Whether two names are written in one script other than Latin, with no
    transliteration between them (decision 212). ``CJK`` is not one script (a Hangul
    name against its Han form is a reading), nor is ``Other``.

    >>> same_script("Arabic", "Arabic"), same_script("CJK", "CJK"), same_script("Latin", "Latin")
    (True, False, False)
    """
    return query_script == entry_script and query_script not in _NOT_ONE_SCRIPT


@lru_cache(maxsize=200_000)
def name_script(name: str) -> str:
    """The script a name was written in (an MRZ field or plain ASCII is Latin)."""
    return "Latin" if name.isascii() else detect_script(name)


def comparison_kind(query_name: str, entry_name: str) -> str:
    """The kind of a comparison: ``latin``, ``same_script`` for two names written in one
    other script, or the lower-cased non-Latin script of the pair.

    Two names in one script meet without a transliteration gap, as two Latin names do:
    ``same_script`` has no fit of its own, so its scores stay on the Latin scale
    (decision 212; :func:`same_script` says which labels count).

    >>> comparison_kind("Usama bin Laden", "BIN LADIN<<USAMA")
    'latin'
    >>> comparison_kind("أسامة بن لادن", "Usama bin Laden"), comparison_kind("Ivan", "Иван")
    ('arabic', 'cyrillic')
    >>> comparison_kind("أسامة بن لادن", "اسامة بن لادن")
    'same_script'
    """
    qs, es = name_script(query_name), name_script(entry_name)
    if same_script(qs, es):
        return SAME_SCRIPT
    other = qs if qs not in ("Latin", "Unknown") else es
    if other in ("Latin", "Unknown"):
        return "latin"
    return other.lower()


def group(kind: str, undated: bool) -> str:
    """The calibration group of a comparison: its kind, or ``"<kind> undated"``."""
    return f"{kind} {UNDATED}" if undated else kind


def undated_offset(entry: Sequence[float], chance: float | None = None, extra: int = 0) -> float:
    """What a comparison with no birth date to compare loses (see the module docstring).

    >>> undated_offset((0.1,), 1e-9, 2)
    0.1
    >>> round(undated_offset((0.1, 0.05, -6.0, -2.0), 1e-4, 0), 3)
    0.05
    """
    if not entry:
        return 0.0
    offset = float(entry[0])
    if len(entry) < 4:
        return offset
    per_extra, rare, common = float(entry[1]), float(entry[2]), float(entry[3])
    if chance is not None and common > rare:
        share = (math.log10(chance) - rare) / (common - rare) if chance > 0 else 0.0
        offset *= min(1.0, max(0.0, share))
    return offset + per_extra * max(0, extra)


def offset_for_size(sizes: Sequence[float], entries: float) -> float:
    """The undated offset of a list of ``entries`` entries from the fitted ``(n_1,
    offset_1, n_2, offset_2, ...)``: linear in ``log10(entries)`` between two fitted
    sizes, the nearest fitted size's outside them (decision 206).

    >>> [offset_for_size((1e5, 0.07, 1e6, 0.1), n) for n in (10, 1e5, 1e6, 1e9)]
    [0.07, 0.07, 0.1, 0.1]
    >>> round(offset_for_size((1e5, 0.07, 1e6, 0.1), 2e5), 4)
    0.079
    """
    points = [
        (math.log10(max(sizes[i], 1.0)), float(sizes[i + 1])) for i in range(0, len(sizes) - 1, 2)
    ]
    x = math.log10(max(entries, 1.0))
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0) if x1 > x0 else y1
    return points[-1][1]


def kind_tail(kind: str, kinds: Params | None = None) -> float:
    """What the kind's tail takes off its calibrated scores (decision 226): its third
    fitted value; 0 for a kind without one, for ``latin`` (the scale itself) and for a
    kind the table leaves raw.

    >>> t = {"latin": (10.0, -8.0), "cjk": (8.0, -5.0, 0.05), "undated": (0.1, 0.05, -6.0)}
    >>> kind_tail("cjk", t), kind_tail("cjk undated", t), kind_tail("latin", t), kind_tail("undated", t)
    (0.05, 0.05, 0.0, 0.0)
    """
    table = KINDS if kinds is None else kinds
    kind = kind.removesuffix(" " + UNDATED)
    params = tuple(table.get(kind, ()))
    if kind in ("latin", UNDATED, UNDATED_SIZES, LIST_SIZES) or "latin" not in table:
        return 0.0
    return float(params[2]) if len(params) == 3 else 0.0


def calibrate(
    kind: str,
    score: float,
    kinds: Params | None = None,
    *,
    undated: bool = False,
    chance: float | None = None,
    extra: int = 0,
    entries: float | None = None,
) -> float:
    """A raw score of ``kind`` on the Latin scale (see the module docstring).

    ``kind`` may name a group (``"arabic undated"``); ``undated``: no birth date to
    compare, so the table's ``undated`` offset (if any) is taken off, as
    :func:`undated_offset` grades it for ``chance`` namesakes and ``extra`` parts, on a
    list of ``entries`` entries when the table fits the offset by list size
    (:func:`offset_for_size`); and, given ``entries``, the table's ``list sizes`` offset
    off every score.
    """
    table = KINDS if kinds is None else kinds
    if kind.endswith(" " + UNDATED):
        kind, undated = kind.split()[0], True
    offset = 0.0
    if undated and UNDATED in table:
        entry = table[UNDATED]
        sizes = table.get(UNDATED_SIZES)
        if entries is not None and sizes and entry:
            entry = (offset_for_size(sizes, entries), *entry[1:])
        offset = undated_offset(entry, chance, extra)
    listed = table.get(LIST_SIZES) if entries is not None else None
    if listed:
        offset += offset_for_size(listed, entries)  # type: ignore[arg-type]
    if kind == "latin" or kind not in table or "latin" not in table:
        return score - offset
    a, b = table[kind][:2]
    al, bl = table["latin"][:2]
    return (a * score + b - bl) / al - kind_tail(kind, table) - offset
