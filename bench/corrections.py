"""What field-level corrections (decision 0105) cost HQ: receiving travellers, and
sending each post the corrections of the travellers it holds. SQLite, in one process.

    python bench/corrections.py [--travellers 5000] [--changes 1000] [--rounds 3]

1. Receiving: a post's batch of new travellers and their documents, applied by HQ's
   inbox as ``passage sync`` would have it applied, with HQ remembering which post holds
   each traveller (``HeldTraveller``, new) and, same run, with that step switched off
   (the code before 0105) on the same number of other travellers. Ratio printed.
2. Sending: ``traveller_corrections`` export for a post holding ``--travellers``
   travellers after ``--changes`` corrections made at HQ (a third of them on travellers
   the post holds), and the answer when nothing changed since (``current``).

Synthetic travellers only; a fresh database in a temporary directory each run.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import os
import statistics
import subprocess
import tempfile
import time
import uuid
from typing import Any

BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--travellers", type=int, default=5000)
    parser.add_argument("--changes", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    var = Path(tempfile.mkdtemp(prefix="bench-corrections-"))
    os.environ.update(
        PASSAGE_VAR_DIR=str(var),
        PASSAGE_ROLE="hq",
        PASSAGE_SECURE="0",
        PASSAGE_SECRET_KEY="bench-" + "s" * 50,
        PASSAGE_SYNC_MASTER_KEY="bench-master-" + "m" * 40,
        DJANGO_SETTINGS_MODULE="passage.site.settings",
    )
    os.environ.pop("PASSAGE_DATABASE_URL", None)
    subprocess.run([str(BIN / "passage"), "setup"], check=True, capture_output=True)
    import django

    django.setup()
    from django.db import transaction

    from passage.sync import inbox, services
    from passage.sync.inbox import Event
    from passage.sync.registry import _models, model_spec
    from passage.travellers import corrections
    from passage.travellers.models import Traveller

    spec = model_spec("travellers.traveller")
    assert spec is not None
    n = args.travellers

    def events(node_seq: int) -> list[Event]:
        rows: list[Event] = []
        for i in range(n):
            tid, did = str(uuid.uuid4()), str(uuid.uuid4())
            fields: dict[str, Any] = {
                "id": tid,
                "primary_name": "ERIKSSON",
                "secondary_name": "ANNA",
                "native_primary_name": "",
                "native_secondary_name": "",
                "sex": "F",
                "birth_year": 1974,
                "birth_month": 8,
                "birth_day": 12,
                "nationality_id": None,
                "created_at": "2026-12-01T10:00:00+00:00",
                "created_by_id": None,
                "version": 1,
            }
            document = {
                "id": did,
                "traveller_id": tid,
                "document_type": "passport",
                "document_code": "P",
                "issuing_state_id": None,
                "number": f"B{node_seq}{i:07d}",
                "expiry_date": "2031-01-01",
                "mrz": "",
                "mrz_format": "TD3",
                "created_at": "2026-12-01T10:00:00+00:00",
            }
            rows.append(
                Event(
                    2 * i + 1,
                    "object",
                    "travellers.traveller",
                    tid,
                    {"action": "create", "fields": fields},
                )
            )
            rows.append(
                Event(
                    2 * i + 2,
                    "object",
                    "travellers.traveldocument",
                    did,
                    {"action": "create", "fields": document},
                )
            )
        return rows

    def receive(node: Any, batch: list[Event]) -> float:
        started = time.perf_counter()
        with transaction.atomic():
            inbox._apply(node, batch)
        return time.perf_counter() - started

    with_hold, without = [], []
    node = services.enrol_node(None, "bench-post").node
    for r in range(args.rounds):
        with_hold.append(receive(node, events(2 * r)))
        _models[spec.label] = type(spec)(**{**spec.__dict__, "applied": None})
        try:
            without.append(receive(node, events(2 * r + 1)))
        finally:
            _models[spec.label] = spec
    a, b = statistics.median(with_hold), statistics.median(without)
    print(
        f"receive {n:,} travellers + documents (median of {args.rounds}): "
        f"with HeldTraveller {a:.3f} s, without {b:.3f} s, ratio {a / b:.2f}x"
    )

    import random

    from passage.sync.models import HeldTraveller

    mine = [
        str(t)
        for t in HeldTraveller.objects.filter(node=node).values_list("traveller_id", flat=True)
    ]
    others = [str(t) for t in Traveller.objects.exclude(pk__in=mine).values_list("pk", flat=True)]
    rng = random.Random(1)
    from passage.sync import corrections as sync_corrections

    start_version = sync_corrections.version()
    started = time.perf_counter()
    for i in range(args.changes):
        pool = mine if i % 3 == 0 else others
        t = Traveller.objects.get(pk=rng.choice(pool))
        corrections.correct(
            None,
            t.pk,
            {"birth_day": (t.birth_day or 0) % 28 + 1},
            version=t.version,
            reason="bench",
        )
    made = time.perf_counter() - started
    print(
        f"{args.changes:,} corrections at HQ: {made:.2f} s ({made / args.changes * 1000:.2f} ms each)"
    )
    times = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        answer = sync_corrections.export(start_version, node)
        times.append(time.perf_counter() - started)
    print(
        f"export to a post holding {len(mine):,} travellers, {answer.rows:,} of the changes "
        f"theirs: median {statistics.median(times) * 1000:.1f} ms, "
        f"{len(answer.data['travellers']):,} travellers sent"
    )
    started = time.perf_counter()
    current = sync_corrections.export(answer.version, node)
    print(
        f"export when nothing changed: {current.mode}, {(time.perf_counter() - started) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
