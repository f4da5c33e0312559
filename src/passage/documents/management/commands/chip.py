from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from passage.core.chip import ChipError, TrustStore, read_files, verify_chip
from passage.core.problems import ProblemError

from ...choices import AnchorKind, ImportKind
from ...models import TrustAnchor
from ...queries import trust_store
from ...services import MAX_TRUST_BYTES, expiry, import_trust

MAX_FILE_BYTES = 2_000_000
"""Larger than any data group a reader dumps (a DG2 portrait is tens of kilobytes); a
bigger file is a mistake, not a chip."""
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
        "e-Passport chips (ICAO 9303 passive authentication, docs/chip.md). "
        "`passage chip verify DIR` checks a reader's dump (EF.SOD, EF.DG1, EF.DG2…, optional "
        "printed_mrz.txt) and prints one JSON object; exit status 0 passed, 1 failed or "
        "cannot tell, 2 bad input. `passage chip trust import|list|status` manages the "
        "CSCAs and CRLs this installation trusts."
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
        verify.add_argument(
            "--trusted",
            action="store_true",
            help="also trust the CSCAs and CRLs imported with `passage chip trust import`",
        )
        trust = sub.add_parser("trust", help="the CSCAs and CRLs this installation trusts")
        actions = trust.add_subparsers(dest="action", required=True)
        load = actions.add_parser("import", help="import a master list, a CSCA or a CRL")
        load.add_argument("kind", choices=ImportKind.values)
        load.add_argument("file", type=Path)
        listing = actions.add_parser("list", help="every trusted CSCA and CRL, with its expiry")
        listing.add_argument("--country", help="two-letter country code, as in certificates")
        actions.add_parser("status", help="counts by state, expired and expiring CSCAs")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verb"] == "verify":
            self._verify(options)
        elif options["action"] == "import":
            self._import(options)
        elif options["action"] == "list":
            self._list(options)
        else:
            self._status()

    def _verify(self, options: dict[str, Any]) -> None:
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
        if options["trusted"]:
            stored = trust_store()
            for csca in stored.cscas:
                trust.add_csca(csca)
            trust.crls.extend(stored.crls)
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

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        data = _read(path, MAX_TRUST_BYTES, options["kind"])
        try:
            result = import_trust(None, options["kind"], data, path.name)
        except ProblemError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(result.summary())

    def _list(self, options: dict[str, Any]) -> None:
        now = timezone.now()
        anchors = TrustAnchor.objects.defer("der")
        if options["country"]:
            anchors = anchors.filter(country=options["country"].upper())
        for anchor in anchors:
            until = f"{anchor.valid_until:%Y-%m-%d}" if anchor.valid_until else "-"
            self.stdout.write(
                f"{anchor.kind:4}  {anchor.country or '--':2}  {until}  "
                f"{expiry(anchor.valid_until, now):20}  {anchor.fingerprint[:16]}  {anchor.subject}"
            )

    def _status(self) -> None:
        now = timezone.now()
        cscas = list(TrustAnchor.objects.filter(kind=AnchorKind.CSCA).defer("der"))
        crls = list(TrustAnchor.objects.filter(kind=AnchorKind.CRL).defer("der"))
        states = {a.country for a in cscas if a.country}
        expired = [a for a in cscas if a.valid_until and a.valid_until < now]
        soon = [a for a in cscas if expiry(a.valid_until, now).startswith("expires in")]
        stale = [a for a in crls if a.valid_until and a.valid_until < now]
        self.stdout.write(
            f"{len(cscas)} CSCAs of {len(states)} states ({len(expired)} expired, "
            f"{len(soon)} expiring within a year); {len(crls)} CRLs ({len(stale)} past their "
            "next update)"
        )
        for anchor in soon:
            self.stdout.write(
                f"  expiring {anchor.valid_until:%Y-%m-%d}: {anchor.country} {anchor.subject}"
            )
