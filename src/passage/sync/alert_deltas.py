"""The ``alert_lists`` dataset: HQ's alert lists reach posts as deltas, in bounded pages.

**What a post holds** is its version of the dataset, a *marker* it sends back on every
pull: a digest of the lists' settings and, list by list, the highest version number it
holds completely (with that version's id, so that a version HQ no longer has is
noticed) and, while a large change comes in pages, the version it is being brought to
and the last entry it received (:func:`encode_marker`). The marker is checksummed: one
that cannot be read is treated as holding nothing.

**What HQ sends** (:func:`export_alert_lists`): ``current`` when the marker is HQ's own;
otherwise every list's settings and, for each list the post holds an older version of,
the entries that changed after that version. An entry belongs to the versions
``added_in <= n < removed_in`` and both numbers are set once (``removed_in`` when the
entry is closed by a replacing import or withdrawn), so the entries that differ between
versions ``n`` and ``t`` are those with ``added_in`` or ``removed_in`` in ``(n, t]``;
that set does not change while HQ makes later versions, so it can be sent in pages
ordered by id. For a list the post does not hold, ``n`` is 0: every entry, and the post
closes the entries it has that HQ did not send (``removed_in``), never leaving them live.

**Pages.** One answer carries at most :func:`alert_page_entries` entries. A list whose
change is larger is sent in pages over successive pulls (``Export.more``); the post
applies each page in its own transaction with the marker it leads to, so a post killed
between pages resumes from the last page it committed. A list's versions and its active
version move only with the page that completes a version: the post never screens against
a version whose entries are not all present. HQ reads at most one page of entries per
answer (docs/decisions/0029-alert-list-deltas.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import User
from passage.alerts import indexes
from passage.alerts.choices import ListStatus
from passage.alerts.models import AlertEntry, AlertList, AlertListVersion
from passage.core.problems import ProblemError

from .registry import Export

# At most this many entries in one pull answer (HQ's ``PASSAGE_SYNC_ALERT_PAGE`` setting
# overrides it); a larger change reaches the post in pages over successive pulls.
ALERT_PAGE_ENTRIES = 50_000
# Users who imported or withdrew at HQ are not a post's users: those links stay empty there.
_USERS = {"created_by_id", "withdrawn_by_id"}
_SETTINGS = (
    "name",
    "source",
    "authority",
    "kind",
    "default_action",
    "valid_from",
    "valid_until",
    "status",
)
_TAG = "al1"
_CHUNK = 2000


def alert_page_entries() -> int:
    """``PASSAGE_SYNC_ALERT_PAGE`` in the settings module, else the environment."""
    import os

    from django.conf import settings

    value = getattr(settings, "PASSAGE_SYNC_ALERT_PAGE", None) or os.environ.get(
        "PASSAGE_SYNC_ALERT_PAGE"
    )
    return max(1, int(value or ALERT_PAGE_ENTRIES))


# --- the marker ------------------------------------------------------------------------


@dataclass(frozen=True)
class Held:
    """What a post holds of one list."""

    number: int = 0  # the highest version held completely (0: none)
    version: str = ""  # that version's id (hex)
    target: int = 0  # the version being sent in pages (0: none)
    target_version: str = ""
    cursor: str = ""  # the last entry (id, hex) received towards ``target``

    def encode(self) -> str:
        text = f"{self.number}.{self.version}" if self.number else "0"
        if self.target:
            text += f"~{self.target}.{self.target_version}.{self.cursor}"
        return text

    @property
    def paging(self) -> bool:
        return self.target > 0


def _checksum(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def encode_marker(digest: str, held: Mapping[str, Held]) -> str:
    """``checksum:al1;digest;list=number.version[~target.version.cursor],...``"""
    body = f"{_TAG};{digest};" + ",".join(f"{key}={held[key].encode()}" for key in sorted(held))
    return f"{_checksum(body)}:{body}"


def decode_marker(marker: str | None) -> tuple[str, dict[str, Held]] | None:
    """The settings digest and what is held of each list; None if it cannot be read."""
    if not marker:
        return None
    try:
        checksum, body = marker.split(":", 1)
        if checksum != _checksum(body):
            return None
        tag, digest, lists = body.split(";")
        if tag != _TAG:
            return None
        held: dict[str, Held] = {}
        for part in filter(None, lists.split(",")):
            key, state = part.split("=")
            done, _, paging = state.partition("~")
            number, _, version = done.partition(".")
            h = Held(number=_count(number), version=_hex(version, empty=True))
            if bool(h.number) != bool(h.version):
                return None
            if paging:
                target, target_version, cursor = paging.split(".")
                h = Held(
                    h.number,
                    h.version,
                    _count(target),
                    _hex(target_version),
                    _hex(cursor, empty=True),
                )
                if h.target <= h.number:
                    return None
            held[_hex(key)] = h
    except ValueError:
        return None
    return digest, held


def _count(text: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise ValueError(text)
    return int(text)


def _hex(text: str, empty: bool = False) -> str:
    if empty and not text:
        return ""
    if uuid.UUID(hex=text).hex != text:
        raise ValueError(text)
    return text


# --- HQ ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _List:
    id: uuid.UUID
    row: dict[str, Any]  # id and settings, ready for JSON
    active: uuid.UUID | None
    active_number: int
    last: int  # highest version number (0: none)

    @property
    def key(self) -> str:
        return self.id.hex


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.date):  # a datetime too
        return value.isoformat()
    return value


def _names(model: Any, exclude: Iterable[str] = ()) -> list[str]:
    skip = _USERS | set(exclude)
    return [f.attname for f in model._meta.concrete_fields if f.attname not in skip]


def _hq_lists() -> tuple[str, list[_List]]:
    """Every list at HQ, and a digest of their settings and active version numbers."""
    from django.db.models import Max

    last = dict(
        AlertListVersion.objects.order_by()
        .values("alert_list_id")
        .annotate(n=Max("number"))
        .values_list("alert_list_id", "n")
    )
    lists = []
    for row in AlertList.objects.order_by("id").values(
        "id", *_SETTINGS, "active_version_id", "active_version__number"
    ):
        lists.append(
            _List(
                id=row["id"],
                row={"id": str(row["id"]), **{k: _plain(row[k]) for k in _SETTINGS}},
                active=row["active_version_id"],
                active_number=row["active_version__number"] or 0,
                last=last.get(row["id"], 0),
            )
        )
    digest = _checksum(audit.dumps([{**al.row, "active": al.active_number} for al in lists]))
    return digest, lists


def _versions(pairs: Iterable[tuple[uuid.UUID, int]]) -> dict[tuple[uuid.UUID, int], Any]:
    """(list, number) -> (id, created_at) of those versions HQ has (one query)."""
    from django.db.models import Q

    wanted = {(list_id, n) for list_id, n in pairs if n}
    if not wanted:
        return {}
    where = Q()
    for list_id, n in wanted:
        where |= Q(alert_list_id=list_id, number=n)
    return {
        (list_id, n): (pk, created_at)
        for list_id, n, pk, created_at in AlertListVersion.objects.filter(where).values_list(
            "alert_list_id", "number", "id", "created_at"
        )
    }


def _current(digest: str, lists: list[_List]) -> tuple[str, dict[tuple[uuid.UUID, int], Any]]:
    ids = _versions((al.id, al.last) for al in lists)
    held = {
        al.key: Held(al.last, ids[al.id, al.last][0].hex) if al.last else Held() for al in lists
    }
    return encode_marker(digest, held), ids


def alert_lists_version() -> str:
    """The marker of a post holding every list's latest version and current settings."""
    digest, lists = _hq_lists()
    return _current(digest, lists)[0]


