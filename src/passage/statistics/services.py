"""Bring the statistics up to date: run every registered source from its bookmark."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import User

from . import sources
from .models import Bookmark, Fact


@dataclass(frozen=True)
class SourceRun:
    source: str
    rows: int
    seconds: float


def settle_seconds() -> int:
    return int(getattr(settings, "PASSAGE_STATS_SETTLE_SECONDS", 120))


def refresh(
    actor: User | None = None,
    *,
    settle: int | None = None,
    only: list[str] | None = None,
    rebuild: bool = False,
) -> list[SourceRun]:
    """Read every source from its bookmark up to now minus ``settle`` seconds.

    ``settle`` (default ``PASSAGE_STATS_SETTLE_SECONDS``, 120) leaves time for
    transactions that stamped their rows before the refresh began to commit; a run
    with nothing else writing (the demo, a test) may pass 0. ``rebuild`` forgets the
    facts and bookmarks of the sources and reads everything again.
    """
    cutoff = timezone.now() - dt.timedelta(seconds=settle_seconds() if settle is None else settle)
    names = only or list(sources.SOURCES)
    unknown = set(names) - set(sources.SOURCES)
    if unknown:
        raise ValueError(f"unknown source(s): {', '.join(sorted(unknown))}")
    frozen = sources.frozen_before()
    if rebuild and frozen is not None:
        raise ValueError(
            f"counts before {frozen} are final (a retention purge deleted rows they were "
            "counted from): they cannot be rebuilt"
        )
    runs = []
    for name in names:
        source = sources.SOURCES[name]
        started = time.perf_counter()
        with transaction.atomic():
            if rebuild:
                Fact.objects.filter(cube__in=source.cubes).delete()
                Bookmark.objects.filter(source=name).delete()
            Bookmark.objects.get_or_create(source=name)
            # One refresh per source at a time: the second waits for the first's commit.
            bookmark = Bookmark.objects.select_for_update().get(source=name)
            before = dict(bookmark.position)
            position, rows = source.refresh(before, cutoff)
            bookmark.position = position
            bookmark.refreshed_at = timezone.now()
            bookmark.rows_read += rows
            bookmark.save()
            audit.record(
                actor,
                AuditAction.STATISTICS_REFRESHED,
                object_type="statistics.bookmark",
                object_id=name,
                before=before,
                after=position,
                details={"rows": rows, "rebuild": rebuild, "cutoff": cutoff.isoformat()},
            )
        runs.append(SourceRun(name, rows, time.perf_counter() - started))
    return runs


@transaction.atomic
def freeze_before(actor: User | None, day: dt.date) -> dt.date:
    """Make the counts of every day before ``day`` final: no recount touches them again.

    The retention purge calls it (after a refresh, before deleting) so that deleting the
    rows facts were counted from never changes a published count (decision 0121). The
    freeze only moves forward; it returns the day in force.
    """
    bookmark, _ = Bookmark.objects.select_for_update().get_or_create(source=sources.FROZEN)
    current = sources.frozen_before()
    if current is not None and current >= day:
        return current
    before = dict(bookmark.position)
    bookmark.position = {"before": day.isoformat()}
    bookmark.save(update_fields=["position"])
    audit.record(
        actor,
        AuditAction.STATISTICS_REFRESHED,
        object_type="statistics.bookmark",
        object_id=sources.FROZEN,
        before=before,
        after=bookmark.position,
        message=f"counts before {day} are final (retention purge)",
    )
    return day


def last_refreshed() -> dt.datetime | None:
    times = [
        t
        for t in Bookmark.objects.exclude(source=sources.FROZEN).values_list(
            "refreshed_at", flat=True
        )
        if t
    ]
    return min(times) if times else None
