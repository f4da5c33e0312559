from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from passage.accounts.models import User
from passage.core.problems import ProblemError
from passage.displacement import fieldforms, services
from passage.displacement.choices import FormKind
from passage.displacement.imports import ImportRejected, import_file, iter_report


class Command(BaseCommand):
    help = (
        "Displacement tracking. `passage displacement import FILE --user NAME` imports a "
        "KoboToolbox (JSON, CSV) or ODK Central (CSV, OData JSON) export, whole or not at "
        "all, listing every rejected row; `xform KIND` prints a form built into an XForm; "
        "`refresh` rebuilds the dashboards' summary from the counts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        imp = sub.add_parser("import", help="import a Kobo or ODK Central export")
        imp.add_argument("file", type=Path, metavar="FILE")
        imp.add_argument(
            "--user", required=True, help="the enumerator the submissions are recorded for"
        )
        imp.add_argument("--form", choices=FormKind.values, help="default: from the columns")
        xform = sub.add_parser("xform", help="print a field form built into an XForm")
        xform.add_argument("kind", choices=FormKind.values)
        sub.add_parser("refresh", help="rebuild the flow summary from every count")

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        if verb == "xform":
            self.stdout.write(fieldforms.spec(options["kind"]).xform())
            return
        if verb == "refresh":
            rows = services.rebuild_summary(None)
            self.stdout.write(f"flow summary rebuilt: {rows} rows")
            return
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {options['user']!r}")
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from exc
        try:
            result = import_file(user, data, path.name, form=options["form"])
        except ImportRejected as exc:
            for line in iter_report(exc.result):
                self.stderr.write(line)
            raise CommandError(f"{path}: {exc.result.summary()}") from exc
        except ProblemError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        for line in iter_report(result):
            self.stdout.write(line)
