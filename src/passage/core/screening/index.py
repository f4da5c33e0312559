"""The screening index: built once per list version, saved to one file, shared by mmap.

**Retrieval.** Every identifying name part of every listed name is filed under keys
(:func:`part_keys`): its folded spelling (``D:``) and each spelling with one letter
deleted (``E:``), its consonant skeleton (``S:``, so Arabic-script queries meet Latin
names) and the skeleton's deletions (``R:``), and its phonetic key (``P:``). A query looks
its spellings and skeletons, and their deletions, up both as written and as deletions, so
parts one deletion, insertion or change apart meet; the deletions are filed apart so that
the entries bearing a part as written are a group of their own (decision 0224). A
consonant frame whose skeleton is one letter is filed as written (``C:``), and a part
whose skeleton has at most two letters also by its shape (``V:``, the skeleton
with each run of vowels as one ``V``: ``LAILA`` and Arabic ``LYLA`` are ``LVLV``); one
whose skeleton is one letter also by its vowel frame (``A:``, long vowels as the letters
Arabic and Hebrew script write: ``LEO`` and ``ليو`` are ``LYW``). A Latin spelling is also
filed under each of its readings by the rules of its language (``D:`` and its skeleton,
``S:``: ``JUAN`` as Russian ``KHUAN``; decision 0200).
Each key's posting list holds entry numbers (an entry's aliases share them). Document
numbers are filed under ``N:`` (exact) and ``O:`` (OCR key).

A query's parts produce the same keys, plus two adjacent parts written together and a
name written on to the particles before it (``D:`` and ``E:``, counted apart from the
real parts; a consonant frame's skeleton so written is among its own keys, decision
0263), the two names of a Persian compound given name written as one word (``محمدرضا``
as ``MHMD`` and ``RDA``, counted apart too; decision 0266), and long parts split in two
and shorter ones that start with a particle's spelling split after it (among the part's
own keys; decision 0245). A part's
*primary* keys are of the family of its own spelling (``D:`` and ``E:`` for Latin parts,
``S:`` and ``R:`` for parts from a consonantal script), its *sound* keys the others. Keys
whose postings exceed :data:`KEY_CAP` are skipped (the part's own spelling up to
:data:`MAX_POSTING`), a key and its deletion twin (``D:JON`` and ``E:JON``, which holds
every JOHN) counted together, so every list read is bounded whatever the list size. An
entry a part reaches is worth the
*information* of the narrowest of the part's nested groups of keys that reaches it,
``log(1 + entries / entries the group reaches)``: every usable key of the part, its
primary keys, its own spelling (skeleton, for a consonantal part), and its other keys
where they are narrower still (a consonant frame's shape or vowel frame within its
skeleton). So an entry holding the part as written ranks above entries holding
spellings one edit away, and those above entries met only through a sound or another
script's reading; and a query whose every part meets an entry through another script
ranks it above entries holding one of its parts as written (decision 0202). The weights
are summed in a per-thread dense accumulator (an entry is met when its slot is still
zero). The pre-score of an entry is its accumulated weight over the query's total (the
best name's parts, each as written), plus 0.15 when its birth year is within one of the
query's (0.1 more when day and month agree too), minus 0.2 when it is four or more years
away. The :data:`CANDIDATES` best (:data:`CANDIDATES_NO_BIRTH_DATE` without a birth
date, and then the entries tied with the last of them up to :data:`CANDIDATES_TIED` in
all: decision 0203, namesakes the name cannot rank are scored, not cut by entry number),
plus any entry reached by document number, are scored in full (:mod:`.scoring`); a tie
beyond that goes first to the entries with a name of the query's number of parts (or
nearest to it), then to the lower entry numbers (decision 0238).

A name bearing one part twice (``SMITH SMITH``, ``علي علي``, ``JON JOHN``: two parts
sharing a :func:`twin_keys` key) is also filed under ``2:`` and that key; a query whose
name bears a part twice looks it up as one more part, worth the lesser of the two parts'
weights, so the entries bearing it twice rank above those bearing it once (decision
0237).

A part's groups each add their weight once to an entry they reach: the broadest its
information, each narrower one what it tells beyond the broader. A part's keys and groups, and a group's
entries merged once (its keys' postings overlap: a part's deletions mostly hold the same
entries), are kept per process, so the parts a list shares are worked out once
(decision 0195). Groups are read cheapest first; before a
group of more than :data:`PRUNE_FROM` postings, θ is the limit-th best lower bound among
the entries met, and the most read-heavy groups left whose weights (with the largest
birth-date bonus) cannot lift an entry not met yet to θ are only searched for the
entries that can still reach it (MaxScore). The pre-scores near the top are summed again
in the groups' own order: the candidates are those :attr:`ScreeningIndex.exhaustive`
(every posting read) gives (decision 0173).

For the common-name adjustment of :mod:`.scoring`, ``token_hash``/``token_count`` hold,
for every identifying part (``T:`` + folded spelling), how many entries hold it;
:meth:`ScreeningIndex.coincidences` turns matched parts into the expected number of
entries sharing them by chance.

**File.** :func:`ScreeningIndex.save` writes the container of :mod:`.store` with kind
``screening-index``, ``format_version`` :data:`FORMAT_VERSION` and these arrays:

====================  ==========  =====================================================
array                 dtype       content
====================  ==========  =====================================================
``key_hash``          uint64      sorted FNV-1a hashes of the keys above
``key_start``         int64       ``len(key_hash) + 1`` offsets into ``postings``
``postings``          int32       entry numbers, ascending within a key
``name_entry``        int32       entry number of each name
``name_part_start``   int64       offsets into ``name_parts``
``name_parts``        int32       part numbers of each name, in written order
``form_blob/_start``  uint8/int64 each distinct part's comparison forms (``PartForms``)
``name_blob/_start``  uint8/int64 each name as listed (for explanations)
``entry_name_start``  int64       offsets into names (an entry's names are contiguous)
``id_blob/_start``    uint8/int64 entry ids
``birth``             int16 (n,3) year, month, day of birth; 0 where unknown
``nationality``       S3          alpha-3 nationality, empty where unknown
``doc_blob/_start``   uint8/int64 normalised document numbers
``token_hash``        uint64      sorted FNV-1a hashes of ``T:`` + identifying part
``token_count``       int32       entries holding that part
====================  ==========  =====================================================

``meta`` holds ``list_version`` (given by the caller or a SHA-256 of the entries),
``entries``, ``names``, ``keys``, ``postings``, ``normaliser_version`` and ``built_at``.
A file with another ``format_version`` or ``normaliser_version`` is refused, so it is
rebuilt rather than read with keys computed by other rules. Each distinct part's
comparison forms (:func:`.scoring.prepare_part`) are stored whole: working them out for
the parts a query's candidates hold, each the first time it was met, was about a sixth
of a Latin traveller's screening at 1,000,000 entries (decision 260). They too are filed
under ``normaliser_version``: a change to what ``prepare_part`` gives is a new
normaliser version, which ``tests/core/test_screening_stored_forms.py`` holds to.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import math
import os
import threading
import time
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import Levenshtein

from passage.core.names import (
    NamePart,
    deletions,
    hamza_spellings,
    mrz_fold,
    normalise_name,
    phonetic_key,
    reading_form,
    russian_arabic_spellings,
    script_readings,
    shape,
    skeleton,
    sound_spellings,
    ta_zay,
    vowel_frame,
    waw_spellings,
    west_arabic_spellings,
    written_readings,
)
from passage.core.names.normalise import DAUGHTER_OF, EUROPEAN_PARTICLES, FATHER_OF, SON_OF
from passage.core.screening.calibration import FITTED_THRESHOLD, Params
from passage.core.screening.evidence import (
    PartialDate,
    normalise_country,
    normalise_document_number,
    ocr_key,
    parse_birth_date,
)
from passage.core.screening.scoring import (
    NEAR_MATCHES,
    SAME_YEAR_SHARE,
    WEIGHTS,
    YEAR_SHARE_FLOOR,
    YEAR_SHARE_PRIOR,
    PartForms,
    Scored,
    Subject,
    make_subject,
    prepare_part,
    score_subjects,
)
from passage.core.screening.store import (
    StoreError,
    fnv1a64,
    pack_strings,
    read_store,
    unpack_string,
    write_store,
)

FORMAT_VERSION: Final = 4
NORMALISER_VERSION: Final = "names-29"
KIND: Final = "screening-index"
MAX_POSTING: Final = 100_000
KEY_CAP: Final = 20_000
CANDIDATES: Final = 16
# A spelling's and a skeleton's one-letter deletions are filed apart from the spellings
# and skeletons as written (``E:``, ``R:``), so the narrowest group of a part holds the
# entries that bear it as written (decision 224); FAMILY maps a prefix to its family.
DELETED: Final = {"D:": "E:", "S:": "R:"}
FAMILY: Final = {"D:": "D:", "E:": "D:", "S:": "S:", "R:": "S:"}
# Without a birth date nothing but the name ranks the candidates, and a common given name
# ties thousands of entries: twice as many are scored in full (docs/screening.md).
CANDIDATES_NO_BIRTH_DATE: Final = 32
# Without a birth date, entries whose pre-score is within TIE_SLACK of the last
# candidate's are as good as it: taken too, up to CANDIDATES_TIED in all (decision 0203).
CANDIDATES_TIED: Final = 128
TIE_SLACK: Final = 0.0
FULL_DATE_BONUS: Final = 0.1
# Pre-score for a birth year within one of the query's, and four or more years away.
BIRTH_NEAR: Final = 0.15
BIRTH_FAR: Final = -0.2
# Groups of keys with at most this many postings are always read through; the others
# may be searched for the entries that can still make the candidates instead (MaxScore).
PRUNE_FROM: Final = 2_000
# Room left for float32 sums when pre-scores are compared with a bound.
MARGIN: Final = 1e-4
# Parts whose skeleton has at most this many letters are also filed by shape (V:).
SHORT_SKELETON: Final = 2
COMMON_NAME_POPULATION: Final = 100_000
# The operating threshold, fitted by bench/screening_fit.py on the fit half of the data
# (docs/screening.md); it means the same probability of a true match for every kind.
DEFAULT_THRESHOLD: Final = FITTED_THRESHOLD

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
# A group of keys (their ranges in ``postings``) and the weight it adds to an entry.
Group = tuple[tuple[tuple[int, int], ...], float]
# Parts and key lists whose retrieval plan is kept per process (cleared when full).
PLAN_CACHE: Final = 50_000
# Entry numbers of merged groups kept per process (4 bytes each).
GROUP_CACHE: Final = 8_000_000
# Listed parts' comparison forms kept per process, read back from the index (about 1.5 kB
# each; a 10^6-entry list of the benchmark holds 124,329 distinct parts): cleared whole
# when full, as the subjects are.
PART_CACHE: Final = 200_000


@dataclass(frozen=True, slots=True)
class AlertEntry:
    """One listed person: names in any script, partial birth date, nationality, document."""

    id: str
    names: tuple[str, ...]
    birth_date: PartialDate | None = None
    nationality: str | None = None
    document_number: str | None = None


@dataclass(frozen=True, slots=True)
class Query:
    """One traveller to screen; same fields as an entry."""

    id: str
    names: tuple[str, ...]
    birth_date: PartialDate | None = None
    nationality: str | None = None
    document_number: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """An entry at or above the threshold for a query."""

    entry_id: str
    score: float
    explanation: dict[str, Any] = field(compare=False)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form of DESIGN.md §5."""
        return {
            "entry_id": self.entry_id,
            "score": round(self.score, 4),
            "explanation": self.explanation,
        }


