from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from passage.accounts.models import ApiToken, User
from passage.accounts.services import create_token, revoke_token
from passage.core.problems import ProblemError


class Command(BaseCommand):
    help = (
        "API tokens for service accounts (document readers, e-gates): "
        "`passage token create USER --name NAME [--days N]` prints the token once; "
        "`passage token revoke PREFIX`; `passage token list USER`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        create = sub.add_parser("create")
        create.add_argument("username")
        create.add_argument("--name", required=True)
        create.add_argument("--days", type=int)
        revoke = sub.add_parser("revoke")
        revoke.add_argument("prefix")
        listing = sub.add_parser("list")
        listing.add_argument("username")

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"username: no user {username!r}")
        return user

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        if verb == "create":
            user = self._user(options["username"])
            try:
                issued = create_token(None, user, options["name"], options["days"])
            except ProblemError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(issued.secret)
        elif verb == "revoke":
            token = ApiToken.objects.select_related("user").filter(prefix=options["prefix"]).first()
            if token is None:
                raise CommandError(f"prefix: no token {options['prefix']!r}")
            revoke_token(None, token)
            self.stdout.write(f"revoked {token}")
        else:
            for token in ApiToken.objects.filter(user=self._user(options["username"])):
                state = "revoked" if token.revoked_at else f"expires {token.expires_at:%Y-%m-%d}"
                self.stdout.write(f"psg_{token.prefix}  {token.name}  {state}")
