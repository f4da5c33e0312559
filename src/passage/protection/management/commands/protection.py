from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from passage.core.problems import ProblemError
from passage.protection.services import load_reference
from passage.protection.statistics import aggregates


class Command(BaseCommand):
    help = (
        "Protection reference data and figures: `passage protection load` loads the services "
        "and vulnerability indicators (the shipped CSV files unless --services/--indicators "
        "name others); `passage protection aggregates --start D --end D` prints the "
        "suppressed aggregates as JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("verb", choices=["load", "aggregates"])
        parser.add_argument("--services", help="CSV: code,label,order")
        parser.add_argument(
            "--indicators", help="CSV: code,category,label,parent,always_refer,services,order"
        )
        parser.add_argument("--start", type=dt.date.fromisoformat)
        parser.add_argument("--end", type=dt.date.fromisoformat)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verb"] == "aggregates":
            end = options["end"] or dt.date.today()
            start = options["start"] or end.replace(day=1)
            self.stdout.write(json.dumps(aggregates(start, end), indent=2))
            return
        try:
            report = load_reference(None, options["services"], options["indicators"])
        except ProblemError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(report.summary())
