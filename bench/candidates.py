"""Candidate generation alone: recall@candidates, CPU per query and index size, the index
of this checkout against the index of an earlier commit, in the same run.

    python bench/candidates.py [--half report] [--seeds 5,7,13] [--entries 100000,1000000]
        [--queries 300] [--before bb6e511] [--index-cache DIR] [--show-lost N [--why-lost]]
        [--tied N] [--tie-slack X]

Issue 17 asks that candidate generation be measured apart from scoring: a true entry that
is not among the candidates scored in full (16 with a birth date, 32 without) can never
alert, whatever the scoring does. For each seed and list size this builds the world of
``bench/screening.py`` (the same list and the same queries for the same half, seed, size
and ``--queries``: the fit half is what ``bench/screening_fit.py`` fits on, the report
half what ``bench/screening.py --report`` reports on; the data each comes from is
printed) and two indexes over it:

- ``before``: ``src/passage/core/screening/index.py`` as it was at ``--before`` (read
  with ``git show``, so it needs the repository's history), with this checkout's names,
  scoring and calibration;
- ``now``: this checkout's index.

Then, query by query, the two indexes one after the other, each first every other query
(so both see the same load and caches), it asks each for its candidates and screens the
query in full, and prints per recall set the share of targets among the candidates
(recall@candidates), for each index the CPU time of ``candidates()`` and of ``screen()``
per query (p50, p95; thread time: on a shared machine the wall clock measures the queue
for a core) and the index's keys, postings and bytes. ``--show-lost N`` prints up to N queries per set whose target the
current index does not propose (study them on the fit half only); with ``--why-lost``,
each one's rank by pre-score worked out the slow way, the entries tied with it, and which
query parts reach it. ``--tied`` and ``--tie-slack`` set the current index's
``candidate_tied`` and ``tie_slack`` (decision 0203), to measure a variant; the number of
candidates per query is printed for both indexes.

Needs ``../shared/data/screening`` (``bench/screening.py`` says what is missing); builds
at 1,000,000 entries take minutes each: ``--index-cache DIR`` keeps the indexes.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it runs
    spec.loader.exec_module(module)
    return module


def index_before(rev: str) -> ModuleType:
    """The screening index module as it was at ``rev``, beside the current one."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev}:src/passage/core/screening/index.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path = Path(tempfile.mkdtemp(prefix="passage-bench-candidates-")) / "index_before.py"
    path.write_text(source, encoding="utf-8")
    return _load("passage.core.screening._index_before", path)


def pct(values: list[float], p: float) -> float:
    return float(np.percentile(values, p)) if values else float("nan")


def built(cls: Any, world: Any, version: str, cache: Path | None, tag: str) -> Any:
    """The world's index by ``cls``, from the cache when it holds the same list."""
    norm = getattr(sys.modules[cls.__module__], "NORMALISER_VERSION", "")
    path = cache / f"{version}-{norm}.idx" if cache is not None else None
    if path is not None and path.exists():
        try:
            index = cls.load(path)
            if index.meta.get("list_version") == version:
                print(f"  {tag}: index loaded from {path}")
                return index
        except Exception as exc:  # another format: rebuilt below
            print(f"  {tag}: {path} not used ({exc})")
    t0, c0 = time.perf_counter(), time.process_time()
    index = cls.build(world.entries, list_version=version)
    print(
        f"  {tag}: index built in {time.perf_counter() - t0:.0f} s "
        f"({time.process_time() - c0:.0f} s CPU)"
    )
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        index.save(path)
        index = cls.load(path)
    return index