# Separators of a part's stored comparison forms: between fields, between a tuple's
# items, within a shape's triple; and the empty tuple (a tuple may hold an empty string).
_FIELD: Final = "\x1f"
_ITEM: Final = "\x1e"
_TRIPLE: Final = "\x1d"
_NONE: Final = "\x15"
_SEPARATORS: Final = frozenset(_FIELD + _ITEM + _TRIPLE + _NONE)


def _items(values: Iterable[str]) -> str:
    values = tuple(values)
    return _ITEM.join(values) if values else _NONE


def _unitems(text: str) -> tuple[str, ...]:
    return () if text == _NONE else tuple(text.split(_ITEM))


def serialise_forms(forms: PartForms) -> str:
    """A part's comparison forms as the index stores them (:func:`parse_forms` reads them
    back equal). Raises ``ValueError`` for a form holding a separator or a kind of part
    scoring does not weigh, when the index is built rather than when it is read."""
    strings = (
        forms.text,
        forms.kind,
        forms.skel,
        forms.phon,
        *forms.folded,
        *forms.skels,
        *(s for triple in forms.shapes for s in triple),
        *forms.readings,
        *forms.frames,
        *forms.strict_frames,
    )
    if any(not _SEPARATORS.isdisjoint(s) for s in strings):
        raise ValueError(f"name part {forms.text!r}: a form holds a separator")
    if forms.kind not in WEIGHTS:
        raise ValueError(f"name part {forms.text!r}: unknown kind {forms.kind!r}")
    return _FIELD.join(
        (
            forms.text,
            forms.kind,
            _items(forms.folded),
            forms.skel,
            _items(forms.skels),
            _items(_TRIPLE.join(s) for s in forms.shapes),
            forms.phon,
            "c" if forms.consonantal else "",
            _items(forms.readings),
            _items(forms.frames),
            _items(forms.strict_frames),
        )
    )


def parse_forms(text: str) -> PartForms:
    """The comparison forms :func:`serialise_forms` stored."""
    body, kind, folded, skel, skels, shapes, phon, flags, readings, frames, strict = text.split(
        _FIELD
    )
    triples = tuple(s.split(_TRIPLE) for s in _unitems(shapes))
    return PartForms(
        text=body,
        kind=kind,
        folded=_unitems(folded),
        skel=skel,
        skels=_unitems(skels),
        shapes=tuple((a, b, c) for a, b, c in triples),
        phon=phon,
        consonantal=flags == "c",
        weight=WEIGHTS[kind],
        readings=_unitems(readings),
        frames=_unitems(frames),
        strict_frames=_unitems(strict),
    )


def _written_frames(spelt: str, frame: str) -> set[str]:
    """The frames a script that leaves short vowels out may write a Latin spelling whose
    skeleton is one letter in: a vowel that starts it written on an alif or an ayn, as
    itself or in place (ISSA عيسى AYSA, ODAY عدي ADY), and any one vowel inside it
    left out (AWAD عوض AWD, YAHYA يحيى YHYA; decision 218).

    >>> sorted(_written_frames("AWAD", "AWAD")), sorted(_written_frames("ODAY", "WDAY"))
    (['AAD', 'AWD'], ['ADAY', 'ADY', 'AWDAY', 'AWDY', 'WDY'])
    """
    bases = {frame}
    if spelt[:1] in ("E", "I", "O", "U"):
        bases |= {"A" + frame, "A" + frame[1:]}
    out = bases - {frame}
    for base in bases:
        if len(base) > 3:
            out.update(
                base[:i] + base[i + 1 :] for i in range(1, len(base) - 1) if base[i] in "AYW"
            )
    return out


def part_keys(part: NamePart) -> set[str]:
    """The retrieval keys of one part (see the module docstring); none for particles/initials.

    >>> sorted(part_keys(NamePart("OMAR")))
    ['D:OMAR', 'E:MAR', 'E:OAR', 'E:OMA', 'E:OMR', 'P:AMR', 'S:MR', 'V:VMVR']
    """
    if part.kind != "name":
        return set()
    keys: set[str] = set()
    apart = ta_zay(part)
    # A consonant frame's Persian readings are filed too (decision 216): scoring then
    # holds them to a spelling letter for letter.
    for form in (*part.forms(), *(reading_form(r) for r in part.readings)):
        folded = mrz_fold(form)
        if not part.consonantal:
            keys.add("D:" + folded)
            if len(folded) >= 4:
                # Folded again: ISAFAC less its F is ISAAC, which lists hold as ISAC.
                keys.update(DELETED["D:"] + mrz_fold(d) for d in deletions(folded))
        # A Latin spelling is also filed as other scripts write its sounds (CHRIS as
        # KRIS, JOHN as JON: Arabic كريس, جون), for skeletons and shapes only.
        sounds = (form,) if part.consonantal else (form, *sound_spellings(form))
        for spelt in sounds:
            sk = skeleton(spelt)
            if len(sk) >= 2:
                keys.add("S:" + sk)
                if len(sk) >= 4:
                    keys.update(DELETED["S:"] + d for d in deletions(sk))
            elif part.consonantal:
                # A consonant frame whose skeleton is a single letter (Hebrew אליה, ALYA):
                # filed as written, so the same word in the same script still meets.
                keys.add("C:" + folded)
            if "TZ" in spelt and apart:
                # An Arabic transliteration's TZ as ta and zay too (معتز MTZ meets MOTAZ's
                # MTS; decision 235), where a Hebrew one is tsadi.
                sk_apart = skeleton(spelt, tz_apart=True)
                keys.add("S:" + sk_apart)
                if len(sk_apart) >= 4:
                    keys.update(DELETED["S:"] + d for d in deletions(sk_apart))
            if len(sk) <= SHORT_SKELETON and len(sh := shape(spelt)) >= 3:
                # A short skeleton says little (LAILA, LYLA: L); where the vowels stand does.
                keys.add("V:" + sh)
            if len(sk) <= 1 and len(frame := vowel_frame(spelt)) >= 2:
                # Nor does one letter (LEO, LEE: L); the long vowels Arabic and Hebrew
                # script write do (ليو LYW, لي LY: decision 0200).
                keys.add("A:" + frame)
                if not part.consonantal:
                    keys.update("A:" + f for f in _written_frames(spelt, frame))
        if not part.consonantal:
            # An AE as the hamza on a ya seat it spells (WAEL as WAIL, وائل WAYL; decision
            # 227): its frame, where the skeleton is one letter (the skeleton and shape of
            # AI are those of AE already).
            for spelt in hamza_spellings(form):
                if len(skeleton(spelt)) <= 1 and len(frame := vowel_frame(spelt)) >= 2:
                    keys.add("A:" + frame)
                    keys.update("A:" + f for f in _written_frames(spelt, frame))
            # Persian, Urdu and Pashto write V with waw (decision 215): filed by that
            # skeleton too, so a name all of whose parts are so written (وحید, Vahid;
            # نوید, Navid) reaches its entry.
            # And an Arabic name as Russian writes it (AKHMED as AHMED, MAGOMED as MAHOMED;
            # decision 248), in a name spelt through Russian, so KHASAN reaches حسن.
            # And as West Africa and the Turkic languages write it (MAMADOU as MAHMADOU,
            # محمد; DIALLO as JALLO, جالو; decision 253), with the sound spellings and
            # readings scoring gives those readings (KHAMZAT as HAMZA, حمزة).
            russian = russian_arabic_spellings(form) if part.russian else ()
            regional = (*west_arabic_spellings(form), *russian)
            regional_forms = (
                s for r in regional for s in (r, *sound_spellings(r), *written_readings(r))
            )
            for spelt in (*waw_spellings(form), *regional_forms):
                if len(sk := skeleton(spelt)) >= 2:
                    keys.add("S:" + sk)
                elif len(frame := vowel_frame(spelt)) >= 2:
                    keys.add("A:" + frame)
            # A Latin spelling as Russian and Arabic writers render it by the rules of
            # its language (JUAN as KHUAN, JOHN as DZHON, WERNER as VERNER): filed as a
            # spelling and by its skeleton (decisions 0192, 0200).
            for spelt in sounds:
                skeletal = script_readings(spelt, by_skeleton=True)
                for reading in script_readings(spelt):
                    keys.add("D:" + reading)
                    if reading in skeletal and len(sk := skeleton(reading)) >= 2:
                        keys.add("S:" + sk)
    ph = phonetic_key(part.text)
    if len(ph) >= 3 and not part.consonantal:
        keys.add("P:" + ph)
    return keys


