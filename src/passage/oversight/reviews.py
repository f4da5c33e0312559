"""What one user read over a period, and which reads are unusual (decision 0130).

The reads are the user's ``read`` and ``export`` audit events: HQ's own chain and, at HQ,
the posts' chains it holds (``sync.NodeAuditEvent``), since an officer reads at the post's
machine. A post's record that HQ linked to one it already held (``sync.SyncAlias``) is
followed to HQ's record. Each read is flagged when:

- ``not_at_posts``: it is about a person (a traveller, or a record that names one:
  crossing, screening hit, overstay case, protection flag or referral) who has no
  crossing at any of the user's assigned posts. Users of national scope act everywhere
  and are not judged by this;
- ``burst``: it lies in a run of at least ``PASSAGE_REVIEW_BURST_READS`` reads within
  ``PASSAGE_REVIEW_BURST_MINUTES`` minutes;
- ``out_of_hours``: its local time is outside the user's working hours (their own, or
  else their posts'; with neither, reads are not judged by the hour);
- ``protection``: it is about a protection record and the user does not hold
  ``protection.view_protection``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from passage.accounts.auditlog import ShownEvent, day_range, is_protection_event, shown
from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent, User
from passage.core.problems import ProblemError
from passage.crossings.models import Crossing
from passage.sync.models import NodeAuditEvent, SyncAlias

from .choices import Flag
from .models import WorkingHours

READ_ACTIONS = (AuditAction.READ, AuditAction.EXPORT)
MAX_READS = 20_000
MAX_DAYS = 366

# From a record's type to the lookup that gives the person it names.
PERSON_LOOKUPS: dict[str, tuple[str, str]] = {
    "crossings.crossing": ("crossings.Crossing", "traveller_id"),
    "alerts.screeninghit": ("alerts.ScreeningHit", "crossing__traveller_id"),
    "stay.overstaycase": ("stay.OverstayCase", "entry__traveller_id"),
    "protection.assessment": ("protection.Assessment", "traveller_id"),
    "protection.referral": ("protection.Referral", "assessment__traveller_id"),
}


@dataclass
class Read:
    item: ShownEvent
    person: str | None = None
    flags: list[str] = field(default_factory=list)
    post: str = ""  # the post whose chain holds the event; "" for this machine's own

    @property
    def here(self) -> bool:
        return not self.post

    @property
    def flag_labels(self) -> list[str]:
        return [str(Flag(f).label) for f in self.flags]


@dataclass
class Review:
    subject: User
    start: dt.date
    end: dt.date
    reads: list[Read]
    counts: dict[str, int]
    posts: list[str]
    hours: list[WorkingHours]
    hours_of: str  # "user", "posts" or "" (not judged)
    purposes: list[tuple[str, int]]
    burst_reads: int
    burst_minutes: int

    @property
    def flagged(self) -> list[Read]:
        return [r for r in self.reads if r.flags]

    @property
    def count_rows(self) -> list[tuple[str, str, int]]:
        return [(str(f), str(f.label), self.counts.get(str(f), 0)) for f in Flag]

    @property
    def people(self) -> int:
        return len({r.person for r in self.reads if r.person})


def parse_period(params: Any) -> tuple[dt.date, dt.date]:
    """``start`` and ``end`` (days, both included); a bad one is a ``ProblemError``."""
    problems: dict[str, str] = {}
    days: dict[str, dt.date] = {}
    for name in ("start", "end"):
        raw = (params.get(name) or "").strip()
        try:
            days[name] = dt.date.fromisoformat(raw)
        except ValueError:
            problems[name] = "a date as YYYY-MM-DD"
    if not problems:
        if days["start"] > days["end"]:
            problems["start"] = "after the end of the period"
        elif (days["end"] - days["start"]).days >= MAX_DAYS:
            problems["start"] = f"a review covers at most {MAX_DAYS} days"
    if problems:
        raise ProblemError(problems)
    return days["start"], days["end"]


def _uuid(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def _people(events: Sequence[AuditEvent | NodeAuditEvent]) -> dict[int, str]:
    """The person (traveller id) each event is about, where it names one, by position."""
    keys: dict[int, tuple[str, str]] = {}
    for n, e in enumerate(events):
        kind = e.object_type
        named = kind == "travellers.traveller" or kind in PERSON_LOOKUPS
        if named and e.object_id and (key := _uuid(e.object_id)):
            keys[n] = (kind, key)
    from_posts = {
        keys[n] for n, e in enumerate(events) if n in keys and isinstance(e, NodeAuditEvent)
    }
    aliases: dict[tuple[str, str], str] = {}
    for kind in {k for k, _i in from_posts}:
        ids = [i for k, i in from_posts if k == kind]
        for remote, local in SyncAlias.objects.filter(model=kind, remote_id__in=ids).values_list(
            "remote_id", "local_id"
        ):
            aliases[(kind, remote)] = local
    keys = {n: (kind, aliases.get((kind, key), key)) for n, (kind, key) in keys.items()}
    wanted: dict[str, set[str]] = defaultdict(set)
    for kind, key in keys.values():
        wanted[kind].add(key)
    found: dict[tuple[str, str], str] = {}
    for kind, wanted_ids in wanted.items():
        if kind == "travellers.traveller":
            found.update({(kind, i): i for i in wanted_ids})
            continue
        label, lookup = PERSON_LOOKUPS[kind]
        try:
            model = apps.get_model(label)
        except LookupError:  # an app this installation does not run
            continue
        for pk, person in model.objects.filter(pk__in=wanted_ids).values_list("pk", lookup):
            if person is not None:
                found[(kind, str(pk))] = str(person)
    return {n: found[key] for n, key in keys.items() if key in found}


def _events(
    subject: User, begin: dt.datetime, stop: dt.datetime
) -> list[AuditEvent | NodeAuditEvent]:
    """The user's reads on this machine's chain and on the posts' chains held here."""
    mine = {
        "actor_id": str(subject.pk),
        "action__in": READ_ACTIONS,
        "at__gte": begin,
        "at__lt": stop,
    }
    here: list[AuditEvent | NodeAuditEvent] = list(
        AuditEvent.objects.filter(**mine).order_by("at", "seq")[: MAX_READS + 1]
    )
    posts = list(
        NodeAuditEvent.objects.filter(**mine)
        .select_related("node")
        .order_by("at", "node_id", "seq")[: MAX_READS + 1]
    )
    return sorted([*here, *posts], key=lambda e: e.at)


