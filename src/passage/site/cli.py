"""The ``passage`` command: Django's management commands with Passage's settings.

``passage --help`` lists every verb; ``passage VERB --help`` explains one.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passage.site.settings")
    import getpass
    import uuid

    import django
    from django.core.management import execute_from_command_line

    django.setup()
    # Only after django.setup(): the audit module imports models, which need the settings
    # chosen above. Not a dependency cycle (site is the top layer).
    from passage.accounts import audit

    # Events written by a command carry who ran it on this machine.
    audit.set_context(
        audit.RequestContext(
            request_id=f"cli-{uuid.uuid4().hex[:12]}", source_ip=f"cli:{getpass.getuser()}"
        )
    )
    args = list(sys.argv if argv is None else argv)
    args[0] = "passage"
    if len(args) == 1 or args[1] in {"-h", "--help"}:
        args[1:] = ["help"]
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
