"""A post's outbox: written by the audit hook, in the transaction of the change."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.crossings import services as crossings
from passage.crossings.choices import Decision, Direction
from passage.sync.models import OutboxEvent
from passage.travellers.services import Identity

pytestmark = pytest.mark.django_db


def identity(number: str = "L898902C3") -> Identity:
    return Identity(
        primary_name="ERIKSSON",
        secondary_name="ANNA MARIA",
        sex="F",
        birth_year=1974,
        birth_month=8,
        birth_day=12,
        nationality="UTO",
        issuing_state="UTO",
        number=number,
        expiry_date=timezone.localdate() + dt.timedelta(days=900),
    )


def entry(personas, number: str = "L898902C3", **kw):
    data = crossings.CrossingInput(direction=Direction.ENTRY, identity=identity(number), **kw)
    return crossings.record_crossing(personas.officer, personas.post, data).crossing


def rows_after(seq: int) -> list[tuple[str, str]]:
    return list(
        OutboxEvent.objects.filter(seq__gt=seq).order_by("seq").values_list("kind", "model")
    )


def last_seq() -> int:
    return OutboxEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


@override_settings(PASSAGE_ROLE="node")
def test_a_crossing_queues_traveller_document_crossing_and_its_audit_event(personas):
    start = last_seq()
    crossing = entry(personas)
    assert rows_after(start) == [
        ("object", "travellers.traveller"),
        ("object", "travellers.traveldocument"),
        ("object", "crossings.crossing"),
        # Screening is stored with the crossing and travels with it.
        ("object", "alerts.screeningresult"),
        ("audit", "accounts.auditevent"),
    ]
    rows = list(OutboxEvent.objects.filter(seq__gt=start).order_by("seq"))
    assert [r.seq for r in rows] == list(range(start + 1, start + 6))
    assert len({r.group for r in rows}) == 1  # one counter transaction, one group
    sent = json.loads(rows[2].data)
    assert sent["fields"]["id"] == str(crossing.pk)
    assert sent["refs"]["crossing_point_id"] == {"code": personas.post.code}
    assert sent["refs"]["officer_id"] == {"username": "officer"}
    event = json.loads(rows[4].data)
    assert event["hash"] == AuditEvent.objects.get(seq=event["seq"]).hash


@override_settings(PASSAGE_ROLE="node")
def test_a_traveller_already_queued_is_not_sent_again(personas):
    entry(personas)
    start = last_seq()
    crossing = entry(personas, submission_key=None)  # same passport: recognised
    assert crossing.traveller.crossings.count() == 2
    assert rows_after(start) == [
        ("object", "crossings.crossing"),
        ("object", "alerts.screeningresult"),
        ("audit", "accounts.auditevent"),
    ]


@override_settings(PASSAGE_ROLE="node")
def test_amendments_are_queued(personas):
    crossing = entry(personas)
    start = last_seq()
    crossings.amend_crossing(personas.supervisor, crossing, {"purpose": "business"}, "typo")
    assert rows_after(start) == [
        ("object", "crossings.amendment"),
        ("audit", "accounts.auditevent"),
    ]


@override_settings(PASSAGE_ROLE="node")
def test_a_secondary_inspection_and_its_decision_are_queued(personas):
    crossing = entry(personas, decision=Decision.SECONDARY)
    start = last_seq()
    crossings.decide_inspection(personas.supervisor, crossing.inspection, outcome="admitted")
    assert rows_after(start) == [
        ("object", "crossings.secondaryinspection"),
        ("audit", "accounts.auditevent"),
    ]


@override_settings(PASSAGE_ROLE="node")
def test_reads_and_other_events_queue_only_the_audit_event(personas):
    crossing = entry(personas)
    start = last_seq()
    audit.record_read(personas.officer, crossing.traveller)
    audit.record_now(personas.officer, AuditAction.ACCESS_DENIED, message="x")
    assert rows_after(start) == [("audit", "accounts.auditevent")] * 2


@override_settings(PASSAGE_ROLE="node")
def test_a_refused_change_leaves_nothing_in_the_outbox(personas):
    start = last_seq()
    events = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        entry(personas)
        raise RuntimeError("power cut before commit")
    assert last_seq() == start
    assert AuditEvent.objects.count() == events
    # And the next change continues the sequence without a gap.
    entry(personas)
    assert OutboxEvent.objects.filter(seq=start + 1).exists()


@override_settings(PASSAGE_ROLE="node")
def test_every_audit_event_of_a_post_is_in_its_outbox(personas):
    entry(personas)
    audited = set(AuditEvent.objects.values_list("seq", flat=True))
    queued = {
        int(oid)
        for oid in OutboxEvent.objects.filter(kind="audit").values_list("object_id", flat=True)
    }
    # personas were created before the role switched; everything since is queued.
    assert {s for s in audited if s > min(queued)} <= queued


def test_hq_has_no_outbox(personas):
    entry(personas)
    assert not OutboxEvent.objects.exists()
