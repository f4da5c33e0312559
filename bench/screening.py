"""Screening benchmark: recall, innocent alert rate, latency, index size, and two peers.

Run ``python bench/screening.py [--entries 1000000] [--innocents 50000]``. Everything is
generated from a seed out of ../shared/data/screening (never downloaded):

* a list of ``--entries`` alert entries across scripts: Latin names drawn from the
  innocent-traveller file's name parts, names built from the Arabic and Russian
  transliteration token files (English spellings, 5 % written in the other script), the
  OFAC individuals; partial birth dates, nationalities, document numbers;
* altered-name queries (typo, swapped order, dropped middle name, particles,
  transliteration variants, MRZ spelling), Arabic-script and Cyrillic queries of
  Latin-listed names, each with its known target, birth date exact or one year off;
* the 50,000 innocent travellers of ``negatives_latin.csv``, who are on no list.

In the same run: exhaustive rapidfuzz scoring (``token_sort_ratio`` over every listed
name, two workers; on a subsample of queries, stated in the output) and nomenklatura
``logic-v2`` on our top candidates when it is installed.
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from passage.core.names import normalise_name, to_latin
from passage.core.screening import (
    DEFAULT_THRESHOLD,
    AlertEntry,
    DocumentList,
    Query,
    ScreeningIndex,
    parse_birth_date,
)


def _find_data() -> Path:
    """../shared/data/screening from the checkout (a worktree sits one level deeper)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "shared" / "data" / "screening"
        if candidate.is_dir():
            return candidate
    return here.parents[2] / "shared" / "data" / "screening"


DATA = _find_data()
NEEDED = [
    "negatives_latin.csv",
    "ofac_sdn.csv",
    "translit_arabic_tokens.tsv",
    "translit_russian_tokens.tsv",
]


def require_data() -> None:
    """Exit with a plain message naming what is missing, not a traceback."""
    missing = [name for name in NEEDED if not (DATA / name).is_file()]
    if missing:
        raise SystemExit(
            f"bench/screening.py needs the public screening data in {DATA}, which is missing "
            f"{', '.join(missing)}. Put ../shared/data/screening beside the checkout (its "
            "README names each file's source and licence); nothing is downloaded."
        )


NATIONALITIES = ["SYR", "IRQ", "EGY", "SAU", "YEM", "RUS", "UKR", "KAZ", "AFG", "PAK",
                 "DEU", "FRA", "GBR", "USA", "NGA", "ETH", "SOM", "LBY", "TUN", "MAR",
                 "IRN", "TUR", "COL", "MEX", "CHN", "IND", "ESP", "ITA", "POL", "SDN"]  # fmt: skip
VARIANTS = [("OU", "U"), ("U", "OU"), ("EE", "I"), ("I", "EE"), ("Y", "I"), ("I", "Y"),
            ("KH", "H"), ("SH", "CH"), ("J", "DJ"), ("MM", "M"), ("E", "A"), ("A", "E"),
            ("C", "K"), ("K", "C"), ("PH", "F"), ("V", "W"), ("O", "U"), ("IE", "Y")]  # fmt: skip


