"""The comparison forms the index stores for each listed part (decision 260).

The index stores each distinct part's :class:`.scoring.PartForms` instead of working them
out again when a query's candidates are scored. Stored forms must be what
:func:`.scoring.prepare_part` gives today: a change to it is a change of what a stored
index holds, so ``NORMALISER_VERSION`` must change with it (a stored index is then
refused and rebuilt). :data:`DIGEST` is a digest of the forms of the parts of the names
below, with the version they were filed under: change both together.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
from dataclasses import fields, replace
from pathlib import Path
from types import ModuleType

import pytest

from passage.core.names import normalise_name
from passage.core.screening import AlertEntry, ScreeningIndex, make_subject
from passage.core.screening.index import NORMALISER_VERSION, parse_forms, serialise_forms
from passage.core.screening.scoring import PartForms, prepare_part

ROOT = Path(__file__).resolve().parents[2]

# The normaliser version and the digest of the probe names' stored forms under it.
DIGEST = ("names-26", "9289f05b11d33a372c2fce04bc20c24cdc26a3770e42e722121b48a42201bee2")


def _bench(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _probe_names() -> list[str]:
    """Names in every script the tests hold: the labelled pairs, the real names of the
    bench (Arabic, Persian, Pashto and Urdu script against Latin), and a few more."""
    with (ROOT / "tests/data/screening/name_pairs_labelled.csv").open(encoding="utf-8") as fh:
        names = [n for row in csv.DictReader(fh) for n in (row["name1"], row["name2"])]
    real = _bench("real_names_33")
    names += [n for pairs in (real.SET_A, real.SET_B) for pair in pairs for n in pair]
    names += [
        "Шамиль Басаев",
        "Рамзан Ахмадович Кадыров",
        "בנימין נתניהו",
        "毛泽东",
        "김정은",
        "Ṣalāḥ ad-Dīn",
        "MOHAMMED<<ALI<HASSAN",
        "van der Berg, Jan-Willem",
    ]
    return names


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
    """Fails when ``prepare_part`` gives other forms for the probe names: a stored index
    holds the old ones, so bump ``NORMALISER_VERSION`` and write the new digest here."""
    digest = hashlib.sha256(
        "\n".join(serialise_forms(p) for p in _parts()).encode("utf-8")
    ).hexdigest()
    assert (NORMALISER_VERSION, digest) == DIGEST, (
        "the comparison forms changed: bump NORMALISER_VERSION (stored indexes hold "
        f"them) and set DIGEST = ({NORMALISER_VERSION!r}, {digest!r})"
    )
