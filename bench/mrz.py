# ruff: noqa: RUF001 -- names in other scripts are test data
"""MRZ parse-and-validate throughput: Passage against PyPI ``mrz`` and PassportEye.

DESIGN.md §6 target: at least 3x the throughput of PyPI ``mrz`` 0.6.x, with the same
verdicts. Both peers are measured in the same run on the same seeded corpus (a mix of
TD1, TD2, TD3, MRV-A and MRV-B, a few percent with one character corrupted) and are
imported only if installed (``pip install mrz passporteye``); they are never vendored.

    python bench/mrz.py [--n 100000] [--seed 9303] [--corrupt 0.03]

Verdicts differ for reasons worth reading, so the documents on which they differ are
counted by cause and a few are printed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

# This file is called mrz.py, like the peer package: keep its directory off the import
# path so that `import mrz` finds PyPI's package and not this script.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

try:
    from passage.core.mrz import make_mrz, parse_mrz
    from passage.core.mrz.codes import ICAO_ONLY, MRZ_CODES
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from passage.core.mrz import make_mrz, parse_mrz
    from passage.core.mrz.codes import ICAO_ONLY, MRZ_CODES

REF = date(2025, 6, 1)
FORMATS = ("TD1", "TD2", "TD3", "MRVA", "MRVB")
WEIGHTS = (0.3, 0.1, 0.45, 0.1, 0.05)
SURNAMES = [
    "Eriksson", "Müller", "García López", "Nguyễn", "O'Connor", "Van der Berg", "Smith Jones",
    "Иванова", "Щербаков", "Kowalska Kwiatkowska", "Øvergaard", "Al Basri", "Papandropoulous",
    "Nilavadhanananda", "Dubois", "Rossi", "Yılmaz", "Þórsdóttir", "Benali", "Okonkwo",
]  # fmt: skip
GIVEN = [
    "Anna Maria", "John", "José Ramón", "Thị Lan", "Siobhán", "Peter Jan", "Ольга", "Юрий",
    "Joanna", "Søren", "Huda Muhammad", "Jonathon Warren Trevor", "Chayapa Dejthamrong", "",
    "Marie-Claire", "Giulia", "Ayşe", "Guðrún", "Karim", "Chinedu",
]  # fmt: skip
ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MRZ_CHARS = ALNUM + "<"


def corpus(n: int, seed: int, corrupt: float) -> list[tuple[str, str, bool]]:
    """(format, text, corrupted?) for n seeded documents."""
    rng = random.Random(seed)
    iso = sorted(c for c in MRZ_CODES if c not in ICAO_ONLY)
    icao = sorted(ICAO_ONLY)
    out = []
    for _ in range(n):
        fmt = rng.choices(FORMATS, WEIGHTS)[0]
        long_ok = fmt in ("TD1", "TD2")
        number_len = rng.choice((8, 9, 9, 9, 12)) if long_ok else rng.choice((8, 9))
        state = rng.choice(icao) if rng.random() < 0.03 else rng.choice(iso)
        fields: dict[str, object] = {
            "surname": rng.choice(SURNAMES),
            "given_names": rng.choice(GIVEN),
            "document_number": "".join(rng.choice(ALNUM) for _ in range(number_len)),
            "issuing_state": state,
            "nationality": state if rng.random() < 0.9 else rng.choice(iso),
            "sex": rng.choice("MMMFFF<"),
            "expiry_date": REF + timedelta(days=rng.randrange(-365 * 5, 365 * 10)),
            "optional_data": (
                "".join(rng.choice(ALNUM) for _ in range(rng.randrange(0, 6)))
                if number_len <= 9
                else ""
            ),
        }
        birth = REF - timedelta(days=rng.randrange(1, 365 * 90))
        fields["birth_date"] = birth
        if fields["expiry_date"] <= birth:  # type: ignore[operator]
            fields["expiry_date"] = birth + timedelta(days=5 * 365)
        text = make_mrz(fmt, **fields)  # type: ignore[arg-type]
        bad = rng.random() < corrupt
        if bad:
            i = rng.randrange(len(text))
            while text[i] == "\n":
                i = rng.randrange(len(text))
            text = text[:i] + rng.choice(MRZ_CHARS.replace(text[i], "")) + text[i + 1 :]
        out.append((fmt, text, bad))
    return out


def passage_verdict(fmt: str, text: str) -> bool:
    return parse_mrz(text, reference=REF).valid


def load_mrz_pkg() -> Callable[[str, str], bool] | None:
    try:
        from mrz.checker.mrva import MRVACodeChecker
        from mrz.checker.mrvb import MRVBCodeChecker
        from mrz.checker.td1 import TD1CodeChecker
        from mrz.checker.td2 import TD2CodeChecker
        from mrz.checker.td3 import TD3CodeChecker
    except ImportError:
        print("note: PyPI `mrz` is not installed (pip install mrz): not measured")
        return None
    checkers = {
        "TD1": TD1CodeChecker,
        "TD2": TD2CodeChecker,
        "TD3": TD3CodeChecker,
        "MRVA": MRVACodeChecker,
        "MRVB": MRVBCodeChecker,
    }

    def verdict(fmt: str, text: str) -> bool:
        try:
            return bool(checkers[fmt](text))
        except Exception:  # a peer crashing on bad input is an "invalid" verdict
            return False

    return verdict


def load_passporteye() -> Callable[[str, str], bool] | None:
    try:
        from passporteye.mrz.text import MRZ
    except ImportError:
        print("note: PassportEye is not installed (pip install passporteye): not measured")
        return None

    def verdict(fmt: str, text: str) -> bool:
        try:
            return bool(MRZ(text.split("\n")).valid)
        except Exception:
            return False

    return verdict


def run(
    name: str, fn: Callable[[str, str], bool], docs: list[tuple[str, str, bool]]
) -> tuple[float, list[bool]]:
    start = time.perf_counter()
    verdicts = [fn(fmt, text) for fmt, text, _ in docs]
    elapsed = time.perf_counter() - start
    rate = len(docs) / elapsed
    print(f"{name:<12} {rate:>10,.0f} docs/s   ({elapsed:.2f} s, {sum(verdicts):,} valid)")
    return rate, verdicts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=9303)
    ap.add_argument("--corrupt", type=float, default=0.03)
    ap.add_argument("--examples", type=int, default=3)
    args = ap.parse_args()

    t0 = time.perf_counter()
    docs = corpus(args.n, args.seed, args.corrupt)
    mix = Counter(fmt for fmt, _, _ in docs)
    print(
        f"corpus: {len(docs):,} documents in {time.perf_counter() - t0:.1f} s (seed {args.seed}); "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(mix.items()))
        + f"; {sum(b for *_, b in docs):,} corrupted"
    )
    peers = [(n, f) for n, f in (("mrz", load_mrz_pkg()), ("PassportEye", load_passporteye())) if f]
    base_rate, base = run("passage", passage_verdict, docs)
    for name, fn in peers:
        rate, verdicts = run(name, fn, docs)
        print(f"  passage / {name}: {base_rate / rate:.2f}x")
        differ = [i for i, (a, b) in enumerate(zip(base, verdicts, strict=True)) if a != b]
        print(f"  verdicts differ on {len(differ):,} documents ({len(differ) / len(docs):.2%})")
        causes: Counter[str] = Counter()
        examples: dict[str, list[int]] = {}
        for i in differ:
            fmt, text, bad = docs[i]
            r = parse_mrz(text, reference=REF)
            first = r.errors[0].code if r.errors else "-"
            warn = ",".join(sorted({w.code for w in r.warnings})) or "-"
            cause = f"{fmt}: passage {'valid' if base[i] else 'invalid'} ({first if r.errors else 'warnings: ' + warn}); corrupted={bad}"
            causes[cause] += 1
            examples.setdefault(cause, []).append(i)
        for cause, count in causes.most_common(12):
            print(f"    {count:>6,}  {cause}")
            for i in examples[cause][: args.examples]:
                text = docs[i][1].replace("\n", " / ")
                r = parse_mrz(docs[i][1], reference=REF)
                why = (
                    r.errors[0].message
                    if r.errors
                    else (r.warnings[0].message if r.warnings else "")
                )
                print(f"              {text}   [{why}]")


if __name__ == "__main__":
    main()
