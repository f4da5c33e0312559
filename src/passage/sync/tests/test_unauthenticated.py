"""Issue 24, point 4: requests nobody is shown to have sent change nothing at HQ.

Anyone can POST to the sync endpoints with a post's id in ``X-Passage-Node``. Such
requests (no signature, a bad one, a replayed nonce, an unknown node) were each written
to HQ's audit log as ``sync_refused`` and replaced the named post's last error on the
posts page. Now they are audited once per address and window (decision 0044's
``record_anonymous``), counted, answered 429 past a limit, and never touch a node; a
request signed by the post and fresh is still recorded one by one.
"""

from __future__ import annotations

import json

import pytest
from django.test import override_settings

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.sync import services, signing
from passage.sync.models import Node

from .helpers import PULL, PUSH, audit_events, audit_rows, batch, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(db):
    credentials = services.enrol_node(None, "post-1")
    Node.objects.filter(pk=credentials.node.pk).update(last_error="")
    return credentials.node, credentials.key


def refused_events() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditAction.SYNC_REFUSED).order_by("seq"))


def bare(client, node_id: str, path: str = PUSH, **headers: str):
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    return client.post(
        path, data=b"{}", content_type="application/json", HTTP_X_PASSAGE_NODE=node_id, **extra
    )


def test_a_flood_of_unsigned_requests_writes_one_audit_event_and_no_node_error(client, enrolled):
    node, _key = enrolled
    for _ in range(25):
        assert bare(client, str(node.pk)).status_code == 401
        assert bare(client, str(node.pk), PULL).status_code == 401
    events = refused_events()
    assert len(events) == 1, [e.message for e in events]  # was 50
    assert events[0].object_id == "" and "unsigned" in events[0].message
    node.refresh_from_db()
    assert node.last_error == ""  # the posts page shows nothing anyone could write
    assert node.last_contact_at is None and node.reported_at is None


def test_a_bare_node_header_does_not_replace_a_posts_last_error(client, enrolled):
    node, key = enrolled
    # A real refusal of the post's own signed request: recorded and shown.
    bad = batch(str(node.pk), 1, audit_rows(audit_events(1, 2)))
    response = post(client, str(node.pk), key, gzip_tail(bad))
    assert response.status_code == 400
    node.refresh_from_db()
    real = node.last_error
    assert "gzip" in real
    for forged in (
        {},  # unsigned
        {
            "X-Passage-Timestamp": "1",
            "X-Passage-Nonce": "n",
            "X-Passage-Digest": "d",
            "X-Passage-Signature": "s",
        },  # badly signed
    ):
        bare(client, str(node.pk), **forged)
    node.refresh_from_db()
    assert node.last_error == real


def gzip_tail(body: bytes) -> bytes:
    return body + b"trailing"


def test_a_replayed_request_is_refused_without_an_event_each(client, enrolled):
    node, key = enrolled
    body = batch(str(node.pk), 1, audit_rows(audit_events(1, 2)))
    headers = signing.sign_request(str(node.pk), key, "POST", PUSH, body)
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    first = client.post(
        PUSH, data=body, content_type="application/json", HTTP_CONTENT_ENCODING="gzip", **extra
    )
    assert first.status_code == 200
    before = AuditEvent.objects.count()
    for _ in range(10):
        again = client.post(
            PUSH, data=body, content_type="application/json", HTTP_CONTENT_ENCODING="gzip", **extra
        )
        assert again.status_code == 401 and b"replayed" in again.content
    assert AuditEvent.objects.count() - before == 1


def test_authenticated_failures_are_still_recorded_one_by_one(client, enrolled):
    node, key = enrolled
    body = batch(str(node.pk), 1, audit_rows(audit_events(1, 2)))
    for _ in range(3):
        assert post(client, str(node.pk), key, body[:-10]).status_code == 400  # truncated
    events = refused_events()
    assert len(events) == 3 and all(e.object_id == str(node.pk) for e in events)
    node.refresh_from_db()
    assert "truncated" in node.last_error


@override_settings(PASSAGE_SYNC_UNAUTHENTICATED_LIMIT=10)
def test_an_address_past_the_limit_is_answered_429_and_counted(client, enrolled):
    node, key = enrolled
    statuses = [bare(client, str(node.pk)).status_code for _ in range(15)]
    assert statuses == [401] * 10 + [429] * 5
    # Every refusal is counted for the posts page, though audited once.
    assert services.unauthenticated_refusals() >= 1
    # The post itself, at another address, is not held up.
    body = batch(str(node.pk), 1, audit_rows(audit_events(1, 2)))
    signed = signing.sign_request(str(node.pk), key, "POST", PUSH, body)
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in signed.items()}
    ok = client.post(
        PUSH,
        data=body,
        content_type="application/json",
        HTTP_CONTENT_ENCODING="gzip",
        REMOTE_ADDR="10.9.9.9",
        **extra,
    )
    assert ok.status_code == 200, ok.content


def test_the_count_reaches_the_posts_page_once_the_next_window_is_recorded(
    client, enrolled, personas, settings
):
    node, _key = enrolled
    settings.PASSAGE_ANONYMOUS_AUDIT_SECONDS = 0  # every refusal its own event, for the test
    for _ in range(4):
        bare(client, str(node.pk))
    assert services.unauthenticated_refusals() == 4
    client.force_login(personas.administrator)
    page = client.get("/sync/").content.decode()
    assert "At least 4 requests without a valid post signature were refused" in page
    assert json.loads(bare(client, str(node.pk)).content)["error"].startswith("unsigned")
