"""Scoring one query name against one listed name, and a whole query against an entry.

Name parts are aligned, not compared in order: every query part is compared with every
entry part (:func:`part_similarity`), pairs are taken best first (two name parts before
an initial takes either, decision 244), each part used once, and a part left over, or
paired only weakly, may match two parts of the other side written together
(``FRIDRICHBUCHENBERG``, ``MOHAMMADHASNI``; ``HONGRI`` against ``HONG RI``, decision
242), or a name part and the particles just before it (``DASILVA`` against ``DA SILVA``,
decision 245); the two then count as one part of their name. Parts weigh 1, initials
0.4 and particles 0.25, so a dropped ``BIN`` or middle initial costs little.

The name score is the mean similarity of the matched identifying parts of the shorter
name (between two Latin spellings, a similarity short of 0.85 counts its shortfall twice:
``PINTO``/``PINEDA`` are two names, not one misspelt) times a factor for what is left
over (between names transliterated from another script, where a part agrees at 0.8-0.97
at best, each matched part beyond two first closes 0.35 of the gap between the mean and
1): all its parts matched, ``1 - 0.06`` per extra part of the longer name (a dropped
middle name); all but one of three or more matched, 0.9 (less 0.06 per further extra
part); a single part matched while either side has two or more, 0.6 (a shared given name
is not a shared identity); otherwise 0.6 times the
share matched. A name part left over on *each* side is a name that disagrees (``SAM
ANOUK DEKKER`` against ``SAM TOBIAS DEKKER``) rather than one left out, and costs a
further 0.08 per such pair, unless either name was transliterated from another script
(there a part that fails to align is more often a transliteration gap). A match of two
one-part names is capped at 0.85. Particles and initials align (so they appear in the
explanation) but do not count; a particle spelt as a name part of the other side
(``DOS FLETCHER`` against ``FLETCHER DOS``, where the end of the name makes ``DOS`` the name)
is read as a name on both (decision 198). A particle spelt alike in both names counts as
a part each covers when the birth dates confirm the match (exact, day and month swapped,
one year off; or ``year_match``, the same year where either date lacks its day or month):
``VON JOHNSON``
against ``VON PICCHI JOHNSON`` is then a dropped middle name, not a shared given name
(decision 208).

Spellings of Latin parts compare by normalised Levenshtein similarity, or by a *typo
model* when higher (:func:`spelling_similarity`): parts one slip apart (a letter
substituted, added or dropped, two neighbours swapped) score ``1 - c/L`` for the longer
length ``L``, where a slip costs ``c`` = 0.8 of an edit in a three- or four-letter part,
0.65 in five letters and 0.5 from six (short names one letter apart are often different
names: ``JOHN``, ``JOAN``), halved when the slip is plausible (swapped neighbours, a
neighbouring key, a look-alike or same-sound letter, a doubled or silent ``H`` letter);
a three-letter part counts only one sound written two ways, between two names in Latin
letters (``KIM``/``CIM``, ``LI``/``LEE``, not ``JAN``/``JON``: decision 228); two slips in
parts of nine letters or more cost one edit. Two spellings of one sound in two
romanisations (``EE``/``I``, ``OU``/``U``, ``PH``/``F``…: :func:`roman_fold`) are one plausible
slip however many letters apart (``NEEWA``/``NIWA``, decision 198). Both the folded (``MUELLER`` = ``MULLER``)
and the written spellings are compared.

Two parts with the same phonetic key or the same skeleton have their spelling similarity
lifted (``0.4 + 0.6·s``, at most 0.86 or 0.84), never replaced: ``KLAUS`` and ``CHELSEA``
share a phonetic key. A part from a consonantal script compares by skeleton, graded by
the skeleton's length (:data:`SKELETON_EQUAL`): two consonants are shared by many names.

The entry score is the name score plus the birth-date and nationality adjustments of
:mod:`passage.core.screening.evidence` (nothing when either birth date is missing: it is
unknown evidence, not evidence against) and a *common-name* adjustment: when the birth dates do not confirm the match
(anything but exact, day and month swapped, or one year off with day and month equal),
a name whose matched parts many listed people share by chance (``E``, the expected number
of entries holding them all, from the index's part counts, times the share of those whose
birth date would agree as well by chance: :func:`birth_coincidence`) costs
``min(0.25, 0.08·log2(1 + 10·E))``. Clipped to 0..1. An identical document number
raises the score to at least 0.98 (to 1.0 when the name also agrees), one that differs
only by OCR confusions to at least the fitted threshold + 0.02 (at most 0.96), rising with
the name score towards 0.98.

>>> q = prepare_name(normalise_name("Usama bin Laden"))
>>> e = prepare_name(normalise_name("Osama ibn Ladin"))
>>> round(compare_names(q, e).score, 2)
0.94
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Final

from rapidfuzz.distance import OSA, Levenshtein

from passage.core.names import (
    NamePart,
    NormalisedName,
    apart_readings,
    detect_script,
    english_long_a,
    english_vowel_spellings,
    hamza_spellings,
    mrz_fold,
    normalise_name,
    nun_ba_spellings,
    phonetic_key,
    russian_arabic_spellings,
    script_readings,
    shape,
    single_letters,
    skeleton,
    soft_folded,
    sound_spellings,
    strict_frame,
    ta_shin_spellings,
    ta_zay,
    vowel_frame,
    waw_spellings,
    west_arabic_spellings,
    written_readings,
)
from passage.core.names.keys import APART, AYN_INSIDE_FRAME, AYN_START_FRAME, silent_final_ha
from passage.core.names.normalise import (
    DAUGHTER_OF,
    FATHER_OF,
    SHEIKH_NAMES,
    SHEIKH_TITLES,
    SON_OF,
)
from passage.core.screening.calibration import (
    FITTED_THRESHOLD,
    Params,
    calibrate,
    comparison_kind,
    kind_tail,
    name_script,
    same_script,
)
from passage.core.screening.evidence import (
    DateEvidence,
    Evidence,
    PartialDate,
    compare_birth_dates,
    compare_documents,
    compare_nationalities,
)

WEIGHTS: Final = {"name": 1.0, "initial": 0.4, "particle": 0.25}
MIN_PART_SIMILARITY: Final = 0.6
PHONETIC_FLOOR: Final = 0.86
SKELETON_FLOOR: Final = 0.84
SOUND_LIFT: Final = 0.4
COMMON_NAME_COST: Final = 0.08
COMMON_NAME_MAX: Final = 0.25
# Birth-date evidence that makes a coincidence of common names unlikely.
_CONFIRMING_BIRTH: Final = frozenset({"exact", "day_month_swapped", "one_year_off"})
# ... and under which a particle both names share counts as a part (decision 208): these,
# or the same year where either date lacks its day or month.
_PARTICLE_BIRTH: Final = _CONFIRMING_BIRTH | {"year_match"}
UNMATCHED_PART_COST: Final = 0.06
# Between two Latin spellings, a part similarity short of this counts its shortfall twice.
WEAK_PART: Final = 0.85
CONFLICTING_PART_COST: Final = 0.08
ONE_MISSING_FACTOR: Final = 0.9
# A birth date missing on either side is unknown evidence, not evidence against: a strong
# name alone alerts, and the officer reads "no birth date to compare" (decision 70).
NO_BIRTH_DATE: Final = 0.0
# The share of a list's namesakes taken to be born in a given year by chance, for
# birth_coincidence(): the share of the list's own dated entries born that year
# (ScreeningIndex.year_share), drawn towards SAME_YEAR_SHARE by YEAR_SHARE_PRIOR entries'
# worth and never under YEAR_SHARE_FLOOR (decision 225). SAME_YEAR_SHARE, also the share
# without a list, is how often two people on a real list were born in the same year:
# about 0.023 for the individuals with a birth year in the fit half of ofac_sdn.csv
# (0.3 until issue 17's second pass, then 0.1: decision 187).
SAME_YEAR_SHARE: Final = 0.025
YEAR_SHARE_PRIOR: Final = 1_000
YEAR_SHARE_FLOOR: Final = 0.01
SINGLE_PART_FACTOR: Final = 0.6
# Between names transliterated from another script, each matched part beyond two closes
# this share of the gap between the mean part similarity and 1 (decision 189; 0.35 was
# chosen among 0.2, 0.35 and 0.5 on the fit half).
ACCUMULATION: Final = 0.35
MONONYM_CAP: Final = 0.85
DOCUMENT_EXACT_FLOOR: Final = 0.98
# A document number that differs only by OCR confusions is strong evidence: it alerts at
# the fitted threshold whatever the name (it was 0.85 for the hand-set 0.83).
DOCUMENT_OCR_FLOOR: Final = min(FITTED_THRESHOLD + 0.02, 0.96)

# Similarity of two consonantal parts with equal skeletons, by skeleton length.
SKELETON_EQUAL: Final = {1: 0.6, 2: 0.8, 3: 0.9, 4: 0.94, 5: 0.97}
# ... and with equal shapes (keys.shape) when the skeleton is this short.
SHAPE_EQUAL: Final = {0: 0.75, 1: 0.82, 2: 0.88}
# ... and when the whole part is one consonant and a long vowel (JW / JOE; decision 193).
SHORT_SHAPE_EQUAL: Final = 0.7
# ... less this when the vowels a consonant frame writes stand elsewhere (issue 17).
LONG_VOWEL_COST: Final = 0.12
# ... and when a two-letter frame writes the spelling's own long vowel (decision 239).
SHORT_FRAME_EQUAL: Final = 0.8
# The long vowels whose class a Latin spelling must agree with: waw and ya (decision 218).
# Not alif, which writes the vowels of French and English names whatever their letter
# (لوران LAURENT, فانسان VINCENT).
_CLASS_CHECKED: Final = frozenset("wy")
# A Latin part read as Russian or Arabic writers render it (names.script_readings) and
# so meeting a transliterated part counts at most this (decision 192).
READING_CAP: Final = 0.95
# A consonantal part whose letters, long vowels included, are the Latin spelling as that
# script writes it (decision 199: ``بيرسون`` BYRSWN against ``PERSSON``, but not
# ``BURTCHIN``), by the number of letters the frame writes.
FRAME_EQUAL: Final = {3: 0.9, 4: 0.93, 5: 0.96, 6: 0.98}
# Letters a consonant frame writes for vowels (vowel_frame): alif, ya, waw.
_FRAME_VOWELS: Final = frozenset("AYW")
# Two Latin spellings one frame writes (decision 231): by the letters of that frame, at
# least four, with a ya or waw of it written in both (KOBEISSI / QUBAYSI, KBYSY).
LATIN_FRAME_EQUAL: Final = {4: 0.84, 5: 0.86}
# Ends a frame: on a Latin spelling, its last vowel is sounded (MARIA, SACHIE, HENRY, not
# JUSTINE), which Arabic and Hebrew script write; on a consonant frame, a final ta
# marbuta or ha (FATMH, AYH, MSHH), which is that vowel written (decision 213).
FINAL_VOWEL: Final = "!"

_sim = Levenshtein.normalized_similarity

# Slips of the hand and of the eye, for the typo model of part_similarity.
_KEYBOARD_ROWS: Final = ("QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")
_ROW_OFFSET: Final = (0.0, 0.25, 0.75)


def _keyboard_neighbours() -> frozenset[tuple[str, str]]:
    """Pairs of letters next to each other on a QWERTY keyboard (row or staggered row)."""
    place = {
        ch: (r, c + _ROW_OFFSET[r])
        for r, row in enumerate(_KEYBOARD_ROWS)
        for c, ch in enumerate(row)
    }
    return frozenset(
        (a, b)
        for a, (ra, xa) in place.items()
        for b, (rb, xb) in place.items()
        if a != b and abs(ra - rb) <= 1 and abs(xa - xb) <= 1.0
    )


KEYBOARD_NEIGHBOURS: Final = _keyboard_neighbours()
# Letters a reader or OCR takes for one another, and letters that spell the same sound
# in one romanisation or another.
_LOOK_ALIKE: Final = ("OQ", "OD", "IL", "IJ", "CG", "EF", "MN", "UV", "VY", "PR", "HN", "CE")
_SOUND_ALIKE: Final = ("CK", "CS", "KQ", "SZ", "IY", "VW", "FV", "GJ", "DT", "BP", "JY")
_VOWELS: Final = frozenset("AEIOU")
# One sound in two romanisations, for a part of three letters (decision 228): not D/T or
# B/P, which part DAN from TAN and BAN from PAN.
SHORT_SOUND_ALIKE: Final = frozenset(
    (pair[k], pair[1 - k]) for pair in _SOUND_ALIKE if pair not in ("DT", "BP") for k in (0, 1)
)
# A vowel for another, as romanisations write one vowel (BOB / BUB, ALI / ELI, YAN / YEN):
# in a part of three letters the cost of any slip, not of a plausible one (decision 229).
VOWEL_FOR_VOWEL: Final = frozenset((a, b) for a in _VOWELS for b in _VOWELS if a != b)
CONFUSABLE: Final = (
    frozenset(
        {(a, b) for a, b in _LOOK_ALIKE + _SOUND_ALIKE}
        | {(b, a) for a, b in _LOOK_ALIKE + _SOUND_ALIKE}
    )
    | KEYBOARD_NEIGHBOURS
    | {(a, b) for a in _VOWELS for b in _VOWELS if a != b}
)

# The typo model: one slip (substitution, insertion, deletion, two neighbours swapped)
# costs a fraction of an edit that grows as the part gets shorter, because short names
# one letter apart are often different names (JOHN, JOAN); a plausible slip costs half
# that. Two slips count only in parts of TWO_SLIP_MIN_LENGTH letters or more. A part of
# SLIP_MIN_LENGTH letters counts one sound written two ways only (KIM / CIM, RAY / RAI,
# LI / LEE, JONG-UUN / JONG-UN: one_sound_two_spellings, roman_fold; decision 228) as a
# plausible slip, and a vowel for a vowel (BOB / BUB, as often JAN / JON: decision 229)
# as a plain one, only between two names written in Latin letters: another consonant is
# as often another name (TOM / TOD), and a transliterated syllable one letter from
# another (JIN, YUN) is another syllable.
SLIP_COST: Final = {3: 0.8, 4: 0.8, 5: 0.65}
SLIP_COST_LONG: Final = 0.5
PLAUSIBLE_SLIP: Final = 0.5
SLIP_MIN_LENGTH: Final = 3
TWO_SLIP_MIN_LENGTH: Final = 9


def _one_slip(a: str, b: str, letters: frozenset[tuple[str, str]], *, typed: bool) -> bool:
    """Whether two spellings one edit apart differ by one letter for another of
    ``letters``, or by a doubled letter added or dropped; ``typed``: also by two
    neighbours swapped or a silent ``H`` added or dropped."""
    i = 0
    shortest = min(len(a), len(b))
    while i < shortest and a[i] == b[i]:
        i += 1
    j = 0
    while j < shortest - i and a[len(a) - 1 - j] == b[len(b) - 1 - j]:
        j += 1
    p, q = a[i : len(a) - j], b[i : len(b) - j]
    if len(p) == len(q) == 1:
        return (p, q) in letters
    if len(p) == len(q) == 2:
        return typed and p == q[::-1]
    if len(p) + len(q) == 1:
        longer, letter = (a, p) if p else (b, q)
        return (
            (typed and letter == "H")
            or longer[i - 1 : i] == letter
            or longer[i + 1 : i + 2] == letter
        )
    return False


def slip_is_plausible(a: str, b: str) -> bool:
    """Whether two spellings one edit apart differ by a plausible slip: neighbours
    swapped, a neighbouring key, a look-alike or same-sound letter, a doubled or a
    silent ``H`` added or dropped.

    >>> slip_is_plausible("COLAS", "CLOAS"), slip_is_plausible("ANNA", "ANA")
    (True, True)
    >>> slip_is_plausible("PAMELA", "PAMEQLA"), slip_is_plausible("MARCO", "MAZCO")
    (False, False)
    """
    return _one_slip(a, b, CONFUSABLE, typed=True)


def one_sound_two_spellings(a: str, b: str) -> bool:
    """Whether two spellings one edit apart write one sound two ways: a letter for the
    same sound in another romanisation (:data:`SHORT_SOUND_ALIKE`) or a doubled letter
    added or dropped. The only plausible slip a three-letter part counts (decision 228):
    a look-alike or a neighbouring key there makes another name as often (``SAM``/``SAN``),
    and a vowel for a vowel counts as a plain slip only (``JAN``/``JON``; decision 229).

    >>> one_sound_two_spellings("KIM", "CIM"), one_sound_two_spellings("UUN", "UN")
    (True, True)
    >>> one_sound_two_spellings("JAN", "JON"), one_sound_two_spellings("SAM", "SAN")
    (False, False)
    """
    return _one_slip(a, b, SHORT_SOUND_ALIKE, typed=False)


# One sound written with several letters in one romanisation and fewer in another
# (decision 198): English EE and OO, French OU for the I and U of most others, PH for F,
# KH and GH for the H and G of a plainer transcription, DJ for J, SCH for SH, CK for K,
# IE and Y for I.
_ROMAN_DIGRAPHS: Final = {
    "SCH": "SH",
    "PH": "F",
    "EE": "I",
    "OO": "U",
    "OU": "U",
    "IE": "I",
    "KH": "H",
    "GH": "G",
    "DJ": "J",
    "CK": "K",
    "Y": "I",
}
_ROMAN_RE: Final = re.compile("|".join(sorted(_ROMAN_DIGRAPHS, key=len, reverse=True)))


@lru_cache(maxsize=200_000)
def roman_fold(spelling: str) -> str:
    """A Latin spelling with romanisation digraphs folded to one letter, until nothing
    changes (``EDDEEE`` → ``EDDIE`` → ``EDDI``; ``EDDY`` → ``EDDI``).

    >>> roman_fold("NEEWA"), roman_fold("NIWA"), roman_fold("PHILIPPE")
    ('NIWA', 'NIWA', 'FILIPPE')
    """
    for _ in range(4):
        folded = _ROMAN_RE.sub(lambda m: _ROMAN_DIGRAPHS[m.group(0)], spelling)
        if folded == spelling:
            break
        spelling = folded
    return spelling


@lru_cache(maxsize=1_000_000)
def spelling_similarity(a: str, b: str, *, short_slips: bool = True) -> float:
    """Similarity of two spellings of a part: normalised Levenshtein, or the typo model
    when the two are one or two slips apart (whichever is higher). ``short_slips=False``:
    a three-letter part counts no slip (a name transliterated from another script, whose
    syllables one letter apart are other names: decision 228).

    >>> round(spelling_similarity("SIMON", "SIMWN"), 3), round(spelling_similarity("HEATHER", "HEAHER"), 3)
    (0.87, 0.929)
    >>> spelling_similarity("JOHN", "JOHNNY") == _sim("JOHN", "JOHNNY")
    True
    """
    base = _sim(a, b)
    longest = max(len(a), len(b))
    if longest < (SLIP_MIN_LENGTH if short_slips else SLIP_MIN_LENGTH + 1) or a == b:
        return base
    slips = OSA.distance(a, b, score_cutoff=2)
    if longest == SLIP_MIN_LENGTH:
        # Three letters: one sound written two ways (decision 228), a vowel written as
        # another romanisation writes it at the cost of any slip (decision 229), or
        # nothing.
        if roman_fold(a) == roman_fold(b) or (slips == 1 and one_sound_two_spellings(a, b)):
            cost = SLIP_COST[SLIP_MIN_LENGTH] * PLAUSIBLE_SLIP
        elif slips == 1 and _one_slip(a, b, VOWEL_FOR_VOWEL, typed=False):
            cost = SLIP_COST[SLIP_MIN_LENGTH]
        else:
            return base
    elif slips == 1:
        cost = SLIP_COST.get(longest, SLIP_COST_LONG)
        if slip_is_plausible(a, b) or roman_fold(a) == roman_fold(b):
            cost *= PLAUSIBLE_SLIP
    elif slips == 2 and min(len(a), len(b)) >= TWO_SLIP_MIN_LENGTH:
        cost = 2 * SLIP_COST_LONG
    elif roman_fold(a) == roman_fold(b):
        # One sound in two romanisations (NEEWA / NIWA, EDDEEE / EDDIE, PHILIP /
        # FILIP): one plausible slip, however many letters it takes (decision 198).
        cost = SLIP_COST.get(longest, SLIP_COST_LONG) * PLAUSIBLE_SLIP
    else:
        return base
    return max(base, 1.0 - cost / longest)


# The typo model without its cache, for spellings met once (a joined part's halves).
_spelling_core = spelling_similarity.__wrapped__
# The spellings of the particles the normaliser writes one way (BEN, IBN… as BIN), longest
# first, as a part written on to them starts with them (BENLADEN: decision 245).
PARTICLE_SPELLINGS: Final = {
    canonical: tuple(sorted(spellings, key=len, reverse=True))
    for canonical, spellings in (("BIN", SON_OF), ("BINT", DAUGHTER_OF), ("ABU", FATHER_OF))
}


@dataclass(frozen=True, slots=True)
class PartForms:
    """A name part with everything a comparison needs, computed once."""

    text: str
    kind: str
    folded: tuple[str, ...]
    skel: str
    skels: tuple[str, ...]
    # (shape, skeleton, shape with the vowels' classes: keys.shape) of each form
    shapes: tuple[tuple[str, str, str], ...]
    phon: str
    consonantal: bool
    weight: float
    # How other scripts' writers render a Latin part's sounds (names.script_readings),
    # folded: compared with transliterated parts only.
    readings: tuple[str, ...] = ()
    # The part as a consonantal script writes it (names.vowel_frame): of a consonant
    # frame, its own letters; of a Latin part, of the spellings _frame_forms gives.
    frames: tuple[str, ...] = ()
    # The same with Z, S and SH kept apart (names.strict_frame): of a consonant frame, its
    # Persian readings; of a Latin part, its spellings (decision 216).
    strict_frames: tuple[str, ...] = ()


def _sound_forms(part: NamePart) -> list[str]:
    """A part's forms, and for a Latin part how other scripts write its sounds
    (:func:`passage.core.names.keys.sound_spellings`, and the readings of
    :func:`passage.core.names.keys.script_readings`): skeletons and shapes only."""
    forms = list(part.forms())
    if not part.consonantal:
        forms += [s for f in part.forms() for s in sound_spellings(f)]
        forms += _readings(part, by_skeleton=True)
        # An Arabic name as Russian writes it (AKHMED, MAGOMED; decision 248), in a name
        # spelt through Russian only.
        if part.russian:
            forms += [r for f in part.forms() for r in russian_arabic_spellings(f)]
        # And as West Africa and the Turkic languages write it (MAMADOU, DIALLO; 253).
        forms += [w for f in part.forms() for w in west_arabic_spellings(f)]
        # Its CH as ta and shin (تشن, CHEN; decision 256).
        forms += [t for f in part.forms() for t in ta_shin_spellings(f)]
        # Its MB as nun and ba (قنبر KNBR, QAMBAR; decision 261), where that skeleton has
        # four letters or more: ZNB would meet زينب (Zaynab) in any ZAMB-.
        forms += [n for f in part.forms() for n in nun_ba_spellings(f) if len(skeleton(n)) >= 4]
    # Two letters of the script its transliteration joins, kept apart (decision 240).
    forms += apart_readings(part)
    return forms


def _readings(part: NamePart, *, by_skeleton: bool = False) -> list[str]:
    """The script readings of a Latin part's forms (none for a consonant frame);
    ``by_skeleton``: those whose skeletons may be compared too."""
    if part.consonantal or part.kind != "name":
        return []
    return list(
        dict.fromkeys(r for f in part.forms() for r in script_readings(f, by_skeleton=by_skeleton))
    )


# The vowel pairs MRZ folding reads as one vowel (passage.core.names.mrz.mrz_fold), before
# a final L, where names say them as two (SAMUEL, MICHAEL, JOEL): not elsewhere, where the
# E is a ya of its own (MINAEV; منيف is not it) or the pair an umlaut (GOETHE, MUELLER,
# which ميلر, Miller, would meet through MU'ELLER: a helper's review).
_VOWEL_PAIR: Final = re.compile("(?:AE|OE|UE)(?=L$)")


def _pair_apart(pair: re.Match[str]) -> str:
    """``UE`` → ``U'E``: two vowels, which folding leaves alone (``APART``)."""
    return pair[0][0] + APART + pair[0][1]


