"""The post's client against HQ's views, in-process (an injected transport, no socket).

Both ends share the test database here, so HQ finds the post's objects already present;
what is checked is the protocol: resuming, acknowledgements, signatures, datasets. The
multi-process tests (test_faults.py) check what HQ stores.
"""

from __future__ import annotations

import shlex
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.test import Client, override_settings

from passage.accounts.models import AuditEvent
from passage.sync import outbox, services
from passage.sync.client import ClientError, Response, SyncClient
from passage.sync.management.commands.sync import Command
from passage.sync.models import DatasetCopy, InboxReceipt, Node, NodeAuditEvent, OutboxEvent

from .test_outbox import entry

pytestmark = pytest.mark.django_db


class HQ:
    """A transport into HQ's views; ``fail_at`` breaks the n-th call before or after HQ."""

    def __init__(self) -> None:
        self.calls = 0
        self.fail_before: set[int] = set()
        self.fail_after: set[int] = set()
        self.tamper = False

    def __call__(self, method: str, url: str, headers: dict[str, str], body: bytes) -> Response:
        self.calls += 1
        if self.calls in self.fail_before:
            raise ClientError("link down")
        extra = {
            f"HTTP_{k.upper().replace('-', '_')}": v
            for k, v in headers.items()
            if k.lower() != "content-type"
        }
        # One database plays both ends here: HQ's own audit events would interleave with
        # the post's chain in the same table, so HQ's are left out (test_inbox has them).
        with (
            override_settings(PASSAGE_ROLE="hq"),
            mock.patch("passage.sync.inbox.audit.record"),
            mock.patch("passage.sync.views.audit.record_now"),
            mock.patch("passage.sync.views.audit.record_anonymous"),
        ):
            reply = Client().post(
                urlsplit(url).path, data=body, content_type="application/json", **extra
            )
        if self.calls in self.fail_after:
            raise ClientError("link down before the answer arrived")
        content = reply.content
        if self.tamper:
            content = content.replace(b'"acked"', b'"acked" ')
        return Response(reply.status_code, dict(reply.items()), content)


@pytest.fixture
def post_link(personas):
    credentials = services.enrol_node(personas.administrator, "post-1")
    with override_settings(PASSAGE_ROLE="node"):
        link = services.join_hq(None, "http://hq.test", str(credentials.node.pk), credentials.key)
        for n in range(5):
            entry(personas, number=f"N{n:07d}")
        yield link, credentials.node


def received(node: Node) -> int:
    node.refresh_from_db()
    return node.received_seq


def test_push_sends_everything_and_pull_brings_the_datasets(post_link):
    link, node = post_link
    hq = HQ()
    with override_settings(PASSAGE_ROLE="node"):
        summary = SyncClient(link, hq, batch_size=7).run_once()
        assert summary.backlog == 0
        assert summary.batches >= 3
        assert received(node) == outbox.head()
        assert set(summary.pulled) == {"reference", "stay_rules", "alert_lists", "chip_trust"}
        assert DatasetCopy.objects.count() == 4
        queued_audit = OutboxEvent.objects.filter(kind="audit").count()
        assert NodeAuditEvent.objects.filter(node=node).count() == queued_audit
        assert services.verify_node_chain(node).ok
        # Nothing new: the next round sends the pull's own events at most, pulls nothing.
        again = SyncClient(link, hq).run_once()
        assert again.pulled == {}
        assert services.post_status().backlog == 0


def test_an_interrupted_push_resumes_where_it_stopped(post_link):
    link, node = post_link
    hq = HQ()
    hq.fail_before = {3}
    with override_settings(PASSAGE_ROLE="node"):
        with pytest.raises(ClientError):
            SyncClient(link, hq, batch_size=5).run_once()
        link.refresh_from_db()
        assert 0 < link.acked_seq < outbox.head()
        assert "link down" in link.last_error
        assert link.acked_seq == received(node)
        SyncClient(link, hq, batch_size=5).run_once()
        assert received(node) == outbox.head()
        # Receipts cover every sequence number once.
        spans = sorted(InboxReceipt.objects.filter(node=node).values_list("first_seq", "last_seq"))
        covered = [seq for first, last in spans for seq in range(first, last + 1)]
        assert covered == list(range(spans[0][0], outbox.head() + 1))


