"""Persons whose records fall due together, written fast (for the kill test and the bench).

Each person: a traveller, a passport, an entry and the exit that closes it a day later,
and one audit event per crossing naming the person in its payload, chained onto the
installation's audit log by the live rule (decision 0120) as ``audit.record`` would.
"""

from __future__ import annotations

import datetime as dt
import types
import uuid
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from uuid_utils.compat import uuid7

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditChainHead, AuditEvent
from passage.common.bulk import fast_insert
from passage.crossings.choices import Decision, Direction
from passage.crossings.models import Crossing
from passage.travellers.models import TravelDocument, Traveller


def due_population(
    persons: int,
    officer: Any,
    point: Any,
    *,
    at: dt.datetime | None = None,
    batch: int = 5000,
    prefix: str = "R",
) -> int:
    """Write ``persons`` persons with two crossings each; returns the crossings written."""
    at = at or timezone.now() - dt.timedelta(days=2)
    written = 0
    for start in range(0, persons, batch):
        with transaction.atomic():
            written += _batch(range(start, min(start + batch, persons)), officer, point, at, prefix)
    return written


def _batch(numbers: range, officer: Any, point: Any, at: dt.datetime, prefix: str) -> int:
    travellers, documents, crossings, events = [], [], [], []
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    seq, prev = head.last_seq, head.last_hash
    now = timezone.now()
    for n in numbers:
        tid, did = uuid7(), uuid7()
        travellers.append(
            Traveller(
                id=tid,
                primary_name=f"PURGE{n % 997}",
                secondary_name="ANNA",
                sex="F",
                birth_year=1950 + n % 50,
                birth_month=1 + n % 12,
                birth_day=1 + n % 28,
            )
        )
        documents.append(
            TravelDocument(
                id=did,
                traveller_id=tid,
                document_type="passport",
                document_code="P",
                number=f"{prefix}{n:08d}",
            )
        )
        entry_id, exit_id = uuid7(), uuid7()
        for cid, direction, when, closes in (
            (entry_id, Direction.ENTRY, at, None),
            (exit_id, Direction.EXIT, at + dt.timedelta(days=1), entry_id),
        ):
            crossings.append(
                Crossing(
                    id=cid,
                    direction=direction,
                    crossing_point_id=point.pk,
                    at=when,
                    officer_id=officer.pk,
                    traveller_id=tid,
                    document_id=did,
                    decision=Decision.ADMITTED,
                    closes_id=closes,
                )
            )
            seq += 1
            event = AuditEvent(
                seq=seq,
                at=now,
                actor_id=str(officer.pk),
                actor_name=officer.get_username(),
                request_id="",
                source_ip="",
                action=AuditAction.CREATE,
                object_type="crossings.crossing",
                object_id=str(cid),
                object_repr=f"{direction} PURGE{n % 997}, ANNA",
                data=audit.dumps({"after": {"traveller": str(tid), "number": f"{prefix}{n:08d}"}}),
                message="",
                prev_hash=prev,
            )
            event.payload_digest = audit.payload_digest(event)
            event.hash = prev = audit.link_hash(prev, event)
            events.append(event)
    fast_insert(Traveller, travellers)
    fast_insert(TravelDocument, documents)
    fast_insert(Crossing, crossings)
    fast_insert(AuditEvent, events)
    head.last_seq, head.last_hash = seq, prev
    head.save(update_fields=["last_seq", "last_hash"])
    return len(crossings)


# --- fast: set-based SQL for the records, one Python pass for the audit chain -------------


def _uuid_sql(kind: int) -> str:
    """An id for generated row ``n`` of ``kind``, as SQL (hex, version 7 and variant bits)."""
    if connection.vendor == "postgresql":
        return f"(lpad(to_hex({kind}), 8, '0') || '000070008000' || lpad(to_hex(n), 12, '0'))::uuid"
    return f"printf('%%08x000070008000%%012x', {kind}, n)"


def _uuid(kind: int, n: int) -> uuid.UUID:
    return uuid.UUID(f"{kind:08x}000070008000{n:012x}")


def _series(count: int) -> tuple[str, str]:
    """A CTE prefix and a FROM clause yielding ``n`` = 0 … count - 1."""
    if connection.vendor == "postgresql":
        return "", f"generate_series(0, {count - 1}) AS s(n)"
    last = int(count) - 1
    return f"WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < {last}) ", "s"  # noqa: S608


def _number_sql(prefix: str) -> str:
    if connection.vendor == "postgresql":
        return f"'{prefix}' || lpad(n::text, 8, '0')"
    return f"'{prefix}' || printf('%%08d', n)"