def _frame_forms(part: NamePart) -> list[str]:
    """The spellings whose vowel frames a cross-script comparison reads: a part's forms
    and, for a Latin part, its sound spellings, its French and Germanic readings, its
    ``V`` written with waw and its ``AE`` read as a hamza's ``AI`` (not the other script
    readings, which read a name by another language's rules throughout)."""
    forms = [*part.forms(), *apart_readings(part)]
    if not part.consonantal:
        forms += [s for f in part.forms() for s in sound_spellings(f)]
        # Two vowels that MRZ folding reads as one umlaut's (MUELLER as MULLER) are two
        # in SAMUEL, MANUEL, MICHAEL, JOEL, which Arabic script writes so (صموئيل, مانويل,
        # ميكائيل, جويل): the pair kept apart too (decision 267).
        apart = [_VOWEL_PAIR.sub(_pair_apart, f) for f in part.forms() if _VOWEL_PAIR.search(f)]
        forms += [s for a in apart for s in (a, *sound_spellings(a))]
        if part.kind == "name":
            # English vowels as heard: RILEY as RAYLEY, HUNT as HANT, MURPHY as MERPHY,
            # with their sound spellings (MICHAEL as MAYKA'EL; decision 268).
            english = [e for f in (*part.forms(), *apart) for e in english_vowel_spellings(f)]
            forms += [s for e in english for s in (e, *sound_spellings(e))]
        if part.kind == "name":
            # French and Germanic readings, which Arabic writes as read (decision 207),
            # and V written with waw, as Persian, Urdu and Pashto write it (decision 215).
            forms += [r for f in part.forms() for r in written_readings(f)]
            forms += [r for f in part.forms() for r in waw_spellings(f)]
            # CH as ta and shin, which Arabic script writes for it (decision 256).
            forms += [t for f in part.forms() for t in ta_shin_spellings(f)]
            # MB as nun and ba, the nun said M before ba (جنبلاط, JUMBLATT; decision 261).
            forms += [n for f in part.forms() for n in nun_ba_spellings(f)]
            # A hamza on a ya seat after an alif (وائل, رائد, نائف) is spelt AE as well as
            # AI (WAEL, RAED, NAEF; decision 227): the E is the ya the script writes,
            # which MRZ folding would read as the A of an umlaut (WAEL as WAL).
            forms += [h for f in part.forms() for h in hamza_spellings(f)]
            # An English open syllable's long A, which Arabic writes with ya (ديفيد,
            # DAVID; جيسون, JASON; decision 230).
            forms += [e for f in part.forms() for e in english_long_a(f)]
            # KH and G for ha, DZH for jim, as Russian writes an Arabic name, in a name
            # spelt through Russian (decision 248).
            # MAM for Muhammad's and Mahmud's MUHAM and MAHM, DI for jim (decision 253).
            # Each with its sound spellings and readings, as the part's own forms (KHAMZAT
            # read HAMZAT ends as HAMZA does, حمزة).
            regional = [w for f in part.forms() for w in west_arabic_spellings(f)]
            if part.russian:
                regional += [r for f in part.forms() for r in russian_arabic_spellings(f)]
            forms += [s for r in regional for s in (r, *sound_spellings(r), *written_readings(r))]
    return forms


