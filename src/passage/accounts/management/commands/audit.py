from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from passage.accounts import audit
from passage.accounts.choices import AuditAction


class Command(BaseCommand):
    help = "Audit log tools: `passage audit verify` checks the hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        verify = sub.add_parser(
            "verify", help="check every link of the chain; exit 1 at the first broken one"
        )
        verify.add_argument("--json", action="store_true", help="print the result as JSON")
        verify.add_argument(
            "--no-record",
            action="store_true",
            help="do not append an event recording the check (read-only databases)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit.verify()
        if not options["no_record"]:
            with transaction.atomic():
                audit.record(
                    None,
                    AuditAction.AUDIT_VERIFIED,
                    actor_name="passage audit verify",
                    details={
                        "ok": result.ok,
                        "checked": result.checked,
                        "broken_seq": result.broken_seq,
                    },
                    message=result.reason or "chain intact",
                )
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "ok": result.ok,
                        "checked": result.checked,
                        "broken_seq": result.broken_seq,
                        "reason": result.reason,
                    }
                )
            )
        elif result.ok:
            self.stdout.write(
                self.style.SUCCESS(f"audit chain intact: {result.checked} events checked")
            )
        if not result.ok:
            raise CommandError(
                f"audit chain broken at event #{result.broken_seq}: {result.reason} "
                f"({result.checked} events before it are intact)",
                returncode=1,
            )
