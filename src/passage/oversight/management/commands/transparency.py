"""``passage transparency --year YYYY --as USERNAME``: the yearly transparency report.

Only a user holding ``oversight.publish_transparency`` (the data-protection officer) may
produce it; the run is audited under that user.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from passage.accounts.models import User
from passage.core.problems import ProblemError
from passage.oversight import services, transparency

PERMISSION = "oversight.publish_transparency"


def acting_user(username: str, permission: str) -> User:
    """The user a command acts as, who must hold ``permission``; else ``CommandError``."""
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None or not user.has_perm(permission):
        raise CommandError(f"--as: {username!r} is not an active user holding {permission}")
    return user


class Command(BaseCommand):
    help = "Produce the transparency report of a year as CSV, HXL-tagged CSV or XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True, help="the calendar year, YYYY")
        parser.add_argument(
            "--as",
            dest="username",
            required=True,
            help=f"the user producing it (needs {PERMISSION})",
        )
        parser.add_argument("--format", choices=sorted(transparency.FORMATS), default="csv")
        parser.add_argument("--out", type=Path, help="write to this file (default: stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = acting_user(options["username"], PERMISSION)
        try:
            year = transparency.parse_year(options["year"])
        except ProblemError as exc:
            raise CommandError(f"--year: {exc.problems['year']}") from exc
        fmt = options["format"]
        if fmt == "xlsx" and options["out"] is None:
            raise CommandError("--out: XLSX is written to a file")
        _content_type, write = transparency.FORMATS[fmt]
        body = write(year, transparency.report(year))
        services.record_transparency(actor, year, f"command {fmt}")
        out: Path | None = options["out"]
        if out is None:
            self.stdout.write(str(body), ending="")
        elif isinstance(body, bytes):
            out.write_bytes(body)
        else:
            out.write_text(body, encoding="utf-8")
        if out is not None:
            self.stderr.write(f"transparency report {year} written to {out}")
