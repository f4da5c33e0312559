from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from passage.core.problems import ProblemError
from passage.reference import services


class Command(BaseCommand):
    help = (
        "Load reference data from CSV: `passage reference load countries|admin-areas|"
        "crossing-points FILE`, or `passage reference load countries --builtin` for the "
        "ICAO 9303 code table that ships with Passage. A file with any bad row changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        load = sub.add_parser("load", help="load or update rows from a CSV file")
        load.add_argument("kind", choices=sorted(services.LOADERS))
        load.add_argument("file", nargs="?", type=Path)
        load.add_argument(
            "--builtin", action="store_true", help="countries only: the shipped table"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind, path = options["kind"], options["file"]
        try:
            if options["builtin"]:
                if kind != "countries":
                    raise CommandError("--builtin exists only for countries")
                report = services.load_builtin_countries(None)
            else:
                if path is None:
                    raise CommandError("give the CSV file to load")
                if not path.is_file():
                    raise CommandError(f"file: {path} does not exist")
                report = services.LOADERS[kind](None, path)
        except ProblemError as exc:
            raise CommandError(f"{path}: nothing loaded; {exc}") from exc
        self.stdout.write(report.summary())
