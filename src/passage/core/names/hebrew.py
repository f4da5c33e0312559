# ruff: noqa: RUF001, RUF002 -- names in Hebrew script on purpose
"""Hebrew-script names as the consonant frames the screening compares (decision 219).

ICU's ``Any-Latin`` reads Hebrew letter by letter as a scholar would (``כהן`` ``khn``,
``יוסף`` ``ywsp``, ``ג׳ון`` two words ``g wn``), which meets few of the Latin spellings
lists hold: *Cohen*, *Yosef*, *John*. This module writes each letter as the frame letters
of :mod:`passage.core.names.keys` expect, the way the Arabic transform writes Arabic
script: a consonant frame with the long vowels as ``A``, ``W`` and ``Y``.

======== ====================================== ============================
letter   written                                 the other reading (a *flip*)
======== ====================================== ============================
א        ``A`` (a vowel's seat, as alif)
ב        ``B`` first in a word or with dagesh,   ``B`` (Herbert ``הרברט``)
         else ``V`` (Aviv ``אביב``)
ג ג׳     ``G``; with geresh ``J`` (John)
ד        ``D`` (with an apostrophe too: d')
ה        ``H``; last in a word of three letters  ``E`` (Moshe ``משה``)
         or more, the vowel it marks, ``A``
         (Silva ``סילבה``)
ו וו     ``W`` (O, U or V); doubled ``V``         ``V`` (first in a word)
         inside a word (David ``דייוויד``),
         ``W`` first in it (William ``וויליאם``)
ז ז׳     ``Z``; ``ZH`` (Jean ``ז׳אן``)
ח        ``H``                                   ``KH`` (Chaim ``חיים``)
י יי     ``Y``                                   a doubled yod inside a word
                                                 ``A`` (David ``דייוויד``)
כ ך כ׳   ``K`` first or with dagesh (Cohen),     ``K`` (not first)
         ``KH`` elsewhere (Mordechai); with
         geresh ``KH``
ע        ``A`` first in a word, else nothing;
         with geresh ``GH``
פ ף      ``P`` first or with dagesh, ``F``       ``F`` / ``P``
         elsewhere and last
צ ץ צ׳   ``TZ``; with geresh ``CH``
ק        ``Q``
ש        ``SH``; ``S`` with the sin dot          ``S`` (Israel ``ישראל``)
ת ת׳     ``T``; ``TH``
======== ====================================== ============================

``ט`` is ``T``, ``ל מ נ ס ר`` are ``L M N S R``. Vowel points and
cantillation are dropped; the dagesh and the shin and sin dots are read where written
(a flip does not read a dotted letter otherwise), presentation forms are taken apart and
the Yiddish ligatures ``װ ױ ײ`` read as the letters they join. A letter of another
script inside a Hebrew word is kept as it is.
A ``K`` before ``ה`` is written ``Q`` (the same letter to every key) so the two do not
read as the digraph ``KH``. A flip reads every such letter of a name the other way; each
flip that changes a part is kept as an alternate form of it
(:func:`passage.core.names.normalise.hebrew_forms`).

>>> hebrew_latin("יוסף כהן"), hebrew_latin("ג׳ון סמית"), hebrew_latin("דייוויד")
('YWSF QHN', 'JWN SMYT', 'DYYVYD')
>>> hebrew_latin("אביב"), hebrew_latin("אביב", flip="b"), hebrew_latin("ישראל", flip="s")
('AVYV', 'ABYB', 'YSRAL')
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

# Cantillation and vowel points, but not the dagesh (U+05BC) or the shin and sin dots
# (U+05C1, U+05C2), which say how a letter is read.
_POINTS: Final = re.compile("[\u0591-\u05bb\u05bd\u05bf\u05c4\u05c5\u05c7]")
_DAGESH: Final = "\u05bc"
_SHIN_DOT: Final = "\u05c1"
_SIN_DOT: Final = "\u05c2"
# Geresh as written in Hebrew and as typed on Latin keyboards.
_GERESH: Final = frozenset("\u05f3'\u2019\u02bc`\u00b4")
_MAQAF: Final = "\u05be"
# Yiddish ligatures, as the letters they join.
_LIGATURES: Final = str.maketrans({"\u05f0": "וו", "\u05f1": "וי", "\u05f2": "יי"})
# The flips: each reads every letter of one kind the other way.
FLIPS: Final = ("b", "p", "s", "h", "k", "x", "y", "w")


def is_hebrew_letter(c: str) -> bool:
    return "\u05d0" <= c <= "\u05ea"


def has_hebrew(text: str) -> bool:
    """Whether ``text`` holds a Hebrew letter (a presentation form counts as its letter)."""
    return any(is_hebrew_letter(c) for c in unicodedata.normalize("NFKD", text))


_PLAIN: Final = {
    "ט": "T",
    "י": "Y",
    "ל": "L",
    "מ": "M",
    "ם": "M",
    "נ": "N",
    "ן": "N",
    "ס": "S",
    "ק": "Q",
    "ר": "R",
}


def _letters(word: str) -> list[tuple[str, str]]:
    """The letters of a word, each Hebrew one with its marks (dagesh, dots, geresh);
    another letter (``Annaשושן``) is kept with the mark ``=``."""
    out: list[tuple[str, str]] = []
    for c in word:
        hebrew_before = bool(out) and out[-1][1] != "="
        if is_hebrew_letter(c):
            out.append((c, ""))
        elif hebrew_before and (c in _GERESH or c in (_DAGESH, _SHIN_DOT, _SIN_DOT)):
            out[-1] = (out[-1][0], out[-1][1] + ("'" if c in _GERESH else c))
        elif c.isalpha() or c.isdigit():
            out.append((c, "="))
    return out


def _word(word: str, flip: str) -> str:
    letters = _letters(word)
    n = len(letters)
    out: list[str] = []
    skip = False
    for k, (c, marks) in enumerate(letters):
        if skip:
            skip = False
            continue
        if marks == "=":
            out.append(c)
            continue
        first, last = k == 0, k == n - 1
        geresh, dagesh = "'" in marks, _DAGESH in marks
        nxt = letters[k + 1][0] if k + 1 < n else ""
        if c == "א":
            w = "A"
        elif c == "ב":
            w = "B" if first or dagesh or flip == "b" else "V"
        elif c == "ג":
            w = "J" if geresh else "G"
        elif c == "ד":
            # With an apostrophe most often the French d' (ד'אנבול, d'Anvol), not DH.
            w = "D"
        elif c == "ה":
            w = ("E" if flip == "h" else "A") if last and n >= 3 else "H"
        elif c == "ו":
            if nxt == "ו":
                # Doubled: V inside a word (David), W first in it (William), or V.
                w, skip = ("V" if not first or flip == "w" else "W"), True
            else:
                w = "W"
        elif c == "ז":
            w = "ZH" if geresh else "Z"
        elif c in "כך":
            # First in a word kaf is K (Cohen); Khan and Khaled are written with het.
            if geresh:
                w = "KH"
            elif first or dagesh:
                w = "K"
            else:
                w = "K" if flip == "k" else "KH"
            if w == "K" and nxt == "ה":
                w = "Q"
        elif c == "ע":
            w = "GH" if geresh else "A" if first else ""
        elif c in "פף":
            if geresh:
                w = "F"
            elif dagesh:
                w = "P"
            elif c == "ף":
                w = "F"
            elif first:
                w = "F" if flip == "p" else "P"
            else:
                w = "P" if flip == "p" else "F"
        elif c in "צץ":
            w = "CH" if geresh else "TZ"
        elif c == "ש":
            w = "S" if _SIN_DOT in marks or (flip == "s" and _SHIN_DOT not in marks) else "SH"
        elif c == "ת":
            w = "TH" if geresh else "T"
        elif c == "ח":
            w = "KH" if flip == "x" else "H"
        elif c == "י" and nxt == "י" and 0 < k < n - 2 and flip == "y":
            w, skip = "A", True
        else:
            w = _PLAIN[c]
        out.append(w)
    return "".join(out)


def hebrew_latin(text: str, flip: str = "") -> str:
    """``text`` with its Hebrew words written as the module docstring says (other
    words, and what is not a letter, as they are; a maqaf is a hyphen)."""
    text = unicodedata.normalize("NFKD", text).translate(_LIGATURES)
    text = _POINTS.sub("", text).replace(_MAQAF, "-")
    words = re.split(r"(\s+|-)", text)
    return "".join(_word(w, flip) if any(is_hebrew_letter(c) for c in w) else w for w in words)
