"""HQ receiving batches: authenticated, idempotent by (node, sequence), all or nothing."""

from __future__ import annotations

import gzip
import json
import time

import pytest

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.crossings.models import Crossing
from passage.sync import inbox, services, signing
from passage.sync.models import InboxReceipt, Node, NodeAuditEvent, SyncAlias
from passage.travellers.models import TravelDocument, Traveller

from .helpers import PULL, audit_events, audit_rows, batch, post, traveller_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(db):
    credentials = services.enrol_node(None, "post-1")
    return credentials.node, credentials.key


def stored(node: Node) -> tuple[int, int, int]:
    node.refresh_from_db()
    return (
        node.received_seq,
        NodeAuditEvent.objects.filter(node=node).count(),
        InboxReceipt.objects.filter(node=node).count(),
    )


def test_a_valid_batch_is_stored_and_acknowledged(client, enrolled):
    node, key = enrolled
    body = batch(str(node.pk), 1, audit_rows(audit_events(1, 5)))
    response = post(client, str(node.pk), key, body)
    assert response.status_code == 200, response.content
    assert json.loads(response.content)["acked"] == 5
    assert stored(node) == (5, 5, 1)
    assert services.verify_node_chain(node).ok
    assert AuditEvent.objects.filter(action=AuditAction.SYNC_RECEIVED).count() == 1


def test_the_answer_is_signed_with_the_nodes_key(client, enrolled):
    node, key = enrolled
    body = batch(str(node.pk), 1, audit_rows(audit_events(1, 2)))
    headers = signing.sign_request(str(node.pk), key, "POST", "/sync/node/push", body)
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    response = client.post(
        "/sync/node/push",
        data=body,
        content_type="application/json",
        HTTP_CONTENT_ENCODING="gzip",
        **extra,
    )
    expected = signing.response_signature(
        key, headers[signing.NONCE], 200, signing.body_digest(response.content)
    )
    assert response[signing.SIGNATURE] == expected


def test_duplicates_replays_and_overlaps_change_nothing(client, enrolled):
    node, key = enrolled
    events = audit_events(1, 10)
    first = batch(str(node.pk), 1, audit_rows(events[:6]))
    assert post(client, str(node.pk), key, first).status_code == 200
    # The same batch again (a post that never saw the acknowledgement): a duplicate.
    again = post(client, str(node.pk), key, first)
    assert again.status_code == 200
    answer = json.loads(again.content)
    assert answer.pop("hq_time") > 0
    assert answer == {"acked": 6, "stored": 0, "duplicate": True}
    assert stored(node) == (6, 6, 1)
    # An overlapping batch stores only what is new.
    overlap = batch(str(node.pk), 4, audit_rows(events[3:10]))
    assert json.loads(post(client, str(node.pk), key, overlap).content)["acked"] == 10
    assert stored(node) == (10, 10, 2)
    assert services.verify_node_chain(node).ok


def test_a_batch_beyond_the_acknowledged_sequence_is_refused_with_the_point_to_resume(
    client, enrolled
):
    node, key = enrolled
    events = audit_events(1, 10)
    assert post(client, str(node.pk), key, batch(str(node.pk), 1, audit_rows(events[:3])))
    response = post(client, str(node.pk), key, batch(str(node.pk), 6, audit_rows(events[5:])))
    assert response.status_code == 409
    assert json.loads(response.content)["acked"] == 3
    assert stored(node) == (3, 3, 1)


def test_a_replayed_request_is_refused(client, enrolled):
    node, key = enrolled
    body = batch(str(node.pk), 1, audit_rows(audit_events(1, 2)))
    headers = signing.sign_request(str(node.pk), key, "POST", "/sync/node/push", body)
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    kwargs = {"data": body, "content_type": "application/json", "HTTP_CONTENT_ENCODING": "gzip"}
    assert client.post("/sync/node/push", **kwargs, **extra).status_code == 200
    replay = client.post("/sync/node/push", **kwargs, **extra)
    assert replay.status_code == 401
    assert "replayed" in json.loads(replay.content)["error"]


@pytest.mark.parametrize(
    ("case", "status", "words"),
    [
        ("wrong key", 401, "bad signature"),
        ("unknown node", 401, "unknown node"),
        ("stale", 401, "timestamp"),
        ("tampered", 400, "digest"),
        ("unsigned", 401, "unsigned"),
    ],
)
def test_forged_requests_are_refused_and_audited(client, enrolled, case, status, words):
    node, key = enrolled
    body = batch(str(node.pk), 1, audit_rows(audit_events(1, 3)))
    node_id = str(node.pk)
    kwargs: dict = {}
    if case == "wrong key":
        key = signing.node_key(node_id, 99)
    elif case == "unknown node":
        node_id = "01890a5d-ac96-774b-bcce-b302099a8057"
    elif case == "stale":
        kwargs["now"] = time.time() - 3600
    elif case == "tampered":
        kwargs["sign_body"] = body + b"x"
    elif case == "unsigned":
        kwargs["headers"] = {signing.SIGNATURE: ""}
    response = post(client, node_id, key, body, **kwargs)
    assert response.status_code == status
    assert words in json.loads(response.content)["error"]
    assert stored(node) == (0, 0, 0)
    assert AuditEvent.objects.filter(action=AuditAction.SYNC_REFUSED).exists()