def why_lost(index: Any, names: list[Any], birth_date: Any, target: int, limit: int) -> str:
    """Why ``target`` is not among ``index``'s candidates: the pre-score of every entry
    worked out the slow way (every group read), the target's rank, how many entries tie
    with it, and, per query part, whether its groups reach the target and how many
    entries its own spelling holds (study on the fit half only)."""
    n = index.n_entries
    groups, total = index.plan(names)
    acc = np.zeros(n, dtype=np.float32)
    for spans, w in groups:
        acc[index._group_entries(spans)] += np.float32(w)
    everyone = np.arange(n, dtype=np.int32)
    pre = acc.astype(np.float64) / total + index._birth_adjustment(everyone, birth_date)
    mine = pre[target]
    above = int(np.sum(pre > mine + 1e-6))
    tied = int(np.sum(np.abs(pre - mine) <= 1e-6)) - 1
    if acc[target] == 0:
        verdict = "unreached"
    elif above >= limit:
        verdict = f"outranked ({above} above)"
    else:
        verdict = f"tie ({above} above, {tied} tied)"
    out = [f"{verdict}; pre-score {mine:.3f}, best {pre.max():.3f}"]
    for parts in names:
        for label, keys, real, own_keys in index._query_keys(parts):
            weight, label_groups = index._label_plan(keys, own_keys)
            reach = [
                bool(np.isin(target, index._group_entries(spans))) for spans, _w in label_groups
            ]
            starts, stops = index._lookup(list(keys))
            own = int(stops[0] - starts[0])
            tag = "" if real else " (joined)"
            out.append(
                f"{label}{tag}: w {weight:.2f}, own {own}, groups {len(label_groups)}, "
                f"reach {''.join('+' if r else '-' for r in reach)}"
            )
    return "; ".join(out)


