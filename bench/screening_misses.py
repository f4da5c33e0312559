"""Print the misses of one recall set, and the innocents that alert, on the *fit* half.

``python bench/screening_misses.py --set "arabic no dob" --seed 11 --entries 100000``
builds the fit world of ``bench/screening.py`` (the world ``bench/screening_fit.py``
fits on; never the report half: misses are read on fit data only), screens the set's
queries with the calibration now in ``fitted.py`` and sorts every miss into one of three
kinds:

- ``not a candidate``: retrieval did not bring the listed target among those scored;
- ``below``: the target is the best hit but under the threshold;
- ``beaten``: another entry scores at least as high as the target.

Each miss is printed with the target's score, its explanation (part pairs, how each
matched, chance namesakes, parts on one side only, the undated offset) and the best
other hit's score (the margin). ``--innocents`` also prints the innocents of the same
label whose best hit reaches ``--innocent-floor``, with the same explanation, so what
would part a miss from an innocent can be read off the same fit-half run;
``--innocent-label 'latin no dob'`` prints another label's innocents (the Latin ones,
which set the threshold).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
_spec = importlib.util.spec_from_file_location("screening_bench", HERE / "screening.py")
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
sys.modules["screening_bench"] = bench
_spec.loader.exec_module(bench)


def describe(hit: Any) -> str:
    """One line of a hit's explanation: score, raw score, parts, chance, extra, offset."""
    ex = hit.explanation
    cal = ex["calibration"]
    parts = " ".join(
        f"{p['query']}~{p['entry']}:{p['similarity']:.2f}/{p['how']}" for p in ex["name"]["parts"]
    )
    left = ex["name"]["unmatched_query"], ex["name"]["unmatched_entry"]
    return (
        f"{hit.score:.3f} (raw {cal['raw_score']:.3f}, name {ex['name']['score']:.3f}, "
        f"E {cal['chance_namesakes']}, extra {cal['extra_parts']}, offset "
        f"{cal['undated_offset']:.3f}, common {ex['common_name']['adjustment']}, peers {cal.get('peer_counts') or '-'}, born "
        f"{ex['birth_date']['query']}~{ex['birth_date']['entry']}:{ex['birth_date']['evidence']}"
        f"/{ex['birth_date']['adjustment']}, nat {ex['nationality']['evidence']}) "
        f"[{ex['name']['entry']}] {parts} left q{left[0]} e{left[1]}"
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--set", default="arabic no dob", help="a recall set, e.g. 'arabic no dob'")
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--innocents", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--threshold", type=float, default=bench.DEFAULT_THRESHOLD)
    ap.add_argument("--index-cache", type=Path)
    ap.add_argument("--show-innocents", action="store_true")
    ap.add_argument("--innocent-floor", type=float, default=0.78)
    ap.add_argument(
        "--innocent-label",
        help="the innocents to print (default: the set's own label; e.g. 'latin no dob')",
    )
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    world = bench.World("fit", args.entries, rng)
    version = f"fit-{args.entries}-seed{args.seed}"
    # Loaded from --index-cache when it holds this list, else built and saved there.
    index, _ = bench.cached_index(world.entries, version, args.index_cache, "misses")
    sets, negs = world.queries(rng, args.queries, args.innocents)
    sets.update(world.alias_sets(rng, args.queries))
    by_id = {e.id: e for e in world.entries}
    kinds: Counter[str] = Counter()
    print(f"fit half, seed {args.seed}, {args.entries:,} entries, threshold {args.threshold}")
    for q, tid in sets[args.set]:
        names = [bench.normalise_name(n).parts for n in q.names]
        cands = index.candidates(names, "", index.limit_for(q.birth_date), birth_date=q.birth_date)
        ids = {index.entry_id(int(e)) for e in cands.tolist()}
        hits = index.screen(q, threshold=0.0)
        mine = [h for h in hits if h.entry_id == tid]
        others = [h for h in hits if h.entry_id != tid]
        if mine and mine[0].score >= args.threshold and hits[0].entry_id == tid:
            kinds["found"] += 1
            continue
        if tid not in ids:
            kind = "not a candidate"
        elif others and others[0].score >= mine[0].score:
            kind = "beaten"
        else:
            kind = "below"
        kinds[kind] += 1
        target = by_id[tid]
        print(f"\n{kind}: {q.id} {q.names[0]!r} -> {tid} {target.names}")
        if mine:
            print(f"  target {describe(mine[0])}")
        if others:
            print(f"  other  {describe(others[0])}")
    print("\n" + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    if args.show_innocents:
        label = args.innocent_label or args.set
        print(f"\ninnocents {label} reaching {args.innocent_floor}:")
        for q in negs.get(label, []):
            hits = index.screen(q, threshold=args.innocent_floor)
            if hits:
                print(f"  {q.id} {q.names[0]!r}: {describe(hits[0])}")


if __name__ == "__main__":
    main()