def sounded_final_vowel(spelling: str) -> bool:
    """Whether a Latin spelling ends in a vowel that is sounded, and so written by a script
    that leaves short vowels out: a final ``A I O U Y W`` (``MARIA``, ``HENRY``,
    ``ANDREW``), one before a final ``H`` (``SARAH``), or an ``E`` after a vowel
    (``SACHIE``, ``JOE``); not an ``E`` after a consonant (``JUSTINE``, ``BLAKE``).

    >>> [sounded_final_vowel(s) for s in ("MARIA", "SACHIE", "SARAH", "JUSTINE", "PETER")]
    [True, True, True, False, False]
    """
    text = spelling.replace(APART, "")
    if len(text) > 2 and text[-1] == "H" and text[-2] in "AEIOU":
        text = text[:-1]
    if not text:
        return False
    if text[-1] in "AIOUYW":
        return True
    return text[-1] == "E" and len(text) > 1 and text[-2] in "AEIOUY"


def _spelt_frames(spelling: str) -> list[str]:
    """The vowel frames of a Latin spelling, marked when its last vowel is sounded: with
    a ``TS`` or ``TZ`` read as one sibilant and, where it has one, as ta and sin, as
    Arabic script writes a Japanese or Russian TS and a German or Hebrew TZ (تسوكي,
    موريتس; decision 232)."""
    frames = [vowel_frame(spelling)]
    if spelling[:1] in ("W", "Y"):
        # A W or Y that starts the name is a consonant before its long vowel too (WOOD
        # as WWD, وود; decision 268).
        frames.append(vowel_frame(spelling, keep_first=True))
    if "TS" in spelling or "TZ" in spelling:
        frames.append(vowel_frame(spelling.replace("TZ", "TS"), ts_apart=True))
    sounded = sounded_final_vowel(spelling)
    return [f + FINAL_VOWEL if f and sounded else f for f in frames]


def _ta_zay_forms(part: NamePart) -> tuple[str, ...]:
    """The forms of a part whose ``TZ`` is ta and zay: those of a part in Arabic script
    with the ``Tz`` reading (:func:`passage.core.names.normalise._ta_zay`), none else."""
    if not ta_zay(part):
        return ()
    return tuple(f for f in part.forms() if "TZ" in f)


def _ends_in_ha(form: str) -> bool:
    """Whether a consonantal form ends in a ha (``فاطمة``, ``عبدالله``, ``فریده``), which
    writes a final vowel the frame drops (decision 213): the keys' own test
    (:func:`passage.core.names.keys.silent_final_ha`), so Taha's ha kept apart (``T'H``)
    is a consonant here too (decision 241)."""
    return len(form) > 1 and silent_final_ha(form)


def _written_frames(form: str, *, ta_zay: bool = False) -> list[str]:
    """The vowel frames of a consonantal form, marked when it ends in a ha. A
    transliteration's ``TS`` is two letters (ta and sin: decision 232); with ``ta_zay``
    (a name in Arabic script, decision 235) its ``TZ`` is read as two as well, ta and
    zay, beside the one letter (Hebrew tsadi, ``צבי`` TZVY).

    >>> _written_frames("MTZ", ta_zay=True), _written_frames("TZVY")
    (['MS', 'MTS'], ['SFY'])
    """
    frames = [vowel_frame(form, ts_apart=True)]
    if ta_zay and "TZ" in form:
        frames.append(vowel_frame(form, ts_apart=True, tz_apart=True))
    if form[:1] in ("W", "Y"):
        frames.append(vowel_frame(form, ts_apart=True, keep_first=True))
    marked = bool(frames[0]) and _ends_in_ha(form)
    return [f + FINAL_VOWEL if f and marked else f for f in dict.fromkeys(frames)]


@lru_cache(maxsize=1_000_000)
def frame_fits(written: str, spelt: str) -> int:
    """How many long vowels a consonant frame ``written`` agrees on with the vowel frame of
    a Latin spelling ``spelt``, or -1 when the frame is not that spelling as the script
    writes it.

    The frame must be the spelling with some vowel letters left out (short vowels, which
    Arabic and Hebrew script do not write): every consonant in order, and every long
    vowel where the spelling has a vowel of its class (``A``; ``E I Y`` as ``Y``; ``O U W``
    as ``W``). An alif that starts the frame carries the initial vowel, whatever it is
    (``إنغريد`` ANJRYD against ``INGRID`` YNJRYD), or none where the spelling starts with
    a vowel the frame writes (``أوسكار`` AWSKAR), with two consonants (``استيفن`` ASTYFN,
    ``STEVEN``) or the alif is the article's (``العربي``, ``LARBI``); not before one
    consonant and a vowel (``إميلي`` AMYLY is not ``MELIH``; decision 207).

    >>> frame_fits("BYRSWN", "BYRSWN"), frame_fits("BYRSWN", "BWRSYN")
    (2, -1)
    >>> frame_fits("MARTN", "MARTYN"), frame_fits("ANJRYD", "YNJRYD"), frame_fits("JFR", "JYAFYR")
    (1, 1, 0)
    >>> frame_fits("AMYLY", "MYLY"), frame_fits("ASTYFN", "STYFYN")
    (-1, 1)

    A spelling whose last vowel is sounded (marked :data:`FINAL_VOWEL`) is met only by a
    frame that writes it, as these scripts do (``مالك`` MALK is not ``MALACHIA``, ``زاك``
    ZAK not ``SACHIE``), or that ends in ta marbuta or ha (``آية`` AYH, ``AYA``; decision
    213).

    >>> frame_fits("MALK", "MALAKYA!"), frame_fits("MARY", "MARY!"), frame_fits("AY!", "AYA!")
    (-1, 2, 2)

    Nor is a vowel that starts the spelling left out: ``هانس`` HANS is not ``YOHANNES``.

    >>> frame_fits("HANS", "YWHANYS"), frame_fits("AMR", "WMAR"), frame_fits("YWHANS", "YWHANYS")
    (-1, 0, 3)

    A Latin ``AH`` before a vowel inside a name may be the frame's ``A`` (a ta marbuta
    spelt ``-ah`` in a compound), not before a consonant (``MAHMUD`` writes its ``H``):

    >>> frame_fits("ATYAWLA", "ATYAHWLA"), frame_fits("MAMWD", "MAHMWD")
    (5, -1)
    """
    if written.endswith(FINAL_VOWEL):
        written, spelt = written[:-1], spelt.removesuffix(FINAL_VOWEL)
    best = -1
    n, m = len(written), len(spelt)
    # (i, j) -> long vowels matched, by a small search: names are short.
    stack = [(0, 0, 0)]
    if written[:1] == AYN_START_FRAME:
        # An ayn that starts the word (a reading's, decision 241): the spelling starts
        # with a vowel, of any class (OMAR, UMAR, IZZAT), which the ayn writes; not with
        # a consonant Y or W (YAMER, WASIM).
        vowel = spelt[:1] in _FRAME_VOWELS and not (
            spelt[:1] in "YW" and spelt[1:2] in _FRAME_VOWELS
        )
        stack = [(1, 1, 1)] if vowel else []
    elif written[:1] == "A" and n > 1:
        # Arabic script starts a word with alif only for a vowel (its hamza seat): the
        # spelling starts with a vowel too, or with two consonants, before which Arabic
        # writes a vowel of its own (إسبانيا SPAIN, استيفن STEVEN); or the alif is the
        # article's, elided in speech (العربي LARBI). Not MELIH (decision 207).
        starts_with_vowel = spelt[:1] in _FRAME_VOWELS
        two_consonants = spelt[1:2] not in _FRAME_VOWELS
        # Alif and lam, and a noun of two letters or more: علي ALY is no article and Y.
        article = written[1] == "L" and n >= 4
        if starts_with_vowel or two_consonants or article:
            stack.append((1, 0, 0))
        if starts_with_vowel:
            stack.append((1, 1, 0))
    seen: set[tuple[int, int, int]] = set()
    while stack:
        i, j, vowels = stack.pop()
        if i == n:
            rest = spelt[j:]
            if rest == FINAL_VOWEL or (
                not rest.endswith(FINAL_VOWEL) and all(c in _FRAME_VOWELS for c in rest)
            ):
                best = max(best, vowels)
            continue
        if j == m or (i, j, vowels) in seen:
            continue
        seen.add((i, j, vowels))
        if written[i] == spelt[j]:
            stack.append((i + 1, j + 1, vowels + (written[i] in _FRAME_VOWELS)))
        elif written[i] == AYN_INSIDE_FRAME and spelt[j] == "A":
            # An ayn inside the word (a reading's, decision 241) where the spelling writes
            # an A, and no other long vowel after it that the frame does not write (سعد
            # is SAAD, not SAID or SAUD).
            after = spelt[j + 1 : j + 2]
            if after not in ("Y", "W") or written[i + 1 : i + 2] == after:
                stack.append((i + 1, j + 1, vowels + 1))
        if (
            spelt[j] == "H"
            and i
            and written[i - 1] == "A" == spelt[j - 1]
            and spelt[j + 1 : j + 2] in _FRAME_VOWELS
        ):
            # A Latin AH is the script's ta marbuta as often as a ha: ATIYAH in a compound
            # (ATIYAHULLAH) is the frame's ATYA-ULLAH (decision 213).
            stack.append((i, j + 1, vowels))
        if spelt[j] in _FRAME_VOWELS and (i, j) != (0, 0):
            # Short vowels are left out, but not one that starts the word: the script
            # writes it on an alif (above), or it is the consonant ya or waw (decision 213).
            stack.append((i, j + 1, vowels))
    return best