def _insert_select(model: Any, exprs: dict[str, str], params: dict[str, Any], count: int) -> None:
    """INSERT … SELECT over a series: ``exprs`` are SQL per column (of ``n``), ``params``
    values per column; other columns get NULL or the field's default."""
    columns, values, args = [], [], []
    for f in model._meta.concrete_fields:
        columns.append(connection.ops.quote_name(f.column))
        if f.attname in exprs:
            values.append(exprs[f.attname])
            continue
        if f.attname in params:
            value = params[f.attname]
        elif f.null:
            value = None
        else:
            value = f.get_default()
        values.append("%s")
        args.append(f.get_db_prep_save(value, connection))
    cte, source = _series(count)
    sql = (
        f"{cte}INSERT INTO {connection.ops.quote_name(model._meta.db_table)} "  # noqa: S608 - generated SQL
        f"({', '.join(columns)}) SELECT {', '.join(values)} FROM {source}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, args)


def due_population_fast(
    persons: int,
    officer: Any,
    point: Any,
    *,
    at: dt.datetime | None = None,
    prefix: str = "R",
    kind: int = 1,
) -> int:
    """As ``due_population``, written by set-based SQL (travellers, documents, entries,
    exits) and one Python pass chaining the audit events (the live rule): a million
    crossings in minutes rather than an hour. ``kind`` (1-99) keeps ids apart between
    calls. Returns the crossings written."""
    at = at or timezone.now() - dt.timedelta(days=2)
    now = timezone.now()
    t, d, e, x = kind * 4, kind * 4 + 1, kind * 4 + 2, kind * 4 + 3
    with transaction.atomic():
        _insert_select(
            Traveller,
            {
                "id": _uuid_sql(t),
                "primary_name": "'PURGE' || (n %% 997)",
                "birth_year": "1950 + n %% 50",
                "birth_month": "1 + n %% 12",
                "birth_day": "1 + n %% 28",
            },
            {"secondary_name": "ANNA", "sex": "F", "created_at": now},
            persons,
        )
        _insert_select(
            TravelDocument,
            {"id": _uuid_sql(d), "traveller_id": _uuid_sql(t), "number": _number_sql(prefix)},
            {"document_type": "passport", "document_code": "P", "created_at": now},
            persons,
        )
        common = {
            "crossing_point_id": point.pk,
            "officer_id": officer.pk,
            "decision": Decision.ADMITTED,
            "recorded_at": now,
            "chip_report": {},
        }
        _insert_select(
            Crossing,
            {"id": _uuid_sql(e), "traveller_id": _uuid_sql(t), "document_id": _uuid_sql(d)},
            {**common, "direction": Direction.ENTRY, "at": at},
            persons,
        )
        _insert_select(
            Crossing,
            {
                "id": _uuid_sql(x),
                "traveller_id": _uuid_sql(t),
                "document_id": _uuid_sql(d),
                "closes_id": _uuid_sql(e),
            },
            {**common, "direction": Direction.EXIT, "at": at + dt.timedelta(days=1)},
            persons,
        )
        _chain(persons, officer, now, prefix, (t, e, x))
    return persons * 2


def _chain(persons: int, officer: Any, now: dt.datetime, prefix: str, kinds: tuple) -> None:
    """One ``create`` event per crossing naming the person, chained onto the log."""
    t, e, x = kinds
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    seq, prev = head.last_seq, head.last_hash
    rows: list[types.SimpleNamespace] = []

    def flush() -> None:
        fast_insert(AuditEvent, rows)
        rows.clear()

    event = types.SimpleNamespace(
        at=now,
        actor_id=str(officer.pk),
        actor_name=officer.get_username(),
        request_id="",
        source_ip="",
        action=str(AuditAction.CREATE),
        object_type="crossings.crossing",
        message="",
        purged_on=None,
    )
    for n in range(persons):
        traveller = str(_uuid(t, n))
        for kind, direction in ((e, "entry"), (x, "exit")):
            seq += 1
            event.seq = seq
            event.object_id = str(_uuid(kind, n))
            event.object_repr = f"{direction} PURGE{n % 997}, ANNA"
            event.data = audit.dumps(
                {"after": {"traveller": traveller, "number": f"{prefix}{n:08d}"}}
            )
            event.payload_digest = audit.payload_digest(event)
            link = audit.link_hash(prev, event)
            rows.append(
                types.SimpleNamespace(
                    seq=seq,
                    at=now,
                    prev_hash=prev,
                    hash=link,
                    **{name: getattr(event, name) for name in audit.AUDIT_FIELDS},
                    purged_on=None,
                )
            )
            prev = link
        if len(rows) >= 20000:
            flush()
    flush()
    head.last_seq, head.last_hash = seq, prev
    head.save(update_fields=["last_seq", "last_hash"])
