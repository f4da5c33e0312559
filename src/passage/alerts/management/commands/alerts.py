from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from passage.alerts import conf, indexes, services
from passage.alerts.choices import AlertAction, ImportFormat, ListKind
from passage.alerts.models import AlertList
from passage.core.problems import ProblemError


class Command(BaseCommand):
    help = (
        "Alert lists: `passage alerts create --list NAME --kind persons|documents --action "
        "refuse|arrest|notify|monitor`, `passage alerts import --list NAME --format "
        "csv|jsonl|un-xml|ftm FILE` (all or nothing; a new version; --append adds instead of "
        "replacing), `passage alerts build-index [--list NAME]`, `passage alerts status` "
        "(JSON), `passage alerts clean-indexes` (remove indexes of inactive versions)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        create = sub.add_parser("create", help="create an empty list")
        create.add_argument("--list", dest="name", required=True)
        create.add_argument("--kind", choices=ListKind.values, required=True)
        create.add_argument("--action", choices=AlertAction.values, required=True)
        create.add_argument("--source", default="")
        create.add_argument("--authority", default="")
        imp = sub.add_parser("import", help="import a file as the list's new version")
        imp.add_argument("--list", dest="name", required=True)
        imp.add_argument("--format", dest="fmt", choices=ImportFormat.values, required=True)
        imp.add_argument("--append", action="store_true", help="add to the entries, not replace")
        imp.add_argument("file", type=Path)
        build = sub.add_parser("build-index", help="build the active versions' indexes")
        build.add_argument("--list", dest="name", default=None)
        build.add_argument("--force", action="store_true", help="rebuild even when built")
        sub.add_parser("status", help="lists, active versions and index state, as JSON")
        sub.add_parser("clean-indexes", help="remove index files of versions no longer active")

    def _list(self, name: str) -> AlertList:
        found = AlertList.objects.select_related("active_version").filter(name=name).first()
        if found is None:
            raise CommandError(f"--list: no alert list named {name!r} (passage alerts create)")
        return found

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        if verb == "create":
            alert_list = AlertList(
                name=options["name"],
                kind=options["kind"],
                default_action=options["action"],
                source=options["source"],
                authority=options["authority"],
            )
            try:
                services.create_list(None, alert_list)
            except Exception as exc:  # a ValidationError names the field
                raise CommandError(f"nothing created: {exc}") from exc
            self.stdout.write(f"created {alert_list.name} ({alert_list.kind})")
        elif verb == "import":
            self._import(options)
        elif verb == "build-index":
            lists = (
                [self._list(options["name"])]
                if options["name"]
                else list(AlertList.objects.select_related("active_version"))
            )
            for al in lists:
                if al.active_version is None:
                    self.stdout.write(f"{al.name}: no version yet")
                    continue
                path = indexes.build(al.active_version, force=options["force"])
                meta = json.loads((path / "ready.json").read_text())
                self.stdout.write(
                    f"{al.name} v{al.active_version.number}: {meta['persons']} person records, "
                    f"{meta['documents']} documents in {path}"
                )
        elif verb == "status":
            for al in AlertList.objects.select_related("active_version"):
                v = al.active_version
                built = v is not None and (indexes.version_dir(v.pk) / "ready.json").exists()
                self.stdout.write(
                    json.dumps(
                        {
                            "list": al.name,
                            "kind": al.kind,
                            "status": al.status,
                            "in_force": al.in_force(),
                            "version": v.number if v else None,
                            "version_id": str(v.pk) if v else None,
                            "entries": v.entries if v else 0,
                            "since": v.created_at.isoformat() if v else None,
                            "index_built": built,
                        }
                    )
                )
        elif verb == "clean-indexes":
            keep = {
                str(v)
                for v in AlertList.objects.exclude(active_version=None).values_list(
                    "active_version_id", flat=True
                )
            }
            removed = indexes.remove_stale(keep)
            self.stdout.write(
                f"removed {len(removed)} index director(y/ies) from {conf.index_dir()}"
            )

    def _import(self, options: dict[str, Any]) -> None:
        alert_list = self._list(options["name"])
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"file: {path} does not exist")
        size, limit = path.stat().st_size, conf.import_max_bytes()
        if size > limit:
            raise CommandError(
                f"file: {size:,} bytes; the limit is {limit:,} (PASSAGE_ALERT_IMPORT_MAX_BYTES)"
            )
        try:
            version, warnings = services.import_entries(
                None,
                alert_list,
                options["fmt"],
                path.read_bytes(),
                file_name=path.name,
                replace=not options["append"],
            )
        except ProblemError as exc:
            for where, message in exc.problems.items():
                self.stderr.write(f"{where}: {message}")
            raise CommandError(f"{path}: nothing imported") from exc
        for warning in warnings:
            self.stderr.write(f"warning: {warning}")
        indexes.build(version)
        self.stdout.write(
            f"{alert_list.name} v{version.number}: {version.entries} entries; index built"
        )