def twin_keys(part: NamePart) -> set[str]:
    """What two parts of one name must share to be one name borne twice (decision 237):
    the skeleton of each way it is spelt (a Latin spelling's sounds too, a consonant
    frame's readings), else its vowel frame, else its folded spelling. ``ALI`` and
    ``علي`` (``ALY``) share ``A:ALY``; ``JON`` and ``JOHN`` share ``S:JN``.

    >>> sorted(twin_keys(NamePart("ALI"))), sorted(twin_keys(NamePart("MHMD", consonantal=True)))
    (['A:ALY'], ['S:MHMD'])
    """
    if part.kind != "name":
        return set()
    if part.consonantal:
        spellings = (part.text, *(reading_form(r) for r in part.readings))
    else:
        spellings = (part.text, *sound_spellings(part.text))
    out: set[str] = set()
    for spelt in spellings:
        sk = skeleton(spelt)
        if len(sk) >= 2:
            out.add("S:" + sk)
        elif len(frame := vowel_frame(spelt)) >= 2:
            out.add("A:" + frame)
        else:
            out.add("C:" + mrz_fold(spelt))
    return out


def twins(parts: tuple[NamePart, ...]) -> list[tuple[int, int, tuple[str, ...]]]:
    """The pairs of a name's parts that are one name borne twice (``SMITH SMITH``, ``علي
    علي``, ``JON JOHN``), each with the twin keys they share, filed and looked up as
    ``2:`` + key (decision 237).

    >>> [(i, j, keys) for i, j, keys in twins(normalise_name("Ali Hassan Ali").parts)]
    [(0, 2, ('2:A:ALY',))]
    """
    keyed = [(i, p, twin_keys(p)) for i, p in enumerate(parts)]
    return [
        (i, j, tuple(sorted("2:" + k for k in a & b)))
        for (i, p, a), (j, q, b) in itertools.combinations(keyed, 2)
        if a & b and _one_name(p, q)
    ]


def _one_name(a: NamePart, b: NamePart) -> bool:
    """Whether two parts of one name are the same name: the same letters (a consonant
    frame's as written), or two Latin spellings one letter apart (``JON JOHN``,
    ``MOHAMED MOHAMMED``); not two names sharing a skeleton (``HASSAN HUSSEIN``, ``PIERRE
    WEBER``, ``حسن حسين``: a helper's review of decision 237).

    >>> _one_name(NamePart("JON"), NamePart("JOHN")), _one_name(NamePart("HASSAN"), NamePart("HUSSEIN"))
    (True, False)
    """
    if mrz_fold(a.text) == mrz_fold(b.text):
        return True
    if a.consonantal or b.consonantal or min(len(a.text), len(b.text)) < 3:
        return False
    return Levenshtein.distance(mrz_fold(a.text), mrz_fold(b.text), score_cutoff=1) <= 1


def _own_key(part: NamePart) -> str:
    """The key of a part's own spelling: its skeleton for a consonant frame (as written
    when the skeleton is one letter), else its folded spelling."""
    if not part.consonantal:
        return "D:" + mrz_fold(part.text)
    sk = skeleton(part.text)
    return "S:" + sk if len(sk) >= 2 else "C:" + mrz_fold(part.text)


# Particles as a glued word starts with them (VANDAM, BENLADEN, ABUBAKAR), for the name
# written on after them (decision 245); not those of one or two letters, which start
# too many names (DIANA, DANIEL, LAURA, STEFAN).
GLUED_PARTICLES: Final = tuple(
    sorted(
        (p for p in EUROPEAN_PARTICLES | SON_OF | DAUGHTER_OF | FATHER_OF if len(p) >= 3),
        key=len,
        reverse=True,
    )
)


def query_keys(parts: tuple[NamePart, ...]) -> list[tuple[str, list[str], bool, int]]:
    """Keys of each identifying query part, its own keys first (how many: the last
    field); then joined forms.

    A part's own keys are its exact key and, for a consonant frame, those of its
    readings (decision 218: ``قاسم`` is as much GHASEM, ``S:JSM``, as QASIM, ``S:KSM``)
    and its skeleton written on to the particles before it (decision 263: ``أبو تريكة``,
    ABOUTRIKA).
    A Latin part of eight letters or more is also looked up cut in two, anywhere, and a
    shorter one that starts with a particle's spelling of three letters or more as the
    name after it (``VANDAM`` as ``DAM``: decision 245); those keys are the part's own
    broadest ones. The flag is false for the extra forms (two adjacent name parts written
    together, or a name and the particles before it, ``VAN DAM`` as ``VANDAM``), which may
    reach an entry but are not parts of the query in their own right, and for the two
    names a Persian compound writes as one word (:func:`compound_halves`).
    """
    out: list[tuple[str, list[str], bool, int]] = []
    names = [p for p in parts if p.kind == "name"]
    for k, p in enumerate(parts):
        if p.kind != "name":
            continue
        own = list(
            dict.fromkeys(
                [
                    _own_key(p),
                    *(_own_key(NamePart(reading_form(r), consonantal=True)) for r in p.readings),
                    *(_framed_particles(parts, k) if p.consonantal else ()),
                ]
            )
        )
        keys = part_keys(p)
        if len(p.text) >= 8 and not p.consonantal:
            for cut in range(3, len(p.text) - 2):
                keys.add("D:" + mrz_fold(p.text[:cut]))
                keys.add("D:" + mrz_fold(p.text[cut:]))
        elif not p.consonantal:
            keys.update(
                "D:" + mrz_fold(p.text[len(particle) :])
                for particle in GLUED_PARTICLES
                if p.text.startswith(particle) and len(p.text) - len(particle) >= 3
            )
        keys = _both_ways(keys)
        keys.difference_update(own)
        out.append((p.text, [*own, *sorted(keys)], True, len(own)))
    glued = [
        a.text + b.text
        for a, b in itertools.pairwise(names)
        if not a.consonantal and not b.consonantal
    ]
    for k, p in enumerate(parts):
        # A name and the particles just before it (DE LA ROSA: LAROSA, DELAROSA).
        start = k
        while (
            p.kind == "name"
            and not p.consonantal
            and start > 0
            and parts[start - 1].kind == "particle"
            and not parts[start - 1].consonantal
        ):
            start -= 1
            glued.append("".join(q.text for q in parts[start:k]) + p.text)
    for text in dict.fromkeys(glued):
        joined = "D:" + mrz_fold(text)
        out.append((text, [joined, *sorted(_both_ways({joined}) - {joined})], False, 1))
    texts = {q.text for q in names}
    for p in names:
        for half in compound_halves(p):
            if half not in texts:
                piece = NamePart(half, consonantal=True)
                half_key = _own_key(piece)
                keys = _both_ways(part_keys(piece)) - {half_key}
                out.append((half + "<" + p.text, [half_key, *sorted(keys)], False, 1))
    return out