# A romanised spelling's letters as the frame of a script that writes only long vowels
# (decision 231): one letter of that script each. Digraphs stay apart from their first
# letter (KH is not K, SH not S), Q and a hard C are K, and G, J, Z, S, P, B, V, F each
# stay themselves, as two romanisations of one Arabic name keep them.
_ROMAN_FRAME_DIGRAPHS: Final = re.compile("SH|CH|KH|GH|TH|DH|ZH|PH|CK|X")
_ROMAN_FRAME_DIGRAPH_MAP: Final = {
    "SH": "$", "CH": "$", "KH": "%", "GH": "&", "TH": "0", "DH": "9", "ZH": "7",
    "PH": "F", "CK": "K", "X": "KS",
}  # fmt: skip
_ROMAN_FRAME_LETTERS: Final = str.maketrans(
    {"Q": "K", "C": "K", "E": "Y", "I": "Y", "O": "W", "U": "W"}
)
_ROMAN_FRAME_MAX: Final = 40


@lru_cache(maxsize=200_000)
def roman_frame(spelling: str) -> str:
    """A Latin spelling as a script that writes only long vowels would write it, for two
    Latin spellings to meet (:func:`frames_meet`): consonants one letter each (above), a
    ``Y`` or ``W`` that starts the name before a vowel a consonant (``y``, ``w``), every
    other vowel as the letter of its long vowel (``A``; ``E I Y`` as ``Y``; ``O U W`` as
    ``W``), runs of one letter as one; a silent final vowel dropped, a sounded one marked
    :data:`FINAL_VOWEL`.

    >>> roman_frame("KOBEISSI"), roman_frame("QUBAYSI"), roman_frame("YOUNES")
    ('KWBYSY!', 'KWBAYSY!', 'yWNYS')
    >>> roman_frame("ROCHE"), roman_frame("ROSE"), roman_frame("UBAYDAH")
    ('RW$', 'RWS', 'WBAYDA!')
    """
    text = soft_folded(spelling)
    sounded = sounded_final_vowel(text)
    text = _ROMAN_FRAME_DIGRAPHS.sub(lambda m: _ROMAN_FRAME_DIGRAPH_MAP[m.group(0)], text)
    text = text.rstrip("H")
    if len(text) > 1 and text[0] in "YW" and text[1] in "AEIOUY":
        text = text[0].lower() + text[1:]
    text = single_letters(text.translate(_ROMAN_FRAME_LETTERS))
    if not sounded:
        text = text.rstrip("AYW")
    return text + FINAL_VOWEL if sounded and text else text


def _frame_gaps(frame: str) -> tuple[str, list[str]]:
    """A frame's consonants, and the vowel letters before each and after the last."""
    consonants, gaps, run = [], [], []
    for c in frame:
        if c in _FRAME_VOWELS:
            run.append(c)
        else:
            consonants.append(c)
            gaps.append("".join(run))
            run = []
    gaps.append("".join(run))
    return "".join(consonants), gaps


