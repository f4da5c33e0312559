"""Two names or two name parts compared, for the screening tests of names across scripts."""

from __future__ import annotations

from passage.core.names import normalise_name
from passage.core.screening import ScreeningIndex, make_subject, score_subjects
from passage.core.screening.index import AlertEntry
from passage.core.screening.scoring import (
    NameEvidence,
    compare_names,
    part_similarity,
    prepare_name,
    prepare_part,
)


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


def compare(query: str, entry: str) -> NameEvidence:
    """Two names compared part by part, as scoring pairs them (no date, no list)."""
    return compare_names(
        prepare_name(normalise_name(query)), prepare_name(normalise_name(entry)), conflicts=False
    )


def among_namesakes(target: str, given_names: list[str], surname: str) -> ScreeningIndex:
    """An index of ``target`` (entry ``E0``) and 2,999 listed people who share its family
    name, each with one of ``given_names``: the target is reached through its given name
    or not at all."""
    entries = [
        AlertEntry(f"E{i}", (f"{given_names[i % len(given_names)]} {surname}",))
        for i in range(1, 3000)
    ]
    return ScreeningIndex.build([*entries, AlertEntry("E0", (target,))])
