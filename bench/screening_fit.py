"""Fit the screening calibration on the *fit* half of the data; write it into core.

``python bench/screening_fit.py [--entries 100000,1000000]`` builds the fit world of
``bench/screening.py`` (training token splits, the even SHA-256 half of the innocent
travellers and of the OFAC individuals; never the report data), screens its queries with
raw scores, and fits for each comparison kind (``latin``, ``arabic``, ``cyrillic``,
``hebrew``, ``cjk``) a logistic ``P(match) = sigma(a*s + b)`` of the raw score ``s``: the
listed target's score is a match, an innocent's best score and the best other entry's
score for a recall query are not; only scores of at least ``--floor`` (0.75: where
decisions are made; with 0.5 the easy bulk set the slope and flattened every script's
curve in the region that matters, decision 185) count, the two classes weighted equally.
``--per-query`` (a dry-run study, decision 214) weighs each class's tail by its share of
the queries of that kind screened instead: the likelihood ratio of a whole screened
query; measured on the report half it cost Arabic script without a date 0.03 to 0.05 and
bought the Latin sets nothing, so it was not kept.
On the calibrated scores, the *undated offset* (decision 188) is the lowest threshold of
a 0.005 grid at which the fit half's Latin innocents *without* their birth date alert at
most ``--alert-rate``, less the same threshold for those *with* it; it is taken off every
calibrated score with no birth date to compare. Since decision 197 the offset has a
shape: in full for names that ``10**--undated-common`` or more people on the list could
bear by chance, none at ``10**--undated-rare`` or fewer, and ``--undated-per-part`` more
per name part on one side only; the offset is then the smallest (0.005 grid) at which the
Latin innocents without their date alert at most ``--alert-rate`` at the threshold those
with it set. The threshold is then the lowest at which both alert at most
``--alert-rate``. Since decision 206 the offset is fitted at each list size of
``--entries`` (one fit world per size, same seed; the kinds from the smallest): a tenfold
list holds tenfold near-namesakes for a traveller without a date to meet, and the engine
interpolates the offset in ``log10`` of its list size between the fitted sizes. Since
decision 226 the threshold and the offsets are set by the innocents whose names are
written in Latin letters; a kind whose script has at least ``--tail-min`` (1,000) innocents
in the fit half (Han, kana and Hangul: 1,955) then has a *tail*, the least taken off its
calibrated scores for those innocents, with and without their dates and at every size
together, to alert at most ``--alert-rate`` at that threshold; the threshold is then the
lowest at which every innocent, whatever the script, does. Writes
``src/passage/core/screening/fitted.py``; the same seed and data give the same file.
``--show-misses N`` prints up to N altered-Latin targets per set (with and without a
birth date) left under the fitted threshold: the alteration, whether retrieval proposed
the target, and the target's explanation. Fit half only; the report half's misses are
not for looking at.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import pickle
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
_spec = importlib.util.spec_from_file_location("screening_bench", HERE / "screening.py")
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
sys.modules["screening_bench"] = bench  # so its Measured pickles (--save-scores)
_spec.loader.exec_module(bench)


OUT = HERE.parent / "src" / "passage" / "core" / "screening" / "fitted.py"
FLOOR = 0.75


def fit_logistic(
    pos: list[float], neg: list[float], shares: tuple[float, float] | None = None
) -> tuple[float, float]:
    """Weighted logistic regression of one feature by Newton's method (classes balanced).

    ``shares``: the share of all screened matches and of all screened non-matches that
    ``pos`` and ``neg`` are (those at or above the floor); each class then weighs its
    share, so the fit is of the whole populations' likelihood ratio, not of the tails'."""
    x = np.array(pos + neg, dtype=np.float64)
    y = np.array([1.0] * len(pos) + [0.0] * len(neg))
    wp, wn = shares or (1.0, 1.0)
    w = np.where(y == 1, 0.5 * wp / max(1, len(pos)), 0.5 * wn / max(1, len(neg)))
    a, b = 10.0, -8.0
    for _ in range(100):
        p = 1 / (1 + np.exp(-(a * x + b)))
        g = np.array([np.sum(w * (p - y) * x), np.sum(w * (p - y))])
        h = w * p * (1 - p)
        hess = np.array([[np.sum(h * x * x), np.sum(h * x)], [np.sum(h * x), np.sum(h)]])
        hess += np.eye(2) * 1e-6
        step = np.linalg.solve(hess, g)
        a, b = a - step[0], b - step[1]
        if np.abs(step).max() < 1e-9:
            break
    return float(a), float(b)


def _per_size(path: Path | None, n: int, seed: int, several: bool, ext: str) -> Path | None:
    """The cache/score file of the ``n``-entry world: ``path`` itself for one size; for
    several, ``path`` formatted with ``{entries}``, or ``fit-<n>-seed<seed>.<ext>`` in the
    directory ``path``."""
    if path is None:
        return None
    if "{entries}" in str(path):
        return Path(str(path).format(entries=n))
    if path.is_dir():
        return path / f"fit-{n}-seed{seed}.{ext}"
    if several:
        sys.exit(
            f"bench/screening_fit.py: {path}: with several --entries give a directory or {{entries}}"
        )
    return path


def common_cost(chance: float, cost: float, most: float) -> float:
    """The common-name adjustment of a name ``chance`` people on the list could bear by
    chance: ``-min(most, cost * log2(1 + 10 * chance))``, the form of
    :func:`.scoring.score_subjects` with other constants (a study: ``--common-cost``)."""
    return -min(most, cost * math.log2(1.0 + 10.0 * chance))


def reprice(m: Any, cost: float, most: float, on_scale: Any = None) -> Any:
    """The run ``m`` with every hit's raw score priced with another common-name shape: the
    adjustment the hit was screened with (kept in its raw hit) is taken out and the one
    of ``cost`` and ``most`` put in. A hit with a confirming birth date has no chance
    namesakes and is left as it was."""

    def scale(group: str) -> float:
        """``--common-on-scale``: the raw cost that costs ``cost`` on the Latin scale."""
        if on_scale is None:
            return 1.0
        kind = group.split()[0]
        return on_scale["latin"][0] / on_scale[kind][0] if kind in on_scale else 1.0

    for label, per_query in m.hits.items():
        m.hits[label] = [
            [
                (
                    h[0] - h[5] + common_cost(h[3], cost, most) * scale(h[1]),
                    *h[1:5],
                    common_cost(h[3], cost, most) * scale(h[1]),
                )
                if len(h) > 5 and h[3] is not None
                else h
                for h in hits
            ]
            for hits in per_query
        ]
    return m


def _sizes(text: str) -> list[int]:
    """``--entries``: one list size or several, comma-separated (``100000,1000000``)."""
    sizes = sorted({int(x.replace("_", "")) for x in text.split(",") if x.strip()})
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError(f"list sizes, e.g. 100000,1000000: {text!r}")
    return sizes


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--entries",
        type=_sizes,
        default=[100_000, 1_000_000],
        help="list size(s) of the fit worlds, comma-separated (decision 206)",
    )
    ap.add_argument("--innocents", type=int, default=25_000)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--alert-rate", type=float, default=0.0015)
    ap.add_argument("--floor", type=float, default=FLOOR, help="lowest raw score fitted on")
    ap.add_argument(
        "--save-scores",
        type=Path,
        help="keep the raw scores here (pickle; a directory or {entries} for several sizes)",
    )
    ap.add_argument(
        "--load-scores", type=Path, help="fit on raw scores saved by --save-scores (same world)"
    )
    ap.add_argument(
        "--undated-offset",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="fit the offset of comparisons without a birth date (decision 188)",
    )
    ap.add_argument(
        "--undated-per-part",
        type=float,
        default=0.05,
        help="offset per name part on one side only, without a birth date (decision 197)",
    )
    ap.add_argument(
        "--undated-rare",
        type=float,
        default=-6.0,
        help="log10 of the chance namesakes at or below which no offset is taken",
    )
    ap.add_argument(
        "--undated-common",
        type=float,
        default=-2.0,
        help="log10 of the chance namesakes from which the whole offset is taken",
    )
    ap.add_argument(
        "--flat-undated",
        action="store_true",
        help="a flat offset for every name (decisions 188 to 193)",
    )
    ap.add_argument(
        "--common-cost",
        type=float,
        default=None,
        help="study (with --dry-run): price common names at this cost per doubling of 10*E",
    )
    ap.add_argument(
        "--common-max",
        type=float,
        default=None,
        help="study (with --dry-run): the largest common-name adjustment",
    )
    ap.add_argument(
        "--common-on-scale",
        action="store_true",
        help="study (with --dry-run): the common-name cost the same on the Latin scale for every kind",
    )
    ap.add_argument(
        "--per-query",
        action="store_true",
        help="study (with --dry-run): weigh each kind's tails by their share of the queries "
        "screened (decision 214: measured, not kept)",
    )
    ap.add_argument(
        "--tail-min",
        type=int,
        default=1000,
        help="fit a kind's tail on the innocents written in its script when those screened "
        "hold at least this many of them (decision 226; 0: no tails, and the threshold and "
        "offsets set by every innocent, as before)",
    )
    ap.add_argument("--dry-run", action="store_true", help="print, do not write fitted.py")
    ap.add_argument(
        "--index-cache",
        type=Path,
        help="load/save the fit index here (a directory or {entries} for several sizes)",
    )
    ap.add_argument(
        "--show-misses",
        type=int,
        default=0,
        metavar="N",
        help="print up to N altered-Latin targets under the threshold per set (fit half only)",
    )
    args = ap.parse_args(argv)
    if args.per_query and not args.dry_run:
        ap.error("--per-query is a study (decision 214): give --dry-run")
    # The common-name studies reprice every run's hits (reprice); the engine does not.
    repricing = args.common_cost is not None or args.common_max is not None or args.common_on_scale
    if repricing and not args.dry_run:
        ap.error(
            "--common-cost, --common-max and --common-on-scale are a study: the engine prices common names "
            "with its own constants, so give --dry-run"
        )
    if not bench.data().is_dir():
        sys.exit(f"bench/screening_fit.py: {bench.data()} is missing; nothing to fit on")
    sizes: list[int] = args.entries
    from passage.core.screening.calibration import calibrate
    from passage.core.screening.fitted import FITTED
    from passage.core.screening.scoring import COMMON_NAME_COST, COMMON_NAME_MAX

    common_shape = (
        COMMON_NAME_COST if args.common_cost is None else args.common_cost,
        COMMON_NAME_MAX if args.common_max is None else args.common_max,
        FITTED["kinds"] if args.common_on_scale else None,
    )
    several = len(sizes) > 1
    print(
        f"bench/screening_fit.py  {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  seed {args.seed}"
        f"  entries {', '.join(f'{n:,}' for n in sizes)}"
    )
    # One fit world per list size, each as a run at that size alone would build it (its
    # own generator from the seed); only the raw scores are kept, the smallest world too
    # when its misses are to be shown.
    runs: dict[int, Any] = {}
    keep: tuple[Any, Any, Any] | None = None
    sources: dict[str, str] = {}
    for n in sizes:
        rng = random.Random(args.seed)
        world = bench.World("fit", n, rng, origin=False)
        sources = world.sources
        if n == sizes[0]:
            for kind, text in world.sources.items():
                print(f"fit: {kind:9s} data {text}")
        version = f"fit-{n}-seed{args.seed}"
        cache = _per_size(args.index_cache, n, args.seed, several, "idx")
        load = _per_size(args.load_scores, n, args.seed, several, "pkl")
        loading = load is not None and load.exists()
        if loading and not (args.show_misses and n == sizes[0]):
            with load.open("rb") as fh:  # type: ignore[union-attr]
                m = pickle.load(fh)  # noqa: S301 - a file this script wrote
            print(f"fit: {n:,} entries: raw scores loaded from {load}")
            m.entries = n
            if repricing:
                m = reprice(m, *common_shape)
            runs[n] = m
            continue
        index, _loaded = bench.cached_index(
            world.entries, version, cache, "fit", what=f"{n:,} entries: "
        )
        index.calibration = {}  # raw scores
        sets, negs = world.queries(rng, args.queries, args.innocents)
        if load is not None and loading:
            with load.open("rb") as fh:
                m = pickle.load(fh)  # noqa: S301 - a file this script wrote
            print(f"fit: {n:,} entries: raw scores loaded from {load}")
        else:
            t0 = time.perf_counter()
            m = bench.measure(index, sets, negs)
            print(f"fit: {n:,} entries: screened in {time.perf_counter() - t0:.1f} s")
            save = _per_size(args.save_scores, n, args.seed, several, "pkl")
            if save is not None:
                with save.open("wb") as fh:
                    pickle.dump(m, fh)
        m.entries = n
        if repricing:
            m = reprice(m, *common_shape)
        runs[n] = m
        if args.show_misses and n == sizes[0]:
            keep = (index, world, sets)
        del world, index
    # Per kind (decisions 70, 185): the target's hit is a match; the best other hit of a
    # recall query and the best hit of an innocent are not; each hit counts in its kind.
    # The kinds are fitted on the smallest world: a larger list adds near-namesakes,
    # which the undated offset by list size answers (decision 206).
    pos: dict[str, list[float]] = {}
    neg: dict[str, list[float]] = {}
    # Queries screened per kind (the kind of a query's comparisons with a Latin name,
    # hits or none): what share of them the tails are (--per-query, decision 214).
    n_pos: Counter[str] = Counter()
    n_neg: Counter[str] = Counter()
    first = runs[sizes[0]]
    query_kinds = getattr(first, "query_kind", None)
    if args.per_query and not query_kinds:
        sys.exit("bench/screening_fit.py: these saved scores predate --per-query; screen again")
    for label, per_query in first.hits.items():
        n_recall = len(first.target.get(label, []))
        for q, hits in enumerate(per_query):
            mine = [h for h in hits if h[2]]
            others = [h for h in hits if not h[2]]
            if query_kinds:
                own = query_kinds[label][q]
                n_pos[own] += q < n_recall
                n_neg[own] += 1
            if q < n_recall and mine:
                pos.setdefault(mine[0][1].split()[0], []).append(mine[0][0])
            if others:
                best = max(others, key=lambda h: h[0])
                neg.setdefault(best[1].split()[0], []).append(best[0])
    kinds: dict[str, list[float]] = {}
    for kind in bench.FITTED_KINDS:
        p = [s for s in pos.get(kind, []) if s >= args.floor]
        n_ = [s for s in neg.get(kind, []) if s >= args.floor]
        shares = None
        if args.per_query:
            shares = (len(p) / max(1, n_pos[kind]), len(n_) / max(1, n_neg[kind]))
        a, b = fit_logistic(p, n_, shares)
        kinds[kind] = [round(a, 4), round(b, 4)]
        screened = (
            (f" of {n_pos[kind]} screened", f" of {n_neg[kind]}") if query_kinds else ("", "")
        )
        print(
            f"fit: kind {kind:9s} sigma({a:.3f}*s {b:+.3f}) from {len(p)} matches{screened[0]}, "
            f"{len(n_)} non-matches{screened[1]} >= {args.floor}"
        )

    def lowest(scores: list[float]) -> float:
        """The lowest threshold on the grid at which these innocents alert at most the rate."""
        grid = np.arange(0.70, 0.99, 0.005)
        t = next((t for t in grid if bench.rate(scores, t) <= args.alert_rate), 0.99)
        return round(float(t), 3)

    # Without a date to compare, the same calibrated score is reached by far more
    # innocents: the offset makes the one threshold mean the same innocent alert rate with
    # and without a date (decision 188), graded by the name's information (decision 197),
    # and fitted at each list size (decision 206): a tenfold list holds tenfold
    # near-namesakes for a traveller without a date to meet.
    # Travellers with a date meet more namesakes on a longer list too: the threshold is
    # the smallest world's, and a larger one takes off every score what its own dated
    # innocents ask above it (the list offset; decision 206).
    # Since decision 226 the innocents whose names are written in Latin letters set the
    # threshold and the offsets; those of another script are held to the same rate by
    # their kind's tail (below), then every innocent by the threshold.
    if args.tail_min and not all(hasattr(m, "query_kind") for m in runs.values()):
        sys.exit("bench/screening_fit.py: these saved scores predate query kinds; screen again")

    def own_kinds(m: Any, label: str) -> list[str]:
        """The script kind of each innocent of ``label`` (the last queries of a label)."""
        if not args.tail_min:
            return ["latin"] * len(m.innocent[label])
        return bench.innocents_of(m, label, m.query_kind[label])

    def written(m: Any, label: str, kind: str, scores: list[float]) -> list[float]:
        """The scores of the innocents of ``label`` whose names are written as ``kind``."""
        return [s for s, k in zip(scores, own_kinds(m, label), strict=True) if k == kind]

    on_kinds = {n: bench.recalibrate(m, kinds, n) for n, m in runs.items()}
    dated_at = {
        n: lowest(written(runs[n], "latin dob", "latin", c.innocent["latin dob"]))
        for n, c in on_kinds.items()
    }
    undated_at = {
        n: lowest(written(runs[n], "latin no dob", "latin", c.innocent["latin no dob"]))
        for n, c in on_kinds.items()
    }
    dated = dated_at[sizes[0]]
    listed = {n: round(max(0.0, dated_at[n] - dated), 3) for n in sizes}
    shape: list[float] = []
    offsets: dict[int, float] = {}
    if not args.undated_offset:
        offsets = {n: 0.0 for n in sizes}
    elif args.flat_undated:
        offsets = {n: round(max(0.0, undated_at[n] - dated_at[n]), 3) for n in sizes}
    else:
        shape = [args.undated_per_part, args.undated_rare, args.undated_common]

        def undated_best(m: Any, u: float, d: float) -> list[float]:
            """Each undated Latin-script innocent's best calibrated score with offset
            ``u`` (and the list offset ``d``)."""
            table = {**kinds, "undated": [u, *shape]}
            label = "latin no dob"
            return [
                max(
                    (calibrate(h[1], h[0], table, chance=h[3], extra=h[4]) - d for h in hits),
                    default=0.0,
                )
                for hits, own in zip(
                    bench.innocents_of(m, label, m.hits[label]),
                    own_kinds(m, label),
                    strict=True,
                )
                if own == "latin"
            ]

        for n, m in runs.items():
            offsets[n] = next(
                (
                    round(float(u), 3)
                    for u in np.arange(0.0, 0.4, 0.005)
                    if bench.rate(undated_best(m, float(u), listed[n]), dated) <= args.alert_rate
                ),
                0.4,
            )
    for n in sizes:
        print(
            f"fit: {n:>9,} entries: lowest threshold for Latin-script innocents <= {args.alert_rate * 100:.2f} %: "
            f"{dated_at[n]:.3f} with a birth date, {undated_at[n]:.3f} without (no offset); "
            f"list offset {listed[n]:.3f}, undated offset {offsets[n]:.3f} at {dated:.3f}"
        )
    if shape:
        print(
            f"fit: offset in full from 10^{shape[2]:g} chance namesakes, none at 10^{shape[1]:g}; "
            f"{shape[0]:.3f} per name part on one side only"
        )
    table: dict[str, list[float]] = {
        **kinds,
        "undated": [offsets[sizes[0]], *shape],
    }
    if several:
        table["undated sizes"] = [float(x) for n in sizes for x in (n, offsets[n])]
        table["list sizes"] = [float(x) for n in sizes for x in (n, listed[n])]
    # A kind's tail (decision 226): the logistic is fitted on the fit world's composed
    # names, and real travellers of a script may meet the list by chance far more often.
    # A script with at least --tail-min innocents in the fit half has its kind's scores
    # lowered by the least (0.005 grid) that holds them, with and without their dates and
    # at every size together, to --alert-rate at the threshold the Latin-script ones set.
    tails: dict[str, float] = {}
    counts = Counter(own_kinds(runs[sizes[0]], "latin dob"))
    for kind in bench.FITTED_KINDS:
        if kind == "latin" or not args.tail_min or counts[kind] < args.tail_min:
            continue
        # Each of those innocents' hits, with its list size, for the best score per tail.
        theirs = [
            (n, hits)
            for n, m in runs.items()
            for label in ("latin dob", "latin no dob")
            for hits, own in zip(
                bench.innocents_of(m, label, m.hits[label]),
                own_kinds(m, label),
                strict=True,
            )
            if own == kind
        ]
        held = False
        for tail in np.arange(0.0, 0.3, 0.005):
            tried = {**table, kind: [*kinds[kind], round(float(tail), 3)]}
            scores = [
                max(
                    (
                        calibrate(h[1], h[0], tried, chance=h[3], extra=h[4], entries=n)
                        for h in hits
                    ),
                    default=0.0,
                )
                for n, hits in theirs
            ]
            if held := bench.rate(scores, dated) <= args.alert_rate:
                break
        if not held:
            print(
                f"fit: kind {kind:9s} no tail on the grid holds its {counts[kind]:,} innocents "
                f"to {args.alert_rate * 100:.2f} % at {dated:.3f}; it takes the largest, {tail:.3f}"
            )
        if round(float(tail), 3) == 0.0:
            print(f"fit: kind {kind:9s} needs no tail: its innocents alert at most the rate")
            continue
        tails[kind] = round(float(tail), 3)
        kinds[kind] = [*kinds[kind], tails[kind]]
        table[kind] = kinds[kind]
        print(
            f"fit: kind {kind:9s} tail {tails[kind]:.3f}: its {counts[kind]:,} innocents written "
            f"in its script alert at most {args.alert_rate * 100:.2f} % at {dated:.3f}, "
            "with and without a date and at every size together"
        )
    cal = {n: bench.recalibrate(m, table, n) for n, m in runs.items()}
    threshold = next(
        (
            t
            for t in np.arange(0.70, 0.99, 0.005)
            if all(
                bench.rate(c.innocent[label], t) <= args.alert_rate
                for c in cal.values()
                for label in ("latin dob", "latin no dob")
            )
        ),
        0.99,
    )
    threshold = round(float(threshold), 3)
    print(
        f"fit: threshold {threshold:.3f} (lowest with every fit-half innocent of negatives_latin.csv, whatever the script, alerting <= {args.alert_rate * 100:.2f} % at every size)"
    )
    for n, c in cal.items():
        for label, best in c.innocent.items():
            print(
                f"fit: {n:>9,} entries: innocents alerting {label:16s} {bench.rate(best, threshold) * 100:.3f} % (calibrated)"
            )
        for label, scores in c.target.items():
            print(
                f"fit: {n:>9,} entries: recall {label:16s} {bench.rate(scores, threshold):.3f} (calibrated; data the calibration was fitted on)"
            )
    fitted_on = (
        f"bench/screening_fit.py --entries {','.join(str(n) for n in sizes)} --queries {args.queries} "
        f"--innocents {args.innocents} --seed {args.seed} --alert-rate {args.alert_rate} "
        f"--floor {args.floor}{'' if args.undated_offset else ' --no-undated-offset'}"
        f" --tail-min {args.tail_min}"
        f"{' --flat-undated' if args.flat_undated else ''}"
        + (
            f" --undated-per-part {shape[0]} --undated-rare {shape[1]} --undated-common {shape[2]}"
            if shape
            else ""
        )
        + f": fit half ({'; '.join(sources.values())})"
    )
    text = (
        '"""Fitted screening constants. Written by ``bench/screening_fit.py``; do not edit by hand.\n\n'
        "``kinds``: per comparison kind, ``(a, b)`` of ``P(match) = sigma(a*s + b)`` on raw scores,\n"
        "and a third value, the kind's tail, where its script's innocents fitted one (decision 226);\n"
        "``undated_offset``: taken off a calibrated score with no birth date to compare;\n"
        "``undated_shape``: ``(per_extra_part, rare, common)`` of that offset (decision 197);\n"
        "``undated_sizes``: ``(list size, offset)`` fitted per fit world (decision 206);\n"
        "``list_sizes``: ``(list size, offset)`` off every score (decision 206);\n"
        "``threshold``: on the Latin scale (:mod:`.calibration`).\n"
        '"""\n\n'
        f'FITTED = {{\n    "fitted_on": {json.dumps(fitted_on)},\n    "kinds": {{\n'
        + "".join(f"        {json.dumps(k)}: {v!r},\n" for k, v in kinds.items())
        + f'    }},\n    "undated_offset": {offsets[sizes[0]]!r},\n'
        + (f'    "undated_shape": {shape!r},\n' if shape else "")
        + (
            f'    "undated_sizes": {[[n, offsets[n]] for n in sizes]!r},\n'
            f'    "list_sizes": {[[n, listed[n]] for n in sizes]!r},\n'
            if several
            else ""
        )
        + f'    "threshold": {threshold!r},\n}}\n'
    )
    if keep is not None:
        index, world, sets = keep
        show_misses(index, world, sets, cal[sizes[0]], threshold, table, args.show_misses)
    if args.dry_run:
        print(text)
    else:
        OUT.write_text(text, encoding="utf-8")
        print(f"fit: wrote {OUT.relative_to(HERE.parent)}")


