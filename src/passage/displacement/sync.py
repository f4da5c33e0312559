"""What posts send to HQ: counts, surveys and assessments, as the counter's crossings.

Registered with the sync registry's public ``register_model`` (this app sits above sync).
Points and sites are reference data loaded under the same codes at both ends, so a
count names its point by key. A record entered on a page is queued by its own audit
event; an imported file's records travel with the file's ``import`` event (``related``).
Records are evidence: HQ inserts them and never changes them (``immutable``).

HQ keeps its dashboards' summary (``FlowDay``) in step in ``prepare``, which runs in the
batch's transaction before the rows are applied: only counts HQ does not hold yet are
added, so a repeated batch adds nothing.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from passage.sync.registry import register_model

from .models import FlowCount
from .services import SUMMED, add_to_summary

RECORDS = ("counts", "surveys", "baselines", "site_assessments")


def summarise_incoming(events: list[Any], ctx: Any) -> None:
    ids = [e.id for e in events]
    held: set[str] = set()
    for i in range(0, len(ids), 500):
        held.update(
            str(pk)
            for pk in FlowCount.objects.filter(pk__in=ids[i : i + 500]).values_list("pk", flat=True)
        )
    fresh = []
    for e in events:
        if e.id in held or e.data.get("action") != "create":
            continue
        f = e.data["fields"]
        fresh.append(
            SimpleNamespace(
                point_id=f["point_id"],
                day=dt.date.fromisoformat(str(f["day"])),
                direction=f["direction"],
                origin=f["origin"],
                destination=f["destination"],
                **{name: int(f[name]) for name in SUMMED},
            )
        )
        held.add(e.id)
    add_to_summary(fresh)


def register() -> None:
    register_model("displacement.importbatch", on={"import"}, related={"import": RECORDS})
    register_model(
        "displacement.flowcount",
        on={"create"},
        include=("batch",),
        immutable=True,
        prepare=summarise_incoming,
    )
    for label in ("flowsurvey", "baselineassessment", "siteassessment"):
        register_model(f"displacement.{label}", on={"create"}, include=("batch",), immutable=True)
