"""The rules around restores (issue 24): replays after HQ is restored, batches out of
order, a duplicate that is not one, HQ comparing chains, and pruning the outbox.

The whole drill (a post restored from a backup, over a real server) is test_restore.py.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.sync import inbox, services, signing
from passage.sync.models import (
    InboxReceipt,
    Node,
    NodeAuditEvent,
    OutboxAck,
    OutboxEvent,
    PostLink,
    SeenNonce,
)

from .helpers import PUSH, audit_events, audit_rows, batch
from .test_outbox import entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(db):
    credentials = services.enrol_node(None, "post-1")
    return credentials.node, credentials.key


def signed_headers(node: Node, key: str, body: bytes, counter: int) -> dict[str, str]:
    headers = signing.sign_request(str(node.pk), key, "POST", PUSH, body, counter=counter)
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    return {**extra, "HTTP_CONTENT_ENCODING": "gzip"}


def send(client, body: bytes, headers: dict[str, str]):
    return client.post(PUSH, data=body, content_type="application/json", **headers)


def refusals() -> int:
    return AuditEvent.objects.filter(action=AuditAction.SYNC_REFUSED).count()


# --- point 6: replays after HQ is restored ---------------------------------------------


def test_a_request_captured_before_hq_was_restored_is_refused_after_the_post_moved_on(
    client, enrolled
):
    """A restore of HQ's database loses its used nonces; the post's request counter
    (signed, in the nonce) does not go back with it: once the post has sent a newer
    request, a captured older one is a replay whatever the nonce table says."""
    node, key = enrolled
    events = audit_events(1, 6)
    now_ms = int(time.time() * 1000)
    first = batch(str(node.pk), 1, audit_rows(events[:3]))
    captured = signed_headers(node, key, first, now_ms - 120_000)
    assert send(client, first, captured).status_code == 200
    # HQ restored from a backup taken before that request: nonces and batch gone.
    SeenNonce.objects.all().delete()
    InboxReceipt.objects.all().delete()
    NodeAuditEvent.objects.all().delete()
    Node.objects.filter(pk=node.pk).update(received_seq=0, audit_head_seq=0, audit_head_hash="")
    # The post sends again (a newer counter) and goes on.
    assert send(client, first, signed_headers(node, key, first, now_ms)).status_code == 200
    second = batch(str(node.pk), 4, audit_rows(events[3:]))
    assert send(client, second, signed_headers(node, key, second, now_ms + 1)).status_code == 200
    node.refresh_from_db()
    held = (node.received_seq, node.reported_head, node.last_contact_at, node.last_error)

    replay = send(client, first, captured)
    assert replay.status_code == 401
    assert "replayed" in json.loads(replay.content)["error"]
    node.refresh_from_db()
    # Anyone can replay a captured request: refused as unauthenticated (decision 0116),
    # nothing of the node changes, not even its last error.
    assert (node.received_seq, node.reported_head, node.last_contact_at, node.last_error) == held
    assert not AuditEvent.objects.filter(
        action=AuditAction.SYNC_REFUSED, object_id=str(node.pk)
    ).exists()


def test_a_revoked_post_cannot_compare_chains_or_take_its_history_back(client, enrolled):
    """The chain and history endpoints admit a request as the push does: the post's
    report is taken, then a revoked node is refused (403) and given nothing."""
    node, key = enrolled
    services.revoke_node(None, node)
    for path in ("/sync/node/state", "/sync/node/history"):
        body = json.dumps({"audit_seq": 0, "audit_hash": "", "after": 0}).encode()
        report = json.dumps({"head": 7, "error": ""})
        headers = signing.sign_request(
            str(node.pk), key, "POST", path, body, counter=int(time.time() * 1000), report=report
        )
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
        answer = client.post(path, data=body, content_type="application/json", **extra)
        assert answer.status_code == 403, (path, answer.content)
        assert "revoked" in json.loads(answer.content)["error"]
    node.refresh_from_db()
    assert node.reported_head == 7


def test_requests_in_flight_together_may_arrive_in_either_order(client, enrolled):
    node, key = enrolled
    events = audit_events(1, 4)
    now_ms = int(time.time() * 1000)
    one = batch(str(node.pk), 1, audit_rows(events[:2]))
    two = batch(str(node.pk), 3, audit_rows(events[2:]))
    headers_one = signed_headers(node, key, one, now_ms)
    headers_two = signed_headers(node, key, two, now_ms + 1)
    assert send(client, two, headers_two).status_code == 409  # overtook: resend
    assert send(client, one, headers_one).status_code == 200  # lower counter, not a replay
    node.refresh_from_db()
    assert node.received_seq == 2


def test_a_duplicate_batch_with_other_audit_events_is_not_acknowledged(client, enrolled):
    """A post restored from a backup sends other events at places HQ holds: HQ refuses
    (before, it answered "duplicate" and the post skipped its unsent records)."""
    node, key = enrolled
    now_ms = int(time.time() * 1000)
    body = batch(str(node.pk), 1, audit_rows(audit_events(1, 4)))
    assert send(client, body, signed_headers(node, key, body, now_ms)).status_code == 200
    forked = audit_events(1, 3) + audit_events(4, 1, prev_hash="f" * 64)
    other = batch(str(node.pk), 1, audit_rows(forked))
    response = send(client, other, signed_headers(node, key, other, now_ms + 1))
    assert response.status_code == 409
    answer = json.loads(response.content)
    assert answer["diverged"] is True and "restored from a backup" in answer["error"]
    node.refresh_from_db()
    assert node.received_seq == 4 and node.restored_at is not None
    assert "restored from a backup" in node.last_error
    assert AuditEvent.objects.filter(action=AuditAction.SYNC_RESTORE_DETECTED).count() == 1
    assert NodeAuditEvent.objects.filter(node=node).count() == 4


# --- point 11: batches out of order -----------------------------------------------------


def test_a_batch_out_of_order_is_refused_quietly(client, enrolled):
    node, key = enrolled
    events = audit_events(1, 6)
    now_ms = int(time.time() * 1000)
    body = batch(str(node.pk), 4, audit_rows(events[3:]))
    before = refusals()
    response = send(client, body, signed_headers(node, key, body, now_ms))
    assert response.status_code == 409
    assert json.loads(response.content)["acked"] == 0
    node.refresh_from_db()
    assert node.last_error == ""
    assert refusals() == before


def test_a_batch_that_overtook_its_predecessor_waits_for_it(enrolled, monkeypatch):
    """Two batches in flight: the second reaches HQ first and waits, the first lands
    meanwhile, and the second is stored, not refused and sent again."""
    node, _key = enrolled
    events = audit_events(1, 6)
    first = inbox.decode(batch(str(node.pk), 1, audit_rows(events[:3])), str(node.pk))
    second = inbox.decode(batch(str(node.pk), 4, audit_rows(events[3:])), str(node.pk))
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        if not waits:
            inbox.receive(str(node.pk), first, "d1", None)  # the other request lands
        waits.append(seconds)

    monkeypatch.setattr(inbox.time, "sleep", sleep)
    ack = inbox.receive(str(node.pk), second, "d2", None)
    assert ack["acked"] == 6 and ack["stored"] == 3
    assert waits
    assert services.verify_node_chain(node).ok


def test_a_batch_far_ahead_is_answered_at_once(enrolled, monkeypatch):
    node, _key = enrolled
    far = inbox.decode(
        batch(str(node.pk), inbox.MAX_EVENTS + 10, audit_rows(audit_events(1, 2))),
        str(node.pk),
    )
    monkeypatch.setattr(inbox.time, "sleep", lambda s: pytest.fail("waited"))
    with pytest.raises(inbox.OutOfOrder):
        inbox.receive(str(node.pk), far, "d", None)


# --- point 1 at HQ: comparing the chains ------------------------------------------------


def test_sync_verify_at_hq_compares_its_copy_with_the_head_the_post_reported(client, enrolled):
    node, key = enrolled
    events = audit_events(1, 5)
    body = batch(str(node.pk), 1, audit_rows(events))
    assert send(client, body, signed_headers(node, key, body, 1)).status_code == 200
    services.compare_post_chain(node, 5, events[4]["hash"])
    out = StringIO()
    call_command("sync", "verify", stdout=out)
    assert "agrees with the head #5" in out.getvalue()
    # The post reports an event #5 that is not the one HQ holds: the chains disagree
    # although each verifies on its own.
    answer = services.compare_post_chain(node, 5, "e" * 64)
    assert answer["agrees"] is False
    out = StringIO()
    with pytest.raises(CommandError, match="disagreeing"):
        call_command("sync", "verify", stdout=out)
    assert "DISAGREES" in out.getvalue()
    node.refresh_from_db()
    assert node.restored_at is not None


def test_a_post_behind_hqs_copy_is_shown_as_restored(enrolled, client):
    node, key = enrolled
    events = audit_events(1, 5)
    body = batch(str(node.pk), 1, audit_rows(events))
    assert send(client, body, signed_headers(node, key, body, 1)).status_code == 200
    answer = services.compare_post_chain(node, 3, events[2]["hash"])
    assert answer == {
        "received": 5,
        "audit_seq": 5,
        "audit_hash": events[4]["hash"],
        "agrees": False,
    }
    node.refresh_from_db()
    assert "ends at #3" in node.last_error
    # Once the post reports a chain that extends HQ's copy, the warning goes.
    services.compare_post_chain(node, 7, "a" * 64)
    node.refresh_from_db()
    assert node.restored_at is None and node.last_error == ""


# --- point 9: pruning the outbox --------------------------------------------------------


@override_settings(PASSAGE_ROLE="node")
def test_prune_removes_only_what_hq_acknowledged_and_verified_long_enough_ago(personas):
    services.join_hq(None, "https://hq.example", "01890a5d-ac96-774b-bcce-b302099a8057", "k" * 43)
    for n in range(4):
        entry(personas, number=f"P{n:07d}")
    head = OutboxEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
    old, recent = head // 3, 2 * head // 3
    long_ago = timezone.now() - dt.timedelta(days=40)
    OutboxAck.objects.create(seq=old, at=long_ago)
    OutboxAck.objects.create(seq=recent, at=timezone.now())
    PostLink.objects.filter(pk=1).update(acked_seq=recent, verified_seq=recent)

    assert services.prune_outbox(None, keep_days=30) == old
    assert OutboxEvent.objects.order_by("seq").values_list("seq", flat=True).first() == old + 1
    assert AuditEvent.objects.filter(action=AuditAction.SYNC_PRUNED).count() == 1
    # Acknowledged but not verified: kept, whatever its age.
    PostLink.objects.filter(pk=1).update(verified_seq=0)
    assert services.prune_outbox(None, keep_days=0) == 0
    # Everything acknowledged and verified, kept for no days: all but the last row,
    # which carries the sequence on.
    last = OutboxEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
    OutboxAck.objects.create(seq=last, at=long_ago)
    PostLink.objects.filter(pk=1).update(acked_seq=last, verified_seq=last)
    out = StringIO()
    call_command("sync", "prune", "--keep-days", "0", stdout=out)
    assert "pruned" in out.getvalue()
    remaining = list(OutboxEvent.objects.values_list("seq", flat=True))
    assert remaining[-1] >= last and min(remaining) == last
    entry(personas, number="P9999999")
    assert OutboxEvent.objects.filter(seq__gt=remaining[-1]).exists()
    assert OutboxEvent.objects.order_by("seq").values_list("seq", flat=True).first() == last


# --- saying so plainly: the pages -------------------------------------------------------


def test_the_posts_page_says_a_post_was_restored_from_a_backup(client, personas):
    node = services.enrol_node(personas.administrator, "post-air", personas.post.code).node
    services.mark_restored(node, "its audit chain ends at #3, HQ holds it up to #9")
    client.force_login(personas.administrator)
    page = client.get("/sync/").content.decode()
    assert "restored from a backup: taking back its history" in page
    assert "ends at #3, HQ holds it up to #9" in page


@override_settings(PASSAGE_ROLE="node")
def test_the_posts_own_page_says_what_the_recovery_did(client, personas):
    services.join_hq(None, "https://hq.example", "01890a5d-ac96-774b-bcce-b302099a8057", "k" * 43)
    PostLink.objects.filter(pk=1).update(
        recovery="this post was restored from a backup: took back #5-#9 from HQ",
        recovered_at=timezone.now(),
    )
    client.force_login(personas.administrator)
    page = client.get("/sync/").content.decode()
    assert "Recovery after a restore" in page
    assert "took back #5-#9 from HQ" in page


# --- a restored post that cannot take its history back stops and says so -------------


@pytest.fixture
def linked(personas):
    credentials = services.enrol_node(personas.administrator, "post-1")
    with override_settings(PASSAGE_ROLE="node"):
        link = services.join_hq(None, "http://hq.test", str(credentials.node.pk), credentials.key)
        for n in range(5):
            entry(personas, number=f"N{n:07d}")
        yield link, credentials.node


def test_a_restored_post_that_cannot_take_its_history_back_stops_sending(linked):
    """HQ holds more of the post's history than the post, from a batch stored before HQ
    kept batches: the post sends nothing and says why, rather than skip records."""
    from unittest import mock

    from passage.sync import outbox
    from passage.sync.client import ClientError, SyncClient

    from .test_client import HQ

    link, node = linked
    hq = HQ()
    with override_settings(PASSAGE_ROLE="node"):
        SyncClient(link, hq, batch_size=5).run_once()
        node.refresh_from_db()
        # HQ holds three more rows and one more event than the post has (the post was
        # restored from a backup taken before it sent them).
        received = node.received_seq
        extra = audit_events(node.audit_head_seq + 1, 1, prev_hash=node.audit_head_hash)[0]
        NodeAuditEvent.objects.create(
            node=node,
            seq=extra["seq"],
            at=extra["at"],
            **{k: extra[k] for k in ("action", "message", "data", "prev_hash", "hash")},
        )
        Node.objects.filter(pk=node.pk).update(
            received_seq=received + 3,
            audit_head_seq=extra["seq"],
            audit_head_hash=extra["hash"],
        )
        InboxReceipt.objects.create(
            node=node, first_seq=received + 1, last_seq=received + 3, rows=3, digest="x"
        )
        head = outbox.head()
        with (
            mock.patch("passage.sync.services.audit.record"),
            pytest.raises(ClientError, match="cannot take its history back"),
        ):
            SyncClient(link, hq, batch_size=5).run_once()
        link.refresh_from_db()
        assert "restored from a backup" in link.last_error
        assert link.acked_seq == received  # nothing skipped
        assert outbox.head() >= head
        node.refresh_from_db()
        assert node.restored_at is not None
        assert node.received_seq == received + 3
