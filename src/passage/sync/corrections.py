"""Travellers' corrections between posts and HQ (decision 0105, docs/sync.md).

Up: a post never sends a corrected traveller whole; it sends the correction
(``travellers.TravellerCorrection``: each changed field with the value it was made on).
HQ merges it field by field (``travellers.corrections.merge``) and keeps what cannot
be merged as a conflict for a supervisor. A whole traveller sent as changed (a post
running older code) overwrites nothing: differing fields become conflicts.

Down: HQ logs every value it changes (``TravellerChange``: its own corrections, merged
ones, resolutions) and remembers which posts hold each traveller and under which key
(``HeldTraveller``, filled as travellers arrive). The ``traveller_corrections`` dataset
sends each post the latest values of the changed fields of the travellers it holds,
except the changes that came from that post itself. The post takes them, except for
the fields it has corrected since its last acknowledged push: those HQ has not seen
yet, and HQ's merge decides them (a conflict there, resolved and sent down again).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db.models import Max

from passage.accounts.models import User
from passage.core.problems import ProblemError
from passage.reference.models import Country
from passage.travellers import corrections
from passage.travellers.models import CORRECTABLE, Traveller, TravellerChange, TravellerCorrection

from .models import HeldTraveller, Node, OutboxEvent, PostLink
from .registry import Export
from .signing import Refusal

CORRECTION_LABEL = "travellers.travellercorrection"
PREFIX = "tc1:"


# --- HQ: receiving -------------------------------------------------------------------------


def hold_travellers(pairs: list[tuple[str, Any, bool]], ctx: Any) -> None:
    """Remember that the sending post holds these travellers, under its own keys."""
    HeldTraveller.objects.bulk_create(
        [HeldTraveller(node=ctx.node, traveller_id=pk, remote_id=e.id) for pk, e, _ in pairs],
        ignore_conflicts=True,
    )


def merge_corrections(pairs: list[tuple[str, Any, bool]], ctx: Any) -> None:
    """Merge the corrections this batch brought, in the order the post made them."""
    created = [pk for pk, _e, new in pairs if new]
    held = {str(c.pk): c for c in TravellerCorrection.objects.filter(pk__in=created)}
    for pk in created:
        try:
            corrections.merge(held[pk], str(ctx.node.pk))
        except ProblemError as exc:
            raise Refusal(422, f"correction {pk} cannot be merged: {exc}") from exc


def merge_whole_records(pairs: list[tuple[str, Any]], ctx: Any) -> None:
    for pk, event in pairs:
        corrections.merge_whole_record(pk, event.data.get("fields", {}), str(ctx.node.pk))


# --- HQ: sending -----------------------------------------------------------------------------


def _top() -> int:
    return int(TravellerChange.objects.aggregate(top=Max("seq"))["top"] or 0)


def _held_seq(held: str | None) -> int:
    if held and held.startswith(PREFIX) and held[len(PREFIX) :].isdigit():
        return int(held[len(PREFIX) :])
    return 0  # nothing held, or unreadable: from the start (only the post's travellers)


def version() -> str:
    return f"{PREFIX}{_top()}"


def export(held: str | None, node: Node) -> Export:
    """The latest values HQ changed of the travellers ``node`` holds, after ``held``."""
    top = _top()
    after = _held_seq(held)
    if after > top:  # HQ holds less than the post was sent (HQ restored): start again
        after = 0
    if after == top:
        return Export(version=f"{PREFIX}{top}", mode="current")
    page = int(getattr(settings, "PASSAGE_SYNC_CORRECTION_PAGE", 5000))
    rows = list(
        TravellerChange.objects.filter(
            seq__gt=after,
            seq__lte=top,
            traveller_id__in=HeldTraveller.objects.filter(node=node).values("traveller_id"),
        )
        .exclude(origin=str(node.pk))
        .order_by("seq")
        .values_list("seq", "traveller_id", "values")[: page + 1]
    )
    more = len(rows) > page
    rows = rows[:page]
    reached = rows[-1][0] if more else top
    remote: dict[Any, list[str]] = defaultdict(list)
    for held_id, remote_id in HeldTraveller.objects.filter(
        node=node, traveller_id__in={r[1] for r in rows}
    ).values_list("traveller_id", "remote_id"):
        remote[str(held_id)].append(str(remote_id))
    travellers: dict[str, dict[str, Any]] = defaultdict(dict)
    for _seq, traveller_id, values in rows:
        for key in remote[str(traveller_id)]:
            travellers[key].update(values)
    return Export(
        version=f"{PREFIX}{reached}",
        mode="delta",
        data={"travellers": dict(travellers)},
        rows=len(rows),
        more=more,
    )


# --- post: applying ------------------------------------------------------------------------


def _pending() -> dict[str, set[str]]:
    """Fields of each traveller corrected here and not yet acknowledged by HQ."""
    link = PostLink.objects.first()
    acked = link.acked_seq if link is not None else 0
    ids = list(
        OutboxEvent.objects.filter(seq__gt=acked, model=CORRECTION_LABEL).values_list(
            "object_id", flat=True
        )
    )
    pending: dict[str, set[str]] = defaultdict(set)
    for traveller_id, changes in TravellerCorrection.objects.filter(pk__in=ids).values_list(
        "traveller_id", "changes"
    ):
        pending[str(traveller_id)].update(changes)
    return pending


def apply(actor: User | None, export: Export) -> int:
    """Take HQ's values, field by field, in the pull's transaction (``apply_dataset``)."""
    data = export.data if isinstance(export.data, dict) else None
    travellers = data.get("travellers") if data is not None else None
    if not isinstance(travellers, dict):
        raise ProblemError({"traveller_corrections": "a travellers object expected"})
    pending = _pending()
    countries = {
        v.get("nationality_id")
        for v in travellers.values()
        if isinstance(v, dict) and v.get("nationality_id")
    }
    known = set(Country.objects.filter(pk__in=countries).values_list("pk", flat=True))
    written = 0
    for traveller_id, values in travellers.items():
        if not isinstance(values, dict) or set(values) - set(CORRECTABLE):
            raise ProblemError(
                {"traveller_corrections": f"traveller {traveller_id}: unknown fields"}
            )
        if values.get("nationality_id") and values["nationality_id"] not in known:
            raise ProblemError(
                {"traveller_corrections": f"unknown country {values['nationality_id']!r}"}
            )
        traveller = Traveller.objects.select_for_update().filter(pk=traveller_id).first()
        if traveller is None:
            continue  # no longer held here (purged): nothing to correct
        mine = pending.get(str(traveller.pk), set())
        written += len(
            corrections.apply_from_hq(traveller, {k: v for k, v in values.items() if k not in mine})
        )
    return written
