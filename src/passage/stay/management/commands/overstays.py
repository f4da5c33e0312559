from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from passage.stay.models import OverstayCase
from passage.stay.services import detect_overstays


class Command(BaseCommand):
    help = (
        "The overstay report (run it daily from cron): opens a case for every admitted entry "
        "whose authorised stay has ended with no exit recorded, closes cases whose exit has "
        "since been recorded, and lists the cases to review. Each case needs an officer's "
        "review before it is confirmed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", type=dt.date.fromisoformat, help="report date (default today)")
        parser.add_argument("--format", choices=["summary", "csv", "json"], default="summary")

    def handle(self, *args: Any, **options: Any) -> None:
        on = options["on"] or timezone.localdate()
        report = detect_overstays(None, on)
        if options["format"] == "summary":
            self.stdout.write(
                f"overstays on {on}: {report.new_cases} new, {report.closed_cases} closed by exits, "
                f"{report.open_cases} open or confirmed"
            )
            return
        cases = (
            OverstayCase.objects.filter(status__in=["open", "confirmed"])
            .select_related("entry__traveller", "entry__crossing_point")
            .order_by("authorised_until")
        )
        rows = (
            {
                "case": str(c.id),
                "status": c.status,
                "traveller": str(c.entry.traveller_id),
                "name": str(c.entry.traveller),
                "nationality": c.entry.traveller.nationality_id or "",
                "entered": timezone.localdate(c.entry.at).isoformat(),
                "crossing_point": c.entry.crossing_point.code,
                "authorised_until": c.authorised_until.isoformat(),
                "days_over": (on - c.authorised_until).days,
            }
            for c in cases.iterator(chunk_size=2000)
        )
        if options["format"] == "json":
            for row in rows:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            return
        writer = None
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(sys.stdout, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
