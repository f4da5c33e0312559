from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from passage.core.chip import ChipError, TrustStore, read_files, verify_chip

MAX_FILE_BYTES = 2_000_000
"""Larger than any data group a reader dumps (a DG2 portrait is tens of kilobytes); a
bigger file is a mistake, not a chip."""
MAX_TRUST_BYTES = 50_000_000
"""A master list of every state's CSCAs is about 1 MB; CRLs are smaller."""
PRINTED_MRZ = "printed_mrz.txt"


def _read(path: Path, limit: int, what: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise CommandError(f"{what} {path}: {size} bytes, more than {limit}", returncode=2)
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(f"{what} {path}: {exc.strerror}", returncode=2) from exc


class Command(BaseCommand):
    help = (
        "e-Passport chips (ICAO 9303 passive authentication). `passage chip verify DIR` "
        "checks a reader's dump (EF.SOD, EF.DG1, EF.DG2…, optional printed_mrz.txt) against "
        "the CSCAs of the master lists, certificates and CRLs given, and prints one JSON "
        "object. Exit status: 0 passed, 1 failed or cannot tell, 2 bad input."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        verify = sub.add_parser("verify", help="verify a chip dump")
        verify.add_argument("directory", type=Path, help="the reader's dump")
        verify.add_argument(
            "--master-list",
            type=Path,
            action="append",
            default=[],
            help="an ICAO CSCA master list (.ml); repeatable",
        )
        verify.add_argument(
            "--csca",
            type=Path,
            action="append",
            default=[],
            help="a single CSCA certificate (PEM or DER) to trust; repeatable",
        )
        verify.add_argument(
            "--crl", type=Path, action="append", default=[], help="a CSCA's CRL; repeatable"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        trust = self._trust(options)
        directory: Path = options["directory"]
        if not directory.is_dir():
            raise CommandError(f"{directory}: not a directory", returncode=2)
        files: dict[str, bytes] = {}
        printed = None
        for path in sorted(directory.iterdir()):
            if not path.is_file():
                continue
            data = _read(path, MAX_FILE_BYTES, "file")
            if path.name == PRINTED_MRZ:
                try:
                    printed = data.decode("ascii")
                except UnicodeDecodeError as exc:
                    raise CommandError(f"{path}: not ASCII MRZ text", returncode=2) from exc
            else:
                files[path.name] = data
        try:
            sod, groups = read_files(files)
            report = verify_chip(sod, groups, trust, printed_mrz=printed)
        except ChipError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False))
        if report.verdict != "passed":
            sys.exit(1)

    def _trust(self, options: dict[str, Any]) -> TrustStore:
        trust = TrustStore()
        try:
            for path in options["csca"]:
                trust.add_certificate(_read(path, MAX_TRUST_BYTES, "CSCA"), str(path))
            for path in options["master_list"]:
                info = trust.add_master_list(_read(path, MAX_TRUST_BYTES, "master list"), str(path))
                self.stderr.write(
                    f"{path}: {info.certificates} CSCAs of {len(info.countries)} states, "
                    f"signed by {info.signer_subject} (SHA-256 {info.signer_fingerprint})"
                )
            for path in options["crl"]:
                trust.add_crl(_read(path, MAX_TRUST_BYTES, "CRL"), str(path))
        except ChipError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        return trust
