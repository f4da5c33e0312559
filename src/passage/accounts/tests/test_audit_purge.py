"""Decision 0120: the chain covers each event's payload digest, so a purge can remove a
payload and the chain still verifies; tampering after a purge is still caught."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditChainHead, AuditEvent

TABLE = AuditEvent._meta.db_table
TODAY = dt.date(2029, 1, 2)


def _events(n: int) -> list[AuditEvent]:
    with transaction.atomic():
        return [
            audit.record(
                None,
                AuditAction.READ,
                object_type="travellers.traveller",
                object_id=f"t{i}",
                object_repr=f"DOE, JANE {i}",
                details={"name": f"Jane Doe {i}"},
                message=f"read Jane Doe {i}",
            )
            for i in range(n)
        ]


def _purge(ids: list[str]) -> int:
    with transaction.atomic():
        return audit.purge_payloads(AuditEvent.objects.filter(object_id__in=ids), TODAY)


def _sql(statement: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.mark.django_db
def test_purge_removes_the_payload_and_the_chain_still_verifies():
    events = _events(6)
    assert _purge(["t1", "t3"]) == 2
    purged = AuditEvent.objects.get(seq=events[1].seq)
    assert (purged.object_repr, purged.data, purged.message) == ("", "", "")
    assert purged.purged_on == TODAY
    assert purged.hash == events[1].hash  # its place in the chain is unchanged
    result = audit.verify()
    assert result.ok, result.reason
    assert result.purged == 2
    assert _purge(["t1"]) == 0  # already purged: left alone


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("object_id", "t9"),  # the envelope of a purged event
        ("action", "login"),
        ("payload_digest", "0" * 64),  # the digest that stands in for the payload
        ("at", "2020-01-01 00:00:00"),
    ],
)
def test_tampering_with_a_purged_event_is_caught(column: str, value: str):
    events = _events(4)
    _purge(["t2"])
    assert audit.verify().ok
    _sql(f"UPDATE {TABLE} SET {column} = %s WHERE seq = %s", [value, events[2].seq])  # noqa: S608
    result = audit.verify()
    assert not result.ok
    assert result.broken_seq == events[2].seq


@pytest.mark.django_db
def test_a_payload_put_back_into_a_purged_event_is_caught():
    events = _events(3)
    _purge(["t1"])
    _sql(f"UPDATE {TABLE} SET message = %s WHERE seq = %s", ["forged", events[1].seq])  # noqa: S608
    result = audit.verify()
    assert not result.ok and result.broken_seq == events[1].seq


@pytest.mark.django_db
def test_an_unpurged_payload_altered_is_caught_as_before():
    events = _events(3)
    _purge(["t0"])
    _sql(f"UPDATE {TABLE} SET data = %s WHERE seq = %s", ['{"x":1}', events[2].seq])  # noqa: S608
    result = audit.verify()
    assert not result.ok and result.broken_seq == events[2].seq
    assert "altered" in result.reason


@pytest.mark.django_db
def test_a_payload_purged_behind_the_chains_back_is_caught():
    """Blanking a payload without the purge's mark changes the computed digest."""
    events = _events(3)
    _sql(
        f"UPDATE {TABLE} SET object_repr = '', data = '', message = '' WHERE seq = %s",  # noqa: S608
        [events[1].seq],
    )
    assert audit.verify().broken_seq == events[1].seq


def _old_rule_hash(prev: str, row: dict[str, object]) -> str:
    """The first chain rule (before decision 0120): the hash over every field."""
    content = json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev + content).encode()).hexdigest()


@pytest.mark.django_db(transaction=True)
def test_migration_rechains_an_old_chain_that_then_verifies_and_purges():
    executor = MigrationExecutor(connection)
    old = [
        ("accounts", "0003_audit_action_without_choices"),
        ("sync", "0003_restore_recovery_replay_counter_prune"),
    ]
    executor.migrate(old)
    prev = "0" * 64
    at = dt.datetime(2026, 1, 5, 8, 30, tzinfo=dt.UTC)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
        for seq in range(1, 6):
            row = {
                "seq": seq,
                "at": at.isoformat(timespec="microseconds"),
                "actor_id": "",
                "actor_name": "officer",
                "request_id": "",
                "source_ip": "",
                "action": "read",
                "object_type": "travellers.traveller",
                "object_id": f"t{seq}",
                "object_repr": f"DOE, JANE {seq}",
                "data": "",
                "message": "",
            }
            digest = _old_rule_hash(prev, row)
            cursor.execute(
                f"INSERT INTO {TABLE} (seq, at, actor_id, actor_name, request_id, source_ip, "  # noqa: S608
                "action, object_type, object_id, object_repr, data, message, prev_hash, hash) "
                "VALUES (%s, %s, '', 'officer', '', '', 'read', 'travellers.traveller', %s, %s, "
                "'', '', %s, %s)",
                [seq, at, f"t{seq}", f"DOE, JANE {seq}", prev, digest],
            )
            prev = digest
        cursor.execute("DELETE FROM accounts_auditchainhead")
        cursor.execute(
            "INSERT INTO accounts_auditchainhead (id, last_seq, last_hash) VALUES (1, 5, %s)",
            [prev],
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    head = AuditChainHead.objects.get()
    assert (head.legacy_seq, head.legacy_hash) == (5, prev)
    assert head.last_hash != prev
    assert audit.verify().ok
    _purge(["t2"])
    assert audit.verify().ok
    _sql(f"UPDATE {TABLE} SET object_id = 't7' WHERE seq = 2", [])  # noqa: S608
    assert audit.verify().broken_seq == 2