def test_a_revoked_node_is_refused(client, enrolled):
    node, key = enrolled
    services.revoke_node(None, node, "server stolen")
    body = batch(str(node.pk), 1, audit_rows(audit_events(1, 1)))
    response = post(client, str(node.pk), key, body)
    assert response.status_code == 403
    assert "revoked" in json.loads(response.content)["error"]
    # A new key lifts the revocation; the old key stays refused.
    fresh = services.rekey_node(None, node).key
    assert post(client, str(node.pk), key, body).status_code == 401
    assert post(client, str(node.pk), fresh, body).status_code == 200


def _garbled(body: bytes) -> bytes:
    middle = len(body) // 2
    return body[:middle] + bytes([body[middle] ^ 0xFF]) + body[middle + 1 :]


@pytest.mark.parametrize(
    ("case", "status", "words"),
    [
        ("truncated", 400, "truncated"),
        ("corrupted", 400, "corrupt"),
        ("not gzip", 400, "corrupt"),
        ("not json", 400, "not JSON"),
        ("gap", 400, "out of order"),
        ("wrong node", 400, "another node"),
        ("count", 400, "expected"),
        ("broken chain", 422, "does not match its hash"),
        ("unknown model", 422, "does not accept"),
    ],
)
def test_bad_batches_are_refused_whole(client, enrolled, case, status, words):
    """The signature is valid (the post signed what it sent); the content is not."""
    node, key = enrolled
    events = audit_events(1, 20)
    rows = audit_rows(events)
    body = batch(str(node.pk), 1, rows)
    if case == "truncated":
        body = body[: len(body) - 30]
    elif case == "corrupted":
        body = _garbled(body)
    elif case == "not gzip":
        body = b"PK\x03\x04 this is a zip file"
    elif case == "not json":
        body = gzip.compress(b"{not json")
    elif case == "gap":
        doc = json.loads(gzip.decompress(body))
        doc["events"][5]["seq"] = 99
        body = gzip.compress(json.dumps(doc).encode())
    elif case == "wrong node":
        body = batch("01890a5d-ac96-774b-bcce-b302099a8057", 1, rows)
    elif case == "count":
        doc = json.loads(gzip.decompress(body))
        doc["last"] = 25
        body = gzip.compress(json.dumps(doc).encode())
    elif case == "broken chain":
        events[12]["message"] = "rewritten"
        body = batch(str(node.pk), 1, audit_rows(events))
    elif case == "unknown model":
        rows[15] = ("object", "accounts.user", "x", {"fields": {}})
        body = batch(str(node.pk), 1, rows)
    response = post(client, str(node.pk), key, body)
    assert response.status_code == status, response.content
    assert words in json.loads(response.content)["error"]
    assert stored(node) == (0, 0, 0)


def test_oversized_batches_are_refused(client, enrolled, monkeypatch):
    node, key = enrolled
    body = batch(str(node.pk), 1, audit_rows(audit_events(1, 50)))
    monkeypatch.setattr(inbox, "MAX_BODY", len(body) - 1)
    response = post(client, str(node.pk), key, body)
    assert response.status_code == 413
    monkeypatch.setattr(inbox, "MAX_BODY", 10**9)
    monkeypatch.setattr(inbox, "MAX_INFLATED", 1000)  # a gzip bomb, in miniature
    response = post(client, str(node.pk), key, body)
    assert response.status_code == 413
    assert "inflates" in json.loads(response.content)["error"]
    assert stored(node) == (0, 0, 0)


def test_uncompressed_batches_are_refused(client, enrolled):
    node, key = enrolled
    body = gzip.decompress(batch(str(node.pk), 1, audit_rows(audit_events(1, 2))))
    response = post(client, str(node.pk), key, body, gzip_encoded=False)
    assert response.status_code == 415


