"""The unauthenticated limit is counted where every HQ worker process sees it: the
database, not Django's default cache (each process's own memory)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.test import override_settings

from passage.sync import throttle, views
from passage.sync.models import RefusalWindow

from .test_unauthenticated import bare, enrolled  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


@override_settings(PASSAGE_SYNC_UNAUTHENTICATED_LIMIT=10)
def test_the_limit_holds_across_two_workers_with_their_own_caches(client, enrolled):  # noqa: F811
    """Requests alternate between two workers, each with its own cache (as gunicorn's
    processes have): the 11th refusal of the address is answered 429 all the same."""
    node, _key = enrolled
    workers = [LocMemCache(f"worker-{n}", {}) for n in range(2)]
    statuses = []
    for i in range(15):
        with mock.patch.object(views, "cache", workers[i % 2], create=True):
            statuses.append(bare(client, str(node.pk)).status_code)
    assert statuses == [401] * 10 + [429] * 5
    # Past the limit nothing more is written: the 429s only read the count.
    assert throttle.refusals("127.0.0.1") == 10


def test_two_counters_over_one_table_add_up_and_old_minutes_are_forgotten():
    with mock.patch.object(throttle.time, "time", return_value=600.0):
        counts = [throttle.count_refusal(address) for address in ["a", "b", "a", "a", "b"]]
        assert counts == [1, 1, 2, 3, 2]
        assert throttle.refusals("a") == 3 and throttle.refusals("c") == 0
    with mock.patch.object(throttle.time, "time", return_value=660.0):  # the next minute
        assert throttle.refusals("a") == 0
        assert throttle.count_refusal("a") == 1
        assert RefusalWindow.objects.count() == 3  # the minute before is kept
    with mock.patch.object(throttle.time, "time", return_value=780.0):  # two minutes on
        assert throttle.count_refusal("b") == 1
        assert list(RefusalWindow.objects.values_list("address", "minute")) == [("b", 13)]
