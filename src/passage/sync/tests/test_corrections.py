"""Corrections of travellers between posts and HQ, field by field (decision 0105).

HQ's side, with the batches a post sends built by hand (helpers.py) and pushed through
HQ's signed views; the whole round trip between separate installations is the conflict
drill (test_conflict_drill.py). Each of issue 24's point 3 defects has a test here that
fails on the code before decision 0105, which sent a corrected traveller whole.
"""

from __future__ import annotations

import copy
import gzip
import json
import uuid
from typing import Any

import pytest
from django.test import override_settings

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.sync import services
from passage.sync.registry import Export
from passage.travellers import corrections
from passage.travellers.models import CorrectionConflict, Traveller, TravellerCorrection

from .helpers import PULL, audit_events, audit_rows, batch, post, traveller_rows

pytestmark = pytest.mark.django_db


class Post:
    """An enrolled post sending batches to HQ, its sequence numbers running on."""

    def __init__(self, client: Any, name: str) -> None:
        self.client = client
        credentials = services.enrol_node(None, name)
        self.node, self.key = credentials.node, credentials.key
        self.seq = 1
        self.audit_seq = 1

    def send(self, rows: list[tuple[str, str, str, dict[str, Any]]]) -> Any:
        events = audit_events(self.audit_seq, 1, self._prev)
        self.audit_seq += 1
        self._prev = events[-1]["hash"]
        body = batch(str(self.node.pk), self.seq, [*rows, *audit_rows(events)])
        self.seq += len(rows) + 1
        response = post(self.client, str(self.node.pk), self.key, body)
        assert response.status_code == 200, response.content
        return response

    _prev = audit.GENESIS

    def pull(self, held: str | None = None) -> dict[str, Any]:
        body = json.dumps({"datasets": {"traveller_corrections": held}}).encode()
        response = post(self.client, str(self.node.pk), self.key, body, path=PULL)
        assert response.status_code == 200, response.content
        answer = json.loads(gzip.decompress(response.content))
        return answer["datasets"]["traveller_corrections"]


def correction_row(
    traveller_id: str, changes: dict[str, tuple[Any, Any]], officer: Any
) -> tuple[str, str, str, dict[str, Any]]:
    """What a post's outbox holds for a correction (``travellers.corrections.correct``)."""
    cid = str(uuid.uuid4())
    return (
        "object",
        "travellers.travellercorrection",
        cid,
        {
            "action": "create",
            "fields": {
                "id": cid,
                "traveller_id": traveller_id,
                "changes": {k: {"base": b, "value": v} for k, (b, v) in changes.items()},
                "base_version": 1,
                "reason": "spelling on the data page",
                "created_at": "2026-12-01T10:00:00+00:00",
                "created_by_id": str(officer.pk),
            },
            "m2m": {},
            "refs": {"created_by_id": {"username": officer.username}},
        },
    )


def whole_record(rows: list[Any], **changed: Any) -> tuple[str, str, str, dict[str, Any]]:
    """What a post sent before decision 0105 when a traveller was corrected: all of it."""
    kind, label, oid, data = copy.deepcopy(rows[0])
    data["action"] = "update"
    data["fields"].update(changed)
    return kind, label, oid, data


@pytest.fixture
def held(client, personas):
    """A traveller post-1 created and HQ holds (ERIKSSON ANNA, F, 1974-08-12)."""
    one = Post(client, "post-1")
    rows, ids = traveller_rows("X1234567", officer=personas.officer, point_code="TST-AIR")
    one.send(rows[:2])
    return one, rows, ids["traveller"]


def test_an_hq_correction_survives_a_later_post_correction_of_another_field(held, personas):
    one, _rows, tid = held
    corrections.correct(
        personas.supervisor, tid, {"primary_name": "ERIKSON"}, version=1, reason="passport"
    )
    # The post, offline, corrected the given names of the record it held.
    one.send([correction_row(tid, {"secondary_name": ("ANNA", "ANNE")}, personas.officer)])
    traveller = Traveller.objects.get(pk=tid)
    assert (traveller.primary_name, traveller.secondary_name) == ("ERIKSON", "ANNE")
    assert not CorrectionConflict.objects.exists()


def test_a_whole_record_from_an_older_post_overwrites_nothing(held, personas):
    """Before 0105 this overwrote HQ's correction of the primary name."""
    one, rows, tid = held
    corrections.correct(
        personas.supervisor, tid, {"primary_name": "ERIKSON"}, version=1, reason="passport"
    )
    one.send([whole_record(rows, secondary_name="ANNE")])
    traveller = Traveller.objects.get(pk=tid)
    assert traveller.primary_name == "ERIKSON"
    kept = {c.field: (c.held, c.incoming) for c in CorrectionConflict.objects.all()}
    assert kept == {"primary_name": ("ERIKSON", "ERIKSSON"), "secondary_name": ("ANNA", "ANNE")}


