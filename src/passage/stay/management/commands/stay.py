from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from passage.core.stay import run_stay


class Command(BaseCommand):
    help = (
        "Stay calculator (DESIGN.md §5): reads travel histories as JSON Lines on standard "
        'input — {"id", "on", "rule": {"max_days", "window_days"}, "stays": [{"entry", "exit"}]} '
        "— and writes days_used, days_remaining, authorised_until and overstay_days per line. "
        'A malformed line gives {"id", "error": "<field>: <message>"} and the stream goes on.'
    )

    def handle(self, *args: Any, **options: Any) -> None:
        run_stay(sys.stdin, sys.stdout)
