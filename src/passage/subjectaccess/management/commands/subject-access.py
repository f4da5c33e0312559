"""``passage subject-access``: a person's own file, written as JSON and PDF.

Records an access request (audited, with its one-month deadline), assembles the file and
writes ``person-file.json`` and ``person-file-<lang>.pdf`` for each language asked for.
Run as a named data-protection officer: ``--user`` must hold
``subjectaccess.handle_subject_requests``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from passage.accounts.models import User
from passage.core.problems import ProblemError
from passage.subjectaccess import pdf, services
from passage.subjectaccess.access import HANDLE
from passage.subjectaccess.choices import RequestKind
from passage.subjectaccess.personfile import dumps


class Command(BaseCommand):
    help = (
        "Assemble a person's own file (data-subject access) as JSON and PDF. "
        f"Needs --user with the permission {HANDLE}."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        who = parser.add_argument_group("the person (a document, or a name and birth date)")
        who.add_argument("--document", default="", help="STATE:NUMBER, e.g. UTO:L898902C3")
        who.add_argument("--surname", default="")
        who.add_argument("--given-names", default="")
        who.add_argument("--birth-date", default="", help="YYYY-MM-DD, YYYY-MM or YYYY")
        parser.add_argument("--out", required=True, help="directory to write the files to")
        parser.add_argument("--user", required=True, help="the data-protection officer's login")
        parser.add_argument(
            "--lang",
            default=",".join(code for code, _ in settings.LANGUAGES),
            help="languages of the PDF, comma-separated (default: all)",
        )
        parser.add_argument("--requester", default="", help="who asked (kept with the request)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None or not user.has_perm(HANDLE):
            raise CommandError(f"--user: {options['user']!r} does not hold {HANDLE}")
        codes = [code for code, _ in settings.LANGUAGES]
        languages = [c.strip() for c in options["lang"].split(",") if c.strip()]
        unknown = [c for c in languages if c not in codes]
        if unknown or not languages:
            raise CommandError(f"--lang: one or more of {', '.join(codes)}")
        out = Path(options["out"])
        if out.exists() and not out.is_dir():
            raise CommandError(f"--out: {out} is not a directory")
        lookup = services.Lookup(
            document=options["document"],
            surname=options["surname"],
            given_names=options["given_names"],
            birth_date=options["birth_date"],
        )
        try:
            request = services.receive_request(
                user, RequestKind.ACCESS, lookup, requester=options["requester"]
            )
        except ProblemError as exc:
            raise CommandError(
                "; ".join(f"--{k.replace('_', '-')}: {v}" for k, v in exc.problems.items())
            ) from exc
        out.mkdir(parents=True, exist_ok=True)
        written = []
        with translation.override("en"):
            data = services.assemble_file(user, request, purpose="subject access (command)")
        (out / "person-file.json").write_text(dumps(data), encoding="utf-8")
        services.record_export(user, request, "json", "en")
        written.append(str(out / "person-file.json"))
        for language in languages:
            with translation.override(language):
                localized = services.assemble_file(
                    user, request, purpose=f"subject access (command): PDF ({language})"
                )
                path = out / f"person-file-{language}.pdf"
                path.write_bytes(pdf.render(localized))
            services.record_export(user, request, "pdf", language)
            written.append(str(path))
        self.stdout.write(
            json.dumps(
                {
                    "request": str(request.pk),
                    "found": request.traveller_id is not None,
                    "due_on": request.due_on.isoformat(),
                    "files": written,
                }
            )
        )