def test_a_lost_acknowledgement_means_the_batch_is_sent_again_and_ignored(post_link):
    link, node = post_link
    hq = HQ()
    hq.fail_after = {2}  # the first push (call 1 compares the chains)
    with override_settings(PASSAGE_ROLE="node"):
        with pytest.raises(ClientError):
            SyncClient(link, hq, batch_size=6).run_once()
        link.refresh_from_db()
        assert link.acked_seq == 0
        assert received(node) > 0  # HQ stored it; the post never heard
        SyncClient(link, hq, batch_size=6).run_once()
    events = NodeAuditEvent.objects.filter(node=node)
    assert events.count() == len(set(events.values_list("seq", flat=True)))
    assert services.verify_node_chain(node).ok


def test_an_answer_not_signed_by_hq_is_not_applied(post_link):
    link, _node = post_link
    hq = HQ()
    hq.tamper = True
    with override_settings(PASSAGE_ROLE="node"):
        with pytest.raises(ClientError, match="not signed"):
            SyncClient(link, hq).run_once()
        link.refresh_from_db()
        assert link.acked_seq == 0


def test_after_hq_is_restored_from_a_backup_the_post_sends_again(post_link):
    link, node = post_link
    hq = HQ()
    with override_settings(PASSAGE_ROLE="node"):
        SyncClient(link, hq, batch_size=5).run_once()
        head = outbox.head()
        # HQ restored to an earlier state: it holds less than it once acknowledged.
        Node.objects.filter(pk=node.pk).update(received_seq=0, audit_head_seq=0, audit_head_hash="")
        NodeAuditEvent.objects.filter(node=node).delete()
        InboxReceipt.objects.filter(node=node).delete()
        link.refresh_from_db()
        for n in range(2):
            entry(post_link_personas(), number=f"R{n:07d}")
        SyncClient(link, hq, batch_size=5).run_once()
        assert received(node) == outbox.head() > head
        assert services.verify_node_chain(node).ok


def post_link_personas():
    from passage.accounts.models import User
    from passage.reference.models import BorderCrossingPoint

    class P:
        officer = User.objects.get(username="officer")
        post = BorderCrossingPoint.objects.get(code="TST-AIR")

    return P


def test_a_post_that_has_not_joined_says_so(db):
    from passage.sync.client import linked_client

    with pytest.raises(ClientError, match="passage sync join"):
        linked_client()


def test_audit_events_recorded_before_the_outbox_existed_are_queued_on_joining(personas):
    assert not OutboxEvent.objects.exists()
    with override_settings(PASSAGE_ROLE="node"):
        services.join_hq(
            None, "https://hq.example", "01890a5d-ac96-774b-bcce-b302099a8057", "k" * 43
        )
    assert OutboxEvent.objects.filter(kind="audit").count() == AuditEvent.objects.count()


def test_the_printed_join_command_takes_a_key_that_begins_with_a_dash(personas):
    """A key is URL-safe base64: one in 64 begins with "-", which argparse read as an
    option when the command printed ``--key KEY``."""
    credentials = services.enrol_node(personas.administrator, "post-dash")
    dashed = services.Credentials(credentials.node, "-" + credentials.key[1:])
    argv = shlex.split(dashed.join_command)[2:]  # after "passage sync"
    options = Command().create_parser("passage", "sync").parse_args(argv)
    assert options.key == dashed.key and options.node == str(credentials.node.pk)


@pytest.mark.parametrize(
    ("size", "batches"),
    [(3, [(1, 3), (4, 6), (7, 9)]), (4, [(1, 6), (7, 9)]), (7, [(1, 9)])],
)
def test_a_batch_ends_with_the_audit_event_closing_its_last_group(size, batches):
    """A batch never splits a group: it runs on to the group's audit event (found by
    its id, not by scanning the rows after) and stops there."""
    import gzip
    import json
    from types import SimpleNamespace

    rows, seq = [], 0
    for group in (10, 11, 12):
        for kind, model, oid in (
            ("object", "travellers.traveller", f"t{group}"),
            ("object", "crossings.crossing", f"c{group}"),
            ("audit", "accounts.auditevent", str(group)),
        ):
            seq += 1
            rows.append(
                OutboxEvent(seq=seq, group=group, kind=kind, model=model, object_id=oid, data="{}")
            )
    OutboxEvent.objects.bulk_create(rows)
    link = SimpleNamespace(node_id="node", clock_offset=None)
    client = SyncClient(link, transport=lambda *a: Response(200, {}, b""), batch_size=size)  # type: ignore[arg-type]
    made, after = [], 0
    while (batch := client._batch(after)) is not None:
        first, last, body = batch
        events = json.loads(gzip.decompress(body))["events"]
        assert [e["seq"] for e in events] == list(range(first, last + 1))
        assert events[-1]["kind"] == "audit"
        made.append((first, last))
        after = last
    assert made == batches
