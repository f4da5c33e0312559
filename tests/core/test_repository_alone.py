"""The suite needs nothing beside the repository (a clone from a public host has no
``../shared``): test data lives in ``tests/data`` with its sources and licences, and a
benchmark whose data is missing says which files, instead of failing with a traceback."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
# A path that leaves the checkout: ../shared, or parents[n].parent / "shared".
OUTSIDE = re.compile(r"""\.\./shared|["']shared["']""")


def _test_files() -> list[Path]:
    return sorted([*ROOT.glob("tests/**/*.py"), *ROOT.glob("src/passage/**/tests/*.py")])


def test_no_test_reads_outside_the_repository() -> None:
    here = Path(__file__).resolve()
    readers = [
        str(path.relative_to(ROOT))
        for path in _test_files()
        if path != here and OUTSIDE.search(path.read_text(encoding="utf-8"))
    ]
    assert readers == []


@pytest.mark.parametrize(
    "name",
    ["mrz/peer_vectors.jsonl", "mrz/icao_example_lines.json", "screening/name_pairs_labelled.csv"],
)
def test_each_data_file_is_present_and_its_source_named(name: str) -> None:
    assert (DATA / name).stat().st_size > 0
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if f"`{name}`" in line)
    assert "licence" in readme and ("MIT" in row or "factual" in row), row


def test_a_benchmark_names_the_data_it_misses(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_screening", ROOT / "bench" / "screening.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.DATA is None  # importing the benchmark looks nowhere outside the checkout
    bench.DATA = tmp_path / "shared" / "data" / "screening"
    with pytest.raises(SystemExit) as exit_:
        bench.require_data()
    message = str(exit_.value)
    assert "negatives_latin.csv" in message and "ofac_sdn.csv" in message
    assert "../shared/data/screening" in message
