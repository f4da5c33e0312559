"""A consonant frame meets two Latin names written together only with their hard letters
(decision 269).

Across scripts, a long part meets two names of the other side written as one word by
the frame only (decision 257): ``محمدرضا`` against ``MOHAMMAD`` and ``REZA``. Making the
joined word's frames (every spelling, sound spelling and reading of it) cost more than
the rest of the comparison on the report half, and almost every pair so tried meets
nothing. A frame fits a spelling only with the same consonants, ha aside, in order
(:func:`scoring.frame_fits`), so the first of them must be one the first name's frames
start with and the last one the last name's frames end with: a pair that fails this is
refused before its frames are made. Two names written together start and end as the
names do: a rule that reads across the join reads a word no one wrote, and is not met.
"""

from __future__ import annotations

import itertools

import pytest
from name_pairs import compare

from passage.core.names import normalise_name
from passage.core.names.normalise import NamePart
from passage.core.screening import scoring

# Latin name parts whose frames change when another is written on: digraphs made across
# the join (VIOT+SIMNEL's TS, DROST+SEIYA's TS), readings a longer word takes that the
# part alone does not (HOSSAM+CONCINI read the German way, KHOSSAM), Japanese syllables
# (KEN+ICHI), a W or Y that starts a frame (WOOD), vowel pairs (SAMUEL), particles' kin.
_PARTS = (
    "MOHAMMAD", "REZA", "AMIR", "ALI", "HOSSEIN", "GHOLAM", "MIR", "HOSSAM", "CONCINI",
    "VIOT", "SIMNEL", "DROST", "SEIYA", "JOHANN", "ZIEGLER", "KEN", "ICHI", "CHIKAKO",
    "TSVETAN", "WOOD", "SAMUEL", "MCDONALD", "QUINN", "HUGH", "SMITH", "YAHYA", "AYA",
    "HAYA", "JUAN", "JORGE", "ABDUL", "RAHMAN", "ALLAH", "NASR", "FATIMA", "ZAHRA",
    "PHILIPPE", "ARNAUD", "WALKER", "MURPHY", "OMAR", "UMAR", "HASSAN", "JEAN", "PIERRE",
    "DZHAMAL", "MAMADOU", "DIALLO", "WAEL", "IVAN",
)  # fmt: skip


def _forms(text: str) -> scoring.PartForms:
    return scoring.prepare_part(NamePart(text))


def _own(written: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The frames and strict frames of the first part of a name in a consonantal script."""
    part = scoring.prepare_name(normalise_name(written))[0]
    return part.frames, part.strict_frames


def test_hard_letters_leave_out_long_vowels_ha_and_marks() -> None:
    assert scoring._hard_letters("HASAN") == scoring._hard_letters("HSN") == "SN"
    assert scoring._hard_letters("E@BDALLA!") == "BDLL"


def test_a_part_without_frames_refuses_nothing() -> None:
    assert scoring._frame_ends((), (), ()) == ((None, None), (None, None))


def test_every_frame_of_two_names_written_together_keeps_their_ends() -> None:
    # For names no rule reads across the join, refusing a pair changes no score only if
    # every frame the joined word has starts and ends as the names' own frames allow.
    missed = []
    for first, last in itertools.permutations(_PARTS, 2):
        a, b = _forms(first), _forms(last)
        frames = scoring._frames_together(first + last, False)
        starts = scoring._frame_ends(a.frames, a.strict_frames, a.readings)
        ends = scoring._frame_ends(b.frames, b.strict_frames, b.readings)
        for joined, start, end in zip(frames, starts, ends, strict=True):
            for f in joined:
                hard = scoring._hard_letters(f)
                if not hard:
                    continue
                if start[0] is not None and hard[0] not in start[0]:
                    missed.append((first, last, f))
                if end[1] is not None and hard[-1] not in end[1]:
                    missed.append((first, last, f))
    assert missed == []


@pytest.mark.parametrize(
    ("written", "first", "last", "may"),
    [
        ("محمدرضا", "MOHAMMAD", "REZA", True),
        ("امیرعلی", "AMIR", "ALI", True),
        ("محمدرضا", "JOHN", "SMITH", False),
        ("محمدرضا", "REZA", "MOHAMMAD", False),  # the names the other way round
        ("امیرعلی", "AMIR", "HOSSEIN", False),
    ],
)
def test_a_pair_whose_ends_disagree_is_refused(
    written: str, first: str, last: str, may: bool
) -> None:
    own = _own(written)
    assert scoring._ends_may_agree(own, _forms(first), _forms(last)) is may
    joined = scoring._frame_similarity(own, scoring._frames_together(first + last, False))
    # Refused only where the joined word's frames would not have met anyway.
    assert may or joined == 0.0


@pytest.mark.parametrize(
    ("written", "first", "last"),
    [
        # DI read as jim before ABY, ALL (DIABY, DIALLO): across the join, not in DIAB.
        ("ابيوسف", "DIAB", "YOUSSEF"),
        ("جالويس", "DIAL", "LOUIS"),
        # MIKE's final E makes WALCHERMIKE a word of two sound-spelling rules, whose
        # spelling of both together reads WALCHER's ALK (after CH as K) as WOK.
        ("ووكرمايك", "WALCHER", "MIKE"),
    ],
)
def test_a_reading_across_the_join_is_not_met(written: str, first: str, last: str) -> None:
    own = _own(written)
    # The joined word's frames meet it, by a rule no reading of either name alone makes.
    assert scoring._frame_similarity(own, scoring._frames_together(first + last, False)) > 0.9
    assert not scoring._ends_may_agree(own, _forms(first), _forms(last))


def test_a_name_met_only_across_the_join_is_not_joined() -> None:
    # The whole comparison: DIAB + YOUSSEF read JABYOUSSEF met ابيوسف at 0.98 before.
    pairs = compare("DIAB YOUSSEF", "ابيوسف").pairs
    assert all(how != "joined" for _a, _b, _s, how in pairs)
