"""HQ's *Posts* page as an administrator reads it (issue 24, points 2, 4, 5, 7): what a
post reports and how old that is, a clock a day ahead with its flagged records, a
revoked post that still holds rows, one that never reported, and the count of requests
refused without a signature — in English and in Arabic, at 1366 by 768."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from passage.sync import services
from passage.sync.models import ClockFlag, Node

from .conftest import sign_in, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Screenshots only when asked (PASSAGE_SCREENSHOTS=DIR, as the other browser tests): a
# test run must not rewrite the committed files in docs/screenshots.
SHOTS = os.environ.get("PASSAGE_SCREENSHOTS")


def _shot(page, name: str, **kw) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / name), **kw)


def _posts(personas) -> None:
    now = timezone.now()
    air = services.enrol_node(personas.administrator, "uto-air-1", personas.post.code).node
    Node.objects.filter(pk=air.pk).update(
        received_seq=48_210,
        reported_head=48_260,
        reported_at=now - dt.timedelta(minutes=3),
        last_contact_at=now - dt.timedelta(minutes=3),
        last_received_at=now - dt.timedelta(minutes=3),
        post_error="pull: alert_lists: version 3 of Wanted held here is not HQ's",
        clock_offset=86_400.0,
        clock_checked_at=now,
    )
    for seq in range(22):
        ClockFlag.objects.create(
            node=air,
            seq=seq + 1,
            object_type="crossings.crossing",
            object_id=str(seq),
            recorded_at=now + dt.timedelta(days=1),
            received_at=now,
            offset=86_400.0,
            reason=ClockFlag.Reason.FUTURE,
        )
    east = services.enrol_node(personas.administrator, "uto-east-1").node
    Node.objects.filter(pk=east.pk).update(
        received_seq=9_000, reported_head=9_191, reported_at=now - dt.timedelta(hours=2)
    )
    services.revoke_node(personas.administrator, Node.objects.get(pk=east.pk), "stolen")
    services.enrol_node(personas.administrator, "uto-sea-1")
    anyone = Client()
    for _ in range(3):
        anyone.post(
            "/sync/node/push",
            data=b"{}",
            content_type="application/json",
            HTTP_X_PASSAGE_NODE=str(air.pk),
        )


def test_the_posts_page_says_what_hq_knows_and_warns_of_a_clock(live_server, personas, page):
    _posts(personas)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server.url, "administrator")
    page.goto(f"{live_server.url}/sync/")
    air = page.locator("#node-uto-air-1")
    assert "Clock 1\xa0day ahead of headquarters" in air.inner_text()
    assert "22 records made while its clock was off" in air.inner_text()
    assert "The post reports: pull: alert_lists" in air.inner_text()
    assert "as the post said 3\xa0minutes ago" in air.locator(".backlog").inner_text()
    east = page.locator("#node-uto-east-1")
    assert east.locator(".backlog").inner_text().startswith("191")
    assert "revoked" in east.inner_text()
    assert "unknown" in page.locator("#node-uto-sea-1 .backlog").inner_text()
    assert "without a valid post signature" in page.locator("#sync-unauthenticated").inner_text()
    # Nothing spills sideways at 1366 px: the table scrolls inside its figure if at all.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    _shot(page, "posts-clock-en.png", full_page=True)

    page.select_option("#language", "ar")  # site.js submits the language form
    wait_until(page, "document.documentElement.dir === 'rtl'")
    page.goto(f"{live_server.url}/sync/")
    text = page.locator("#node-uto-air-1").inner_text()
    assert "الساعة" in text and "على المقر" in text and "يفيد المركز" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    _shot(page, "posts-clock-ar.png", full_page=True)


def test_the_counter_warns_the_officer_of_a_clock_a_day_ahead(
    live_server, personas, page, settings
):
    from passage.sync.models import PostLink

    settings.PASSAGE_ROLE = "node"
    PostLink.objects.create(
        hq_url="https://hq.example",
        node_id="n",
        key="k" * 43,
        clock_offset=86_400.0,
        clock_checked_at=timezone.now() - dt.timedelta(minutes=2),
    )
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/posts/{personas.post.code}/counter/")
    banner = page.locator("#banner-clock")
    assert banner.is_visible()
    assert "This post's clock is 1\xa0day ahead of headquarters." in banner.inner_text()
    # Above the fold, where the officer looks first.
    assert banner.bounding_box()["y"] < 300
    _shot(page, "counter-clock-en.png")
    page.select_option("#language", "ar")
    wait_until(page, "document.documentElement.dir === 'rtl'")
    assert "ساعة هذا المركز" in page.locator("#banner-clock").inner_text()
    _shot(page, "counter-clock-ar.png")