def run(bench: Any, old_mod: ModuleType, args: argparse.Namespace, seed: int, n: int) -> None:
    from passage.core.names import normalise_name
    from passage.core.screening import ScreeningIndex

    rng = random.Random(seed)
    t0 = time.perf_counter()
    world = bench.World(args.half, n, rng)
    sets, _negs = world.queries(rng, args.queries, 0)
    print(
        f"\n{args.half}: {n:,} entries, seed {seed}, {args.queries} queries per set "
        f"(world made in {time.perf_counter() - t0:.0f} s; load average "
        f"{os.getloadavg()[0]:.1f})"
    )
    for kind, text in world.sources.items():
        print(f"  {args.half}: {kind:9s} data {text}")
    version = f"{args.half}-{n}-seed{seed}"
    indexes = {
        "before": built(old_mod.ScreeningIndex, world, version, args.index_cache, "before"),
        "now": built(ScreeningIndex, world, version, args.index_cache, "now"),
    }
    if args.tied is not None:
        indexes["now"].candidate_tied = args.tied
    if args.tie_slack is not None:
        indexes["now"].tie_slack = args.tie_slack
    print(
        f"  now: up to {indexes['now'].candidate_tied} candidates when tied within "
        f"{indexes['now'].tie_slack} of the last"
    )
    for tag, index in indexes.items():
        print(
            f"  {tag:6s}: normaliser {index.meta['normaliser_version']}, "
            f"{index.meta['keys']:,} keys, {index.meta['postings']:,} postings, "
            f"{index.nbytes / 1e6:.0f} MB of arrays"
        )
    b, a = indexes["before"].meta, indexes["now"].meta
    print(
        f"  now/before: keys {a['keys'] / b['keys']:.2f}x, postings "
        f"{a['postings'] / b['postings']:.2f}x, bytes "
        f"{indexes['now'].nbytes / indexes['before'].nbytes:.2f}x"
    )
    cpu: dict[str, dict[str, list[float]]] = {t: {"candidates": [], "screen": []} for t in indexes}
    sizes: dict[str, list[int]] = {t: [] for t in indexes}
    load0 = os.getloadavg()[0]
    rows = []
    for label, items in sets.items():
        found: dict[str, list[bool]] = {t: [] for t in indexes}
        lost = []
        for i, (q, tid) in enumerate(items):
            names = [normalise_name(x).parts for x in q.names if x and x.strip()]
            # Each index goes first every other query: the scoring caches they share
            # (prepared parts) favour neither.
            order = list(indexes.items())
            for tag, index in order if i % 2 else order[::-1]:
                c = time.thread_time()
                cands = index.candidates(
                    names, "", index.limit_for(q.birth_date), birth_date=q.birth_date
                )
                cpu[tag]["candidates"].append(time.thread_time() - c)
                sizes[tag].append(len(cands))
                ok = tid in {index.entry_id(int(e)) for e in cands.tolist()}
                found[tag].append(ok)
                c = time.thread_time()
                index.screen(q)
                cpu[tag]["screen"].append(time.thread_time() - c)
                if tag == "now" and not ok:
                    lost.append((q, tid))
        rows.append((label, len(items), np.mean(found["before"]), np.mean(found["now"])))
        if args.show_lost and lost:
            by_id = {e.id: e for e in world.entries}
            print(f"  lost by now, {label}:")
            for q, tid in lost[: args.show_lost]:
                parts = [p.text for x in q.names for p in normalise_name(x).parts]
                print(f"    {q.names[0]} {parts} -> {by_id[tid].names[-1]}")
                if args.why_lost:
                    now = indexes["now"]
                    names = [normalise_name(x).parts for x in q.names if x and x.strip()]
                    target = int(tid[1:]) if tid[1:].isdigit() else -1
                    print(
                        "      "
                        + why_lost(now, names, q.birth_date, target, now.limit_for(q.birth_date))
                    )
    print(f"  {args.half}: recall@candidates ({n:,} entries, seed {seed}): before -> now")
    for label, count, before, now in rows:
        print(f"    {label:16s} {before:.3f} -> {now:.3f}  ({count} queries)")
    for what in ("candidates", "screen"):
        old, new = cpu["before"][what], cpu["now"][what]
        print(
            f"  CPU per query, {what}(): before p50 {pct(old, 50) * 1e3:.2f} ms, p95 "
            f"{pct(old, 95) * 1e3:.2f} ms; now p50 {pct(new, 50) * 1e3:.2f} ms, p95 "
            f"{pct(new, 95) * 1e3:.2f} ms; now/before total {sum(new) / sum(old):.2f}x "
            f"({len(new):,} queries)"
        )
    for tag, counts in sizes.items():
        print(
            f"  candidates per query, {tag}: mean {np.mean(counts):.1f}, p95 "
            f"{pct([float(c) for c in counts], 95):.0f}, most {max(counts)}"
        )
    print(
        f"  load average {load0:.1f} at the start of the queries, "
        f"{os.getloadavg()[0]:.1f} at the end, {os.cpu_count()} CPUs"
    )
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--half", choices=("fit", "report"), default="report")
    ap.add_argument("--seeds", default="5,7,13", help="comma-separated")
    ap.add_argument("--entries", default="100000", help="comma-separated list sizes")
    ap.add_argument("--queries", type=int, default=300, help="queries per recall set")
    ap.add_argument(
        "--before",
        default="bb6e511",
        help="commit whose index.py is the baseline (default: the code before decisions "
        "0202 and 0203; cc73bdf is the code before decision 0200)",
    )
    ap.add_argument("--index-cache", type=Path, help="keep the built indexes in this folder")
    ap.add_argument("--show-lost", type=int, default=0)
    ap.add_argument("--tied", type=int, help="the current index's candidate_tied (a variant)")
    ap.add_argument("--tie-slack", type=float, help="the current index's tie_slack (a variant)")
    ap.add_argument(
        "--why-lost",
        action="store_true",
        help="with --show-lost: each lost target's rank and which query parts reach it",
    )
    args = ap.parse_args(argv)
    bench = _load("bench_screening", HERE / "screening.py")
    bench.require_data()
    old_mod = index_before(args.before)
    print(
        f"bench/candidates.py  {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  "
        f"half {args.half}, seeds {args.seeds}, entries {args.entries}, before = {args.before}"
    )
    for n in (int(x) for x in args.entries.split(",")):
        for seed in (int(x) for x in args.seeds.split(",")):
            run(bench, old_mod, args, seed, n)


if __name__ == "__main__":
    main()