def _checked(h: Held | None, al: _List, known: Mapping[tuple[uuid.UUID, int], Any]) -> Held:
    """What the post holds of ``al``, if HQ has those versions; else nothing (a full copy)."""

    def same(number: int, version: str) -> bool:
        found = known.get((al.id, number))
        return found is not None and found[0].hex == version

    if h is None or h.number > al.last or (h.number and not same(h.number, h.version)):
        return Held()
    if h.paging and (h.target > al.last or not same(h.target, h.target_version)):
        return Held(h.number, h.version)  # start that list's change again
    return h


def _changed_entries(
    list_id: uuid.UUID, base: int, target: int, cursor: str, limit: int
) -> tuple[list[dict[str, Any]], bool]:
    """Up to ``limit`` entries differing between versions ``base`` and ``target``, after
    ``cursor`` in id order, and whether that is all of them."""
    from django.db.models import Q

    names = _names(AlertEntry)
    query = AlertEntry.objects.filter(alert_list_id=list_id).filter(
        Q(added_in__gt=base, added_in__lte=target) | Q(removed_in__gt=base, removed_in__lte=target)
    )
    if cursor:
        query = query.filter(pk__gt=uuid.UUID(hex=cursor))
    rows = [
        {name: _plain(value) for name, value in zip(names, values, strict=True)}
        for values in query.order_by("pk")
        .values_list(*names)[: limit + 1]
        .iterator(chunk_size=_CHUNK)
    ]
    return rows[:limit], len(rows) <= limit


def _version_rows(list_id: uuid.UUID, base: int, target: int) -> list[dict[str, Any]]:

    names = _names(AlertListVersion)
    return [
        {name: _plain(value) for name, value in zip(names, values, strict=True)}
        for values in AlertListVersion.objects.filter(
            alert_list_id=list_id, number__gt=base, number__lte=target
        )
        .order_by("number")
        .values_list(*names)
    ]