def covered(hours: Sequence[WorkingHours], moment: dt.datetime) -> bool:
    """Whether local ``moment`` falls in any of ``hours`` (a night shift runs past midnight).

    Weekdays are ISO numbers (1 Monday); a night shift belongs to the day it starts.
    """
    t = moment.time()
    today = str(moment.isoweekday())
    yesterday = str((moment - dt.timedelta(days=1)).isoweekday())
    for h in hours:
        if h.start <= h.end:
            if today in h.weekdays and h.start <= t < h.end:
                return True
        elif (today in h.weekdays and t >= h.start) or (yesterday in h.weekdays and t < h.end):
            return True
    return False


def burst_members(times: Sequence[dt.datetime], size: int, window: dt.timedelta) -> set[int]:
    """Indexes of ``times`` (sorted) that lie in ``size`` or more within ``window``.

    >>> t0 = dt.datetime(2026, 1, 1, 9)
    >>> sorted(burst_members([t0, t0 + dt.timedelta(minutes=1), t0 + dt.timedelta(hours=2)],
    ...                      2, dt.timedelta(minutes=10)))
    [0, 1]
    """
    members: set[int] = set()
    first = 0
    for last, moment in enumerate(times):
        while moment - times[first] > window:
            first += 1
        if last - first + 1 >= size:
            members.update(range(first, last + 1))
    return members


def hours_for(subject: User) -> tuple[list[WorkingHours], str]:
    own = list(WorkingHours.objects.filter(user=subject).order_by("start"))
    if own:
        return own, "user"
    posts = list(
        WorkingHours.objects.filter(crossing_point__in=subject.crossing_points.all())
        .select_related("crossing_point")
        .order_by("crossing_point__code", "start")
    )
    return posts, ("posts" if posts else "")


def review(subject: User, start: dt.date, end: dt.date, reader: User) -> Review:
    """``subject``'s reads from ``start`` to ``end`` (local days), flagged, as ``reader``
    may see them (protection details withheld from all but protection officers)."""
    begin, stop = day_range(start, end)
    events = _events(subject, begin, stop)
    if len(events) > MAX_READS:
        raise ProblemError(
            {"start": f"more than {MAX_READS:,} reads in this period: choose a shorter one"}
        )
    people = _people(events)
    posts = list(subject.crossing_points.order_by("code").values_list("code", flat=True))
    processed: set[str] = set()
    judge_posts = not subject.national_scope
    if judge_posts and people:
        processed = {
            str(t)
            for t in Crossing.objects.filter(
                traveller_id__in=set(people.values()), crossing_point__code__in=posts
            )
            .values_list("traveller_id", flat=True)
            .distinct()
        }
    hours, hours_of = hours_for(subject)
    size = int(settings.PASSAGE_REVIEW_BURST_READS)
    minutes = int(settings.PASSAGE_REVIEW_BURST_MINUTES)
    in_burst = burst_members([e.at for e in events], size, dt.timedelta(minutes=minutes))
    outside_protection = not subject.has_perm("protection.view_protection")
    reads = []
    for i, item in enumerate(shown(events, reader)):
        event = events[i]
        post = event.node.name if isinstance(event, NodeAuditEvent) else ""
        read = Read(item, people.get(i), post=post)
        if judge_posts and read.person and read.person not in processed:
            read.flags.append(Flag.NOT_AT_POSTS)
        if i in in_burst:
            read.flags.append(Flag.BURST)
        if hours and not covered(hours, timezone.localtime(item.at)):
            read.flags.append(Flag.OUT_OF_HOURS)
        if outside_protection and is_protection_event(item.event):
            read.flags.append(Flag.PROTECTION)
        reads.append(read)
    counts = Counter(f for r in reads for f in r.flags)
    purposes = Counter(r.item.message or r.item.get_action_display() for r in reads)
    return Review(
        subject=subject,
        start=start,
        end=end,
        reads=reads,
        counts={str(f): counts.get(f, 0) for f in Flag},
        posts=posts,
        hours=hours,
        hours_of=hours_of,
        purposes=purposes.most_common(),
        burst_reads=size,
        burst_minutes=minutes,
    )
