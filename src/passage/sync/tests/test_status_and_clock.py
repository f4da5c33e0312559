"""Issue 24, points 5 and 7: what HQ says of a post, and clocks that disagree.

5. ``sync status`` at HQ showed "backlog 0" for a revoked post holding unsent rows, and
   a request replayed or delayed lowered the outbox size HQ showed. HQ now keeps the
   post's signed report of the newest request (even from a revoked post) and says how
   old it is; until a post has reported, its backlog is "unknown", never 0.
7. A post whose clock ran a day ahead sent crossings dated tomorrow and nobody was told.
   The post measures its clock against HQ's signed time at every sync and warns at the
   counter; HQ warns on the posts page and flags the records made meanwhile.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from io import StringIO
from unittest import mock

import pytest
from django.test import override_settings
from django.utils import timezone

from passage.sync import outbox, services, signing
from passage.sync.client import SyncClient
from passage.sync.management.commands.sync import Command
from passage.sync.models import ClockFlag, Node, PostLink

from .helpers import PULL, PUSH, audit_events, audit_rows, batch
from .test_client import HQ
from .test_outbox import entry

pytestmark = pytest.mark.django_db


def status_json(role: str) -> dict:
    out = StringIO()
    with override_settings(PASSAGE_ROLE=role):
        Command(stdout=out).handle(action="status", json=True)
    return json.loads(out.getvalue())


def signed_post(client, node: Node, key: str, path: str, body: bytes, *, report: dict, at: float):
    text = json.dumps(report)
    headers = signing.sign_request(str(node.pk), key, "POST", path, body, now=at, report=text)
    headers[signing.HEAD] = str(report["head"])  # what posts sent before the report
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    if path == PUSH:
        extra["HTTP_CONTENT_ENCODING"] = "gzip"
    return client.post(path, data=body, content_type="application/json", **extra)


@pytest.fixture
def post_link(personas):
    credentials = services.enrol_node(personas.administrator, "post-1", personas.post.code)
    with override_settings(PASSAGE_ROLE="node"):
        link = services.join_hq(None, "http://hq.test", str(credentials.node.pk), credentials.key)
        yield link, credentials.node


# --- 5: what HQ knows, and how old it is ------------------------------------------------


def test_a_revoked_post_holding_unsent_rows_is_not_shown_with_backlog_0(post_link, personas):
    link, node = post_link
    with override_settings(PASSAGE_ROLE="node"):
        for n in range(3):
            entry(personas, number=f"V{n:07d}")
        services.revoke_node(None, node)
        with pytest.raises(Exception, match="revoked"):
            SyncClient(link, HQ()).run_once()
        head = outbox.head()
    node.refresh_from_db()
    assert node.received_seq == 0 and head > 0
    assert node.backlog == head  # was 0: HQ never read what the revoked post said
    (row,) = status_json("hq")["nodes"]
    assert row["revoked"] and row["backlog"] == head
    assert 0 <= row["reported_seconds_ago"] < 60
    text = StringIO()
    with override_settings(PASSAGE_ROLE="hq"):
        Command(stdout=text).handle(action="status", json=False)
    assert f"post-1: received #0, backlog {head} as reported" in text.getvalue()
    assert ", revoked" in text.getvalue()


def test_a_post_that_never_reported_has_an_unknown_backlog(client, personas):
    services.enrol_node(personas.administrator, "post-quiet")
    (row,) = status_json("hq")["nodes"]
    assert row["backlog"] is None and row["reported_at"] is None
    assert any("backlog unknown" in w for w in status_json("hq")["warnings"])
    client.force_login(personas.administrator)
    assert "the post has not said yet" in client.get("/sync/").content.decode()


def test_an_older_request_arriving_late_does_not_lower_the_reported_outbox(client, db):
    credentials = services.enrol_node(None, "post-1")
    node, key = credentials.node, credentials.key
    now = time.time()
    newer = batch(str(node.pk), 1, audit_rows(audit_events(1, 2)))
    assert (
        signed_post(client, node, key, PULL, b"{}", report={"head": 60}, at=now).status_code == 200
    )
    # A request signed 100 s earlier (held up in a queue, or replayed with a fresh nonce
    # from a capture) arrives after it.
    late = signed_post(client, node, key, PUSH, newer, report={"head": 40}, at=now - 100)
    assert late.status_code == 200, late.content
    node.refresh_from_db()
    assert node.reported_head == 60 and node.received_seq == 2
    assert status_json("hq")["nodes"][0]["backlog"] == 58


def test_the_head_a_post_reports_is_signed(client, db):
    credentials = services.enrol_node(None, "post-1")
    node, key = credentials.node, credentials.key
    response = signed_post(client, node, key, PULL, b"{}", report={"head": 5}, at=time.time())
    assert response.status_code == 200
    node.refresh_from_db()
    assert node.reported_head == 5
    # The same request with the report changed on the way: refused, nothing taken.
    text = json.dumps({"head": 5})
    headers = signing.sign_request(str(node.pk), key, "POST", PULL, b"{}", report=text)
    headers[signing.REPORT] = json.dumps({"head": 0})
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    assert (
        client.post(PULL, data=b"{}", content_type="application/json", **extra).status_code == 401
    )
    node.refresh_from_db()
    assert node.reported_head == 5


# --- 7: clocks ------------------------------------------------------------------------


DAY = 86400.0


def test_a_post_a_day_ahead_is_warned_and_its_crossings_dated_tomorrow_are_flagged(
    post_link, personas, client
):
    link, node = post_link
    tomorrow = timezone.now() + dt.timedelta(days=1)
    real_time = time.time
    with override_settings(PASSAGE_ROLE="node"):
        # The post's clock runs a day ahead while it records two crossings.
        with mock.patch("django.utils.timezone.now", lambda: tomorrow):
            crossings = [entry(personas, number=f"T{n:07d}") for n in range(2)]
        with mock.patch("passage.sync.client._now", lambda: real_time() + DAY):
            # HQ refuses the first request (outside its ±5 min), signed with its time: the
            # post measures the offset and signs again in HQ's time. Sync goes on.
            SyncClient(link, HQ(), batch_size=10).run_once()
        link.refresh_from_db()
    assert link.clock_off and abs(link.clock_offset - DAY) < 30
    node.refresh_from_db()
    assert node.received_seq == outbox.head()
    assert node.clock_off and abs(node.clock_offset - DAY) < 30
    flagged = set(ClockFlag.objects.filter(node=node).values_list("object_type", "object_id"))
    for crossing in crossings:
        assert ("crossings.crossing", str(crossing.pk)) in flagged
    assert ClockFlag.objects.filter(reason=ClockFlag.Reason.FUTURE).exists()
    # HQ's posts page and `sync status` warn.
    client.force_login(personas.administrator)
    with override_settings(PASSAGE_ROLE="hq"):
        page = client.get("/sync/").content.decode()
    assert "Clock 1\xa0day ahead of headquarters" in page
    assert "records made while its clock was off" in page
    hq = status_json("hq")
    assert any("clock" in w and "ahead of HQ" in w for w in hq["warnings"])
    assert hq["nodes"][0]["clock_flagged_records"] >= 2
    # The counter warns every officer at the post.
    with override_settings(PASSAGE_ROLE="node"):
        client.force_login(personas.officer)
        counter = client.get(f"/posts/{personas.post.code}/counter/").content.decode()
        assert 'id="banner-clock"' in counter and "1\xa0day ahead of headquarters" in counter
        assert any("clock" in w for w in status_json("node")["warnings"])


def test_a_clock_within_the_margin_warns_nobody(post_link, personas, client):
    link, node = post_link
    with override_settings(PASSAGE_ROLE="node"):
        entry(personas, number="OK0000001")
        SyncClient(link, HQ()).run_once()
        link.refresh_from_db()
        assert link.clock_offset is not None and not link.clock_off
        client.force_login(personas.officer)
        assert (
            'id="banner-clock"'
            not in client.get(f"/posts/{personas.post.code}/counter/").content.decode()
        )
    node.refresh_from_db()
    assert node.clock_offset is not None and not node.clock_off and node.clock_ok_at
    assert not ClockFlag.objects.exists()


@override_settings(PASSAGE_SYNC_CLOCK_MARGIN=60)
def test_records_made_after_the_clock_went_wrong_are_flagged_though_not_in_the_future(
    post_link, personas
):
    """A post 3 minutes ahead (inside HQ's ±5 min window, beyond a 60 s margin): its
    records are not in the future by the time they arrive, but were made after HQ last
    saw the clock right."""
    link, node = post_link
    real_time = time.time
    with override_settings(PASSAGE_ROLE="node"):
        entry(personas, number="GOOD00001")
        SyncClient(link, HQ()).run_once()  # clock right: nothing flagged
        assert not ClockFlag.objects.exists()
        ahead = timezone.now() + dt.timedelta(seconds=180)
        with mock.patch("django.utils.timezone.now", lambda: ahead):
            late = entry(personas, number="LATE00001")
        with mock.patch("passage.sync.client._now", lambda: real_time() + 180):
            client = SyncClient(link, HQ())
            client.clock_offset = None  # as a post that has not measured since its clock moved
            client.run_once()
    node.refresh_from_db()
    assert node.clock_off
    flags = ClockFlag.objects.filter(node=node, object_id=str(late.pk))
    assert flags.exists()
    assert (
        not ClockFlag.objects.filter(object_type="crossings.crossing")
        .exclude(object_id=str(late.pk))
        .exists()
    )


def test_a_long_error_in_arabic_still_fits_the_signed_report(post_link, personas):
    """Escaped, an Arabic letter takes six characters: a 1,000-letter error would have
    made the report longer than HQ accepts, and every request refused."""
    link, node = post_link
    PostLink.objects.filter(pk=link.pk).update(last_pull_error="قائمة " * 400)
    link.refresh_from_db()
    with override_settings(PASSAGE_ROLE="node"):
        entry(personas, number="AR0000001")
        sync = SyncClient(link, HQ())
        report = sync._report()
        assert len(report) <= signing.MAX_REPORT
        assert json.loads(report)["error"].startswith("pull: قائمة")
        sync.run_once()  # every request accepted
    node.refresh_from_db()
    assert node.received_seq == outbox.head()
    assert node.post_error == ""  # the pull went through: the last request said so
