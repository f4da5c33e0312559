from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from passage.core.paxlst import PassengerList, PaxlstError, Person, assemble, decode, read_messages
from passage.passengers.choices import Channel
from passage.passengers.services import PassengerListError, StoreBusy, ingest, purge


def person_record(plist: PassengerList, person: Person) -> dict[str, Any]:
    """One person as `passage passengers parse` writes it (DESIGN.md §5).

    Embarkation and disembarkation are the person's LOC+178/179 when sent, else the
    flight's LOC+125/87.
    """
    doc = person.document
    return {
        "role": person.role,
        "surname": person.surname,
        "given_names": person.given_names,
        "sex": person.sex,
        "birth_date": person.birth_date.isoformat() if person.birth_date else None,
        "nationality": person.nationality,
        "document_type": doc.type,
        "document_number": doc.number,
        "document_expiry": doc.expiry.isoformat() if doc.expiry else None,
        "issuing_state": doc.issuing_state,
        "flight": plist.flight.number,
        "embarkation": person.embarkation or plist.flight.departure_port,
        "disembarkation": person.disembarkation or plist.flight.arrival_port,
        "reservation": person.reservation,
        "seat": person.seat,
    }


class Command(BaseCommand):
    help = (
        "Advance passenger information (UN/EDIFACT PAXLST). `passage passengers parse "
        "FILE...` writes one JSON object per person listed, in message order; a malformed "
        "message exits non-zero naming the segment and its position."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        parse = sub.add_parser("parse", help="read PAXLST files and print one JSON line per person")
        parse.add_argument("files", nargs="+", type=Path, metavar="FILE")
        imp = sub.add_parser(
            "import",
            help="store PAXLST files (a directory: every file in it), screened and assessed",
        )
        imp.add_argument("paths", nargs="+", type=Path, metavar="FILE|DIR")
        purge = sub.add_parser(
            "purge",
            help="delete listed persons PASSAGE_PASSENGER_LIST_RETENTION hours after arrival",
        )
        purge.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verb"] == "parse":
            self._parse(options["files"])
        elif options["verb"] == "import":
            self._import(options["paths"])
        else:
            result = purge(None, dry_run=options["dry_run"])
            verb = "would delete" if options["dry_run"] else "deleted"
            self.stdout.write(
                f"{verb} {result.persons} persons from {result.lists} lists; "
                f"{result.kept_with_hits} persons with alert hits kept"
            )

    def _import(self, paths: list[Path]) -> None:
        files: list[Path] = []
        for path in paths:
            if path.is_dir():
                files.extend(sorted(p for p in path.iterdir() if p.is_file()))
            else:
                files.append(path)
        failed = 0
        for path in files:
            try:
                data = path.read_bytes()
                for result in ingest(None, data, channel=Channel.FILE, source=str(path)):
                    self.stdout.write(f"{path}: {result.summary}")
            except OSError as exc:
                failed += 1
                self.stderr.write(f"{path}: {exc.strerror}")
            except PassengerListError as exc:
                failed += 1
                self.stderr.write(f"{path}: nothing stored: {exc.message}")
            except StoreBusy as exc:
                failed += 1
                self.stderr.write(f"{path}: nothing stored: {exc}; import it again")
        if failed:
            raise CommandError(f"{failed} of {len(files)} files refused")

    def _parse(self, files: list[Path]) -> None:
        messages = []
        try:
            for path in files:
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    raise CommandError(f"{path}: {exc.strerror}") from exc
                messages.extend(read_messages(decode(data), source=str(path)))
            lists = assemble(messages)
        except PaxlstError as exc:
            raise CommandError(str(exc)) from exc
        for plist in lists:
            for person in plist.persons:
                self.stdout.write(json.dumps(person_record(plist, person), ensure_ascii=False))
