"""The apps merged after sync: protection records reach HQ, alert lists reach posts."""

from __future__ import annotations

import dataclasses
from unittest import mock

import pytest
from django.test import override_settings
from django.utils import timezone

from passage.alerts.models import AlertEntry, AlertList, AlertListVersion, ScreeningResult
from passage.crossings import services as crossings
from passage.protection import services as protection_services
from passage.protection.models import Assessment, CaseNote, Referral
from passage.protection.services import ReferralInput
from passage.sync import datasets, registry, services
from passage.sync.client import SyncClient
from passage.sync.models import DatasetCopy, OutboxEvent
from passage.travellers.services import Identity

from .test_client import HQ

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("alert_files")]


@pytest.fixture
def link(personas):
    credentials = services.enrol_node(personas.administrator, "post-1")
    with override_settings(PASSAGE_ROLE="node"):
        yield (
            services.join_hq(None, "http://hq.test", str(credentials.node.pk), credentials.key),
            credentials.node,
        )


def test_a_protection_referral_reaches_hq_through_the_outbox(link, protection):
    post_link, _node = link
    with override_settings(PASSAGE_ROLE="node"):
        recorded = crossings.record_crossing(
            protection.officer,
            protection.post,
            crossings.CrossingInput(
                direction="entry",
                identity=Identity(primary_name="DOE", number="X1", issuing_state="UTO"),
                decision="secondary",
                protection_indicators=["PR-FR"],
            ),
        )
        assessment = Assessment.objects.get(crossing=recorded.crossing)
        referral = protection_services.create_referral(
            protection.protection,
            assessment,
            ReferralInput(service="asylum", provider=protection.legal_provider.pk, consent="given"),
        )
        protection_services.add_note(protection.protection, referral, "Seen by the clinic")
        queued = set(OutboxEvent.objects.filter(kind="object").values_list("model", flat=True))
        assert {
            "protection.assessment",
            "protection.referral",
            "protection.casenote",
            "protection.serviceprovider",
            "alerts.screeningresult",
        } <= queued
        # One database plays both ends: HQ "lacks" the rows the post sends until it applies them.
        ids = (referral.pk, assessment.pk, assessment.indicators.count())
        CaseNote.objects.all().delete()
        referral.events.all().delete()
        Referral.objects.all().delete()
        Assessment.objects.all().delete()
        summary = SyncClient(post_link, HQ()).run_once()
        assert summary.backlog == 0
    at_hq = Referral.objects.get(pk=ids[0])
    assert at_hq.assessment_id == ids[1] and at_hq.status == referral.status
    assert at_hq.provider_id == protection.legal_provider.pk
    assert Assessment.objects.get(pk=ids[1]).indicators.count() == ids[2]
    assert CaseNote.objects.get(referral=at_hq).text == "Seen by the clinic"
    assert ScreeningResult.objects.filter(crossing=recorded.crossing).exists()


def test_alert_lists_reach_a_post_with_their_keys_and_age(client, wanted, link, personas):
    post_link, _node = link
    version = wanted.active_version
    published = version.created_at - timezone.timedelta(days=3)
    AlertListVersion.objects.filter(pk=version.pk).update(created_at=published)
    export = datasets.export_alert_lists(None)
    assert export.mode == "full" and export.rows == AlertEntry.objects.count() == 2
    assert datasets.export_alert_lists(export.version).mode == "current"
    entries = set(AlertEntry.objects.values_list("pk", flat=True))
    # The post holds nothing yet (same database for both ends).
    AlertList.objects.update(active_version=None)
    AlertEntry.objects.all().delete()
    AlertListVersion.objects.all().delete()
    AlertList.objects.all().delete()
    # HQ still has them: its export is the one taken before the post's rows were removed.
    hq_lists = dataclasses.replace(datasets.ALERT_LISTS, export=lambda held: export)
    with (
        override_settings(PASSAGE_ROLE="node"),
        mock.patch.dict(registry._datasets, {"alert_lists": hq_lists}),
    ):
        summary = SyncClient(post_link, HQ()).run_once()
    assert "alert_lists" in summary.pulled
    held = AlertList.objects.get(pk=wanted.pk)
    assert held.active_version_id == version.pk
    assert held.active_version.created_at == published
    assert set(AlertEntry.objects.values_list("pk", flat=True)) == entries
    assert DatasetCopy.objects.get(name="alert_lists").rows == 2
    client.force_login(personas.officer)
    page = client.get("/posts/TST-AIR/counter/").content.decode()
    assert "National wanted persons v1" in page and "3\xa0days old" in page


def test_a_post_cannot_change_alert_lists_and_its_demo_loads_none(personas, wanted):
    from passage.alerts import services as alerts
    from passage.alerts.demo import load_demo_alerts

    entry = AlertEntry.objects.filter(alert_list=wanted).first()
    versions = AlertListVersion.objects.count()
    with override_settings(PASSAGE_ROLE="node"):
        with pytest.raises(alerts.ProblemError) as refused:
            alerts.import_entries(personas.administrator, wanted, "jsonl", b"{}")
        assert "managed at HQ" in refused.value.problems["alert_list"]
        with pytest.raises(alerts.ProblemError):
            alerts.withdraw_entry(personas.administrator, entry, "not wanted any more")
        with pytest.raises(alerts.ProblemError):
            alerts.create_list(personas.administrator, AlertList(name="Local"))
        assert "none loaded" in load_demo_alerts()[0]
    assert AlertListVersion.objects.count() == versions
    assert not AlertEntry.objects.get(pk=entry.pk).withdrawn