def show_misses(
    index: Any,
    world: Any,
    sets: dict[str, list[tuple[Any, str]]],
    cal: Any,
    threshold: float,
    table: dict[str, list[float]],
    limit: int,
) -> None:
    """The fit half's altered-Latin targets under the threshold: the alteration (in the
    query id), the query and listed names, whether retrieval proposed the target, and the
    target's calibrated score with what matched. Fit data only: the report half's misses
    are never looked at."""
    from passage.core.screening.evidence import normalise_country
    from passage.core.screening.scoring import make_subject

    index.calibration = table
    for label in ("altered", "altered no dob"):
        shown = 0
        for (q, tid), score, reached in zip(
            sets[label], cal.target[label], cal.reached[label], strict=True
        ):
            if score >= threshold or shown >= limit:
                continue
            shown += 1
            e = int(tid[1:])
            subject = make_subject(q.names, q.birth_date, normalise_country(q.nationality), "")
            scored = [s for _, s in index.score_entries(subject, [e])]
            how = q.id.split(":", 1)[1]
            print(
                f"fit: miss {label:14s} {how:12s} {'cand' if reached else 'NOT-CAND':8s} "
                f"{score:.3f}  {q.names[0]!r} -> {list(world.entries[e].names)!r}"
                f" [{world.kind[e]}]"
            )
            if scored:
                x = scored[0].explanation()
                print(f"      name {json.dumps(x.get('name'), default=str)[:600]}")
                print(
                    f"      birth {x.get('birth_date')} common {x.get('common_name')} "
                    f"cal {x.get('calibration')}"
                )
    index.calibration = {}


if __name__ == "__main__":
    main()
