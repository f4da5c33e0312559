"""Purged persons leave nothing behind in the exchange's copies (decision 0167): a post's
sent outbox rows and HQ's stored batches are scrubbed, and the chains still verify."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import uuid

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.models import AuditEvent
from passage.crossings import services as crossings
from passage.crossings.choices import Direction
from passage.reference.services import load_refusal_grounds
from passage.retention import services
from passage.retention.models import Deletion
from passage.sync import scrub
from passage.sync import services as sync
from passage.sync.models import InboxReceipt, OutboxEvent, PostLink
from passage.sync.tests.helpers import audit_rows, batch, post, traveller_rows
from passage.travellers import corrections
from passage.travellers.models import Traveller
from passage.travellers.services import Identity

pytestmark = pytest.mark.django_db


def _cross(personas, number, surname, direction=Direction.ENTRY):
    return crossings.record_crossing(
        personas.officer,
        personas.post,
        crossings.CrossingInput(
            direction=direction,
            identity=Identity(
                primary_name=surname,
                secondary_name="MIRA",
                sex="F",
                birth_year=1979,
                birth_month=5,
                birth_day=6,
                nationality="UTO",
                issuing_state="UTO",
                number=number,
                expiry_date=timezone.localdate() + dt.timedelta(days=900),
            ),
        ),
    ).crossing


@override_settings(PASSAGE_ROLE="node")
def test_a_post_applying_a_deletion_scrubs_its_sent_outbox_rows(personas):
    load_refusal_grounds(None)
    entry = _cross(personas, "Z9100001", "GONEAWAY")
    leave = _cross(personas, "Z9100001", "GONEAWAY", Direction.EXIT)
    corrections.correct(
        personas.supervisor,
        entry.traveller_id,
        {"secondary_name": "MIRAH"},
        version=1,
        reason="spelling on the data page",
    )
    kept = _cross(personas, "K9100002", "STAYSHERE")
    head = OutboxEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
    PostLink.objects.create(pk=1, hq_url="http://hq", node_id="n", key="k" * 43, acked_seq=head)
    assert OutboxEvent.objects.filter(data__contains="GONEAWAY").exists()

    with transaction.atomic():
        services.apply_deletions(
            None,
            [
                {
                    "seq": 1,
                    "reason": "retention",
                    "crossings": [str(entry.pk), str(leave.pk)],
                    "travellers": [str(entry.traveller_id)],
                }
            ],
        )
    assert not Traveller.objects.filter(pk=entry.traveller_id).exists()
    # No sent row names the person any more; their rows keep their place.
    for needle in ("GONEAWAY", "MIRAH", "Z9100001"):
        assert not OutboxEvent.objects.filter(data__contains=needle).exists(), needle
    rows = OutboxEvent.objects.filter(object_id__in=[str(entry.pk), str(entry.traveller_id)])
    assert rows.count() >= 2
    assert all(json.loads(r.data)["action"] == "purged" for r in rows)
    # The audit rows about them are the events as purged: digest, no payload.
    about = AuditEvent.objects.filter(object_id=str(entry.pk)).values_list("seq", flat=True)
    for row in OutboxEvent.objects.filter(kind="audit", object_id__in=[str(s) for s in about]):
        payload = json.loads(row.data)
        assert payload["purged_on"] and payload["data"] == "" and payload["payload_digest"]
    # The other traveller is untouched, and the chain verifies.
    assert OutboxEvent.objects.filter(data__contains="STAYSHERE").exists()
    assert Traveller.objects.filter(pk=kept.traveller_id).exists()
    assert audit.verify().ok


def _event_about(seq: int, prev: str, object_id: str, data: dict) -> dict:
    event = AuditEvent(
        seq=seq,
        at=timezone.now().replace(microsecond=0),
        actor_id="",
        actor_name="officer",
        request_id="r",
        source_ip="10.0.0.1",
        action="create",
        object_type="crossings.crossing",
        object_id=object_id,
        object_repr="entry",
        data=audit.dumps(data),
        message="",
        prev_hash=prev,
    )
    event.payload_digest = audit.payload_digest(event)
    event.hash = audit.link_hash(prev, event)
    return {**audit.event_fields(event), "prev_hash": event.prev_hash, "hash": event.hash}


def test_hq_scrubs_its_stored_batches_of_an_erased_person(client, personas):
    credentials = sync.enrol_node(None, "post-1")
    node, key = credentials.node, credentials.key
    gone, ids = traveller_rows("Q5550001", officer=personas.officer, point_code="TST-AIR")
    stays, _kept = traveller_rows("R5550002", officer=personas.officer, point_code="TST-AIR")
    about = _event_about(1, audit.GENESIS, ids["crossing"], {"after": {"number": "Q5550001"}})
    body = batch(str(node.pk), 1, [*gone, *stays, *audit_rows([about])])
    response = post(client, str(node.pk), key, body)
    assert response.status_code == 200, response.content
    assert b"Q5550001" in gzip.decompress(bytes(InboxReceipt.objects.get().body))

    services.erase_person(personas.dpo, ids["traveller"], reason="erasure request 7")
    stored = gzip.decompress(bytes(InboxReceipt.objects.get().body)).decode()
    assert "Q5550001" not in stored and "R5550002" in stored
    assert Deletion.objects.get().history_scrubbed
    # What a restored post would take back: the rows in place, scrubbed; the audit event
    # with its hash, its payload gone (the chain over its digest still links).
    events = sync.post_history(node, 0)["events"]
    assert [e["seq"] for e in events] == list(range(1, 8))
    by_id = {e["id"]: e for e in events}
    for oid in ids.values():
        assert scrub.is_scrubbed("object", by_id[oid]["data"])
    taken = events[-1]["data"]
    assert taken["hash"] == about["hash"] and taken["data"] == "" and taken["purged_on"]
    rebuilt = AuditEvent(
        seq=taken["seq"],
        at=dt.datetime.fromisoformat(taken["at"]),
        purged_on=dt.date.fromisoformat(taken["purged_on"]),
        **{name: taken[name] for name in audit.AUDIT_FIELDS},
    )
    assert audit.link_hash(audit.GENESIS, rebuilt) == about["hash"]


def test_an_erased_persons_documents_leave_the_identity_runs_stored_rows(
    personas, settings, tmp_path
):
    """The rows an identity run keeps for the next incremental run are personal data:
    an erasure (like a purge) takes the person's documents out of them at once."""
    import pyarrow.parquet as pq

    from passage.identity.engine import prepare
    from passage.identity.engine.model import write_rows
    from passage.identity.services import record_of
    from passage.travellers.models import TravelDocument

    settings.PASSAGE_IDENTITY_ROWS = str(tmp_path / "identity-rows")
    gone = _cross(personas, "Q5550011", "HALVORSEN")
    stays = _cross(personas, "R5550012", "OYELARAN")
    docs = TravelDocument.objects.filter(number__in=["Q5550011", "R5550012"]).select_related(
        "traveller"
    )
    stored = tmp_path / "identity-rows" / "rows-20261201T000000000000.parquet"
    stored.parent.mkdir()
    write_rows(prepare([record_of(d) for d in docs]), stored)
    gone_doc = str(gone.document_id)

    services.erase_person(personas.dpo, gone.traveller_id, reason="erasure request 8")

    left = set(pq.read_table(stored).column("unique_id").to_pylist())
    assert left == {str(stays.document_id)} and gone_doc not in left


