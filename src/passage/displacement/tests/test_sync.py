"""Counts and surveys recorded at a post reach HQ through the outbox, like crossings:
one entered on a page by its own event, an imported file's with the file's event."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings

from passage.displacement import services
from passage.displacement.imports import import_file
from passage.displacement.models import FlowCount, FlowDay, FlowSurvey, ImportBatch
from passage.sync import services as sync_services
from passage.sync.client import SyncClient
from passage.sync.models import OutboxEvent
from passage.sync.tests.test_client import HQ

from .conftest import count_row, survey_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(personas):
    credentials = sync_services.enrol_node(personas.administrator, "post-1")
    with override_settings(PASSAGE_ROLE="node"):
        yield sync_services.join_hq(
            None, "http://hq.test", str(credentials.node.pk), credentials.key
        )


def test_counts_and_surveys_from_a_post_reach_hq_and_its_summary(field, link):
    with override_settings(PASSAGE_ROLE="node"):
        typed = services.record(field.enumerator, "flow_count", count_row(), "page-1")
        rows = [
            {"_uuid": "file-1", **count_row(point="FMP-MARSH", origin="UT0402")},
            {"_uuid": "file-2", **count_row(day="2026-11-03")},
        ]
        batch = import_file(field.enumerator, json.dumps(rows).encode(), "counts.json").batch
        survey = services.record(field.enumerator, "flow_survey", survey_row(), "q-1")
        queued = list(OutboxEvent.objects.filter(kind="object").values_list("model", "object_id"))
        assert ("displacement.importbatch", str(batch.pk)) in queued
        assert sum(1 for m, _i in queued if m == "displacement.flowcount") == 3
        assert ("displacement.flowsurvey", str(survey.pk)) in queued
        # One database plays both ends: HQ "lacks" what the post sends until it applies it.
        ids = set(FlowCount.objects.values_list("pk", flat=True))
        FlowDay.objects.all().delete()
        FlowCount.objects.all().delete()
        FlowSurvey.objects.all().delete()
        ImportBatch.objects.all().delete()
        summary = SyncClient(link, HQ()).run_once()
        assert summary.backlog == 0
    assert set(FlowCount.objects.values_list("pk", flat=True)) == ids
    assert FlowCount.objects.get(pk=typed.pk).recorded_by == field.enumerator
    assert FlowCount.objects.filter(batch_id=batch.pk).count() == 2
    assert FlowSurvey.objects.get(pk=survey.pk).reasons == ["conflict", "family"]
    # HQ's dashboards see them: the summary was kept in step while the batch applied.
    assert sum(FlowDay.objects.values_list("total", flat=True)) == 42
    assert FlowDay.objects.count() == 3
    with override_settings(PASSAGE_ROLE="node"):
        # A replayed push adds nothing (HQ acknowledged it; the summary is not doubled).
        assert SyncClient(link, HQ()).run_once().backlog == 0
    assert sum(FlowDay.objects.values_list("total", flat=True)) == 42
