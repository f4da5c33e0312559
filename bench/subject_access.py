"""A person's own file for a traveller with 200 crossings: issue 22 asks for at most 2 s.

Builds a fresh SQLite database in a temporary directory: one crossing point, a DPO, the
traveller with ``--crossings`` crossings (entries and exits, every tenth refused with a
ground, every fifth amended, each with its creation audit event and two audited reads),
and ``--others`` other travellers with 10 crossings each (and their audit events) so the
indexes have something to skip. Rows are written in bulk (this measures the read, not
the counter). Then, in the same run, times (median of ``--repeat``):

- ``baseline``: the plain rows a file is made of, one query each (the traveller's
  crossings with ``values()``, their audit events by object id) — no labels, no joins;
- ``file``: ``subjectaccess.services.assemble_file`` (audited read + ``person_file``);
- ``pdf en`` / ``pdf ar``: the file rendered as PDF (fpdf2, HarfBuzz shaping).

    python bench/subject_access.py [--crossings 200] [--others 2000] [--repeat 5]

Prints each time, the file's ratio to the baseline, and whether the file met 2 s.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any


def _median(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--crossings", type=int, default=200)
    parser.add_argument("--others", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    var = tempfile.mkdtemp(prefix="passage-bench-subject-")
    os.environ["PASSAGE_VAR_DIR"] = var
    os.environ["DJANGO_SETTINGS_MODULE"] = "passage.site.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone, translation

    from passage.accounts import audit
    from passage.accounts.models import AuditEvent
    from passage.accounts.roles import Role, sync_roles
    from passage.accounts.services import audited_save, create_user
    from passage.crossings.models import Amendment, Crossing
    from passage.reference.models import BorderCrossingPoint, RefusalGround
    from passage.reference.services import load_builtin_countries, load_refusal_grounds
    from passage.subjectaccess import pdf, services
    from passage.travellers.models import TravelDocument, Traveller

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_builtin_countries(None)
    load_refusal_grounds(None)
    sync_roles()
    post = audited_save(
        None, BorderCrossingPoint(code="UTO-AIR", name="Utopia Airport", kind="air")
    )
    officer = create_user(
        None, "officer", password="x" * 12, roles=[Role.BORDER_OFFICER], crossing_points=[post]
    )
    dpo = create_user(
        None, "dpo", password="x" * 12, roles=[Role.DATA_PROTECTION_OFFICER], national_scope=True
    )
    ground = RefusalGround.objects.get(code="E")
    base = timezone.now() - dt.timedelta(days=4 * 365)

    def person(n: int, crossings: int) -> Traveller:
        t = Traveller.objects.create(
            primary_name=f"PERSON{n}",
            secondary_name="ANNA",
            birth_year=1980,
            birth_month=1,
            birth_day=1 + n % 28,
            nationality_id="UTO",
            sex="F",
        )
        doc = TravelDocument.objects.create(
            traveller=t, document_type="passport", issuing_state_id="UTO", number=f"B{n:08d}"
        )
        rows = [
            Crossing(
                direction="entry" if i % 2 == 0 else "exit",
                crossing_point=post,
                at=base + dt.timedelta(days=3 * i, hours=n % 24),
                officer=officer,
                traveller=t,
                document=doc,
                purpose="tourism",
                decision="refused" if i % 10 == 9 else "admitted",
            )
            for i in range(crossings)
        ]
        Crossing.objects.bulk_create(rows)
        with transaction.atomic():
            for i, c in enumerate(rows):
                if c.decision == "refused":
                    c.refusal_grounds.add(ground)
                audit.record(officer, "create", obj=c, message="")
                if i % 5 == 0:
                    Amendment.objects.create(
                        crossing=c, changes={"carrier": ["", "UA"]}, reason="typo", author=officer
                    )
                    audit.record(officer, "amend", obj=c, message="typo")
            audit.record(officer, "read", obj=t, message="traveller search: counter")
            audit.record(officer, "read", obj=t, message="traveller history")
        return t

    subject = person(0, args.crossings)
    for n in range(1, args.others + 1):
        person(n, 10)
    setup = time.perf_counter() - start
    request = services.receive_request(dpo, "access", services.Lookup(document="UTO:B00000000"))
    print(
        f"data: 1 traveller with {args.crossings} crossings, {args.others} others with 10 each; "
        f"{Crossing.objects.count()} crossings, {AuditEvent.objects.count()} audit events "
        f"(built in {setup:.1f} s, SQLite in {var})"
    )

    ids = [
        str(pk) for pk in Crossing.objects.filter(traveller=subject).values_list("pk", flat=True)
    ]

    def baseline() -> None:
        list(Crossing.objects.filter(traveller=subject).values())
        list(AuditEvent.objects.filter(object_id__in=[*ids, str(subject.pk)]).values())

    def file() -> dict[str, Any]:
        return services.assemble_file(dpo, request)

    data = file()
    assert len(data["crossings"]) == args.crossings

    def render(language: str) -> Callable[[], bytes]:
        def go() -> bytes:
            with translation.override(language):
                return pdf.render(data)

        return go

    t_base = _median(baseline, args.repeat)
    t_file = _median(file, args.repeat)
    t_en = _median(render("en"), max(1, args.repeat // 2))
    t_ar = _median(render("ar"), max(1, args.repeat // 2))
    print(f"baseline (plain rows)   {t_base * 1000:8.1f} ms")
    print(f"file (assemble_file)    {t_file * 1000:8.1f} ms   {t_file / t_base:5.1f}x baseline")
    print(f"pdf en                  {t_en * 1000:8.1f} ms")
    print(f"pdf ar                  {t_ar * 1000:8.1f} ms   {t_ar / t_en:5.2f}x en")
    print(
        f"file + pdf ar           {(t_file + t_ar) * 1000:8.1f} ms   target 2000 ms: "
        + ("met" if t_file + t_ar <= 2.0 else "MISSED")
    )


if __name__ == "__main__":
    main()
