from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from passage.identity.engine import Resolver, cluster, default_model_path, prepare
from passage.identity.services import run_resolution


def _read_jsonl(path: Path, errors: list[str]) -> list[Any]:
    records: list[Any] = []
    try:
        handle = sys.stdin if str(path) == "-" else path.open(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"line {number}: not JSON ({exc.msg}), skipped")
                continue
            if not isinstance(record, dict):
                errors.append(f"line {number}: not a JSON object, skipped")
                continue
            records.append(record)
    return records


def resolve_file(path: Path, backend: str | None = None) -> tuple[list[dict[str, str]], list[str]]:
    """``{"record_id", "person_id"}`` per record in input order, and the problems found."""
    problems: list[str] = []
    records = _read_jsonl(path, problems)
    prepared = prepare(records)
    problems.extend(f"record {index}: {message}" for index, message in prepared.rejected)
    for rid, found in prepared.problems.items():
        problems.extend(f"record {rid}: {message}" for message in found)
    resolver = Resolver(
        default_model_path(),
        backend=backend or settings.PASSAGE_IDENTITY_BACKEND,
        spark=_spark() if (backend or settings.PASSAGE_IDENTITY_BACKEND) == "spark" else None,
    )
    pairs = list(resolver.score(prepared))
    persons = cluster(
        (row["unique_id"] for row in prepared.rows),
        pairs,
        prepared.rows,
        group=resolver.thresholds.group,
    )
    return [{"record_id": rid, "person_id": persons[rid]} for rid in persons], problems


def _spark() -> Any:
    from passage.identity.spark import session

    return session()


class Command(BaseCommand):
    help = (
        "Identity resolution. `passage identity resolve FILE.jsonl` prints "
        '{"record_id", "person_id"} per record (records: record_id, surname, given_names, '
        "birth_date, sex, nationality, issuing_state, document_number), with the default "
        "model and thresholds; problems with records go to standard error."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        resolve = sub.add_parser("resolve", help="resolve a JSON Lines file of records")
        resolve.add_argument(
            "file", type=Path, nargs="?", metavar="FILE.jsonl", help="- for standard input"
        )
        which = resolve.add_mutually_exclusive_group()
        which.add_argument(
            "--all", action="store_true", help="HQ: propose links over every stored document"
        )
        which.add_argument(
            "--new",
            action="store_true",
            help="HQ: propose links for documents recorded since the last run (cron)",
        )
        resolve.add_argument("--backend", choices=("duckdb", "spark"), default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"] or options["new"]:
            if options["file"] is not None:
                raise CommandError("give a FILE or --all/--new, not both")
            result = run_resolution(incremental=options["new"], backend=options["backend"])
            for problem in result.problems:
                self.stderr.write(problem)
            run = result.run
            self.stdout.write(
                f"{run.records} documents; {run.proposed} links proposed, "
                f"{run.reopened} reopened (records changed), {run.kept} unchanged"
            )
            return
        if options["file"] is None:
            raise CommandError("give a FILE.jsonl (or - for standard input), or --all, or --new")
        rows, problems = resolve_file(options["file"], options["backend"])
        for problem in problems:
            self.stderr.write(problem)
        for row in rows:
            self.stdout.write(json.dumps(row, ensure_ascii=False))