@pytest.mark.parametrize("others", [0, 100, 200], ids=["few ids", "many UUIDs", "many of both"])
def test_stored_batches_are_parsed_only_when_their_text_names_an_id(personas, others):
    """HQ reads every stored batch but parses and rewrites only those whose text holds a
    deleted id — whether the purge deletes a few ids or thousands, UUIDs or other keys —
    and a batch naming the person only through a reference (``traveller_id``) is found."""
    node = sync.enrol_node(None, "post-1").node
    gone, ids = traveller_rows("Q5550021", officer=personas.officer, point_code="TST-AIR")
    document = next(row for row in gone if row[2] == ids["document"])
    stays, _ = traveller_rows("R5550022", officer=personas.officer, point_code="TST-AIR")
    bodies = [
        batch(str(node.pk), 1, stays),
        batch(str(node.pk), 4, [document]),  # names the traveller only as ``traveller_id``
        batch(str(node.pk), 5, [stays[0]]),
    ]
    for n, body in enumerate(bodies):
        InboxReceipt.objects.create(
            node=node, first_seq=n * 10 + 1, last_seq=n * 10 + 3, rows=3, digest="x", body=body
        )
    wanted = {ids["traveller"]}
    wanted |= {str(uuid.uuid4()) for _ in range(others)}
    if others > 100:
        wanted |= {f"KEY-{n}" for n in range(others)}  # ids that are not UUIDs
    with transaction.atomic():
        assert scrub.scrub_inbox(wanted, dt.date(2026, 12, 3)) == 1
    stored = [bytes(r.body) for r in InboxReceipt.objects.order_by("pk")]
    assert stored[0] == bodies[0] and stored[2] == bodies[2]  # not rewritten
    doc = json.loads(gzip.decompress(stored[1]))
    assert scrub.is_scrubbed("object", doc["events"][0]["data"])
    assert b"Q5550021" not in gzip.decompress(stored[1])
