from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from passage.accounts.roles import ROLE_PERMISSIONS, group_name, sync_roles


class Command(BaseCommand):
    help = "Bring the role groups in line with the role table (`passage roles sync`), or list them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("verb", choices=["sync", "list"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verb"] == "sync":
            changed = sync_roles()
            self.stdout.write(f"roles synchronised ({len(changed)} groups changed)")
            return
        for role, permissions in ROLE_PERMISSIONS.items():
            self.stdout.write(f"{group_name(role)}:")
            for permission in sorted(permissions):
                self.stdout.write(f"  {permission}")