def load_tokens(path: Path) -> dict[str, list[str]]:
    table: dict[str, list[str]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[0].isalpha() and parts[0].isascii() and len(parts[0]) >= 3:
                table[parts[0].capitalize()].append(parts[1].replace(" ", ""))
    return dict(table)


def load_negatives() -> list[dict[str, str]]:
    with (DATA / "negatives_latin.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_ofac() -> list[str]:
    names = []
    with (DATA / "ofac_sdn.csv").open(encoding="utf-8", errors="replace") as fh:
        for row in csv.reader(fh):
            if len(row) > 2 and row[2].strip() == "individual":
                last, _, first = row[1].partition(",")
                names.append(f"{first.strip()} {last.strip()}".strip())
    return names


def random_date(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(1940, 2005), rng.randint(1, 12), rng.randint(1, 28)


def generate(n: int, rng: random.Random) -> tuple[list[AlertEntry], dict[str, Any]]:
    arabic = load_tokens(DATA / "translit_arabic_tokens.tsv")
    russian = load_tokens(DATA / "translit_russian_tokens.tsv")
    negatives = load_negatives()
    firsts = [r["first_name"] for r in negatives if r["first_name"]]
    lasts = [r["last_name"] for r in negatives if r["last_name"]]
    ofac = load_ofac()
    ar_keys, ru_keys = sorted(arabic), sorted(russian)
    entries: list[AlertEntry] = []
    meta: dict[str, Any] = {"kind": [], "tokens": [], "dob": []}
    for i in range(n):
        r = rng.random()
        if i < len(ofac) and r < 0.3:
            kind, tokens = "ofac", ofac[i].split()
        elif r < 0.40:
            kind = "latin"
            tokens = [rng.choice(firsts)] + ([rng.choice(firsts)] if rng.random() < 0.3 else [])
            tokens.append(rng.choice(lasts))
        elif r < 0.70:
            kind = "arabic"
            tokens = [rng.choice(ar_keys) for _ in range(rng.choice((2, 3, 3, 4)))]
        else:
            kind = "russian"
            tokens = [rng.choice(ru_keys) for _ in range(rng.choice((2, 3, 3)))]
        name = " ".join(tokens)
        written = name
        if kind == "arabic" and rng.random() < 0.05:
            written = " ".join(rng.choice(arabic[t]) for t in tokens)
        elif kind == "russian" and rng.random() < 0.05:
            written = " ".join(rng.choice(russian[t]) for t in tokens)
        names = [written] if written == name else [written, name]
        y, m, d = random_date(rng)
        p = rng.random()
        dob = (
            f"{y:04d}-{m:02d}-{d:02d}"
            if p < 0.8
            else f"{y:04d}"
            if p < 0.9
            else f"{y:04d}-{m:02d}"
            if p < 0.95
            else None
        )
        nat = rng.choice(NATIONALITIES) if rng.random() < 0.5 else None
        doc = (
            f"{rng.choice('ABCDEFGHJKLMNPRTUVWXY')}{rng.choice('ABCDEFGHJKLMNPRTUVWXY')}{rng.randint(0, 9999999):07d}"
            if rng.random() < 0.3
            else None
        )
        entries.append(AlertEntry(f"E{i}", tuple(names), parse_birth_date(dob), nat, doc))
        meta["kind"].append(kind)
        meta["tokens"].append(tokens)
        meta["dob"].append((y, m, d))
    meta["arabic"], meta["russian"] = arabic, russian
    return entries, meta


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("sub", "ins", "del", "swap"))
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    if op == "sub":
        return word[:i] + letter + word[i + 1 :]
    if op == "ins":
        return word[:i] + letter + word[i:]
    if op == "del":
        return word[:i] + word[i + 1 :]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def alter(tokens: list[str], rng: random.Random) -> tuple[list[str], str]:
    tokens = list(tokens)
    how = rng.choice(("typo", "swap", "drop_middle", "particle", "translit", "mrz", "typo2"))
    if how == "drop_middle" and len(tokens) < 3:
        how = "typo"
    if how in ("typo", "typo2"):
        k = rng.randrange(len(tokens))
        tokens[k] = typo(tokens[k], rng)
        if how == "typo2" and len(tokens) > 1:
            k2 = (k + 1) % len(tokens)
            tokens[k2] = typo(tokens[k2], rng)
    elif how == "swap":
        tokens = tokens[-1:] + tokens[:-1]
    elif how == "drop_middle":
        del tokens[1]
    elif how == "particle":
        choice = rng.choice(("bin", "al", "abd"))
        k = rng.randrange(1, len(tokens)) if len(tokens) > 1 else 0
        if choice == "bin":
            tokens.insert(k, rng.choice(("bin", "ibn", "ben")))
        elif choice == "al":
            tokens[k] = rng.choice(("al-", "el-", "Al ")) + tokens[k]
        else:
            tokens.insert(0, rng.choice(("Abd al-", "Abdul", "Abdel ")) + tokens.pop(0).lower())
    elif how == "translit":
        k = rng.randrange(len(tokens))
        up = tokens[k].upper()
        options = [(a, b) for a, b in VARIANTS if a in up]
        if options:
            a, b = rng.choice(options)
            tokens[k] = up.replace(a, b, 1)
    else:
        tokens = [
            "<".join(t.upper() for t in tokens[-1:])
            + "<<"
            + "<".join(t.upper() for t in tokens[:-1])
        ]
    return tokens, how


def make_queries(
    entries: list[AlertEntry], meta: dict[str, Any], rng: random.Random, per_set: int
) -> dict[str, list[tuple[Query, str]]]:
    sets: dict[str, list[tuple[Query, str]]] = {"altered": [], "arabic": [], "cyrillic": []}
    by_kind: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(meta["kind"]):
        by_kind[k].append(i)

    def dob_for(i: int) -> str:
        y, m, d = meta["dob"][i]
        e = entries[i].birth_date
        if e is not None:
            y = e.year
            m = e.month or m
            d = e.day or d
        if rng.random() < 0.2:
            y += rng.choice((-1, 1))
        return f"{y:04d}-{m:02d}-{d:02d}"

    pool = by_kind["latin"] + by_kind["arabic"] + by_kind["russian"] + by_kind["ofac"]
    for n in range(per_set):
        i = rng.choice(pool)
        tokens, how = alter(meta["tokens"][i], rng)
        q = Query(
            f"alt{n}:{how}",
            (" ".join(tokens).replace("< ", "<"),),
            parse_birth_date(dob_for(i)),
            entries[i].nationality,
        )
        sets["altered"].append((q, entries[i].id))
    for name, kind, table in (
        ("arabic", "arabic", meta["arabic"]),
        ("cyrillic", "russian", meta["russian"]),
    ):
        for n in range(per_set):
            i = rng.choice(by_kind[kind])
            written = " ".join(rng.choice(table[t]) for t in meta["tokens"][i])
            q = Query(
                f"{name}{n}", (written,), parse_birth_date(dob_for(i)), entries[i].nationality
            )
            sets[name].append((q, entries[i].id))
    return sets


def innocent_queries(limit: int) -> list[Query]:
    out = []
    for n, r in enumerate(load_negatives()[:limit]):
        out.append(
            Query(
                f"neg{n}",
                (r["full_name"],),
                parse_birth_date(r["date_of_birth"] or None),
                r["nationality"],
            )
        )
    return out


CANDIDATES_FOR_PEER = 10
LOGIC_V2_THRESHOLD = 0.7


def pct(values: list[float], p: float) -> float:
    return float(np.percentile(values, p)) if values else float("nan")


def _memory() -> str:
    """Resident memory of this process: anonymous (private) and file-backed (shared maps)."""
    fields = {}
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
    except OSError:
        return "n/a"
    return f"RssAnon {fields.get('RssAnon', '?')}, RssFile {fields.get('RssFile', '?')}"


def run_rapidfuzz(
    index: ScreeningIndex,
    entries: list[AlertEntry],
    sets: dict[str, list[tuple[Query, str]]],
    sample: int,
    thr: float,
) -> None:
    """Exhaustive rapidfuzz over every listed name, interleaved with our index on the
    same queries so that both see the same machine load."""
    from rapidfuzz import fuzz, process

    names: list[str] = []
    owner: list[str] = []
    for e in entries:
        for n in e.names:
            names.append(n if n.isascii() else to_latin(n))
            owner.append(e.id)
    names_proc = [" ".join(n.lower().split()) for n in names]
    print(
        f"\nexhaustive rapidfuzz: token_sort_ratio of the query against all {len(names):,} "
        f"listed names (Latin transliteration), process.cdist with 2 workers; measured on the "
        f"first {sample} queries of each set (a sample, not extrapolated), interleaved with "
        "the index on the same queries:"
    )
    rf_times: list[float] = []
    our_times: list[float] = []
    for label, items in sets.items():
        rf_found = our_found10 = our_found_thr = 0
        chunk = items[:sample]
        for q, target in chunk:
            text = " ".join(to_latin(q.names[0]).replace("<", " ").lower().split())
            t0 = time.perf_counter()
            sims = process.cdist([text], names_proc, scorer=fuzz.token_sort_ratio, workers=2)[0]
            top = np.argpartition(-sims, 10)[:10]
            rf_times.append(time.perf_counter() - t0)
            rf_found += any(owner[int(idx)] == target for idx in top)
            t0 = time.perf_counter()
            hits = index.screen(q, threshold=0.0)
            our_times.append(time.perf_counter() - t0)
            our_found10 += any(h.entry_id == target for h in hits[:10])
            our_found_thr += any(h.entry_id == target and h.score >= thr for h in hits)
        k = max(1, len(chunk))
        print(
            f"  {label:9s} rapidfuzz recall@10 {rf_found / k:.3f} | index recall@10 "
            f"{our_found10 / k:.3f}, recall at threshold {thr:.2f} {our_found_thr / k:.3f}"
        )
    rf50, our50 = pct(rf_times, 50) * 1000, pct(our_times, 50) * 1000
    rf95, our95 = pct(rf_times, 95) * 1000, pct(our_times, 95) * 1000
    print(
        f"  latency rapidfuzz p50 {rf50:.1f} ms p95 {rf95:.1f} ms | index p50 {our50:.2f} ms "
        f"p95 {our95:.2f} ms on the same queries"
    )
    print(
        f"  speed ratio (rapidfuzz / index): {rf50 / our50:.0f}x at p50, {rf95 / our95:.0f}x at p95"
    )


def run_nomenklatura(
    index: ScreeningIndex, sets: dict[str, list[tuple[Query, str]]], sample: int, thr: float
) -> None:
    """nomenklatura ``logic-v2`` rescoring our top candidates (as yente does with its own)."""
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
    except ImportError:
        print("\nnomenklatura logic-v2: not installed (pip install -e '.[bench]'); skipped")
        return
    algo = get_algorithm("logic-v2")
    if algo is None:
        print("\nnomenklatura logic-v2: algorithm not found in this version; skipped")
        return
    config = algo.default_config()

    def entity(names: tuple[str, ...], birth: Any, nat: str | None, ident: str) -> Any:
        proxy = model.make_entity("Person")
        proxy.id = ident
        for n in names:
            proxy.add("name", n)
        if birth is not None:
            proxy.add("birthDate", str(birth))
        if nat:
            proxy.add("nationality", nat, quiet=True, fuzzy=True)
        return proxy

    print(
        f"\nnomenklatura logic-v2 rescoring the index's top {CANDIDATES_FOR_PEER} candidates "
        f"({sample} queries per set; correct when the target is ranked first and scores "
        f">= {LOGIC_V2_THRESHOLD}, logic-v2's usual match threshold); our own on the same:"
    )
    for label, items in sets.items():
        ok = ours = 0
        chunk = items[:sample]
        for q, target in chunk:
            cands = index.candidates(
                [normalise_name(n).parts for n in q.names],
                "",
                CANDIDATES_FOR_PEER,
                birth_date=q.birth_date,
            )
            qe = entity(q.names, q.birth_date, q.nationality, f"query-{q.id}")
            best = (-1.0, "")
            for e in cands.tolist():
                s = index.subject(e)
                ce = entity(
                    tuple(n for n, _ in s.names), s.birth_date, s.nationality, index.entry_id(e)
                )
                score = algo.compare(qe, ce, config).score
                if score > best[0]:
                    best = (score, index.entry_id(e))
            ok += best[1] == target and best[0] >= LOGIC_V2_THRESHOLD
            hits = index.screen(q)
            ours += bool(hits) and hits[0].entry_id == target and hits[0].score >= thr
        k = max(1, len(chunk))
        print(f"  {label:9s} logic-v2 accuracy {ok / k:.3f} | index {ours / k:.3f}")


def run_documents(n: int, rng_seed: int) -> None:
    rng = np.random.default_rng(rng_seed)
    letters = np.frombuffer(b"ABCDEFGHJKLMNPRTUVWXYZ0123456789", dtype=np.uint8)
    raw = letters[rng.integers(0, len(letters), size=(n, 9))]
    numbers = raw.copy().view("S9").ravel()
    states = np.array([s.encode() for s in NATIONALITIES], dtype="S3")[
        rng.integers(0, len(NATIONALITIES), n)
    ]
    t0 = time.perf_counter()
    docs = DocumentList.from_arrays(states, numbers)
    build = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.idx"
        docs.save(path)
        size = path.stat().st_size
        loaded = DocumentList.load(path)
        picks = rng.integers(0, n, 3000)
        queries = []
        for j, k in enumerate(picks.tolist()):
            num = numbers[k].decode()
            if j % 3 == 1:
                num = num.replace("0", "O", 1).replace("1", "I", 1)
            elif j % 3 == 2:
                num = "Q" + num[1:]
            queries.append((states[k].decode(), num))
        lat = []
        hits = 0
        for st, num in queries:
            t = time.perf_counter()
            hits += bool(loaded.lookup(st, num))
            lat.append(time.perf_counter() - t)
        dict_n = min(n, 2_000_000)
        table = {(states[i], numbers[i]): i for i in range(dict_n)}
        dl = []
        for st, num in queries:
            key = (st.encode(), num.encode())
            t = time.perf_counter()
            table.get(key)
            dl.append(time.perf_counter() - t)
    print(
        f"\ndocument list: {n:,} records, build {build:.1f} s, file {size / 1e6:.0f} MB; "
        f"lookup p50 {pct(lat, 50) * 1e6:.0f} us p95 {pct(lat, 95) * 1e6:.0f} us "
        f"(exact + OCR variants; {hits}/{len(queries)} found); "
        f"dict lookup over {dict_n:,} p50 {pct(dl, 50) * 1e6:.2f} us (exact only)"
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--entries", type=int, default=1_000_000)
    ap.add_argument("--innocents", type=int, default=50_000)
    ap.add_argument("--queries", type=int, default=1000, help="queries per recall set")
    ap.add_argument("--baseline-sample", type=int, default=60)
    ap.add_argument("--documents", type=int, default=10_000_000)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = ap.parse_args(argv)
    require_data()
    rng = random.Random(args.seed)
    print(
        f"bench/screening.py  {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  "
        f"seed {args.seed}  {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )

    t0 = time.perf_counter()
    entries, meta = generate(args.entries, rng)
    kinds = Counter(meta["kind"])
    print(
        f"generated {len(entries):,} entries in {time.perf_counter() - t0:.1f} s "
        f"({sum(len(e.names) for e in entries):,} names; "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items()))
        + ")"
    )
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    built = ScreeningIndex.build(entries)
    build_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "screening.idx"
        t0 = time.perf_counter()
        built.save(path)
        save_s = time.perf_counter() - t0
        size = path.stat().st_size
        del built
        gc.collect()
        t0 = time.perf_counter()
        index = ScreeningIndex.load(path)
        load_ms = (time.perf_counter() - t0) * 1000
        print(
            f"index build {build_s:.1f} s, save {save_s:.1f} s, load (mmap) {load_ms:.1f} ms; "
            f"file {size / 1e6:.0f} MB, memory-mapped read-only and shared by every worker; "
            f"peak RSS growth during build {(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1e3:.0f} MB; "
            f"{index.meta['keys']:,} keys, {index.meta['postings']:,} postings"
        )
        sets = make_queries(entries, meta, rng, args.queries)
        innocents = innocent_queries(args.innocents)

        lat: list[float] = []
        scores: dict[str, list[float]] = {}
        for label, items in sets.items():
            best = []
            for q, target in items:
                t = time.perf_counter()
                hits = index.screen(q, threshold=0.0)
                lat.append(time.perf_counter() - t)
                best.append(max((h.score for h in hits if h.entry_id == target), default=0.0))
            scores[label] = best
        neg_best = []
        for q in innocents:
            t = time.perf_counter()
            hits = index.screen(q, threshold=0.5)
            lat.append(time.perf_counter() - t)
            neg_best.append(hits[0].score if hits else 0.0)
        thr = args.threshold
        print(f"\noperating threshold {thr:.2f} ({len(entries):,} entries):")
        for label, best in scores.items():
            print(
                f"  recall {label:9s} {np.mean(np.array(best) >= thr):.3f}  ({len(best)} queries)"
            )
        alert = float(np.mean(np.array(neg_best) >= thr))
        print(f"  innocent alert rate {alert * 100:.3f} %  ({len(neg_best):,} travellers)")
        p50 = pct(lat, 50) * 1000
        print(
            f"  latency per screening p50 {p50:.2f} ms  p95 {pct(lat, 95) * 1000:.2f} ms  "
            f"({len(lat):,} screenings, one process, machine shared)"
        )
        print(f"  memory after screening: {_memory()} (file pages are the shared index)")
        print(
            "\ncalibration sweep (threshold: recall altered / arabic / cyrillic, innocent alert %):"
        )
        for t in (0.70, 0.72, 0.74, 0.76, 0.78, 0.80, 0.81, 0.82, 0.83, 0.84, 0.86, 0.88):
            r = " / ".join(f"{np.mean(np.array(b) >= t):.3f}" for b in scores.values())
            print(f"  {t:.2f}: {r}, {np.mean(np.array(neg_best) >= t) * 100:.3f} %")
        misses = Counter(
            q.id.split(":")[1]
            for (q, _t), s in zip(sets["altered"], scores["altered"], strict=True)
            if s < thr
        )
        print(f"  altered misses by alteration: {dict(sorted(misses.items()))}")
        if args.baseline_sample:
            run_rapidfuzz(index, entries, sets, args.baseline_sample, thr)
            run_nomenklatura(index, sets, args.baseline_sample, thr)
    if args.documents:
        run_documents(args.documents, args.seed)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
