"""The audit log is append-only and hash-chained; tampering is found and named."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import AppendOnlyError, AuditEvent
from passage.core.problems import ProblemError
from passage.reference.models import BorderCrossingPoint
from passage.reference.services import load_crossing_points

pytestmark = pytest.mark.django_db


def _events(n: int) -> list[AuditEvent]:
    with transaction.atomic():
        return [
            audit.record(None, AuditAction.READ, object_type="test", object_id=str(i))
            for i in range(n)
        ]


def test_chain_of_fresh_events_verifies():
    _events(5)
    result = audit.verify()
    assert result.ok, result.reason
    assert result.checked == AuditEvent.objects.count()


def test_each_link_hashes_the_previous_one():
    first, second = _events(2)
    assert second.prev_hash == first.hash
    assert second.hash == audit.link_hash(first.hash, second)


def test_row_altered_in_the_database_is_caught_and_named():
    events = _events(5)
    target = events[2]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET message = %s WHERE seq = %s",  # noqa: S608
            ["nothing to see here", target.seq],
        )
    result = audit.verify()
    assert not result.ok
    assert result.broken_seq == target.seq
    assert "altered" in result.reason


def test_row_deleted_in_the_middle_is_caught():
    events = _events(4)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE seq = %s", [events[1].seq])  # noqa: S608
    result = audit.verify()
    assert not result.ok
    assert result.broken_seq == events[1].seq
    assert "missing" in result.reason


def test_rows_deleted_from_the_end_are_caught_by_the_head():
    events = _events(3)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE seq = %s", [events[-1].seq])  # noqa: S608
    result = audit.verify()
    assert not result.ok
    assert result.broken_seq == events[-1].seq


def test_command_names_the_first_broken_link(capsys):
    events = _events(3)
    call_command("audit", "verify", "--no-record")
    assert "intact" in capsys.readouterr().out
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET actor_name = 'mallory' WHERE seq = %s",  # noqa: S608
            [events[0].seq],
        )
    with pytest.raises(CommandError, match=rf"broken at event #{events[0].seq}") as info:
        call_command("audit", "verify", "--no-record")
    assert info.value.returncode == 1


def test_events_cannot_be_changed_or_deleted_through_the_application():
    (event,) = _events(1)
    event.message = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(seq=event.seq).update(message="changed")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert audit.verify().ok


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit.record(None, AuditAction.READ, object_type="test")


def test_a_failed_change_leaves_no_audit_event(personas):
    """The event is written in the change's transaction: both commit or neither does."""
    before = AuditEvent.objects.count()
    csv = b"code,name,kind\nNEW-POST,New post,land\nBAD,Bad post,submarine\n"
    with pytest.raises(ProblemError):
        load_crossing_points(None, csv)
    assert AuditEvent.objects.count() == before
    assert not BorderCrossingPoint.objects.filter(code="NEW-POST").exists()


def test_audit_page_is_for_the_data_protection_officer(client, personas):
    client.force_login(personas.dpo)
    response = client.get("/accounts/audit/")
    assert response.status_code == 200
    client.force_login(personas.officer)
    assert client.get("/accounts/audit/").status_code == 403


def test_verify_page_reports_a_broken_chain(client, personas):
    client.force_login(personas.dpo)
    assert client.post("/accounts/audit/verify/").status_code == 200
    first = AuditEvent.objects.order_by("seq").first()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET object_id = 'x' WHERE seq = %s",  # noqa: S608
            [first.seq],
        )
    response = client.post("/accounts/audit/verify/")
    assert response.status_code == 409
    assert f"event #{first.seq}" in response.content.decode()
