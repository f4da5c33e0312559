"""Passive authentication throughput on one core, and master-list loading time.

Issue #19 targets: at least 200 verifications per second on one core for RSA-2048 and
brainpool-256 document signers; a 500-CSCA master list loads in under 2 s.

A *verification* is what the counter does for one chip: read EF.SOD, DG1 and DG2 from
bytes, then every step of passive authentication (hashes, signed attributes, the document
signer's signature, its certificate's signature by the CSCA — RSA-3072 here, as most
states use — the CRL and the printed MRZ). The baseline measured in the same run is the
bare signature check with ``cryptography`` on the same key (no parsing, no chain): the
ratio says what reading and the other steps cost on top of it. Certificates read are
cached (a document signer signs many thousands of passports), so each algorithm is
measured warm (the same signer every time, as at a border post) and cold (the cache
emptied before every chip, as if every chip had a new signer).

The data is generated in the run (``passage.core.chip.specimen``; nothing was tuned on
it). The process is pinned to one core where the system allows it.

    python bench/chip.py [--seconds 2] [--cscas 500]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

try:
    from passage.core.chip import TrustStore, read_files, verify_chip
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from passage.core.chip import TrustStore, read_files, verify_chip

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from passage.core.chip.certificates import _certificate
from passage.core.chip.specimen import (
    Party,
    Scheme,
    make_crl,
    make_csca,
    make_dg1,
    make_dg2,
    make_document_signer,
    make_key,
    make_master_list,
    make_sod,
)
from passage.core.mrz import make_mrz

CASES: list[tuple[str, Scheme, bool]] = [
    ("RSA-2048 PKCS#1 v1.5", "rsa", False),
    ("RSA-2048 PSS", "rsa-pss", False),
    ("ECDSA P-256", "p256", False),
    ("ECDSA brainpoolP256r1, explicit parameters", "brainpool256", True),
]
MRZ = make_mrz(
    "TD3",
    surname="BENCH",
    given_names="MARK",
    document_number="UT0000001",
    issuing_state="UTO",
    birth_date="900101",
    sex="M",
    expiry_date="340101",
)


def rate(function, seconds: float) -> float:
    """Calls per second of this process's CPU time, over about ``seconds`` of wall time
    (after one warm-up call). CPU time, not wall time: on a machine shared with other
    work, wall time measures the neighbours; CPU time what one core of our own does."""
    function()
    count, start, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        for _ in range(20):
            function()
        count += 20
    return count / (time.process_time() - cpu)


def bare_verify(signer: Party, data: bytes, signature: bytes):
    key = signer.key.public_key()
    algorithm = hashes.SHA256()
    if isinstance(key, rsa.RSAPublicKey):
        pad = (
            padding.PSS(mgf=padding.MGF1(algorithm), salt_length=32)
            if signer.scheme == "rsa-pss"
            else padding.PKCS1v15()
        )
        return lambda: key.verify(signature, data, pad, algorithm)
    assert isinstance(key, ec.EllipticCurvePublicKey)
    return lambda: key.verify(signature, data, ec.ECDSA(algorithm))


def verifications(seconds: float) -> None:
    csca = make_csca("UT", "rsa")
    trust = TrustStore()
    trust.add_certificate(csca.certificate)
    trust.add_crl(make_crl(csca, list(range(1000, 1100))))
    dg1, dg2 = make_dg1(MRZ), make_dg2(bytes(20_000))
    print(f"Verifications per CPU-second on one core ({seconds:.0f} s each; CSCA RSA-3072,")
    print("a 100-entry CRL, DG2 of 20 kB):")
    print(f"{'document signer':45} {'warm':>6} {'cold':>6} {'bare sig':>9} {'warm/bare':>9}")
    for label, scheme, explicit in CASES:
        signer = make_document_signer(csca, scheme, explicit=explicit)
        files = {
            "EF.SOD": make_sod(
                {1: dg1, 2: dg2}, signer, signing_time=datetime(2023, 1, 1, tzinfo=UTC)
            ),
            "EF.DG1": dg1,
            "EF.DG2": dg2,
        }

        def full(files=files):
            sod, groups = read_files(files)
            report = verify_chip(sod, groups, trust, printed_mrz=MRZ)
            assert report.verdict == "passed", report.to_dict()

        def cold(full=full):
            _certificate.cache_clear()
            full()

        sod, _ = read_files(files)
        bare = bare_verify(signer, sod.signer.signed_attributes, sod.signer.signature)
        warm_rate, cold_rate = rate(full, seconds), rate(cold, seconds)
        bare_rate = rate(bare, seconds)
        target = "  (target >= 200)" if scheme in {"rsa", "brainpool256"} else ""
        print(
            f"{label:45} {warm_rate:6.0f} {cold_rate:6.0f} {bare_rate:9.0f} "
            f"{warm_rate / bare_rate:9.3f}{target}"
        )


def master_list(count: int) -> None:
    """Load a master list of ``count`` CSCAs: RSA 2048/3072/4096 and ECDSA (P-256, and
    brainpool with explicit parameters as Germany's are), 40 states."""
    mix: list[Scheme] = ["rsa", "rsa", "rsa", "p256", "brainpool256", "brainpool384"]
    keys = {}
    for i, scheme in enumerate(mix):
        bits = (2048, 3072, 4096)[i % 3]
        keys[i] = (scheme, make_key(scheme, bits) if scheme == "rsa" else make_key(scheme))
    start = time.perf_counter()
    cscas = []
    for n in range(count):
        scheme, key = keys[n % len(mix)]
        country = f"X{chr(65 + n % 26)}" if n % 40 else "UT"
        cscas.append(
            make_csca(
                country,
                scheme,
                key=key,
                common_name=f"CSCA {country} {n}",
                serial=n + 1,
                explicit=scheme.startswith("brainpool"),
            ).certificate
        )
    signer_csca = make_csca("UT", "rsa")
    signer = make_document_signer(signer_csca, "rsa", common_name="Master List Signer")
    data = make_master_list([signer_csca.certificate, *cscas], signer)
    made = time.perf_counter() - start
    timings, cpu = [], []
    for _ in range(5):
        _certificate.cache_clear()
        start, cpu_start = time.perf_counter(), time.process_time()
        store = TrustStore()
        info = store.add_master_list(data)
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
    assert info.certificates == count + 1
    print(
        f"\nMaster list of {count + 1} CSCAs ({len(data) / 1e6:.2f} MB, made in {made:.1f} s): "
        f"loaded and verified in {min(timings):.3f} s best, {max(timings):.3f} s worst "
        f"of 5 wall time ({min(cpu):.3f} s / {max(cpu):.3f} s CPU; target < 2 s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--cscas", type=int, default=500)
    options = parser.parse_args()
    print(f"Load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs.")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        print(f"Pinned to CPU {sorted(os.sched_getaffinity(0))[0]}.")
    verifications(options.seconds)
    master_list(options.cscas)


if __name__ == "__main__":
    main()
