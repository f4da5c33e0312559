"""Two names or two name parts compared, for the screening tests of names across scripts."""

from __future__ import annotations

from passage.core.names import normalise_name
from passage.core.screening import make_subject, score_subjects
from passage.core.screening.scoring import part_similarity, prepare_part


def score(written: str, listed: str) -> float:
    """A written name against a listed one, neither with a birth date, without a list."""
    scored = score_subjects(
        make_subject([written], None, None, ""), make_subject([listed], None, None, "")
    )
    assert scored is not None
    return scored.score


def similarity(written: str, listed: str) -> tuple[float, str]:
    """Two one-part names' part similarity across scripts, and how it was found."""
    (a,) = normalise_name(written).parts
    (b,) = normalise_name(listed).parts
    return part_similarity(prepare_part(a), prepare_part(b), across=True)