# The names a Persian, Dari or Pashto compound given name is written with as one word
# (محمدرضا Mohammad Reza, میرحسین Mir Hossein, غلامرضا Gholam Reza, علی‌اکبر Ali
# Akbar; شیرمحمد Shir Mohammad), first or last, which a Latin list writes apart.
# ``MYR``, ``AMYR`` and ``SYD`` not before A, W or Y: what a Latin name written in the
# script starts with (ميراندا Miranda, ميريام Miriam); ``ALY`` only where its A is an
# ayn, as in علی (أليسون Alison, إليزابيث Elizabeth start with alif).
COMPOUND_FIRST: Final = ("MHMD", "GHLAM", "AMYR", "MYR", "SYD", "ALY")
COMPOUND_BEFORE_CONSONANT: Final = frozenset({"AMYR", "MYR", "SYD"})
COMPOUND_LAST: Final = ("MHMD",)
# What follows them in a family name is no name of its own (محمدزاده Mohammadzadeh,
# محمدپور, محمدیان, محمدنیا, محمدوند, امیرکیا, محمدی‌فر), nor is a name with the nisba's
# ya after it (میرحسینی Mirhosseini, غلامرضایی Gholamrezaei, سیدجوادی: a rest of five
# letters or more ending in Y, or in YY), though a given name may end in one (محمدمهدی,
# محمدتقی, غلامعلی). A helper's review found these family names cut.
COMPOUND_ENDINGS: Final = frozenset(
    {"YAN", "KHANY", "ABADY", "NYA", "WND", "KYA", "FR", "YFR", "BYGY", "KHYL"}
)
COMPOUND_ENDING_RUNS: Final = ("ZADH", "ZADGAN", "PWR", "NZHAD", "NJAD", "LW", "YY")
# Heads that start Latin and Slavic names written in the script too (سيدريك Cedric,
# ميركو Mirko) and Hebrew ones (מירקין Mirkin): before four letters or more only.
COMPOUND_LONG_REST: Final = frozenset({"MYR", "SYD"})


def compound_halves(part: NamePart) -> list[str]:
    """The two names a consonant frame writes as one word, when it starts with a name
    Persian compounds start with (:data:`COMPOUND_FIRST`, or ends with ``MHMD``) and the
    rest is a name of three letters or more (four after ``MYR`` and ``SYD``), not a
    family name's ending (:func:`_family_ending`; nor ``Z`` after ``MYR``: میرزا, Mirza; nor ``ABD``
    before ``MHMD``, which is one name, عبد محمد, Abd Muhammad). Read from the
    frame and from its readings (an ayn inside is a letter there: ``محمدعلی``'s reading
    ``MHMDaLY`` gives ``ALY``).
    Each half is looked up as a form of its own, counted apart from the real parts, as
    two Latin parts written together are (decision 266): it adds to the entries holding
    it, and the compound's own skeleton still meets a list that writes it as one word.

    >>> compound_halves(normalise_name("محمدرضا").parts[0])
    ['MHMD', 'RDA', 'RZA']
    >>> [compound_halves(normalise_name(w).parts[0]) for w in ("محمدزاده", "میرزایی", "ميراندا", "أليسون")]
    [[], [], [], []]
    """
    if not part.consonantal or part.kind != "name":
        return []
    ayn = any(r.startswith("e") for r in part.readings)
    out: list[str] = []
    for form in (part.text, *(reading_form(r) for r in part.readings)):
        for head in COMPOUND_FIRST:
            rest = form[len(head) :]
            if (
                form.startswith(head)
                and len(rest) >= 3
                and rest.isalpha()
                and rest.isupper()
                and not _family_ending(rest)
                and (head not in COMPOUND_LONG_REST or len(rest) >= 4)
                and not (head == "MYR" and rest.startswith("Z"))
                and not (head in COMPOUND_BEFORE_CONSONANT and rest[0] in "AWY")
                and (head != "ALY" or ayn)
            ):
                out += [head, rest]
                break
        for tail in COMPOUND_LAST:
            rest = form[: -len(tail)]
            if (
                form.endswith(tail)
                and len(rest) >= 3
                and not _family_ending(rest)
                and rest.isalpha()
                and rest.isupper()
                and not rest.startswith("ABD")
            ):
                out += [rest, tail]
    return list(dict.fromkeys(out))


def _family_ending(rest: str) -> bool:
    """Whether what follows a compound's first name is a family name's ending
    (:data:`COMPOUND_ENDINGS`) or a name with one."""
    return (
        rest in COMPOUND_ENDINGS
        or rest.endswith(COMPOUND_ENDING_RUNS)
        or (rest.endswith("Y") and len(rest) >= 5)
    )


# The particles a Latin list writes on to the name after them (ABOUTRIKA, BENDJEDID,
# BINLADEN): not an honorific (شيخ علي is not SOKOL) nor OULD (ولد is read BIN).
FRAMED_PARTICLES: Final = frozenset({"ABU", "BIN", "BINT"})


def _framed_particles(parts: tuple[NamePart, ...], k: int) -> list[str]:
    """The skeletons, of four letters or more, of a consonant frame written on to the
    particles just before it (``أبو تريكة`` as ``S:BTRK``, the listed ABOUTRIKA's own;
    ``بن جديد`` as ``S:BNJD``, BENDJEDID's): among the frame's own keys, as a list writing
    them as one word is the same name (decision 263). Not for a frame whose own key is
    its spelling (a one-letter skeleton, ``علي``): a list holds nothing under that key,
    so the joined skeleton would be its own group alone, and ``بن علي``'s ``BNL`` gave
    every listed BONILLA the part's whole weight (a helper's review). Not a key of its
    own, which would add to every entry it reaches: ``أبو رميز``'s ``BRMS`` is also the
    skeleton of ABRAMS and BRAHMS.

    >>> _framed_particles(normalise_name("محمد أبو تريكة").parts, 2)
    ['S:BTRK']
    >>> _framed_particles(normalise_name("محمد بن علي").parts, 2)
    []
    """
    if len(skeleton(parts[k].text)) < 2:
        return []
    out = []
    start = k
    while start > 0 and parts[start - 1].kind == "particle":
        start -= 1
        if parts[start].text not in FRAMED_PARTICLES:
            break
        text = "".join(q.text for q in parts[start:k]) + parts[k].text
        if len(sk := skeleton(text)) >= 4:
            out.append("S:" + sk)
    return out


def _both_ways(keys: set[str]) -> set[str]:
    """Query keys of a spelling or skeleton, and of its deletions, looked up both as
    written (``D:``, ``S:``) and as a listed part's deletion (``E:``, ``R:``): between
    them a query meets every listed part one deletion, insertion or change away, as one
    key family did before the deletions were filed apart (decision 224)."""
    out = set(keys)
    for key in keys:
        family = FAMILY.get(key[:2])
        if family is not None:
            body = key[2:]
            out.update((family + body, DELETED[family] + body))
    return out


def part_name_entry_token(
    name_parts: I32, part_name: I32, name_entry: list[int], parts: list[NamePart]
) -> npt.NDArray[np.uint64]:
    """One hash per (entry, identifying part): ``entry << 64`` is too wide, so the entry
    number is mixed into the part's ``T:`` hash and the caller deduplicates."""
    part_hash = (
        fnv1a64(["T:" + mrz_fold(p.text) for p in parts]) if parts else np.zeros(0, np.uint64)
    )
    identifying = np.array([p.kind == "name" for p in parts], dtype=bool)
    keep = identifying[name_parts] if len(name_parts) else np.zeros(0, bool)
    entries = np.asarray(name_entry, dtype=np.int64)[part_name[keep]]
    hashes = part_hash[name_parts[keep]]
    # Deduplicate (entry, part) pairs, then return the part hashes (one per entry).
    pairs = np.unique(np.stack([hashes, entries.astype(np.uint64)], axis=1), axis=0)
    return pairs[:, 0] if len(pairs) else np.zeros(0, np.uint64)


def entry_fingerprint(entries: list[AlertEntry]) -> str:
    """SHA-256 over the entries, the default list version."""
    h = hashlib.sha256()
    for e in entries:
        h.update(
            repr((e.id, e.names, str(e.birth_date), e.nationality, e.document_number)).encode()
        )
    return h.hexdigest()[:16]


