from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from passage.retention.schedule import periods, rules
from passage.retention.services import BATCH_PERSONS, next_purge_dates, purge


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--as-of: not a date (YYYY-MM-DD): {value!r}", returncode=2) from exc


def _progress(done: int, total: int) -> None:
    """A line on the terminal: persons purged so far (the purge's own batches)."""
    sys.stderr.write(f"\rpurging persons {done:,}/{total:,}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


class Command(BaseCommand):
    help = (
        "Retention (docs/retention.md): `passage retention purge [--dry-run] [--as-of DATE]` "
        "deletes what the schedule says is due (daily, at headquarters; posts apply HQ's "
        "deletions on their next sync); `passage retention schedule` prints the schedule."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        run = sub.add_parser("purge", help="delete or anonymise what is due, keep what is held")
        run.add_argument("--dry-run", action="store_true", help="say what would go, change nothing")
        run.add_argument("--as-of", type=str, help="purge as if it were this day (YYYY-MM-DD)")
        run.add_argument("--json", action="store_true", help="print the result as JSON")
        run.add_argument(
            "--batch",
            type=int,
            default=BATCH_PERSONS,
            help=f"persons per transaction ({BATCH_PERSONS})",
        )
        show = sub.add_parser("schedule", help="print the schedule and the next purge per kind")
        show.add_argument("--as-of", type=str)

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = _day(options["as_of"]) if options.get("as_of") else None
        if options["verb"] == "schedule":
            self._schedule(as_of or dt.date.today())
            return
        if options["batch"] < 1:
            raise CommandError("--batch: at least 1", returncode=2)
        result = purge(
            None,
            as_of,
            dry_run=options["dry_run"],
            batch_persons=options["batch"],
            progress=_progress if sys.stderr.isatty() else None,
        )
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict()))
            return
        verb = "would delete" if result.dry_run else "deleted"
        self.stdout.write(f"retention purge as of {result.as_of}: {verb}")
        for kind, n in sorted(result.counts.items()):
            self.stdout.write(f"  {kind}: {n}")
        self.stdout.write(f"  persons removed entirely: {result.persons}")
        for reason, n in sorted(result.held.items()):
            self.stdout.write(f"  kept ({reason}): {n} persons")
        for person, why in sorted(result.blocked.items()):
            self.stdout.write(f"  not deleted, another record needs it: {person}: {why}")
        if result.warned:
            self.stdout.write(
                f"  {result.warned} entries with no exit are due within the warning period"
            )

    def _schedule(self, as_of: dt.date) -> None:
        dates = next_purge_dates(as_of)
        for rule in rules():
            day = dates.get(rule.kind)
            self.stdout.write(
                f"{rule.kind}: {rule.period} [{rule.basis}] next: {day.isoformat() if day else '-'}"
            )
        self.stdout.write(json.dumps(periods(), sort_keys=True))
