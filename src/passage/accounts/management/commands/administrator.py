from __future__ import annotations

import getpass
import os
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from passage.accounts.services import install_administrator


class Command(BaseCommand):
    help = (
        "Create the installation's administrator (`passage administrator NAME`): the "
        "administrator role, national scope, marked superuser. The password is asked "
        "for, or read from PASSAGE_ADMIN_PASSWORD with --no-input."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--no-input", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["no_input"]:
            password = os.environ.get("PASSAGE_ADMIN_PASSWORD", "")
            if not password:
                raise CommandError("--no-input needs PASSAGE_ADMIN_PASSWORD")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("the passwords differ")
        try:
            validate_password(password)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        user = install_administrator(options["username"], password)
        self.stdout.write(f"administrator {user.get_username()} ready")