def export_alert_lists(held: str | None) -> Export:
    """What a post holding ``held`` needs next: see the module's docstring."""
    digest, lists = _hq_lists()
    current, ids = _current(digest, lists)
    if held == current:
        return Export(version=current, mode="current")
    decoded = decode_marker(held)
    post = decoded[1] if decoded else {}
    known = dict(ids)
    known.update(
        _versions(
            (al.id, n) for al in lists if (h := post.get(al.key)) for n in (h.number, h.target)
        )
    )
    budget = alert_page_entries()
    states: dict[str, Held] = {}
    changes: list[dict[str, Any]] = []
    rows = 0
    for al in lists:
        h = _checked(post.get(al.key), al, known)
        while budget > 0 and (h.paging or h.number < al.last):
            base, target = h.number, (h.target or al.last)
            entries, complete = _changed_entries(al.id, base, target, h.cursor, budget)
            budget -= len(entries)
            rows += len(entries)
            target_id = known[al.id, target][0]
            changes.append(
                {
                    "list": str(al.id),
                    "base": base,
                    "target": target,
                    "after": str(uuid.UUID(hex=h.cursor)) if h.cursor else None,
                    "upto": None if complete else entries[-1]["id"],
                    "complete": complete,
                    "entries": entries,
                    "versions": _version_rows(al.id, base, target) if complete else [],
                }
            )
            if complete:
                h = Held(target, target_id.hex)
            else:
                cursor = uuid.UUID(entries[-1]["id"]).hex
                h = Held(base, h.version, target, target_id.hex, cursor)
        states[al.key] = h
    # Each list the post holds completely is screened at HQ's active version, or at the
    # latest it holds when HQ has moved past it.
    shown = _versions((al.id, n) for al in lists for n in (states[al.key].number, al.active_number))
    list_rows = []
    published: list[dt.datetime] = []
    for al in lists:
        h = states[al.key]
        activate = None
        if not h.paging:
            number = al.active_number if 0 < al.active_number <= h.number else h.number
            if number:
                activate, created_at = shown[al.id, number]
                published.append(created_at)
        list_rows.append(
            {
                **al.row,
                "held": h.number,
                "complete": not h.paging,
                "activate": _plain(activate),
            }
        )
    version = encode_marker(digest, states)
    return Export(
        version=version,
        mode="full" if decoded is None else "delta",
        data={"format": 2, "lists": list_rows, "changes": changes},
        rows=rows,
        published_at=max(published).isoformat() if published else None,
        more=version != current,
    )


# --- post --------------------------------------------------------------------------------


def _upsert(model: Any, rows: list[dict[str, Any]], names: list[str]) -> None:
    """Insert or update rows under HQ's keys; ``created_at`` is set on insert only."""
    fields = [f for f in model._meta.concrete_fields if f.attname in names]
    update = [f.name for f in fields if not f.primary_key and f.attname != "created_at"]
    for start in range(0, len(rows), _CHUNK):
        model.objects.bulk_create(
            [
                model(**{f.attname: f.to_python(r[f.attname]) for f in fields})
                for r in rows[start : start + _CHUNK]
            ],
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=update,
        )


def _close_missing(change: dict[str, Any], sent: set[uuid.UUID]) -> int:
    """Close the post's entries of a list in this page's id range that HQ did not send:
    HQ no longer has them, so they are in no version from ``target`` on."""
    from django.db.models import Q

    target = int(change["target"])
    query = AlertEntry.objects.filter(alert_list_id=change["list"]).filter(
        Q(removed_in__isnull=True) | Q(removed_in__gt=target)
    )
    if change["after"]:
        query = query.filter(pk__gt=uuid.UUID(change["after"]))
    if change["upto"]:
        query = query.filter(pk__lte=uuid.UUID(change["upto"]))
    stale = [pk for pk in query.values_list("pk", flat=True).iterator(_CHUNK) if pk not in sent]
    for start in range(0, len(stale), 500):
        AlertEntry.objects.filter(pk__in=stale[start : start + 500]).update(removed_in=target)
    return len(stale)


def _add_versions(list_id: str, rows: list[dict[str, Any]]) -> None:

    list_pk = uuid.UUID(list_id)
    hq = {int(r["number"]): uuid.UUID(r["id"]) for r in rows}
    numbers = sorted(hq)
    for start in range(0, len(numbers), 500):
        for number, pk in AlertListVersion.objects.filter(
            alert_list_id=list_pk, number__in=numbers[start : start + 500]
        ).values_list("number", "id"):
            if hq[number] != pk:
                name = AlertList.objects.get(pk=list_pk).name
                raise ProblemError(
                    {
                        "alert_lists": f"version {number} of {name} held here is not HQ's "
                        "(was HQ restored from an older backup?): see docs/operations.md"
                    }
                )
    _upsert(AlertListVersion, rows, _names(AlertListVersion))
    # HQ's creation time, which the counter shows as the list's age (an insert sets now).
    AlertListVersion.objects.bulk_update(
        [
            AlertListVersion(
                pk=uuid.UUID(r["id"]), created_at=dt.datetime.fromisoformat(r["created_at"])
            )
            for r in rows
        ],
        ["created_at"],
        batch_size=500,
    )