def test_crossings_from_two_posts_link_travellers_by_document(client, personas):
    """Identity at HQ: the same passport seen at two posts is one traveller."""
    one = services.enrol_node(personas.administrator, "post-1")
    two = services.enrol_node(personas.administrator, "post-2")
    rows_a, ids_a = traveller_rows("X1234567", officer=personas.officer, point_code="TST-AIR")
    rows_b, ids_b = traveller_rows("X1234567", officer=personas.officer, point_code="TST-LAND")
    for credentials, rows in ((one, rows_a), (two, rows_b)):
        body = batch(str(credentials.node.pk), 1, rows)
        response = post(client, str(credentials.node.pk), credentials.key, body)
        assert response.status_code == 200, response.content
    assert Crossing.objects.count() == 2
    assert Traveller.objects.count() == 1
    assert TravelDocument.objects.count() == 1
    second = Crossing.objects.get(pk=ids_b["crossing"])
    assert str(second.traveller_id) == ids_a["traveller"]
    assert str(second.document_id) == ids_a["document"]
    assert second.crossing_point == personas.other_post
    assert str(second.recorded_at) == "2026-01-02 03:04:05.678901+00:00"
    assert SyncAlias.objects.filter(remote_id=ids_b["traveller"]).exists()
    # The post's officer is a disabled shadow account at HQ, same id.
    assert second.officer_id == personas.officer.pk


def test_a_crossing_at_an_unknown_crossing_point_refuses_the_batch(client, personas):
    credentials = services.enrol_node(personas.administrator, "post-1")
    rows, _ = traveller_rows("X1234567", officer=personas.officer, point_code="NOWHERE")
    body = batch(str(credentials.node.pk), 1, rows)
    response = post(client, str(credentials.node.pk), credentials.key, body)
    assert response.status_code == 422
    assert "NOWHERE" in json.loads(response.content)["error"]
    assert Crossing.objects.count() == 0
    assert Traveller.objects.count() == 0


def test_shadow_users_for_officers_hq_does_not_know(client, personas):
    from passage.accounts.models import User

    credentials = services.enrol_node(personas.administrator, "post-1")
    stranger = User(username="officer")  # same username, another id: another person
    rows, ids = traveller_rows("X1", officer=stranger, point_code="TST-AIR")
    body = batch(str(credentials.node.pk), 1, rows)
    assert post(client, str(credentials.node.pk), credentials.key, body).status_code == 200
    shadow = Crossing.objects.get(pk=ids["crossing"]).officer
    assert shadow.pk == stranger.pk
    assert shadow.username == "officer@post-1"
    assert not shadow.is_active
    assert not shadow.has_usable_password()


def test_pull_returns_datasets_only_when_they_changed(client, enrolled, reference_data):
    node, key = enrolled
    body = json.dumps({"datasets": {}}).encode()
    response = post(client, str(node.pk), key, body, path=PULL)
    assert response.status_code == 200
    answer = json.loads(gzip.decompress(response.content))["datasets"]
    assert answer["reference"]["mode"] == "full"
    assert any(c["icao_code"] == "UTO" for c in answer["reference"]["data"]["countries"])
    versions = {name: item["version"] for name, item in answer.items()}
    body = json.dumps({"datasets": versions}).encode()
    again = json.loads(gzip.decompress(post(client, str(node.pk), key, body, path=PULL).content))
    assert {item["mode"] for item in again["datasets"].values()} == {"current"}
    node.refresh_from_db()
    assert node.datasets == versions


def test_a_record_for_a_crossing_point_outside_the_enrolment_is_refused_and_audited(
    client, personas
):
    """A node enrolled for TST-AIR speaks for TST-AIR only: a batch holding a record of
    TST-LAND (a demo loaded at the post, a copied database) stores nothing, and HQ's
    audit trail says why."""
    credentials = services.enrol_node(personas.administrator, "post-air", personas.post.code)
    node = str(credentials.node.pk)
    rows, _ = traveller_rows("X7654321", officer=personas.officer, point_code="TST-LAND")
    response = post(client, node, credentials.key, batch(node, 1, rows))
    assert response.status_code == 403, response.content
    error = json.loads(response.content)["error"]
    assert "'TST-LAND'" in error and "'TST-AIR'" in error and "event #3" in error
    assert Crossing.objects.count() == 0 and Traveller.objects.count() == 0
    refused = AuditEvent.objects.get(action=AuditAction.SYNC_REFUSED)
    assert refused.object_id == node and "TST-LAND" in refused.message
    credentials.node.refresh_from_db()
    assert credentials.node.received_seq == 0 and "TST-LAND" in credentials.node.last_error
    # Its own crossing point's records are taken.
    rows, ids = traveller_rows("X7654321", officer=personas.officer, point_code="TST-AIR")
    response = post(client, node, credentials.key, batch(node, 1, rows))
    assert response.status_code == 200, response.content
    assert Crossing.objects.get(pk=ids["crossing"]).crossing_point == personas.post
