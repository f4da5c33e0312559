from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from passage.accounts.roles import sync_roles
from passage.protection.services import load_reference
from passage.reference.services import load_builtin_countries, load_refusal_grounds


class Command(BaseCommand):
    help = "Prepare a database: migrate, create the role groups, load the ICAO country codes."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("database migrated")
        changed = sync_roles()
        self.stdout.write(f"roles ready ({len(changed)} groups changed)")
        self.stdout.write(load_builtin_countries(None).summary())
        self.stdout.write(load_refusal_grounds(None).summary())

        self.stdout.write(load_reference(None).summary())
