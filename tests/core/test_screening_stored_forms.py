"""The comparison forms the index stores for each listed part (decision 260).

The index stores each distinct part's :class:`.scoring.PartForms` instead of working them
out again when a query's candidates are scored. Stored forms must be what
:func:`.scoring.prepare_part` gives today: a change to it is a change of what a stored
index holds, so ``NORMALISER_VERSION`` must change with it (a stored index is then
refused and rebuilt). :data:`DIGESTS` holds, for each version, a digest of the forms of
the probe names' parts.
"""

from __future__ import annotations

import hashlib
from dataclasses import fields, replace
from pathlib import Path

import pytest

from passage.core.names import normalise_name
from passage.core.screening import AlertEntry, ScreeningIndex, make_subject
from passage.core.screening.index import NORMALISER_VERSION, parse_forms, serialise_forms
from passage.core.screening.scoring import PartForms, prepare_part

ROOT = Path(__file__).resolve().parents[2]

# Each normaliser version's digest of the probe names' stored forms. Append only: a
# version's digest never changes, since indexes filed under it hold those forms.
DIGESTS = {
    "names-26": "716f621bef090c38b7ecc1210b764d22f66a42e03aeb138b604870ba3ce3a8af",
    "names-27": "33b66bac228da24caf2d6bb7fc5d6e1f47c8f60d854da28b542a1b73c8294abb",
    "names-28": "bf8832fd7fbb8a328252495ead095fb4a94a2abd3b002b8cfec1cc47abb47be0",
    "names-29": "aa1405917fcd28c87c38ba9b9f90c345508099f61717de8c3f16e8ea958163c5",
}


def _probe_names() -> list[str]:
    """Names in every script the tests hold, one a line (``forms_probe_names.txt``: in
    session 34, the labelled pairs' names, the bench's real names of ``real_names_33``,
    and a few more), kept apart from the files they came from, so that editing those
    does not move the digest."""
    path = ROOT / "tests/data/screening/forms_probe_names.txt"
    return path.read_text(encoding="utf-8").splitlines()


PROBES = _probe_names()


def _parts() -> list[PartForms]:
    seen: dict[object, PartForms] = {}
    for name in PROBES:
        for part in normalise_name(name).parts:
            if part not in seen:
                seen[part] = prepare_part(part)
    return list(seen.values())


def test_every_field_of_the_forms_is_stored() -> None:
    """A field added to ``PartForms`` must be stored too (or derived, as ``weight`` is
    from the kind): else a loaded index compares parts without it."""
    assert {f.name for f in fields(PartForms)} == {
        "text",
        "kind",
        "folded",
        "skel",
        "skels",
        "shapes",
        "phon",
        "consonantal",
        "weight",
        "readings",
        "frames",
        "strict_frames",
    }


def test_stored_forms_read_back_equal() -> None:
    parts = _parts()
    assert len(parts) > 1500
    assert any(p.consonantal for p in parts) and any(not p.strict_frames for p in parts)
    for forms in parts:
        assert parse_forms(serialise_forms(forms)) == forms


def test_an_empty_tuple_and_a_tuple_of_one_empty_string_stay_apart() -> None:
    (forms,) = (prepare_part(p) for p in normalise_name("ALI").parts)
    for field in ("readings", "frames", "strict_frames", "skels"):
        values: tuple[tuple[str, ...], ...] = ((), ("",), ("", "X"))
        for value in values:
            changed = replace(forms, **{field: value})  # type: ignore[arg-type]
            assert getattr(parse_forms(serialise_forms(changed)), field) == value


def test_a_form_holding_a_separator_is_refused() -> None:
    (forms,) = (prepare_part(p) for p in normalise_name("ALI").parts)
    bad = replace(forms, frames=("A\x1eL",))
    with pytest.raises(ValueError, match="ALI"):
        serialise_forms(bad)


def test_a_saved_index_scores_with_the_forms_prepare_part_gives(tmp_path: Path) -> None:
    entries = [AlertEntry(f"E{i}", (name,)) for i, name in enumerate(PROBES) if name.strip()]
    path = tmp_path / "probe.idx"
    ScreeningIndex.build(entries).save(path)
    index = ScreeningIndex.load(path)
    for number, entry in enumerate(entries):
        assert index.subject(number).names == make_subject(entry.names, None, None, "").names


def test_the_stored_forms_changed_only_with_the_normaliser_version() -> None:
    """Fails when ``prepare_part`` gives other forms for the probe names under a
    normaliser version indexes were already filed under: give ``NORMALISER_VERSION`` a
    new value (stored indexes are then rebuilt) and add its digest to ``DIGESTS``."""
    digest = hashlib.sha256(
        "\n".join(serialise_forms(p) for p in _parts()).encode("utf-8")
    ).hexdigest()
    known = DIGESTS.get(NORMALISER_VERSION)
    assert known is not None, (
        f"no digest for {NORMALISER_VERSION}: add {NORMALISER_VERSION!r}: {digest!r} to DIGESTS"
    )
    assert known == digest, (
        f"the comparison forms changed under {NORMALISER_VERSION}, which stored indexes "
        "were filed under: give NORMALISER_VERSION a new value and add its digest to "
        "DIGESTS, keeping this one"
    )
