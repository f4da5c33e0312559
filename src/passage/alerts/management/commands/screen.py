from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from passage.core.screening import DEFAULT_THRESHOLD, ScreeningIndex, load_entries, screen_lines


class Command(BaseCommand):
    help = (
        "Screen travellers against an alert list (DESIGN.md §5): `passage screen --list FILE` "
        "loads entries (JSON Lines: id, names, birth_date, nationality, document_number), reads "
        "queries as JSON Lines on standard input and writes one line per query with every hit "
        "at or above the threshold, best first. Bad list lines are reported on standard error."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--list", dest="list_file", type=Path, required=True, help="alert entries, JSON Lines"
        )
        parser.add_argument(
            "--threshold",
            type=float,
            default=None,
            help=f"report hits scoring at least this (0..1; default the calibrated {DEFAULT_THRESHOLD})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["list_file"]
        threshold = options["threshold"]
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise CommandError("--threshold: between 0 and 1")
        if not path.is_file():
            raise CommandError(f"--list: {path} does not exist")
        with path.open(encoding="utf-8") as handle:
            entries, errors = load_entries(handle)
        for error in errors:
            sys.stderr.write(
                json.dumps({"line": error.line, "source": "list", "error": error.as_dict()}) + "\n"
            )
        index = ScreeningIndex.build(entries)
        for line in screen_lines(index, sys.stdin, threshold):
            sys.stdout.write(line + "\n")
