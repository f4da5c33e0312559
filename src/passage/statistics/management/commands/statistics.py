"""``passage statistics refresh``: bring the aggregate tables up to date from their bookmarks."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from passage.statistics import services, sources


class Command(BaseCommand):
    help = "Statistics: `refresh` reads new and changed records into the aggregate tables."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        refresh = sub.add_parser("refresh", help="read every source from its bookmark")
        refresh.add_argument(
            "--settle",
            type=int,
            default=None,
            help="seconds to leave for open transactions (default PASSAGE_STATS_SETTLE_SECONDS, 120)",
        )
        refresh.add_argument("--source", action="append", help="only this source (repeatable)")
        refresh.add_argument(
            "--rebuild", action="store_true", help="forget the facts and read everything again"
        )
        refresh.add_argument("--json", action="store_true", help="print the runs as JSON")
        sub.add_parser("sources", help="list the registered sources")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verb"] == "sources":
            for source in sources.SOURCES.values():
                self.stdout.write(
                    f"{source.name:<12} {', '.join(sorted(source.cubes)):<48} {source.description}"
                )
            return
        try:
            runs = services.refresh(
                None, settle=options["settle"], only=options["source"], rebuild=options["rebuild"]
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    [
                        {"source": r.source, "rows": r.rows, "seconds": round(r.seconds, 3)}
                        for r in runs
                    ]
                )
            )
            return
        for run in runs:
            self.stdout.write(f"{run.source:<12} {run.rows:>12,} rows read in {run.seconds:.2f} s")
