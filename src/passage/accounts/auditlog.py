"""Reading the audit log: filters, what a reader may see of an event, the CSV export.

Protection details are visible to protection officers only, audit messages included
(decisions 0041 and 0132): for a reader without ``protection.view_protection`` an event
about a protection record keeps its time, actor, action, object type and id, and its
representation, message and data are withheld.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from passage.core.problems import ProblemError

from .choices import AuditAction
from .models import AuditEvent, User

PROTECTION_PERMISSION = "protection.view_protection"
# Reference data of the protection app (indicator and service lists, providers): no person.
PROTECTION_REFERENCE = ("protection.indicator", "protection.service", "protection.serviceprovider")
# Actions about a person's protection whatever the object (the refusal safeguard names
# the traveller it protected).
PROTECTION_ACTIONS = frozenset(
    {AuditAction.REFUSAL_BLOCKED, AuditAction.PROTECTION_REFUSED, AuditAction.REFERRAL_STATUS}
)
WITHHELD = "[protection record: shown to protection officers only]"

# A spreadsheet reads a cell beginning with one of these as a formula (OWASP "CSV
# injection"); the same rule as the statistics exports (statistics.exports.neutral).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_LIMIT = 100_000


def is_protection_event(event: Any) -> bool:
    """Whether ``event`` is about a person's protection (record or safeguard)."""
    if event.action in PROTECTION_ACTIONS:
        return True
    kind = event.object_type
    return kind.startswith("protection.") and kind not in PROTECTION_REFERENCE


def sees_protection(user: Any) -> bool:
    return bool(user.has_perm(PROTECTION_PERMISSION))


@dataclass(frozen=True)
class ShownEvent:
    """An event as one reader may see it."""

    event: Any  # an AuditEvent, or a post's event held at HQ with the same fields
    withheld: bool

    def __getattr__(self, name: str) -> Any:
        return getattr(self.event, name)

    @property
    def purged_on(self) -> Any:
        """When a retention purge removed the event's payload (the retention app's
        ``AuditEvent.purged_on``), or None."""
        return getattr(self.event, "purged_on", None)

    def get_action_display(self) -> str:
        try:
            return str(AuditAction(self.event.action).label)
        except ValueError:
            return str(self.event.action)

    @property
    def object_repr(self) -> str:
        return WITHHELD if self.withheld else self.event.object_repr

    @property
    def message(self) -> str:
        return WITHHELD if self.withheld else self.event.message

    @property
    def data(self) -> str:
        return "" if self.withheld else self.event.data

    def data_pretty(self) -> str:
        if not self.data:
            return ""
        try:
            return json.dumps(json.loads(self.data), indent=2, ensure_ascii=False, sort_keys=True)
        except ValueError:
            return self.data


def shown(events: Iterable[Any], reader: Any) -> list[ShownEvent]:
    protection = sees_protection(reader)
    return [ShownEvent(e, not protection and is_protection_event(e)) for e in events]


FILTER_NAMES = ("action", "actor", "object_type", "object_id", "start", "end")


def _day(params: Mapping[str, str], name: str) -> dt.date | None:
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ProblemError({name: "a date as YYYY-MM-DD"}) from None


def day_range(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From the start of ``start`` to the start of the day after ``end``, local time."""
    tz = timezone.get_current_timezone()
    begin = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    stop = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return begin, stop


def filtered(params: Mapping[str, str]) -> tuple[QuerySet[AuditEvent], dict[str, str]]:
    """Events matching the page's filters, newest first; a bad filter is a ``ProblemError``.

    ``start`` and ``end`` are days in the country's time zone, both included.
    """
    filters = {name: (params.get(name) or "").strip() for name in FILTER_NAMES}
    if filters["action"] and filters["action"] not in AuditAction.values:
        raise ProblemError({"action": f"unknown action {filters['action']!r}"})
    start, end = _day(params, "start"), _day(params, "end")
    if start and end and start > end:
        raise ProblemError({"start": "after the end of the period"})
    events = AuditEvent.objects.order_by("-seq")
    if filters["action"]:
        events = events.filter(action=filters["action"])
    if filters["actor"]:
        events = events.filter(actor_name__iexact=filters["actor"])
    if filters["object_type"]:
        events = events.filter(object_type=filters["object_type"])
    if filters["object_id"]:
        events = events.filter(object_id=filters["object_id"])
    if start:
        events = events.filter(at__gte=day_range(start, start)[0])
    if end:
        events = events.filter(at__lt=day_range(end, end)[1])
    return events, filters


def neutral(value: str) -> str:
    r"""Text a spreadsheet shows as written: a formula-like start gets a leading quote.

    >>> neutral("=HYPERLINK(1)"), neutral("read"), neutral("-")
    ("'=HYPERLINK(1)", 'read', '-')
    """
    if value.startswith(FORMULA_STARTS) and value != "-":
        return "'" + value
    return value


EXPORT_COLUMNS = (
    "seq",
    "at",
    "actor_id",
    "actor_name",
    "source_ip",
    "request_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "message",
    "data",
    "hash",
)


def to_csv(events: Iterable[AuditEvent], reader: User) -> str:
    """The events as CSV, withheld as the page withholds them, every text cell neutral."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    for item in shown(events, reader):
        row = [
            str(item.seq),
            item.at.astimezone(dt.UTC).isoformat(timespec="seconds"),
            item.actor_id,
            item.actor_name,
            item.source_ip,
            item.request_id,
            item.action,
            item.object_type,
            item.object_id,
            item.object_repr,
            item.message,
            item.data,
            item.hash,
        ]
        writer.writerow([neutral(v) for v in row])
    return buffer.getvalue()