def _common_vowels(a: str, b: str) -> tuple[int, int]:
    """Of the vowel letters ``a`` and ``b`` both hold in order, the most ya and waw, and
    with those the most letters: ``(ya and waw, letters)``, the same either way round."""
    if not a or not b:
        return 0, 0
    if a == b:
        return sum(c != "A" for c in a), len(a)
    table = [[(0, 0)] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            took = table[i][j]
            table[i + 1][j + 1] = max(
                table[i][j + 1],
                table[i + 1][j],
                (took[0] + (x != "A"), took[1] + 1) if x == y else took,
            )
    return table[-1][-1]


@lru_cache(maxsize=500_000)
def frames_meet(a: str, b: str) -> int:
    """How many letters the longest consonant frame that writes both Latin spellings'
    frames ``a`` and ``b`` (:func:`roman_frame`) has, or -1 when none does, or none with a
    ya or waw written in both.

    Two romanisations of one Arabic name differ in the short vowels a frame leaves out,
    and write its long vowels with letters of one class (decision 231): ``KOBEISSI`` and
    ``QUBAYSI`` are both ``قبيسي`` KBYSY, ``QASIM`` and ``KASSEM`` ``قاسم``. Every consonant
    agrees in order; a vowel that starts the one starts the other, of a class they share;
    a sounded final vowel ends both, of one class; and in each gap the frame holds the
    vowels both write. An alif alone is no agreement (``HUSAYN`` and ``HASAN`` share only
    the alif of ``حسان``), nor is a vowel that starts both.

    >>> frames_meet("KWBYSY!", "KWBAYSY!"), frames_meet("KASYM", "KASYM")
    (6, 5)
    >>> frames_meet("HWSAYN", "HASAN"), frames_meet("MARYW!", "MARYA!")
    (-1, -1)
    >>> frames_meet("AYDARWS", "YDARWS"), frames_meet("ABYDA!", "WBYDA!")
    (6, -1)
    """
    if max(len(a), len(b)) > _ROMAN_FRAME_MAX or a.endswith(FINAL_VOWEL) != b.endswith(FINAL_VOWEL):
        return -1
    consonants, gaps_a = _frame_gaps(a.removesuffix(FINAL_VOWEL))
    other, gaps_b = _frame_gaps(b.removesuffix(FINAL_VOWEL))
    if consonants != other or not consonants:
        return -1
    first = _common_vowels(gaps_a[0], gaps_b[0])[1] if gaps_a[0] and gaps_b[0] else 0
    if bool(gaps_a[0]) != bool(gaps_b[0]) or (gaps_a[0] and not first):
        return -1
    if a.endswith(FINAL_VOWEL) and (not gaps_a[-1] or gaps_a[-1][-1:] != gaps_b[-1][-1:]):
        return -1
    letters, agreed = len(consonants) + bool(first), 0
    for ga, gb in zip(gaps_a[1:], gaps_b[1:], strict=True):
        yw, n = _common_vowels(ga, gb)
        letters += n
        agreed += yw
    return letters if agreed else -1


@lru_cache(maxsize=500_000)
def prepare_part(part: NamePart) -> PartForms:
    """The comparison forms of one part."""
    return PartForms(
        text=part.text,
        kind=part.kind,
        # Folded forms first (MUELLER = MULLER); the spellings as written too, as folding
        # can hide a slip (TAE folds to TA, one letter from TATE).
        folded=tuple(dict.fromkeys([*(mrz_fold(f) for f in part.forms()), *part.forms()])),
        skel=skeleton(part.text),
        skels=tuple(
            dict.fromkeys(
                [
                    *(skeleton(f) for f in _sound_forms(part)),
                    # An Arabic transliteration's TZ as ta and zay too (decision 235).
                    *(skeleton(f, tz_apart=True) for f in _ta_zay_forms(part)),
                ]
            )
        ),
        shapes=tuple(
            dict.fromkeys(
                [
                    *((shape(f), skeleton(f), shape(f, classes=True)) for f in _sound_forms(part)),
                    # Where the vowels of ta and zay's skeleton stand (decision 235).
                    *(
                        (
                            shape(f, tz_apart=True),
                            skeleton(f, tz_apart=True),
                            shape(f, classes=True, tz_apart=True),
                        )
                        for f in _ta_zay_forms(part)
                    ),
                ]
            )
        ),
        phon=phonetic_key(part.text),
        consonantal=part.consonantal,
        weight=WEIGHTS[part.kind],
        readings=tuple(_readings(part)),
        frames=_part_frames(part),
        strict_frames=_strict_frames(part),
    )


def _part_frames(part: NamePart) -> tuple[str, ...]:
    """A part's frames (:attr:`PartForms.frames`): of a consonant frame, as its letters
    write it; of a Latin part, of the spellings :func:`_frame_forms` gives."""
    if part.consonantal:
        ta_zay = bool(_ta_zay_forms(part))
        frames = (f for form in _frame_forms(part) for f in _written_frames(form, ta_zay=ta_zay))
    else:
        frames = (f for form in _frame_forms(part) for f in _spelt_frames(form))
    return tuple(dict.fromkeys(frames))


def _strict_frames(part: NamePart) -> tuple[str, ...]:
    """A part's frames with Z, S and SH kept apart: of a consonant frame, its Persian
    readings only (``ذاكر`` read ZAKR); of a Latin name part, its spellings and their
    ``V`` written with waw (decision 216)."""
    if part.kind != "name":
        return ()
    if part.consonantal:
        frames = (
            strict_frame(r, written=True) + (FINAL_VOWEL if _ends_in_ha(r) else "")
            for r in part.readings
        )
    else:
        spellings = [*part.forms(), *(w for f in part.forms() for w in waw_spellings(f))]
        frames = (
            strict_frame(f) + FINAL_VOWEL if sounded_final_vowel(f) else strict_frame(f)
            for f in spellings
        )
    return tuple(dict.fromkeys(f for f in frames if f))


def prepare_name(name: NormalisedName) -> tuple[PartForms, ...]:
    """The comparison forms of every part of a name."""
    return tuple(prepare_part(p) for p in name.parts)


def part_similarity(a: PartForms, b: PartForms, *, across: bool = False) -> tuple[float, str]:
    """Similarity of two parts in 0..1 and how it was found.

    ``exact``; ``variant`` (an alternate form or MRZ folding agrees); ``initial`` (a single
    letter that starts the other part, 0.9); ``spelling`` (edit distance on the folded
    forms); ``phonetic`` (same phonetic key, at least 0.88); ``skeleton`` (same consonant
    skeleton, 0.85 for Latin parts; for parts from a consonantal script the skeleton is the
    only reliable evidence and counts up to 0.95); ``reading`` (``across``: either name
    was transliterated from another script, and a Latin part read as that script's writers
    render it, ``JOHN`` as ``DZHON``, agrees by spelling; at most :data:`READING_CAP`).

    >>> part_similarity(prepare_part(NamePart("MUELLER")), prepare_part(NamePart("MULLER")))
    (1.0, 'variant')
    """
    if a.text == b.text:
        return 1.0, "exact"
    if a.kind == "initial" or b.kind == "initial":
        short, long = (a, b) if a.kind == "initial" else (b, a)
        if long.text.startswith(short.text):
            return 0.9, "initial"
        return 0.0, "different"
    best = 0.0
    consonantal = a.consonantal or b.consonantal
    for fa in a.folded:
        for fb in b.folded:
            if fa == fb:
                return 1.0, "variant"
            s = (
                spelling_similarity(fa, fb, short_slips=not across)
                if not consonantal
                else _sim(fa, fb)
            )
            if s > best:
                best = s
    how = "spelling"
    if a.consonantal or b.consonantal:
        for ska in a.skels:
            for skb in b.skels:
                if not ska or not skb or len(ska) + len(skb) < 4:
                    continue
                # A short skeleton is shared by many names (TN: TONY, TINA, TAHAN…).
                length = min(len(ska), len(skb))
                if ska == skb:
                    sk = SKELETON_EQUAL[min(length, 5)]
                    if not _long_vowels_agree(a, b, ska):
                        sk -= LONG_VOWEL_COST
                elif length >= 4:
                    sk = 0.93 * _sim(ska, skb)
                else:
                    continue
                if sk > best:
                    best, how = sk, "skeleton"
        if best < max(SHAPE_EQUAL.values()):
            # A short skeleton says little; where the long vowels stand says more
            # (LYLA / LAILA, ANA / ANNA, MATHYW / MATTHEW).
            for sha, ska, _ in a.shapes:
                for shb, skb, _ in b.shapes:
                    length = min(len(ska), len(skb))
                    if sha != shb or length > 2:
                        continue
                    if len(sha) >= 3:
                        sk = SHAPE_EQUAL[length]
                        if a.consonantal != b.consonantal and not _long_vowels_agree(a, b, ska):
                            sk -= LONG_VOWEL_COST
                    elif len(sha) == 2 and length == 1:
                        # A consonant and a long vowel (JW / JOE, LY / LEE, KW / COE):
                        # many names share it, but it is the part, not one left over.
                        sk = SHORT_SHAPE_EQUAL
                    else:
                        continue
                    if sk > best:
                        best, how = sk, "shape"
        if a.consonantal != b.consonantal and best < FRAME_EQUAL[6]:
            # The frame writes the spelling's long vowels too (decision 199).
            written, spelt = (a, b) if a.consonantal else (b, a)
            # A Persian reading meets a spelling letter for letter (decision 216).
            for written_frames, spelt_frames in (
                (written.frames, spelt.frames),
                (written.strict_frames, spelt.strict_frames),
            ):
                for fw in written_frames:
                    if len(fw) == 2:
                        # A consonant and a long vowel (لي LY / LEE, LI; جو JW / JOE):
                        # the vowel written is the one spelt (decision 239), not another
                        # name of the shape (لي / LOWE, جو / JAY).
                        fits = any(_short_frame_fits(fw, fs) for fs in spelt_frames)
                        if fits and best < SHORT_FRAME_EQUAL:
                            best, how = SHORT_FRAME_EQUAL, "frame"
                        continue
                    sk = FRAME_EQUAL[min(len(fw), 6)] if len(fw) >= 3 else 0.0
                    if sk > best and any(frame_fits(fw, fs) >= 1 for fs in spelt_frames):
                        best, how = sk, "frame"
                    elif (
                        written_frames is written.strict_frames
                        and len(fw) >= 3
                        and (sk := SKELETON_EQUAL[min(len(fw), 5)]) > best
                        and any(frame_fits(fw, fs) == 0 for fs in spelt_frames)
                    ):
                        # A Persian reading with no long vowel (فضل FZL, FAZL) is its
                        # skeleton with Z kept apart, worth what a skeleton is (258).
                        best, how = sk, "frame"
        return best, how
    if not across and best < LATIN_FRAME_EQUAL[5] and a.kind == "name" == b.kind:
        # Two romanisations of one name in a script that writes only long vowels
        # (decision 231): the frame of the one is a frame of the other.
        frames_b = _latin_frames(b.folded)
        for fa in _latin_frames(a.folded):
            for fb in frames_b:
                n = frames_meet(fa, fb)
                if n >= 4 and LATIN_FRAME_EQUAL[min(n, 5)] > best:
                    best, how = LATIN_FRAME_EQUAL[min(n, 5)], "romanised"
    if across and best < READING_CAP:
        # JOHN written in Cyrillic reads DZHON, WILLIAM UILYAM, JORGE KHORKHE (decision 192).
        for ra, fb in [(r, f) for r in a.readings for f in b.folded] + [
            (r, f) for r in b.readings for f in a.folded
        ]:
            s = min(READING_CAP, spelling_similarity(ra, fb, short_slips=False))
            if s > best:
                best, how = s, "reading"
    # A shared sound or skeleton lifts a spelling similarity, never replaces it: KLAUS and
    # CHELSEA share a phonetic key, MARIO and MAIRE a skeleton.
    if a.phon == b.phon and len(a.phon) >= 3:
        lifted = min(PHONETIC_FLOOR, SOUND_LIFT + (1 - SOUND_LIFT) * best)
        if lifted > best:
            best, how = lifted, "phonetic"
    if a.skel == b.skel and len(a.skel) >= 2 and a.text[0] == b.text[0]:
        lifted = min(SKELETON_FLOOR, SOUND_LIFT + (1 - SOUND_LIFT) * best)
        if lifted > best:
            best, how = lifted, "skeleton"
    return best, how


def _short_frame_fits(written: str, spelt: str) -> bool:
    """Whether a two-letter consonant frame writes a Latin spelling's frame: the same
    consonant and long vowel, an alif between them left out (مي MY / MAY).

    >>> [_short_frame_fits("LY", f) for f in ("LY!", "LWY", "LYA!")]
    [True, False, False]
    >>> _short_frame_fits("MY", "MAY!"), _short_frame_fits("JW", "JAY!"), _short_frame_fits("YB", "YAB")
    (True, False, False)
    """
    if written[-1:] not in _FRAME_VOWELS:
        return False  # a consonant and a long vowel only (a helper's review: يب / JAB)
    body = spelt.rstrip("!")
    return written == body or (len(body) == 3 and body[1] == "A" and written == body[::2])


@lru_cache(maxsize=200_000)
def _latin_frames(spellings: tuple[str, ...]) -> tuple[str, ...]:
    """The frames of a Latin part's spellings as written (:func:`roman_frame`)."""
    return tuple(dict.fromkeys(f for f in map(roman_frame, spellings) if f))


def _gaps(classed: str) -> tuple[str, tuple[frozenset[str], ...]]:
    """The consonants of a shape with its vowels' classes (``keys.shape(classes=True)``)
    and, for each gap around them, the classes of the vowels that stand there (empty: no
    vowel)."""
    consonants: list[str] = []
    gaps: list[set[str]] = [set()]
    for ch in classed:
        if ch.islower():
            gaps[-1].add(ch)
        elif not consonants or consonants[-1] != ch:
            # A letter repeated across a vowel is one letter of the skeleton (DURNAN: DRN).
            consonants.append(ch)
            gaps.append(set())
    return "".join(consonants), tuple(frozenset(g) for g in gaps)


def _long_vowels_agree(a: PartForms, b: PartForms, skel: str) -> bool:
    """Whether two parts with the same skeleton agree on where the vowels stand.

    Arabic and Hebrew script write long vowels (alif, waw, ya; vav, yod) and leave short ones out, so
    every vowel a consonant frame writes must stand in the same gap of a Latin spelling
    (``سليم`` SLYM against ``SELMA``: a vowel between ``L`` and ``M`` that ``SELMA`` lacks);
    two frames must agree exactly (``ناثان`` NATHAN against ``أنطونيو``). True when the two
    consonant sequences cannot be aligned (nothing to say).

    >>> from passage.core.names import NamePart
    >>> f = lambda t, c: prepare_part(NamePart(t, consonantal=c))
    >>> _long_vowels_agree(f("MAYKL", True), f("MICHAEL", False), "MKL")
    True
    >>> _long_vowels_agree(f("SLYM", True), f("SALIM", False), "SLM")
    True
    >>> _long_vowels_agree(f("SLYM", True), f("SELMA", False), "SLM")
    False

    A Latin spelling's sounded last vowel is written too (decision 213): ``مالك`` MALK
    is not ``MALACHIA``; ``فاطمة`` FATMH, whose ta marbuta writes it, is ``FATIMA``.

    >>> _long_vowels_agree(f("MALK", True), f("MALACHIA", False), "MLK")
    False
    >>> _long_vowels_agree(f("FATMH", True), f("FATIMA", False), "FTM")
    True

    And where the frame writes waw or ya, a vowel of its class stands there (decision
    218): waw is ``O U W``, ya ``E I Y``: ``محمود`` MHMWD is not ``MOHAMED``, ``حسون``
    HSWN not ``HASSAN``, ``حسين`` HSYN not ``HASSAN``.

    >>> _long_vowels_agree(f("MHMWD", True), f("MOHAMED", False), "MHMD")
    False
    >>> _long_vowels_agree(f("MHMWD", True), f("MAHMUD", False), "MHMD")
    True
    >>> _long_vowels_agree(f("HSWN", True), f("HASSAN", False), "HSN")
    False
    >>> _long_vowels_agree(f("HSYN", True), f("HASSAN", False), "HSN")
    False

    A final ya may be read ``A`` (alif maqsura written with dots, as Persian does):

    >>> _long_vowels_agree(f("MSTFY", True), f("MOSTAFA", False), "MSTF")
    True
    """
    written_part, spelt_part = (a, b) if a.consonantal else (b, a)
    final_owed = (
        a.consonantal != b.consonantal
        and sounded_final_vowel(spelt_part.text)
        and not _ends_in_ha(written_part.text)
    )
    # An alif that starts the frame carries the initial vowel, whatever it is (إنغريد
    # ANJRYD, INGRID; frame_fits).
    initial_alif = written_part.text[:1] == "A"
    checked = False
    for _, ska, sha in a.shapes:
        if ska != skel:
            continue
        ca, ga = _gaps(sha)
        for _, skb, shb in b.shapes:
            if skb != skel:
                continue
            cb, gb = _gaps(shb)
            if ca != cb or len(ga) != len(gb):
                continue
            checked = True
            if a.consonantal and b.consonantal:
                if [bool(g) for g in ga] == [bool(g) for g in gb]:
                    return True
                continue
            frame, spelt = (ga, gb) if a.consonantal else (gb, ga)
            if final_owed and spelt[-1] and not frame[-1]:
                continue
            last = len(frame) - 1
            if all(
                not f
                or (
                    s
                    and (
                        f & s
                        or not f & _CLASS_CHECKED
                        or (k == 0 and initial_alif)
                        # A final ya may be an alif maqsura, as Persian and Egyptian
                        # writing always have it (مصطفی MSTFY, MOSTAFA).
                        or (k == last and "a" in s)
                    )
                )
                for k, (f, s) in enumerate(zip(frame, spelt, strict=True))
            ):
                return True
    return not checked


@dataclass(slots=True)
class NameEvidence:
    """The alignment of two names and its score."""

    score: float
    pairs: list[tuple[str, str, float, str]] = field(default_factory=list)
    unmatched_query: list[str] = field(default_factory=list)
    unmatched_entry: list[str] = field(default_factory=list)
    # Name parts one side has and the other lacks (left over on one side only, beyond
    # those left over on both): a dropped name or another person (decision 197).
    extra: int = 0
    # The score read as a dropped middle name when a particle the two names share counts
    # as a part (``VON JOHNSON`` against ``VON PICCHI JOHNSON``): taken only when the
    # birth dates confirm the match (decision 208). :func:`compare_names` sets it to the
    # score itself when no particle is shared; the default 0.0 never replaces a score.
    with_particle: float = 0.0
    # The listed name parts the joined pairs cover (``SILVA`` of ``DASILVA~DA+SILVA``;
    # ``HONGRI`` of ``HONG+RI~HONGRI``), which the common-name adjustment counts as it
    # counts the parts of the other pairs.
    joined_listed: list[str] = field(default_factory=list)


def compare_names(
    q: tuple[PartForms, ...],
    e: tuple[PartForms, ...],
    *,
    conflicts: bool = True,
    leftovers: bool | None = None,
) -> NameEvidence:
    """Align two prepared names and score the alignment (see the module docstring).

    ``conflicts`` false when either name was transliterated from another script: a part
    left over on each side is then more often a transliteration gap than another name.
    ``leftovers`` (default: ``conflicts``) whether such a part costs as a conflict; true
    for two names in one script other than Latin, which are read as transliterations
    (their spellings vary) but have no gap between them (decision 212).
    """
    leftovers = conflicts if leftovers is None else leftovers
    if not q or not e:
        return NameEvidence(0.0, [], [p.text for p in q], [p.text for p in e])
    q, e = _particles_as_names(q, e), _particles_as_names(e, q)
    cands: list[tuple[float, float, int, int, str]] = []
    for i, a in enumerate(q):
        for j, b in enumerate(e):
            if (a.kind == "particle") != (b.kind == "particle"):
                continue
            s, how = part_similarity(a, b, across=not conflicts)
            if s >= MIN_PART_SIMILARITY:
                cands.append((s, min(a.weight, b.weight), i, j, how))
    # Two name parts that agree firmly pair before an initial takes one: the initial ``A``
    # of ``ABDULRHEEM HAMMAD A ALTALHI`` starts ``ABDUL RAHIM`` (0.9) but must not take it
    # from ``ABDULRHEEM``, which meets it at 0.86 (decision 244); a weak pair (``HALINA``,
    # ``HELENE``) still comes after the initial that starts one of them.
    cands.sort(key=lambda c: (c[1] == 1.0 and c[0] >= WEAK_PART, c[0], c[1]), reverse=True)
    q_match: dict[int, float] = {}
    e_match: dict[int, float] = {}
    pairs: list[tuple[str, str, float, str]] = []
    # Each pair's other part and its place in ``pairs``, seen from either side.
    q_partner: dict[int, tuple[int, int]] = {}
    e_partner: dict[int, tuple[int, int]] = {}
    shared = 0  # particles spelt alike on both sides
    for s, _w, i, j, how in cands:
        if i in q_match or j in e_match:
            continue
        q_match[i] = s
        e_match[j] = s
        q_partner[i], e_partner[j] = (j, len(pairs)), (i, len(pairs))
        pairs.append((q[i].text, e[j].text, round(s, 3), how))
        if q[i].kind == "particle" and q[i].text == e[j].text:
            shared += 1
    # Second halves of two parts written together elsewhere: covered, but not a part of
    # their own (FRIEDRICH+BUCHENBERG is one part against FRIDRICHBUCHENBERG).
    joined_listed: list[str] = []
    merged_e = _join_parts(
        q, e, q_match, e_match, pairs, query_joined=True, partner=q_partner, listed=joined_listed
    )
    merged_q = _join_parts(
        e, q, e_match, q_match, pairs, query_joined=False, partner=e_partner, listed=joined_listed
    )

    score = _alignment_score(
        q, e, q_match, e_match, merged_q, merged_e, conflicts=conflicts, leftovers=leftovers
    )
    with_particle = score
    if shared:
        with_particle = max(
            score,
            _alignment_score(
                q,
                e,
                q_match,
                e_match,
                merged_q,
                merged_e,
                conflicts=conflicts,
                leftovers=leftovers,
                particles=shared,
            ),
        )
    left_q = sum(1 for i, p in enumerate(q) if p.kind == "name" and i not in q_match)
    left_e = sum(1 for j, p in enumerate(e) if p.kind == "name" and j not in e_match)
    return NameEvidence(
        score,
        pairs,
        [q[i].text for i in range(len(q)) if i not in q_match],
        [e[j].text for j in range(len(e)) if j not in e_match],
        abs(left_q - left_e),
        with_particle,
        joined_listed,
    )


def _particles_as_names(
    one: tuple[PartForms, ...], other: tuple[PartForms, ...]
) -> tuple[PartForms, ...]:
    """``one`` with a particle read as a name where ``other`` reads the same word as a
    name, and the name Cheikh read as the title where ``other`` writes the title.

    Whether a word such as ``DOS``, ``VON`` or ``DEN`` is a particle depends on where it
    stands (before a name it is one, at the end of the name or alone as an MRZ surname it
    is the name itself), so the same person written in another order (``FLETCHER DOS``
    against ``DOS FLETCHER``, ``PEAK VON`` against ``VON PEAK``) has the word once as a
    name and once as a particle. Both then count it as a name (decision 198): a particle
    spelt exactly as the other side's name part, in Latin letters.

    The given name ``CHEIKH`` (:data:`SHEIKH_NAMES`) is the title Sheikh, which the other
    side may write in any spelling or script (:data:`SHEIKH_TITLES`): ``محمد ولد الشيخ``
    and ``Mohamed Ould Cheikh`` write the same word. Where the other side has the title
    and no such name, it is read as that title, a particle both sides share, which counts
    for as little as the title does (decision 259): ``Cheikh Ahmed`` is not two of the
    three parts of ``Sheikh Ahmed Yassin``.
    """
    for p in one:
        if p.kind == "particle" or (p.kind == "name" and p.text in SHEIKH_NAMES):
            break
    else:
        return one  # the usual case, on every pair scored: nothing to read otherwise
    names = {p.text for p in other if p.kind == "name" and not p.consonantal}
    particles = [p.kind == "particle" and p.text in names and not p.consonantal for p in one]
    cheikhs = [p.kind == "name" and p.text in SHEIKH_NAMES for p in one]
    title = None
    if any(cheikhs) and not names & SHEIKH_NAMES:
        title = next((p for p in other if p.kind == "particle" and p.text in SHEIKH_TITLES), None)
    if not any(particles) and title is None:
        return one
    return tuple(
        _latin_name(p.text) if particle else title if cheikh and title is not None else p
        for p, particle, cheikh in zip(one, particles, cheikhs, strict=True)
    )


@lru_cache(maxsize=4096)
def _latin_name(text: str) -> PartForms:
    """The comparison forms of the Latin name part ``text``: a particle read as a name
    (:func:`_particles_as_names`), or a name spelt with a particle on (:func:`_joined_similarity`)."""
    return prepare_part(NamePart(text))


def _firm(similarity: float, latin: bool) -> float:
    """A part's similarity as the name score counts it: between two Latin spellings, what
    falls short of :data:`WEAK_PART` counts twice (``PINTO``/``PINEDA``, ``EILEEN``/``ELAINE``
    are other names, not slips); a transliteration gap is not so punished."""
    if latin and similarity < WEAK_PART:
        return max(0.0, similarity - (WEAK_PART - similarity))
    return similarity


def _alignment_score(
    q: tuple[PartForms, ...],
    e: tuple[PartForms, ...],
    q_match: dict[int, float],
    e_match: dict[int, float],
    merged_q: frozenset[int] = frozenset(),
    merged_e: frozenset[int] = frozenset(),
    *,
    conflicts: bool = True,
    leftovers: bool = True,
    particles: int = 0,
) -> float:
    """The name score of an alignment, per the module docstring. Two parts written
    together on the other side count as one part here (``merged_*``: the second halves);
    ``particles`` shared particles count as parts each name covers (decision 208)."""
    names_q = sum(1 for i, p in enumerate(q) if p.kind == "name" and i not in merged_q)
    names_e = sum(1 for j, p in enumerate(e) if p.kind == "name" and j not in merged_e)
    if not names_q or not names_e:
        # Only initials or particles on one side: weighted coverage, capped.
        wq = sum(p.weight for p in q)
        cov = sum(q[i].weight * s for i, s in q_match.items()) / wq if wq else 0.0
        return min(cov, MONONYM_CAP) * SINGLE_PART_FACTOR
    mq = [
        _firm(s, conflicts and not q[i].consonantal)
        for i, s in q_match.items()
        if q[i].kind == "name" and i not in merged_q
    ]
    me = [
        _firm(s, conflicts and not e[j].consonantal)
        for j, s in e_match.items()
        if e[j].kind == "name" and j not in merged_e
    ]
    short, matched = (mq, names_q) if names_q <= names_e else (me, names_e)
    if not short:
        return 0.0
    k, big = matched, max(names_q, names_e)
    m = len(short)
    mean = sum(short) / m
    if not conflicts and m >= 3:
        # Across scripts a part agrees at 0.8-0.97 at best (its skeleton or shape), so a
        # mean can never say that three or four parts agree: each further part closes
        # part of the gap to 1 (decision 189).
        mean += ACCUMULATION * (m - 2) * (1.0 - mean)
    if m >= k:
        factor = 1.0 - UNMATCHED_PART_COST * (big - m)
    elif m == k - 1 and k >= 3:
        factor = ONE_MISSING_FACTOR - UNMATCHED_PART_COST * (big - m - 1)
    else:
        factor = SINGLE_PART_FACTOR * m / k if m >= 2 else SINGLE_PART_FACTOR
    # A part on each side that matches nothing is a name that disagrees (SAM ANOUK DEKKER,
    # SAM TOBIAS DEKKER), not one left out; so too between two names in one script other
    # than Latin (``leftovers``, decision 212).
    left_q = [p for i, p in enumerate(q) if p.kind == "name" and i not in q_match]
    left_e = [p for j, p in enumerate(e) if p.kind == "name" and j not in e_match]
    if leftovers and left_q and left_e:
        factor -= CONFLICTING_PART_COST * min(len(left_q), len(left_e))
    # Parts of each name the agreement covers (both halves of a joined pair count).
    covered = (len(mq) + len(merged_q) + particles, len(me) + len(merged_e) + particles)
    if min(covered) < 2:
        if left_q or left_e:
            # One part shared while the rest disagrees: a shared given name is not a
            # shared identity (nor is KAI+SHI against QUINNELL KAISHI).
            factor = min(factor, SINGLE_PART_FACTOR)
        elif max(covered) < 2:
            mean = min(mean, MONONYM_CAP)
    return mean * max(factor, 0.3)


def _join_parts(
    one: tuple[PartForms, ...],
    other: tuple[PartForms, ...],
    one_match: dict[int, float],
    other_match: dict[int, float],
    pairs: list[tuple[str, str, float, str]],
    *,
    query_joined: bool,
    partner: dict[int, tuple[int, int]],
    listed: list[str],
) -> frozenset[int]:
    """Match a long part of ``one`` with parts of ``other`` written together; returns the
    parts so joined that no longer count as parts of their own (in ``other``).

    The long part is either left over, and then meets two leftover name parts, or paired
    weakly (under :data:`WEAK_PART`) with one part, and then meets that part and a
    leftover one (``HONGRI`` paired with ``HONG`` at 0.67 meets ``HONG+RI``, ``MARYLU``
    meets ``MARY+LU``: decision 242). Either way it may also meet a Latin name part and
    the leftover particles that stand just before it, written on (``DASILVA`` meets
    ``DA+SILVA``, ``ABUBAKAR`` ``ABU+BAKAR``, ``DELAROSA`` ``DE+LA+ROSA``: decision 245):
    the particles spelt as written (any spelling of ``BIN``, ``ABU``…), then the name,
    which starts with the same letter (``BINYAMIN`` is not ``BIN+AMIN``), or, when the
    name is in a consonantal script, meets what is left as a part across scripts does
    (``BENDJEDID`` / ``بن جديد``: decision 257). Across scripts, a long part and two
    names written together meet by the frame only (257). The particles
    count as the name's, as they count in no name anyway. ``partner`` maps a paired part
    of ``one`` to its part of ``other`` and the pair's place in ``pairs``, which the joined
    pair takes; ``listed`` receives the listed name parts a join covers, for the
    common-name adjustment (the joined part itself when the entry writes it so)."""
    second: set[int] = set()
    free = [j for j in range(len(other)) if j not in other_match and other[j].kind == "name"]

    def particles_before(k: int) -> list[tuple[int, ...]]:
        """``k`` with the leftover particles just before it, one, two… of them."""
        runs: list[tuple[int, ...]] = []
        start = k
        while start > 0 and other[start - 1].kind == "particle" and start - 1 not in other_match:
            start -= 1
            runs.append(tuple(range(start, k + 1)))
        return runs

    for i, part in enumerate(one):
        if part.kind != "name" or len(part.text) < 6:
            continue
        had, mate = one_match.get(i), -1
        halves: list[tuple[int, ...]]
        if had is None:
            halves = [(j, k) for j in free for k in free if j != k]
            halves += [run for k in free for run in particles_before(k)]
        elif had < WEAK_PART and i in partner:
            mate = partner[i][0]
            halves = [(mate, k) for k in free]
            halves += [(k, mate) for k in free]
            halves += particles_before(mate)
        else:
            continue
        best: tuple[float, tuple[int, ...]] = (0.0, ())
        for run in halves:
            # Each part left over, but for the weak pair's own part.
            if any(h in other_match and (had is None or h != mate) for h in run):
                continue
            s = _joined_similarity(part, [other[h] for h in run])
            if s > best[0]:
                best = (s, run)
        s, run = best
        if s < 0.85 or (had is not None and s <= had):
            continue
        one_match[i] = s
        for h in run:
            other_match[h] = s
        names = [h for h in run if other[h].kind == "name"]
        if len(names) == 2:
            # The name part that was left over stops counting as a part of its own.
            second.add(names[1] if had is None or names[1] != mate else names[0])
        listed.extend([other[h].text for h in names] if query_joined else [part.text])
        joined = "+".join(other[h].text for h in run)
        pair = (part.text, joined) if query_joined else (joined, part.text)
        if had is None:
            pairs.append((*pair, round(s, 3), "joined"))
        else:
            pairs[partner[i][1]] = (*pair, round(s, 3), "joined")
    return frozenset(second)


def _joined_similarity(part: PartForms, run: list[PartForms]) -> float:
    """How well ``part`` spells the parts of ``run`` written together (see
    :func:`_join_parts`): two name parts, or particles and a name."""
    long = part.folded[0]
    if run[0].kind == "particle":
        if part.consonantal or any(p.consonantal for p in run[:-1]):
            return 0.0
        rest = long
        for particle in run[:-1]:
            spelt = next(
                (
                    w
                    for w in PARTICLE_SPELLINGS.get(particle.text, (particle.text,))
                    if rest.startswith(w)
                ),
                None,
            )
            if spelt is None:
                return 0.0
            rest = rest[len(spelt) :]
        if run[-1].consonantal:
            # A Latin spelling that writes the particle on (BENDJEDID, ABOUTRIKA) against
            # the name in a script that writes it apart (بن جديد, أبو تريكة; decision 257).
            if len(rest) < 3:
                return 0.0
            return part_similarity(_latin_name(rest), run[-1], across=True)[0]
        name = run[-1].folded[0]
        if not rest or rest[0] != name[0] or abs(len(rest) - len(name)) > 2:
            return 0.0
        return float(_spelling_core(rest, name))
    if any(p.consonantal != part.consonantal for p in run):
        # Two names written as one in one script and apart in the other: a Persian
        # compound given name (محمدرضا, Mohammad Reza; امیرعلی, Amir Ali) or a Latin one
        # (BENAZIR, بے نظیر), compared as names across scripts are (decision 257).
        if any(p.consonantal == part.consonantal for p in run):
            return 0.0
        if any(len(p.text) < 3 for p in run if not p.consonantal):
            return 0.0  # AMIRA + LI is not امیرعلی
        # By the frame only, which writes the long vowels where the words stand: a
        # skeleton of two names written together, read by every reading of each, is met
        # by chance (RWBRTS, ROBERT+ZAZ: 0.94, a helper's review; BRNARD, BRUNNER+DIDIER
        # read the French way: 0.97, the report half). Only the frames of the words
        # written together are made (:func:`_frames_together`), not every form.
        joined = "".join(p.text for p in run)
        own = (part.frames, part.strict_frames)
        if part.consonantal:
            if not _ends_may_agree(own, run[0], run[-1]):
                return 0.0
            return _frame_similarity(own, _frames_together(joined, False))
        best = _frame_similarity(_frames_together(joined, True), own)
        if best < FRAME_EQUAL[6] and len(run) == 2 and _elides(run[0].text, run[1].text):
            # The ya of Sidi before a name starting with a vowel, dropped where the two
            # are said and spelt together: سيدي أحمد, Sidahmed, Sid'Ahmed (decision 259).
            elided = run[0].text[:-1] + run[1].text
            best = max(best, _frame_similarity(_frames_together(elided, True), own))
        return best
    written = "".join(p.folded[0] for p in run)
    # No closer than the lengths allow: most pairs are not worth the typo model.
    if abs(len(long) - len(written)) > max(2, len(written) // 6):
        return 0.0
    # Past the mixed case above, the run is written as the part is.
    if part.consonantal:
        return _sim(long, written)
    # Two Latin spellings: the typo model's slips (MOZAFARI+NIYA); not cached, as each
    # joined spelling is met once.
    return float(_spelling_core(long, written))


def _elides(first: str, second: str) -> bool:
    """Whether ``first`` is Sidi (``SYDY``) and ``second`` starts with alif or ayn (both
    ``A`` in the frame: ``AHMD``, ``ALY``), as Hassaniya and Algerian spellings run them
    together (Sidahmed, Sidali). Only Sidi: a Persian compound in ``-ali`` (Lotfali,
    Fathali) is not ``لطفي علي`` or ``فتحي علي`` less a ya."""
    return first == "SYDY" and second[:1] == "A"


@lru_cache(maxsize=50_000)
def _frames_together(text: str, consonantal: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The frames and strict frames of name parts written as one word, as
    :func:`prepare_part` makes them, without the other forms."""
    part = NamePart(text, consonantal=consonantal)
    return _part_frames(part), _strict_frames(part)


# What a consonant frame and a spelling it writes agree on letter for letter, whatever
# the vowels: the consonants, less ha (a Latin AH may stand for a ta marbuta, which
# :func:`frame_fits` lets a frame leave out) and the marks of a final vowel and an ayn.
_NOT_HARD: Final = str.maketrans(
    dict.fromkeys("AYWH" + FINAL_VOWEL + AYN_START_FRAME + AYN_INSIDE_FRAME)
)


def _hard_letters(frame: str) -> str:
    """The letters of a frame that a frame fitting it (:func:`frame_fits`) holds too, in
    order: ``HASSAN`` HASAN and ``حسن`` HSN are both ``SN``.

    >>> _hard_letters("HASAN"), _hard_letters("E@BDALLA!"), _hard_letters("MWHAMAD")
    ('SN', 'BDLL', 'MMD')
    """
    return frame.translate(_NOT_HARD)


# Where a spelling has fewer hard letters than this, a neighbour written on may join its
# one letter into a digraph (T and S as TS, S and H as SH): its ends say nothing of the
# joined word's. (A three-letter digraph made across the join, ITC + HEN, is a reading
# across it, which decision 269 does not meet.)
_ENDS_MIN: Final = 2
_Ends = tuple[frozenset[str] | None, frozenset[str] | None]


@lru_cache(maxsize=200_000)
def _frame_ends(
    frames: tuple[str, ...], strict_frames: tuple[str, ...], readings: tuple[str, ...]
) -> tuple[_Ends, _Ends]:
    """The first and the last hard letters (:func:`_hard_letters`) of a Latin name part's
    ``frames`` and of its ``strict_frames``, and of the frames of its script ``readings``
    (whose rules may read the word joined to another as they do not read it alone:
    ``HOSSAM`` and ``CONCINI`` written together are read the German way, ``KHOSSAM``);
    ``None`` for an end any letter may stand at, where a frame has fewer than
    :data:`_ENDS_MIN` hard letters or there is none.

    >>> _frame_ends(("RYSA!",), ("RYZA!",), ("RIZA",))
    ((frozenset({'R'}), frozenset({'S'})), (frozenset({'R'}), frozenset({'Z'})))
    """
    out: list[_Ends] = []
    for kind in (
        [*frames, *(f for r in readings for f in _spelt_frames(r))],
        [*strict_frames, *(strict_frame(r) for r in readings)],
    ):
        hard = [_hard_letters(f) for f in kind]
        if not hard or any(len(h) < _ENDS_MIN for h in hard):
            out.append((None, None))
        else:
            out.append((frozenset(h[0] for h in hard), frozenset(h[-1] for h in hard)))
    return out[0], out[1]


def _ends_may_agree(
    own: tuple[tuple[str, ...], tuple[str, ...]], first: PartForms, last: PartForms
) -> bool:
    """Whether a consonant frame's frames and strict frames ``own`` may fit a frame of
    the Latin name parts ``first`` and ``last`` written together (:func:`_frame_similarity`):
    the first hard letter one of the first part's frames starts with, the last one the
    last part's ends with (decision 269). A frame fits a spelling only with its hard
    letters, so this refuses, cheaply, what the joined word's frames would not meet, and
    also what they would meet only through a rule reading across the join, a word no one
    wrote: ``DI`` before ``ABY`` read as jim (``DIAB`` + ``YOUSSEF`` as ``JABYOUSSEF``),
    ``MIKE``'s final ``E`` setting off ``WALCHER``'s sound spellings together (``WOKER``)."""
    starts = _frame_ends(first.frames, first.strict_frames, first.readings)
    ends = _frame_ends(last.frames, last.strict_frames, last.readings)
    for written, start, end in zip(own, starts, ends, strict=True):
        for fw in written:
            if len(fw) < 3:
                continue
            hard = _hard_letters(fw)
            if not hard:
                return True
            if (start[0] is None or hard[0] in start[0]) and (end[1] is None or hard[-1] in end[1]):
                return True
    return False


def _frame_similarity(
    written: tuple[tuple[str, ...], tuple[str, ...]], spelt: tuple[tuple[str, ...], tuple[str, ...]]
) -> float:
    """How a consonant frame's frames and strict frames meet a spelling's, as
    :func:`part_similarity` reads them (three letters or more, a long vowel agreeing)."""
    best = 0.0
    for written_frames, spelt_frames in zip(written, spelt, strict=True):
        for fw in written_frames:
            sk = FRAME_EQUAL[min(len(fw), 6)] if len(fw) >= 3 else 0.0
            if sk > best and any(frame_fits(fw, fs) >= 1 for fs in spelt_frames):
                best = sk
    return best


@lru_cache(maxsize=200_000)
def _written_in_latin(name: str) -> bool:
    """Whether a name was written in Latin letters (an MRZ name field included)."""
    return name.isascii() or detect_script(name) == "Latin"


@dataclass(frozen=True, slots=True)
class Subject:
    """A query or an entry ready for scoring."""

    names: tuple[tuple[str, tuple[PartForms, ...]], ...]
    birth_date: PartialDate | None
    nationality: str | None
    document_number: str


def make_subject(
    names: list[str] | tuple[str, ...],
    birth_date: PartialDate | None,
    nationality: str | None,
    document_number: str,
) -> Subject:
    """A :class:`Subject` from plain values (names in any script or MRZ form)."""
    prepared = tuple((n, prepare_name(normalise_name(n))) for n in names if n and n.strip())
    return Subject(prepared, birth_date, nationality, document_number)


_DATE_WORDS: Final = {
    "exact": "same birth date",
    "day_month_swapped": "birth date with day and month swapped",
    "year_match": "same birth year",
    "same_month": "birth date in the same month",
    "same_year": "birth date in the same year",
    "one_year_off": "birth date one year off",
    "one_year_apart": "birth year one off",
    "year_off_partial": "birth year one off (partial date)",
    "near": "birth dates two or three years apart",
    "far_apart": "birth dates far apart",
    "unknown": "no birth date to compare",
}


@dataclass(slots=True)
class Scored:
    """The score of one entry for one query, with its explanation."""

    score: float
    name: NameEvidence
    query_name: str
    entry_name: str
    birth: DateEvidence
    nationality: Evidence
    document: str
    query_birth: str | None
    entry_birth: str | None
    common_name: float = 0.0
    kind: str = "latin"
    raw_score: float = 0.0
    undated: bool = False
    # The chance namesakes the list holds (E of the common-name adjustment; None when
    # not counted) and what the missing birth date cost on the calibrated scale.
    chance: float | None = None
    undated_offset: float = 0.0
    # What the list's size took off every score (decision 206; 0 at the smallest
    # fitted size).
    list_offset: float = 0.0
    # Listed parts counted, for the chance namesakes, as the commonest spelling the
    # query part met as closely (decision 211): part → the count used.
    peer_counts: dict[str, int] = field(default_factory=dict)
    # What the kind's tail took off (decision 226: its script's innocents met the list
    # more often than its logistic said; 0 for a kind without one).
    tail: float = 0.0

    def explanation(self) -> dict[str, Any]:
        """A JSON-serialisable account of the score."""
        return {
            "summary": self.sentence(),
            "name": {
                "score": round(self.name.score, 3),
                "query": self.query_name,
                "entry": self.entry_name,
                "parts": [
                    {"query": a, "entry": b, "similarity": s, "how": how}
                    for a, b, s, how in self.name.pairs
                ],
                "unmatched_query": self.name.unmatched_query,
                "unmatched_entry": self.name.unmatched_entry,
            },
            "birth_date": {
                "evidence": self.birth.kind,
                "query": self.query_birth,
                "entry": self.entry_birth,
                "adjustment": self.birth.adjustment,
            },
            "nationality": {
                "evidence": self.nationality.kind,
                "adjustment": self.nationality.adjustment,
            },
            "document": {"evidence": self.document},
            "common_name": {"adjustment": self.common_name},
            "calibration": {
                "kind": self.kind,
                "undated": self.undated,
                "raw_score": round(self.raw_score, 4),
                "chance_namesakes": None if self.chance is None else float(f"{self.chance:.3g}"),
                "extra_parts": self.name.extra,
                "undated_offset": round(self.undated_offset, 4),
                "list_offset": round(self.list_offset, 4),
                "tail": round(self.tail, 4),
                "peer_counts": dict(self.peer_counts),
            },
        }

    def sentence(self) -> str:
        """A short human account, e.g. for the officer's screen."""
        n = self.name
        total = len(n.pairs) + len(n.unmatched_query)
        parts = ", ".join(
            a if how == "exact" else f"{a}≈{b} ({how})" for a, b, _s, how in n.pairs[:4]
        )
        # The noun and verb agree with the total, as the hit page's words do (alerts'
        # hit_summary): "1 of 1 part matches", "1 of 2 parts match".
        agree = "part matches" if total == 1 else "parts match"
        text = f"Name {round(n.score * 100)}%: {len(n.pairs)} of {total} {agree}"
        if parts:
            text += f" ({parts})"
        text += f"; {_DATE_WORDS.get(self.birth.kind, self.birth.kind)}"
        if self.nationality.kind != "unknown":
            text += f"; {self.nationality.kind} nationality"
        if self.document == "exact":
            text += "; identical document number"
        elif self.document == "ocr_variant":
            text += "; document number differs only by OCR-confusable characters"
        return text + "."


def birth_coincidence(
    kind: str,
    query: PartialDate | None,
    entry: PartialDate | None,
    year_share: Callable[[int], float] | None = None,
) -> float:
    """The share of namesakes whose birth date would agree this well by chance.

    A birth year shared with a partial date (``year_match``) is weaker evidence than a
    whole date but still evidence: it leaves the share of namesakes born in the
    traveller's year (``year_share``, the list's own: :meth:`.index.ScreeningIndex.year_share`;
    without it :data:`SAME_YEAR_SHARE`), a twelfth of that when the months agree too; a
    year either side (``year_off_partial``) leaves those born the year before or after.
    No date, or dates that disagree, leave the expectation as it is.

    >>> from passage.core.screening.evidence import parse_birth_date as d
    >>> birth_coincidence("year_match", d("1970"), d("1970-03-04"))
    0.025
    >>> birth_coincidence("year_match", d("1970"), d("1970"), lambda year: 0.04)
    0.04
    >>> birth_coincidence("unknown", None, d("1970"))
    1.0
    """
    if query is None or entry is None:
        return 1.0
    share = year_share or (lambda _year: SAME_YEAR_SHARE)
    month = 1 / 12 if query.month is not None and query.month == entry.month else 1.0
    if kind == "year_match":
        return share(query.year) * month
    if kind == "year_off_partial":
        return (share(query.year - 1) + share(query.year + 1)) * month
    return 1.0


# How a part matched when the two spellings differ (the query's may be another name).
NEAR_MATCHES: Final = frozenset(
    {"spelling", "phonetic", "skeleton", "shape", "reading", "frame", "romanised"}
)


def near_spellings(
    pairs: list[tuple[str, str, float, str]], coincidences: Callable[[list[str]], float]
) -> float:
    """How much more likely a chance agreement is when parts matched only nearly.

    A listed part met through another spelling is met by chance by everyone who bears
    that spelling too: ``DANIELA DA ROSA`` meets ``DANIELA ROCA`` because ``ROSA``, a name
    many people bear, is one letter from ``ROCA``. Each such pair multiplies the expected
    number of chance namesakes by ``(count(entry part) + count(query part)) /
    count(entry part)``, the counts read from the list (:meth:`.index.ScreeningIndex
    .coincidences` of the part alone). A slip of the hand (``SIMWN``) is borne by no one
    and changes almost nothing (decision 189).

    >>> counts = {"ROCA": 2.0, "ROSA": 50.0, "SIMON": 40.0, "SIMWN": 1.0}
    >>> near_spellings([("ROSA", "ROCA", 0.9, "spelling")], lambda p: counts[p[0]])
    26.0
    >>> near_spellings([("SIMWN", "SIMON", 0.87, "spelling")], lambda p: counts[p[0]])
    1.025
    """
    factor = 1.0
    for a, b, _s, how in pairs:
        if how in NEAR_MATCHES and a != b:
            own = coincidences([b])
            if own > 0:
                factor *= (own + coincidences([a])) / own
    return factor


def score_subjects(
    query: Subject,
    entry: Subject,
    coincidences: Callable[[list[str]], float] | None = None,
    calibration: Params | None = None,
    entries: int | None = None,
    named: tuple[NameEvidence, str, str] | None = None,
    year_share: Callable[[int], float] | None = None,
) -> Scored | None:
    """Score ``entry`` against ``query``: the best pair of names, then the other evidence.

        ``coincidences``, given the entry's matched name parts, returns how many listed
        entries would share them by chance (:meth:`.index.ScreeningIndex.coincidences`);
        without a confirming birth date, a name shared by many costs up to
        :data:`COMMON_NAME_MAX`. The sum is then put on the Latin scale by the calibration
        of its comparison kind, and of its own group when no birth date was there to compare
    (:mod:`.calibration`; ``calibration={}`` leaves it raw). ``entries``: the size of the
    list ``entry`` is on, which sets the undated offset and the list offset taken off
    every score (decision 206; ``None``: the ``undated`` entry's own offset and no list
    offset). ``named``: the names' evidence and the two names, found before (the entry
    scored again with other part counts: :meth:`.index.ScreeningIndex.screen`).
    """
    best: tuple[NameEvidence, str, str] | None = named
    # When both sides hold a name in Latin letters, a Latin name is compared with Latin
    # names only: a transliteration is the weaker comparison, and taken as a second chance
    # beside the Latin one it let innocents through on the list's original-script
    # aliases (decision 189). Two names in one other script still meet.
    both_latin = any(_written_in_latin(n) for n, _ in query.names) and any(
        _written_in_latin(n) for n, _ in entry.names
    )
    best_on_scale = -1.0
    for qn, qp in query.names if named is None else ():
        q_latin = _written_in_latin(qn)
        for en, ep in entry.names:
            e_latin = _written_in_latin(en)
            if both_latin and q_latin != e_latin:
                continue
            # Two names in one script meet without a transliteration gap: a part left
            # over on each side is another name, as between two Latin names (decision
            # 212); across scripts it is as often a gap.
            one_script = same_script(name_script(qn), name_script(en))
            ev = compare_names(
                qp, ep, conflicts=q_latin and e_latin, leftovers=(q_latin and e_latin) or one_script
            )
            # The pairs of names are compared on the Latin scale, where their kinds'
            # scores mean the same (decision 212): a listed alias in the traveller's own
            # script must not lower a match its Latin name makes.
            on_scale = (
                ev.score
                if len(query.names) * len(entry.names) == 1
                else calibrate(comparison_kind(qn, en), ev.score, calibration)
            )
            if best is None or on_scale > best_on_scale:
                best, best_on_scale = (ev, qn, en), on_scale
    if best is None:
        if not query.names:
            return None
        best = (NameEvidence(0.0), query.names[0][0], entry.names[0][0] if entry.names else "")
    name, qn, en = best
    birth = compare_birth_dates(query.birth_date, entry.birth_date)
    if birth.kind in _PARTICLE_BIRTH and name.with_particle > name.score:
        # A shared particle and one name, the other name's middle left out (VON JOHNSON,
        # VON PICCHI JOHNSON): a dropped middle name once the birth date confirms it.
        name = replace(name, score=name.with_particle)
    nat = compare_nationalities(query.nationality, entry.nationality)
    doc = compare_documents(query.document_number, entry.document_number)
    common = 0.0
    expected: float | None = None
    if coincidences is not None and birth.kind not in _CONFIRMING_BIRTH and name.pairs:
        expected = coincidences(
            [b for _a, b, _s, how in name.pairs if how != "joined"] + name.joined_listed
        )
        expected *= near_spellings(name.pairs, coincidences)
        expected *= birth_coincidence(birth.kind, query.birth_date, entry.birth_date, year_share)
        common = -min(COMMON_NAME_MAX, COMMON_NAME_COST * math.log2(1.0 + 10.0 * expected))
    score = (
        name.score
        + (birth.adjustment if birth.kind != "unknown" else NO_BIRTH_DATE)
        + nat.adjustment
        + common
    )
    kind = comparison_kind(qn, en)
    raw = score
    # The fitted offset prices a traveller with no birth date, who meets every namesake on
    # the list with nothing to part them (decision 188). A traveller with a date meeting a
    # listed name that has none is unknown evidence too, but the threshold that holds
    # innocents *with* a date is fitted with those comparisons in it, unoffset: taking
    # the offset off them as well counted them twice (decision 204).
    undated = birth.kind == "unknown" and query.birth_date is None
    on_scale = calibrate(kind, score, calibration, entries=entries)
    list_offset = calibrate(kind, score, calibration) - on_scale
    score = calibrate(
        kind,
        score,
        calibration,
        undated=undated,
        chance=expected,
        extra=name.extra,
        entries=entries,
    )
    offset = on_scale - score
    if doc == "exact":
        score = max(score, 1.0 if name.score >= 0.5 else DOCUMENT_EXACT_FLOOR)
    elif doc == "ocr_variant":
        score = max(
            score, DOCUMENT_OCR_FLOOR + (DOCUMENT_EXACT_FLOOR - DOCUMENT_OCR_FLOOR) * name.score
        )
    score = min(1.0, max(0.0, score))
    return Scored(
        score,
        name,
        qn,
        en,
        birth,
        nat,
        doc,
        str(query.birth_date) if query.birth_date else None,
        str(entry.birth_date) if entry.birth_date else None,
        round(common, 3),
        kind,
        raw,
        undated,
        expected,
        offset,
        list_offset,
        tail=kind_tail(kind, calibration),
    )
