"""``passage oversight``: the data-protection officer's access reviews from a terminal.

- ``passage oversight hours --post CODE | --user NAME --weekdays 12345 --from 08:00
  --to 18:00 --as USERNAME``: set working hours for everyone at a post, or for one user;
- ``passage oversight reads --user NAME --start DAY --end DAY --as USERNAME [--flagged]``:
  print the user's reads with their flags, as CSV.

Both need ``oversight.review_access`` of the ``--as`` user, and are audited under them.
"""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from passage.accounts.auditlog import neutral
from passage.accounts.models import User
from passage.core.problems import ProblemError
from passage.oversight import reviews, services
from passage.reference.models import BorderCrossingPoint

from .transparency import acting_user

PERMISSION = "oversight.review_access"


def _time(raw: str, name: str) -> dt.time:
    try:
        return dt.time.fromisoformat(raw)
    except ValueError:
        raise CommandError(f"--{name}: a time as HH:MM") from None


class Command(BaseCommand):
    help = "Access reviews: set working hours, print a user's reads with their flags."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        hours = sub.add_parser("hours", help="set working hours of a post or a user")
        who = hours.add_mutually_exclusive_group(required=True)
        who.add_argument("--post", help="crossing point code: everyone assigned there")
        who.add_argument("--user", help="one user's own hours (they win over the post's)")
        hours.add_argument("--weekdays", required=True, help="ISO weekday numbers, e.g. 12345")
        hours.add_argument("--from", dest="start", required=True, help="HH:MM")
        hours.add_argument("--to", dest="end", required=True, help="HH:MM (before --from: a night)")
        reads = sub.add_parser("reads", help="print a user's reads over a period, flagged")
        reads.add_argument("--user", required=True)
        reads.add_argument("--start", required=True, help="first day, YYYY-MM-DD")
        reads.add_argument("--end", required=True, help="last day, YYYY-MM-DD")
        reads.add_argument("--flagged", action="store_true", help="only the flagged reads")
        for verb in (hours, reads):
            verb.add_argument(
                "--as", dest="username", required=True, help=f"acting user (needs {PERMISSION})"
            )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = acting_user(options["username"], PERMISSION)
        try:
            if options["verb"] == "hours":
                self._hours(actor, options)
            else:
                self._reads(actor, options)
        except ProblemError as exc:
            raise CommandError("; ".join(f"--{k}: {v}" for k, v in exc.problems.items())) from exc

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"--user: no user {username!r}")
        return user

    def _hours(self, actor: User, options: dict[str, Any]) -> None:
        start, end = _time(options["start"], "from"), _time(options["end"], "to")
        owner: dict[str, Any] = {}
        if options["post"]:
            point = BorderCrossingPoint.objects.filter(code=options["post"].upper()).first()
            if point is None:
                raise CommandError(f"--post: no crossing point {options['post']!r}")
            owner["crossing_point"] = point
        else:
            owner["user"] = self._user(options["user"])
        hours = services.set_working_hours(actor, options["weekdays"], start, end, **owner)
        self.stdout.write(f"working hours set: {hours}")

    def _reads(self, actor: User, options: dict[str, Any]) -> None:
        subject = self._user(options["user"])
        start, end = reviews.parse_period({"start": options["start"], "end": options["end"]})
        found = reviews.review(subject, start, end, actor)
        services.record_review_viewed(actor, subject, start, end, len(found.reads))
        writer = csv.writer(self.stdout)
        writer.writerow(["post", "seq", "at", "object_type", "object_id", "purpose", "flags"])
        for read in found.flagged if options["flagged"] else found.reads:
            item = read.item
            writer.writerow(
                [
                    neutral(read.post),
                    item.seq,
                    item.at.isoformat(timespec="seconds"),
                    neutral(item.object_type),
                    neutral(item.object_id),
                    neutral(item.message),
                    " ".join(read.flags),
                ]
            )