class ScreeningIndex:
    """An inverted index over alert entries; see the module docstring."""

    def __init__(self, meta: dict[str, Any], arrays: dict[str, Any]) -> None:
        self.meta = meta
        self._a = arrays
        self.key_hash: npt.NDArray[np.uint64] = arrays["key_hash"]
        self.key_start: I64 = arrays["key_start"]
        self.postings: I32 = arrays["postings"]
        self.name_entry: I32 = arrays["name_entry"]
        self.n_entries = int(meta["entries"])
        self._part_cache: dict[int, PartForms] = {}
        self._local = threading.local()
        self._token_cache: dict[str, int] = {}
        self.candidate_limit = CANDIDATES
        self.candidate_limit_no_birth_date = CANDIDATES_NO_BIRTH_DATE
        self.candidate_tied = CANDIDATES_TIED
        self.tie_slack = TIE_SLACK
        self._subject_cache: dict[int, Subject] = {}
        self._query_key_cache: dict[
            tuple[NamePart, ...], list[tuple[str, tuple[str, ...], bool, int]]
        ] = {}
        self._plan_cache: dict[tuple[tuple[str, ...], int], tuple[float, list[Group]]] = {}
        self._twin_cache: dict[tuple[NamePart, ...], list[tuple[int, int, tuple[str, ...]]]] = {}
        self._group_cache: OrderedDict[tuple[tuple[int, int], ...], I32] = OrderedDict()
        self._group_cached = 0
        self._group_lock = threading.Lock()
        # True: read every posting (the reference the pruned retrieval is tested against).
        self.exhaustive = False
        self.prune_from = PRUNE_FROM
        self._birth_cols: tuple[npt.NDArray[np.int16], npt.NDArray[np.int16]] | None = None
        self._name_sizes: npt.NDArray[np.int64] | None = None
        self._year_shares: npt.NDArray[np.float64] | None = None
        self._year_max = 0
        # Per query birth year: distance to each year, and what that distance adds.
        self._year_tables: dict[int, tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]] = {}
        # None: the fitted calibration (:mod:`.calibration`); {} leaves scores raw (fitting).
        self.calibration: Params | None = None

    # -- building -------------------------------------------------------------------------

    @classmethod
    def build(
        cls, entries: Iterable[AlertEntry], *, list_version: str | None = None
    ) -> ScreeningIndex:
        """Normalise every name of every entry and build the arrays in memory."""
        entries = list(entries)
        part_ids: dict[NamePart, int] = {}
        name_entry: list[int] = []
        name_part_start: list[int] = [0]
        name_parts: list[int] = []
        names_text: list[str] = []
        entry_name_start: list[int] = [0]
        birth = np.zeros((len(entries), 3), dtype=np.int16)
        nationality: list[str] = []
        docs: list[str] = []
        # Keys filed for a whole name (twin parts) or entry (document numbers), with the
        # number of the name they are filed under.
        named_keys: list[tuple[str, int]] = []
        for ei, e in enumerate(entries):
            for name in e.names:
                if not name or not name.strip():
                    continue
                norm = normalise_name(name)
                for p in norm.parts:
                    pid = part_ids.get(p)
                    if pid is None:
                        pid = part_ids[p] = len(part_ids)
                    name_parts.append(pid)
                named_keys.extend(
                    (key, len(name_entry)) for _i, _j, keys in twins(norm.parts) for key in keys
                )
                name_part_start.append(len(name_parts))
                name_entry.append(ei)
                names_text.append(name)
            entry_name_start.append(len(name_entry))
            if e.birth_date:
                birth[ei] = (e.birth_date.year, e.birth_date.month or 0, e.birth_date.day or 0)
            nationality.append(normalise_country(e.nationality) or "")
            doc = normalise_document_number(e.document_number)
            docs.append(doc)
            if doc and entry_name_start[-1] > entry_name_start[-2]:
                first = entry_name_start[-2]
                named_keys.append(("N:" + doc, first))
                named_keys.append(("O:" + ocr_key(doc), first))

        # Keys per distinct part, hashed once; then expanded to (hash, name) pairs.
        parts = list(part_ids)
        part_key_hashes: list[np.ndarray[Any, np.dtype[np.uint64]]] = []
        for p in parts:
            keys = sorted(part_keys(p))
            part_key_hashes.append(fnv1a64(keys) if keys else np.zeros(0, dtype=np.uint64))
        counts = np.array([len(h) for h in part_key_hashes], dtype=np.int64)
        flat = np.concatenate(part_key_hashes) if part_key_hashes else np.zeros(0, dtype=np.uint64)
        pk_start = np.zeros(len(parts) + 1, dtype=np.int64)
        np.cumsum(counts, out=pk_start[1:])

        np_name_parts = np.array(name_parts, dtype=np.int32)
        np_name_part_start = np.array(name_part_start, dtype=np.int64)
        part_name = np.repeat(
            np.arange(len(name_entry), dtype=np.int32), np.diff(np_name_part_start)
        )
        reps = counts[np_name_parts]
        pair_name = np.repeat(part_name, reps)
        # Gather each occurrence's key range from ``flat``.
        starts = np.repeat(pk_start[np_name_parts], reps)
        within = np.arange(int(reps.sum()), dtype=np.int64) - np.repeat(
            np.cumsum(reps) - reps, reps
        )
        pair_hash = flat[starts + within]
        if named_keys:
            pair_hash = np.concatenate([pair_hash, fnv1a64([k for k, _ in named_keys])])
            pair_name = np.concatenate(
                [pair_name, np.array([n for _, n in named_keys], dtype=np.int32)]
            )
        # Postings name entries, not names: an entry's aliases share its postings.
        pair_name = np.array(name_entry, dtype=np.int32)[pair_name] if len(pair_name) else pair_name
        order = np.lexsort((pair_name, pair_hash))
        pair_hash = pair_hash[order]
        pair_name = pair_name[order]
        # A name may reach the same key through two of its parts: keep one posting.
        keep = np.ones(len(pair_hash), dtype=bool)
        keep[1:] = (pair_hash[1:] != pair_hash[:-1]) | (pair_name[1:] != pair_name[:-1])
        pair_hash = pair_hash[keep]
        pair_name = pair_name[keep]
        # How many entries hold each identifying part, for the common-name adjustment.
        token_ids = part_name_entry_token(np_name_parts, part_name, name_entry, parts)
        token_hash, token_count = np.unique(token_ids, return_counts=True)
        key_hash, key_first = np.unique(pair_hash, return_index=True)
        key_start = np.append(key_first, len(pair_hash)).astype(np.int64)

        form_blob, form_start = pack_strings([serialise_forms(prepare_part(p)) for p in parts])
        name_blob, name_start = pack_strings(names_text)
        id_blob, id_start = pack_strings([e.id for e in entries])
        doc_blob, doc_start = pack_strings(docs)
        arrays: dict[str, Any] = {
            "key_hash": key_hash.astype(np.uint64),
            "key_start": key_start,
            "postings": pair_name.astype(np.int32),
            "name_entry": np.array(name_entry, dtype=np.int32),
            "name_part_start": np_name_part_start,
            "name_parts": np_name_parts,
            "form_blob": form_blob,
            "form_start": form_start,
            "name_blob": name_blob,
            "name_start": name_start,
            "entry_name_start": np.array(entry_name_start, dtype=np.int64),
            "id_blob": id_blob,
            "id_start": id_start,
            "birth": birth,
            "nationality": np.array(nationality, dtype="S3"),
            "doc_blob": doc_blob,
            "doc_start": doc_start,
            "token_hash": token_hash.astype(np.uint64),
            "token_count": token_count.astype(np.int32),
        }
        meta = {
            "list_version": list_version or entry_fingerprint(entries),
            "entries": len(entries),
            "names": len(name_entry),
            "parts": len(parts),
            "keys": len(key_hash),
            "postings": len(pair_name),
            "normaliser_version": NORMALISER_VERSION,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        return cls(meta, arrays)

    # -- storing --------------------------------------------------------------------------

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the index to ``path`` (atomically; see :mod:`.store`)."""
        write_store(path, KIND, FORMAT_VERSION, self.meta, self._a)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> ScreeningIndex:
        """Map an index file read-only; pages are shared by every process mapping it."""
        meta, arrays = read_store(path, KIND, FORMAT_VERSION)
        if meta.get("normaliser_version") != NORMALISER_VERSION:
            raise StoreError(
                f"{path}: built with normaliser {meta.get('normaliser_version')}, "
                f"this code uses {NORMALISER_VERSION}; rebuild it"
            )
        return cls(meta, arrays)

    @property
    def nbytes(self) -> int:
        """Bytes held by the index arrays."""
        return sum(int(a.nbytes) for a in self._a.values())

    # -- reading entries ------------------------------------------------------------------

    def entry_id(self, entry: int) -> str:
        """The listed id of entry number ``entry``."""
        return unpack_string(self._a["id_blob"], self._a["id_start"], entry)

    def _part(self, pid: int) -> PartForms:
        forms = self._part_cache.get(pid)
        if forms is None:
            text = unpack_string(self._a["form_blob"], self._a["form_start"], pid)
            forms = parse_forms(text)
            if len(self._part_cache) >= PART_CACHE:
                self._part_cache.clear()
            self._part_cache[pid] = forms
        return forms

    def subject(self, entry: int) -> Subject:
        """Entry number ``entry`` ready for scoring (cached per process)."""
        cached = self._subject_cache.get(entry)
        if cached is not None:
            return cached
        a = self._a
        names = []
        # Slices read as Python lists at once: indexing numpy arrays one scalar at a time
        # was a third of scoring's time at 1,000,000 entries.
        start, stop = a["entry_name_start"][entry : entry + 2].tolist()
        bounds = a["name_part_start"][start : stop + 1].tolist()
        pids = a["name_parts"][bounds[0] : bounds[-1]].tolist()
        texts = a["name_start"][start : stop + 1].tolist()
        blob = a["name_blob"]
        for j in range(stop - start):
            first, last = bounds[j] - bounds[0], bounds[j + 1] - bounds[0]
            parts = tuple(self._part(pid) for pid in pids[first:last])
            names.append((bytes(blob[texts[j] : texts[j + 1]]).decode(), parts))
        y, m, d = a["birth"][entry].tolist()
        birth = PartialDate(y, m or None, d or None) if y else None
        nat = bytes(a["nationality"][entry]).decode() or None
        d0, d1 = a["doc_start"][entry : entry + 2].tolist()
        doc = bytes(a["doc_blob"][d0:d1]).decode()
        subject = Subject(tuple(names), birth, nat, doc)
        if len(self._subject_cache) > 200_000:
            self._subject_cache.clear()
        self._subject_cache[entry] = subject
        return subject

    # -- retrieval and screening ----------------------------------------------------------

    def _scratch(self) -> tuple[npt.NDArray[np.float32], I32]:
        """Per-thread accumulator (zero between calls) and marker array (stale numbers:
        readers check that a slot points back), one slot per entry."""
        local = self._local
        acc = getattr(local, "acc", None)
        if acc is None:
            acc = local.acc = np.zeros(max(self.n_entries, 1), dtype=np.float32)
            local.mark = np.zeros(max(self.n_entries, 1), dtype=np.int32)
        return acc, local.mark

    def postings_read(self) -> int:
        """Postings this thread's retrievals have read through since the last call."""
        count = int(getattr(self._local, "read", 0))
        self._local.read = 0
        return count

    def _lookup(self, keys: list[str]) -> tuple[I64, I64]:
        """Start and stop offsets into ``postings`` of each key (empty range when absent)."""
        hashes = fnv1a64(keys)
        pos = np.searchsorted(self.key_hash, hashes)
        pos[pos >= len(self.key_hash)] = 0
        found = self.key_hash[pos] == hashes if len(self.key_hash) else np.zeros(len(keys), bool)
        starts = np.where(found, self.key_start[pos], 0)
        stops = np.where(found, self.key_start[pos + 1], 0)
        return starts, stops

    def candidates(
        self,
        subject_names: list[tuple[NamePart, ...]],
        document: str,
        limit: int = CANDIDATES,
        birth_date: PartialDate | None = None,
        *,
        tied: int | None = None,
    ) -> I32:
        """Entry numbers worth scoring for a query, best first (see the module docstring).

        The ``limit`` best, and the entries tied with the last of them (within
        :data:`TIE_SLACK`) up to ``tied`` in all (default, for a query without a birth
        date, :attr:`candidate_tied`, :data:`CANDIDATES_TIED`; else none): when many
        entries share the query's common parts and no birth date parts them, the name
        cannot rank them and the tie is scored rather than cut by entry number.
        """
        forced: I32 = np.zeros(0, dtype=np.int32)
        if document:
            d0, d1 = self._lookup(["N:" + document, "O:" + ocr_key(document)])
            forced = np.unique(
                np.concatenate(
                    [self.postings[a:b] for a, b in zip(d0.tolist(), d1.tolist(), strict=True)]
                )
            ).astype(np.int32)
        groups, total = self.plan(subject_names)
        if not groups:
            return forced
        if tied is None:
            # A birth date parts namesakes (and a passenger list's queries carry one):
            # only a query without one has its tie scored whole.
            tied = self.candidate_tied if birth_date is None else limit
        most = max(limit, tied)
        sizes = tuple(len(parts) for parts in subject_names)
        distinct = self._ranked(groups, total, limit, birth_date, most, sizes)
        if len(forced):
            distinct = np.concatenate([forced, distinct[~np.isin(distinct, forced)]])
        result: I32 = distinct.astype(np.int32)
        return result

    def plan(self, subject_names: list[tuple[NamePart, ...]]) -> tuple[list[Group], float]:
        """The groups of keys a query's names read (in the order their weights are
        summed) and the weight its best name can reach (what pre-scores are divided by).

        A part's groups depend only on its keys, so they are kept per process
        (:meth:`_label_plan`): the parts a list shares (MOHAMMAD, ALI) are worked out once.
        """
        seen: set[str] = set()
        groups: list[Group] = []
        name_weight = [0.0] * len(subject_names)
        for name_no, parts in enumerate(subject_names):
            weights: dict[str, float] = {}
            for label, keys, real, own in self._query_keys(parts):
                weight, label_groups = self._label_plan(keys, own)
                weights[label] = weight
                if label in seen:
                    continue
                seen.add(label)
                if real:
                    name_weight[name_no] += weight
                groups.extend(label_groups)
            # A name borne twice (SMITH SMITH, علي علي) adds its second time to the
            # entries that bear it twice too (decision 237). Not to the total: the entries
            # bearing it once keep the pre-score they had, beside their birth-date
            # adjustment (a helper's review).
            for i, j, keys in self._twins(parts):
                label = "2:" + parts[i].text + "|" + parts[j].text
                if label in seen:
                    continue
                seen.add(label)
                weight = min(weights.get(parts[i].text, 0.0), weights.get(parts[j].text, 0.0))
                starts, stops = self._lookup(list(keys))
                spans = tuple(
                    (a, b)
                    for a, b in zip(starts.tolist(), stops.tolist(), strict=True)
                    if 0 < b - a <= MAX_POSTING
                )
                if spans and weight > 0:
                    groups.append((spans, weight))
        return groups, max(max(name_weight, default=0.0), 1e-9)

    def _twins(self, parts: tuple[NamePart, ...]) -> list[tuple[int, int, tuple[str, ...]]]:
        """:func:`twins` of a query name's parts, kept per process."""
        found = self._twin_cache.get(parts)
        if found is None:
            found = twins(parts) if len(parts) > 1 else []
            if len(self._twin_cache) > PLAN_CACHE:
                self._twin_cache.clear()
            self._twin_cache[parts] = found
        return found

    def _query_keys(
        self, parts: tuple[NamePart, ...]
    ) -> list[tuple[str, tuple[str, ...], bool, int]]:
        """:func:`query_keys` of a name's parts, kept per process."""
        found = self._query_key_cache.get(parts)
        if found is None:
            found = [
                (label, tuple(keys), real, own) for label, keys, real, own in query_keys(parts)
            ]
            if len(self._query_key_cache) > PLAN_CACHE:
                self._query_key_cache.clear()
            self._query_key_cache[parts] = found
        return found

    def _label_plan(self, keys: tuple[str, ...], own_keys: int = 1) -> tuple[float, list[Group]]:
        """One query part's information and groups, from its keys (its ``own_keys`` own
        keys first: its spelling, and its readings').

        Keys whose postings exceed :data:`KEY_CAP` are not read (the own keys up to
        :data:`MAX_POSTING`). The groups are nested: every usable key of the part, its
        spelling keys (of the kind of its own key), its own keys. An entry a part reaches
        is worth the information of the narrowest group reaching it, ``log(1 + entries /
        entries the group reaches)``: the broadest group adds its information, each
        narrower one what it adds to the broader (decision 0202). The part's weight, what
        an entry holding it as written gets, is the narrowest group's information.
        """
        found = self._plan_cache.get((keys, own_keys))
        if found is not None:
            return found
        starts, stops = self._lookup(list(keys))
        spans = list(zip(starts.tolist(), stops.tolist(), strict=True))
        # A part's primary keys are of the kind of its own key: spellings (D:) for Latin
        # parts, skeletons (S:) for parts from a consonantal script.
        # A key and its twin (a spelling and the listed deletions equal to it) are capped
        # together, as the one key they were before decision 0224: the same keys are read
        # whatever the filing, and an own key's twin shares its higher cap.
        sizes = [b - a for a, b in spans]
        bodies = [(FAMILY.get(k[:2], k[:2]), k[2:]) for k in keys]
        primary = bodies[0][0]
        together: dict[tuple[str, str], int] = defaultdict(int)
        for body, size in zip(bodies, sizes, strict=True):
            together[body] += size
        own_bodies = set(bodies[:own_keys])
        usable = [
            size > 0
            and (
                together[body] <= KEY_CAP or (body in own_bodies and together[body] <= MAX_POSTING)
            )
            for body, size in zip(bodies, sizes, strict=True)
        ]
        every = tuple(s for s, u in zip(spans, usable, strict=True) if u)
        spelling = tuple(
            s for s, u, (f, _) in zip(spans, usable, bodies, strict=True) if u and f == primary
        )
        own = tuple(s for s, u in zip(spans[:own_keys], usable, strict=False) if u)
        # The part's other keys (sounds, shapes, frames): broader than its own key for a
        # Latin part (JOHN's skeleton JN), narrower for a consonant frame (KWRW's shape
        # KVRV within its skeleton KR), where they refine it.
        refining = tuple(
            s for s, u, (f, _) in zip(spans, usable, bodies, strict=True) if u and f != primary
        )
        n = max(self.n_entries, 1)
        groups: list[Group] = []
        information = 0.0
        for layer in (every, spelling, own, refining):
            if not layer or any(layer == g for g, _w in groups):
                continue
            # A layer reaches at least its longest key's entries: when even those tell
            # nothing more, it is not merged to find out (a Latin part's sounds).
            if math.log1p(n / max(b - a for a, b in layer)) <= information:
                continue
            gained = math.log1p(n / max(1, len(self._group_entries(layer)))) - information
            if gained > 0:
                # Each layer holds (nearly) only entries of the broader ones: it adds
                # what it tells beyond them.
                groups.append((layer, gained))
                information += gained
        weight = information if groups else math.log1p(n)
        found = (weight, groups)
        if len(self._plan_cache) > PLAN_CACHE:
            self._plan_cache.clear()
        self._plan_cache[(keys, own_keys)] = found
        return found

    def _size_gap(self, entries: I32, sizes: tuple[int, ...]) -> npt.NDArray[np.int64]:
        """For each entry, how many parts its closest name has more or fewer than the
        closest of the query's names (``sizes``: their part counts)."""
        if not sizes or not len(entries):
            return np.zeros(len(entries), dtype=np.int64)
        if self._name_sizes is None:
            self._name_sizes = np.diff(self._a["name_part_start"]).astype(np.int64)
        starts = self._a["entry_name_start"][entries]
        lengths = self._a["entry_name_start"][entries + 1] - starts
        # Every name of every entry, one row each (an entry reached has at least one).
        offsets = np.cumsum(lengths) - lengths
        names = np.repeat(starts - offsets, lengths) + np.arange(int(lengths.sum()))
        name_sizes = self._name_sizes[names]
        gap = np.min(np.abs(name_sizes[:, None] - np.array(sizes)[None, :]), axis=1)
        out: npt.NDArray[np.int64] = np.minimum.reduceat(gap, offsets)
        return out

    def _birth_columns(self) -> tuple[npt.NDArray[np.int16], npt.NDArray[np.int16]]:
        """Each entry's birth year, and month * 32 + day, as contiguous arrays (made once
        per process from ``birth``: gathers from one column are cheaper)."""
        cols = self._birth_cols
        if cols is None:
            birth = np.asarray(self._a["birth"], dtype=np.int16)
            year = np.ascontiguousarray(birth[:, 0]) if len(birth) else np.zeros(0, np.int16)
            monthday = (birth[:, 1] * 32 + birth[:, 2]).astype(np.int16) if len(birth) else year
            cols = self._birth_cols = (year, monthday)
            self._year_max = int(year.max(initial=0))
        return cols

    def _birth_adjustment(
        self, entries: I32, birth_date: PartialDate | None
    ) -> npt.NDArray[np.float64]:
        """What the birth year (and day and month) add to the pre-score of each entry:
        :data:`BIRTH_NEAR` within a year of the query's, :data:`BIRTH_FAR` four or more
        years away, :data:`FULL_DATE_BONUS` more for the same day and month within a year;
        nothing where either year is unknown."""
        if birth_date is None or not len(entries):
            return np.zeros(len(entries), dtype=np.float64)
        year, monthday = self._birth_columns()
        tables = self._year_tables.get(birth_date.year)
        if tables is None:
            span = max(self._year_max, birth_date.year) + 2
            dy = np.abs(np.arange(span) - birth_date.year)
            by_year = np.where(dy <= 1, BIRTH_NEAR, np.where(dy <= 3, 0.0, BIRTH_FAR))
            by_year[0] = 0.0
            tables = self._year_tables[birth_date.year] = (dy, by_year)
        dy, by_year = tables
        years = year[entries]
        out: npt.NDArray[np.float64] = by_year[years]
        if birth_date.month and birth_date.day:
            # Few entries share the day and month: the year is looked at for those only.
            same_day = np.flatnonzero(monthday[entries] == birth_date.month * 32 + birth_date.day)
            near = years[same_day]
            out[same_day] += np.where((dy[near] <= 1) & (near > 0), FULL_DATE_BONUS, 0.0)
        return out

    def _group_entries(self, spans: tuple[tuple[int, int], ...]) -> I32:
        """The entries a group's keys reach, each once, ascending.

        One key's postings already are; a group of several keys (a part's one-letter
        deletions mostly hold the same entries) is merged once and kept per process, up
        to :data:`GROUP_CACHE` entry numbers in all, least recently used dropped first:
        a list's common parts (MOHAMMAD, ALI) are merged once for every query holding
        them, and for the next lists.
        """
        if len(spans) == 1:
            a, b = spans[0]
            one: I32 = self.postings[a:b]
            return one
        cache = self._group_cache
        with self._group_lock:
            merged = cache.get(spans)
            if merged is not None:
                cache.move_to_end(spans)
                return merged
        joined = np.concatenate([self.postings[a:b] for a, b in spans])
        # The keys' lists are ascending runs: a stable (merging) sort is near linear.
        joined.sort(kind="stable")
        keep = np.empty(len(joined), dtype=bool)
        keep[:1] = True
        np.not_equal(joined[1:], joined[:-1], out=keep[1:])
        merged = joined[keep]
        merged.flags.writeable = False
        with self._group_lock:
            if spans not in cache:
                cache[spans] = merged
                self._group_cached += len(merged)
                while self._group_cached > GROUP_CACHE and len(cache) > 1:
                    _spans, dropped = cache.popitem(last=False)
                    self._group_cached -= len(dropped)
        return merged

    def _members(self, entries: I32, reached: I32) -> npt.NDArray[np.bool_]:
        """Which of ``entries`` (ascending, distinct) a group reaches (``reached``:
        :meth:`_group_entries`): a binary search each when they are few, else one pass
        over the group's entries through the marker array."""
        if not len(entries) or not len(reached):
            return np.zeros(len(entries), dtype=bool)
        if len(entries) * 16 < len(reached):
            pos = np.searchsorted(reached, entries)
            pos[pos >= len(reached)] = len(reached) - 1
            found: npt.NDArray[np.bool_] = reached[pos] == entries
            return found
        _acc, mark = self._scratch()
        # ``mark`` holds stale numbers: a slot counts only where it points back.
        mark[entries] = np.arange(len(entries), dtype=np.int32)
        slot = mark[reached]
        slot[(slot < 0) | (slot >= len(entries))] = 0
        found = np.zeros(len(entries), dtype=bool)
        found[slot[entries[slot] == reached]] = True
        return found

    def _ranked(
        self,
        groups: list[Group],
        total: float,
        limit: int,
        birth_date: PartialDate | None,
        most: int | None = None,
        sizes: tuple[int, ...] = (),
    ) -> I32:
        """The ``limit`` entries of best pre-score, best first, then those within
        :data:`TIE_SLACK` of the last of them, up to ``most`` in all. Entries of one
        pre-score go first when one of their names has as many parts as one of the
        query's names (``sizes``), or the fewest more or less (decision 238: the scorer
        counts a part left over against them), then by entry number.

        The pre-score of an entry is the sum of the weights of the groups whose keys reach
        it, over ``total``, plus its birth-date adjustment. Groups are read cheapest
        first, each as its distinct entries (:meth:`_group_entries`); an entry is met
        when its accumulator is still zero (every weight is positive), and its birth-date
        adjustment is worked out then, once. Once ``limit`` entries are known to score at
        least θ, a set of the most read-heavy groups whose weights together (with the
        largest birth-date bonus) stay below θ cannot bring a new entry into the top:
        they are not read through but searched for the entries that can still make it
        (MaxScore). What is returned is what reading every posting returns
        (``exhaustive``; tests compare the two).
        """
        acc, _mark = self._scratch()
        arrays = [self._group_entries(spans) for spans, _w in groups]
        cost = [len(a) for a in arrays]
        weight = [w / total for _spans, w in groups]
        met: list[I32] = []  # entries met by each read, each entry once
        met_adjust: list[npt.NDArray[np.float64]] = []  # their birth-date adjustments
        read_count = 0

        def read(g: int) -> None:
            nonlocal read_count
            reached = arrays[g]
            read_count += len(reached)
            before = acc[reached]
            fresh = reached[before == 0]
            # ``reached`` holds each entry once: a plain store adds the weight once.
            acc[reached] = before + np.float32(groups[g][1])
            met.append(fresh)
            met_adjust.append(self._birth_adjustment(fresh, birth_date))

        def touched() -> tuple[I32, npt.NDArray[np.float64]]:
            if len(met) > 1:
                met[:] = [np.concatenate(met)]
                met_adjust[:] = [np.concatenate(met_adjust)]
            return met[0], met_adjust[0]

        bonus = 0.0
        if birth_date is not None:
            bonus = BIRTH_NEAR + (FULL_DATE_BONUS if birth_date.month and birth_date.day else 0.0)
        remaining = sorted(range(len(groups)), key=cost.__getitem__)
        skipped: list[int] = []
        theta = -math.inf
        checked_at = 0
        while remaining:
            g = remaining[0]
            # A check costs a pass over the entries met so far: worth it only where the
            # groups left to read hold more entries than that, and where enough was read
            # since the last one for θ to have risen.
            if (
                not self.exhaustive
                and cost[g] > self.prune_from
                and sum(cost[r] for r in remaining) >= read_count
                and read_count >= 4 * checked_at
                and sum(len(m) for m in met) >= limit
            ):
                checked_at = read_count
                seen, adjust = touched()
                lower = acc[seen] / total + adjust
                if theta > -math.inf:  # θ only rises as groups are read: fewer to rank
                    lower = lower[lower >= theta]
                lower.partition(len(lower) - limit)  # a temporary: partitioned in place
                theta = float(lower[len(lower) - limit])
                # What an entry no group read so far reaches may add, at most: the
                # groups skipped already and the largest birth-date bonus.
                budget = theta - self.tie_slack - bonus - MARGIN - sum(weight[s] for s in skipped)
                for r in sorted(remaining, key=lambda r: -cost[r]):
                    if weight[r] < budget:
                        budget -= weight[r]
                        skipped.append(r)
                remaining = [r for r in remaining if r not in skipped]
                if not remaining:
                    break
                g = remaining[0]
            read(g)
            remaining.pop(0)
        self._local.read = getattr(self._local, "read", 0) + read_count
        if not met:
            return np.zeros(0, dtype=np.int32)
        seen, adjust = touched()
        approx = acc[seen] / total + adjust
        acc[seen] = 0.0
        if skipped:
            # Only entries that may still reach θ are searched for in the skipped groups
            # (θ taken again now that every other group is read: it only rises).
            theta = max(theta, self._kth_best(approx, limit, theta))
            keep = approx + sum(weight[s] for s in skipped) + MARGIN >= theta - self.tie_slack
            seen, approx = seen[keep], approx[keep]
            by_entry = np.argsort(seen)
            seen, approx = seen[by_entry], approx[by_entry]
            for s in skipped:
                approx = approx + self._members(seen, arrays[s]) * weight[s]
        # The pre-scores near the top are summed again in the groups' own order, so they
        # do not depend on the order the groups were read in.
        kth = self._kth_best(approx, min(limit, len(seen)), theta)
        near = np.sort(seen[approx >= kth - self.tie_slack - 2 * MARGIN])
        summed = np.zeros(len(near), dtype=np.float32)
        for (_spans, w), reached in zip(groups, arrays, strict=True):
            summed += np.where(self._members(near, reached), np.float32(w), np.float32(0.0))
        score = summed.astype(np.float64) / total + self._birth_adjustment(near, birth_date)
        order = np.lexsort((near, self._size_gap(near, sizes), -score))
        take = min(limit, len(order))
        if most is not None and most > take and len(order) > take:
            # Entries as good as the last one taken (within the slack) are as likely the
            # one sought: taken too, up to ``most``.
            floor = score[order[take - 1]] - self.tie_slack - MARGIN
            take += int(np.count_nonzero(score[order[take:most]] >= floor))
        best = order[:take]
        ranked: I32 = near[best].astype(np.int32)
        return ranked

    @staticmethod
    def _kth_best(scores: npt.NDArray[np.float64], k: int, floor: float) -> float:
        """The ``k``-th largest of ``scores`` (``floor`` when there are fewer). Only the
        scores at or above ``floor`` are partitioned when ``k`` of them are: θ of
        :meth:`_ranked`, which only rises, leaves out every bearer of a common part
        that can no longer make the top (decision 262)."""
        if k <= 0 or len(scores) < k:
            return floor
        # A copy either way (the caller's order is kept), partitioned in place.
        above = scores[scores >= floor]
        if len(above) < k:
            above = scores.copy()
        above.partition(len(above) - k)
        return float(above[len(above) - k])

    def coincidences(self, parts: list[str], counts: Mapping[str, int] | None = None) -> float:
        """Expected number of entries holding all these parts by chance (independence).

        ``counts`` replaces the list's count of a part (:meth:`screen`'s peer spellings).
        """
        if not parts:
            return 0.0
        # A small list says little about how common a name is: frequencies are taken
        # over at least COMMON_NAME_POPULATION entries, so a 5-entry list penalises nothing.
        n = max(self.n_entries, 1)
        expected = float(n)
        for part in parts:
            count = counts.get(part) if counts else None
            expected *= (count or self.token_count(part)) / max(n, COMMON_NAME_POPULATION)
        return expected

    def year_share(self, year: int) -> float:
        """The share of the list's entries with a birth year born in ``year``, drawn
        towards :data:`.scoring.SAME_YEAR_SHARE` by :data:`.scoring.YEAR_SHARE_PRIOR`
        entries' worth (a short list says little of its years) and never under
        :data:`.scoring.YEAR_SHARE_FLOOR`: how often a namesake on this list would be
        born in the traveller's year by chance (decision 225)."""
        shares = self._year_shares
        if shares is None:
            years, _monthday = self._birth_columns()
            counts = np.bincount(years[years > 0].astype(np.int64), minlength=1)
            # The last slot, past every listed year, is the share of a year no one on
            # the list was born in.
            counts = np.append(counts, 0)
            counts[0] = 0
            drawn = (counts + YEAR_SHARE_PRIOR * SAME_YEAR_SHARE) / (
                counts.sum() + YEAR_SHARE_PRIOR
            )
            shares = self._year_shares = np.maximum(YEAR_SHARE_FLOOR, drawn)
        return float(shares[year if 0 < year < len(shares) else -1])

    def token_count(self, part: str) -> int:
        """How many entries hold this name part (at least 1)."""
        count = self._token_cache.get(part)
        if count is None:
            table = self._a["token_hash"]
            h = fnv1a64(["T:" + mrz_fold(part)])[0]
            pos = int(np.searchsorted(table, h)) if len(table) else 0
            found = pos < len(table) and table[pos] == h
            count = max(1, int(self._a["token_count"][pos])) if found else 1
            if len(self._token_cache) > 200_000:
                self._token_cache.clear()
            self._token_cache[part] = count
        return count

    def score_entries(self, query: Subject, entries: Iterable[int]) -> Iterator[tuple[int, Scored]]:
        """Score the given entry numbers against a prepared query."""
        for e in entries:
            scored = score_subjects(
                query,
                self.subject(int(e)),
                self.coincidences,
                self.calibration,
                entries=self.n_entries,
                year_share=self.year_share,
            )
            if scored is not None:
                yield int(e), scored

    def price_peer_spellings(
        self, query: Subject, scored: list[tuple[int, Scored]]
    ) -> list[tuple[int, Scored]]:
        """Score again, as the commonest of them, entries met through a rare spelling.

        A chance namesake is anyone whose name the query meets as well: a traveller
        written ``جونسون`` meets ``JOHNSON`` and ``JOHNSSON`` alike, so a listed
        ``JOHNSSON`` is no rarer a match than ``JOHNSON`` is, though the list holds few of
        that spelling. Each query part's count, for the common-name adjustment, is the
        largest list count among the parts it met in any scored entry at least as
        closely as this one (decision 211); an entry whose counts that raises is scored
        again with them, and its explanation lists them (``calibration.peer_counts``).
        The query's own spelling, when the list holds it, already counts through
        :func:`.scoring.near_spellings` (``count(entry part) + count(query part)``), so a
        near pair is raised only as far as that sum falls short of the commonest
        spelling: a Latin traveller meeting a rare spelling of their own common name is
        priced as before, a traveller in another script, whose spelling the list holds
        few of, as the commonest Latin spelling met.
        """

        def own(a: str, b: str, how: str) -> int:
            """What the query's own spelling adds to a near pair's count (near_spellings)."""
            return self.token_count(a) if how in NEAR_MATCHES and a != b else 0

        # Per query part: how closely it met each listed part, and that pair's count as
        # the adjustment takes it (the entry part's, plus the query's own when near).
        met: dict[str, list[tuple[float, int]]] = defaultdict(list)
        for _e, s in scored:
            for a, b, sim, how in s.name.pairs:
                if how != "joined":
                    met[a].append((-sim, self.token_count(b) + own(a, b, how)))
        # Sorted closest first with a running maximum, so the largest count met at least
        # as closely as ``sim`` is one bisection (linear in the candidates, not square).
        closest: dict[str, tuple[list[float], list[int]]] = {}
        for a, pairs in met.items():
            pairs.sort()
            keys, best, top = [], [], 0
            for neg_sim, c in pairs:
                top = max(top, c)
                keys.append(neg_sim)
                best.append(top)
            closest[a] = (keys, best)

        def peer_count(a: str, sim: float) -> int:
            keys, best = closest[a]
            k = bisect.bisect_right(keys, -sim)
            return best[k - 1] if k else 0

        out = []
        for e, s in scored:
            if s.chance is not None:
                raised: dict[str, int] = {}
                for a, b, sim, how in s.name.pairs:
                    if how == "joined":
                        continue
                    peer = peer_count(a, sim)
                    if peer > self.token_count(b) + own(a, b, how):
                        # near_spellings adds the query's own spelling again.
                        raised[b] = max(peer - own(a, b, how), raised.get(b, 0))
                if raised:
                    again = score_subjects(
                        query,
                        self.subject(e),
                        partial(self.coincidences, counts=raised),
                        self.calibration,
                        entries=self.n_entries,
                        named=(s.name, s.query_name, s.entry_name),
                        year_share=self.year_share,
                    )
                    if again is not None:
                        again.peer_counts = raised
                        s = again
            out.append((e, s))
        return out

    def limit_for(self, birth_date: PartialDate | None) -> int:
        """How many candidates are scored in full for a query with or without a birth date."""
        if birth_date is None:
            return max(self.candidate_limit, self.candidate_limit_no_birth_date)
        return self.candidate_limit

    def screen(self, query: Query, threshold: float | None = None) -> list[Hit]:
        """Every entry scoring at or above ``threshold`` (default :data:`DEFAULT_THRESHOLD`), best first."""
        limit = DEFAULT_THRESHOLD if threshold is None else threshold
        subject = make_subject(
            query.names,
            query.birth_date,
            normalise_country(query.nationality),
            normalise_document_number(query.document_number),
        )
        names = [normalise_name(n).parts for n in query.names if n and n.strip()]
        cands = self.candidates(
            names,
            subject.document_number,
            self.limit_for(query.birth_date),
            birth_date=query.birth_date,
        )
        scored = self.price_peer_spellings(
            subject, list(self.score_entries(subject, cands.tolist()))
        )
        hits = [
            Hit(self.entry_id(e), s.score, s.explanation()) for e, s in scored if s.score >= limit
        ]
        hits.sort(key=lambda h: (-h.score, h.entry_id))
        return hits


def make_entry(
    id: str,
    names: Iterable[str],
    birth_date: str | None = None,
    nationality: str | None = None,
    document_number: str | None = None,
) -> AlertEntry:
    """An :class:`AlertEntry` from plain values (``birth_date`` as ``YYYY[-MM[-DD]]``)."""
    return AlertEntry(id, tuple(names), parse_birth_date(birth_date), nationality, document_number)


def make_query(
    id: str,
    names: Iterable[str],
    birth_date: str | None = None,
    nationality: str | None = None,
    document_number: str | None = None,
) -> Query:
    """A :class:`Query` from plain values."""
    return Query(id, tuple(names), parse_birth_date(birth_date), nationality, document_number)
