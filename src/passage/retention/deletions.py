"""The ``deletions`` dataset: HQ's deletions reach every post (issue 24 point 10).

HQ numbers its deletions (``Deletion.seq``); a post holds the number of the last one it
applied as the dataset's version, and each pull brings the ones after it, at most
``PAGE`` a time (``more`` asks for the next page). The post applies a page in one
transaction with ``services.apply_deletions`` (decision 0122).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from passage.accounts.models import User
from passage.sync.registry import Dataset, Export

from .models import Deletion
from .services import apply_deletions

PAGE = 50


def version() -> str:
    last = Deletion.objects.order_by("-seq").values_list("seq", flat=True).first()
    return str(last or 0)


def export(held: str | None) -> Export:
    try:
        after = int(held) if held else 0
    except ValueError:
        after = 0
    current = version()
    if str(after) == current:
        return Export(version=current, mode="current")
    page = list(
        Deletion.objects.filter(seq__gt=after)
        .order_by("seq")
        .values("seq", "reason", "crossings", "travellers")[: PAGE + 1]
    )
    more = len(page) > PAGE
    page = page[:PAGE]
    if not page:  # the post holds a number HQ never gave (HQ restored): nothing to send
        return Export(version=current, mode="current")
    return Export(
        version=str(page[-1]["seq"]),
        mode="delta",
        data=page,
        rows=sum(len(d["crossings"]) + len(d["travellers"]) for d in page),
        more=more,
    )


def apply(actor: User | None, export: Export) -> int:
    messages: list[dict[str, Any]] = export.data or []
    return apply_deletions(actor, messages)


DELETIONS = Dataset(
    name="deletions",
    label=gettext_noop("Deletions (retention purges and erasures) to apply at the post"),
    title=gettext_noop("Deletions"),
    version=version,
    export=export,
    apply=apply,
)