def test_the_same_field_corrected_at_both_ends_is_kept_as_a_conflict(held, personas):
    one, _rows, tid = held
    corrections.correct(
        personas.supervisor, tid, {"primary_name": "ERIKSON"}, version=1, reason="passport"
    )
    one.send([correction_row(tid, {"primary_name": ("ERIKSSON", "ERICSSON")}, personas.officer)])
    assert Traveller.objects.get(pk=tid).primary_name == "ERIKSON"  # HQ's, until decided
    conflict = CorrectionConflict.objects.get()
    assert (conflict.base, conflict.held, conflict.incoming) == ("ERIKSSON", "ERIKSON", "ERICSSON")
    assert conflict.origin == str(one.node.pk)
    corrections.resolve(personas.supervisor, conflict.pk, "incoming", "birth certificate")
    assert Traveller.objects.get(pk=tid).primary_name == "ERICSSON"
    event = AuditEvent.objects.filter(action=AuditAction.CONFLICT_RESOLVED).get()
    assert event.actor_name == "supervisor" and "ERIKSON" in event.data
    with pytest.raises(Exception, match="already resolved"):
        corrections.resolve(personas.supervisor, conflict.pk, "held")


def test_a_linked_posts_correction_keeps_hqs_record_and_its_creation_fields(client, held, personas):
    """Post-2's traveller is linked to post-1's (same passport). Before 0105 post-2's
    corrected traveller replaced HQ's whole record, created_by and created_at included."""
    _one, _rows, tid = held
    before = Traveller.objects.get(pk=tid)
    two = Post(client, "post-2")
    rows, ids = traveller_rows("X1234567", officer=personas.officer_elsewhere, point_code="TST-AIR")
    rows[0][3]["fields"].update(
        primary_name="ERIKSSON", secondary_name="ANNA", created_at="2026-11-30T08:00:00+00:00"
    )
    two.send(rows[:2])
    assert Traveller.objects.count() == 1
    two.send([whole_record(rows, sex="X")])
    after = Traveller.objects.get(pk=tid)
    assert (after.created_by_id, after.created_at) == (before.created_by_id, before.created_at)
    assert after.created_by_id == personas.officer.pk
    assert after.sex == "F"
    assert CorrectionConflict.objects.get().field == "sex"
    two.send(
        [correction_row(ids["traveller"], {"birth_day": (12, 21)}, personas.officer_elsewhere)]
    )
    after = Traveller.objects.get(pk=tid)
    assert (after.created_by_id, after.created_at) == (before.created_by_id, before.created_at)
    assert (after.sex, after.birth_day) == ("F", 21)


def test_hq_corrections_reach_the_posts_holding_the_traveller_under_their_keys(
    client, held, personas
):
    one, _rows, tid = held
    two = Post(client, "post-2")
    rows, ids = traveller_rows("X1234567", officer=personas.officer_elsewhere, point_code="TST-AIR")
    two.send(rows[:2])
    three = Post(client, "post-3")  # holds another traveller only
    other, _ = traveller_rows("Y7654321", officer=personas.officer, point_code="TST-AIR")
    three.send(other[:2])
    held_one, held_two = one.pull()["version"], two.pull()["version"]
    corrections.correct(
        personas.supervisor, tid, {"primary_name": "ERIKSON"}, version=1, reason="passport"
    )
    # post-1 corrects another field: it reaches post-2, but is not sent back to post-1.
    one.send([correction_row(tid, {"sex": ("F", "X")}, personas.officer)])
    to_one, to_two = one.pull(held_one), two.pull(held_two)
    assert to_one["data"]["travellers"] == {tid: {"primary_name": "ERIKSON"}}
    assert to_two["data"]["travellers"] == {
        ids["traveller"]: {"primary_name": "ERIKSON", "sex": "X"}
    }
    assert three.pull(three.pull()["version"])["mode"] == "current"
    assert three.pull()["data"]["travellers"] == {}
    assert (
        to_one["version"] == to_two["version"] and one.pull(to_one["version"])["mode"] == "current"
    )


@override_settings(PASSAGE_ROLE="node")
def test_a_post_takes_hqs_values_except_for_fields_it_corrected_since_its_last_push(
    personas,
):
    traveller = Traveller.objects.create(
        primary_name="ERIKSSON", secondary_name="ANNA", sex="F", birth_year=1974
    )
    services.join_hq(None, "http://hq.test", "node", "k" * 43)
    corrections.correct(personas.officer, traveller.pk, {"sex": "X"}, version=1, reason="typo")
    export = Export(
        version="tc1:9",
        mode="delta",
        data={"travellers": {str(traveller.pk): {"primary_name": "ERIKSON", "sex": "M"}}},
    )
    services.apply_dataset(None, "traveller_corrections", export)
    traveller.refresh_from_db()
    assert (traveller.primary_name, traveller.sex) == ("ERIKSON", "X")
    assert traveller.version == 3


@pytest.mark.parametrize(
    "changes",
    [
        {"primary_name": ("ERIKSSON", "ERIKSSON\x00")},
        {"created_by_id": (None, "x")},
        {"birth_month": (None, 13)},
    ],
)
def test_a_correction_hq_cannot_merge_refuses_the_batch_and_stores_nothing(held, personas, changes):
    one, _rows, tid = held
    events = audit_events(one.audit_seq, 1, one._prev)
    body = batch(
        str(one.node.pk),
        one.seq,
        [correction_row(tid, changes, personas.officer), *audit_rows(events)],
    )
    response = post(one.client, str(one.node.pk), one.key, body)
    assert response.status_code == 422, response.content
    assert "cannot be merged" in json.loads(response.content)["error"]
    assert not TravellerCorrection.objects.exists()
    assert Traveller.objects.get(pk=tid).primary_name == "ERIKSSON"