def _from_whole_copy(data: dict[str, Any]) -> dict[str, Any]:
    """An answer from an HQ that sends every list whole (before deltas), as one change
    per list from nothing."""
    last: dict[str, int] = {}
    for v in data["versions"]:
        last[v["alert_list_id"]] = max(last.get(v["alert_list_id"], 0), int(v["number"]))
    lists = [
        {**row, "complete": True, "activate": row["active_version_id"]} for row in data["lists"]
    ]
    changes = [
        {
            "list": row["id"],
            "base": 0,
            "target": last[row["id"]],
            "after": None,
            "upto": None,
            "complete": True,
            "entries": [e for e in data["entries"] if e["alert_list_id"] == row["id"]],
            "versions": [v for v in data["versions"] if v["alert_list_id"] == row["id"]],
        }
        for row in data["lists"]
        if row["id"] in last
    ]
    return {"format": 2, "lists": lists, "changes": changes}


def _retire_replaced(actor: User | None, rows: list[dict[str, Any]]) -> None:
    """A post's list named like one of HQ's but under another id is one HQ no longer
    holds (replaced at HQ, or the post joined a rebuilt HQ): it is retired and renamed so
    that HQ's list can take its name. It stays, unscreened, for the hits that name it."""
    from django.utils import timezone

    ids = {uuid.UUID(r["id"]) for r in rows}
    stale = AlertList.objects.filter(name__in={r["name"] for r in rows}).exclude(pk__in=ids)
    today = timezone.localdate().isoformat()
    for al in stale:
        before = {"name": al.name, "status": al.status}
        suffix = f" (replaced at HQ {today}, {al.pk.hex[:8]})"
        al.name, al.status = al.name[: 120 - len(suffix)] + suffix, ListStatus.RETIRED
        al.save(update_fields=["name", "status"])
        audit.record(
            actor,
            AuditAction.UPDATE,
            obj=al,
            before=before,
            after={"name": al.name, "status": al.status},
            message="HQ sends another list under this name",
        )


def apply_alert_lists(actor: User | None, export: Export) -> int:
    """Apply one answer at the post (in the caller's transaction): list settings, each
    change's entries (closing those HQ no longer has, in a full copy), the versions a
    change completes, and the active version of every list held completely. Returns the
    number of entries written."""
    from django.db import transaction

    data = export.data if "changes" in export.data else _from_whole_copy(export.data)
    _retire_replaced(actor, data["lists"])
    _upsert(AlertList, data["lists"], ["id", *_SETTINGS])
    written = 0
    entry_names = _names(AlertEntry)
    for change in data["changes"]:
        entries = change["entries"]
        _upsert(AlertEntry, entries, entry_names)
        written += len(entries)
        if int(change["base"]) == 0:
            _close_missing(change, {uuid.UUID(r["id"]) for r in entries})
        if change["complete"]:
            _add_versions(change["list"], change["versions"])
    activated = []
    for row in data["lists"]:
        if not row["complete"]:
            continue  # a version still arriving in pages is not screened against
        want = uuid.UUID(row["activate"]) if row["activate"] else None
        list_id = uuid.UUID(row["id"])
        held = (
            AlertList.objects.filter(pk=list_id).values_list("active_version_id", flat=True).get()
        )
        if held == want:
            continue
        if (
            want is not None
            and not AlertListVersion.objects.filter(pk=want, alert_list_id=list_id).exists()
        ):
            raise ProblemError(
                {"alert_lists": f"HQ's version {want} of {row['name']} is not held here"}
            )
        AlertList.objects.filter(pk=list_id).update(active_version_id=want)
        if want is not None:
            activated.append(want)
    # Build the newly active versions' indexes once this is committed, as an import does
    # at HQ, so that the first traveller screened after a pull does not wait for them. A
    # post killed before they are written builds them with its next sync
    # (build_missing_indexes), not at the counter.
    versions = list(AlertListVersion.objects.filter(pk__in=activated))
    if versions:
        transaction.on_commit(lambda: [indexes.build(v) for v in versions])
    return written


def build_missing_indexes() -> list[AlertListVersion]:
    """Build the index of every list's active version that has none: each sync ends with
    this, so a build a kill interrupted is finished there rather than by the next
    traveller screened (about 9 s for a large list)."""
    active = AlertListVersion.objects.filter(
        pk__in=AlertList.objects.filter(active_version__isnull=False).values("active_version_id")
    )
    return indexes.build_missing(list(active))
