"""Kept document images (PASSAGE_KEEP_DOCUMENT_IMAGES, issue 18) under the retention
schedule: gone after their own period while the crossing stays, and with the crossing
when it goes first; their audit payloads go with them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import override_settings
from PIL import Image

from passage.accounts.models import AuditEvent
from passage.crossings import services as crossings
from passage.crossings.choices import Direction
from passage.crossings.models import Crossing, DocumentImage
from passage.reference.services import load_refusal_grounds
from passage.retention import services
from passage.retention.schedule import Kind, periods, rules
from passage.retention.tests.test_purge import _identity

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    """Today, read when a test runs: a date read at import is a day behind the app's when
    the suite runs across midnight."""
    return dt.date.today()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("L", (320, 200), 200).save(out, format="PNG")
    return out.getvalue()


def _cross(personas, number, surname, direction=Direction.ENTRY):
    return crossings.record_crossing(
        personas.officer,
        personas.post,
        crossings.CrossingInput(
            direction=direction, identity=_identity(number, surname), document_image=_png()
        ),
    ).crossing


@override_settings(PASSAGE_KEEP_DOCUMENT_IMAGES=True, PASSAGE_STATS_SETTLE_SECONDS=0)
def test_an_image_goes_after_its_period_and_the_crossing_stays(personas):
    load_refusal_grounds(None)
    entry = _cross(personas, "C0000003", "CHARLIE")  # inside: kept five years
    image = DocumentImage.objects.get(crossing=entry)
    days = periods()["document_images_days"]
    rule = next(r for r in rules() if r.kind == Kind.DOCUMENT_IMAGES)
    assert rule.days == days and str(days) in str(rule.period)
    assert services.next_purge_dates(_today())[Kind.DOCUMENT_IMAGES] is not None
    # The day before the period ends nothing goes.
    services.purge(None, _today() + dt.timedelta(days=days - 1))
    assert DocumentImage.objects.filter(pk=image.pk).exists()
    dry = services.purge(None, _today() + dt.timedelta(days=days + 1), dry_run=True)
    assert dry.counts[Kind.DOCUMENT_IMAGES] == 1
    result = services.purge(None, _today() + dt.timedelta(days=days + 1))
    assert result.counts[Kind.DOCUMENT_IMAGES] == 1
    assert not DocumentImage.objects.exists() and Crossing.objects.filter(pk=entry.pk).exists()
    event = AuditEvent.objects.get(object_id=str(image.pk), action="create")
    assert event.purged_on is not None  # the payload went with the image; the chain stays


@override_settings(
    PASSAGE_KEEP_DOCUMENT_IMAGES=True,
    PASSAGE_STATS_SETTLE_SECONDS=0,
    PASSAGE_RETENTION={"document_images_days": 5000},
)
def test_an_image_goes_with_its_crossing(personas):
    load_refusal_grounds(None)
    _cross(personas, "A0000001", "ALPHA")
    _cross(personas, "A0000001", "ALPHA", Direction.EXIT)
    assert DocumentImage.objects.count() == 2
    result = services.purge(None, _today() + dt.timedelta(days=3 * 365 + 10))
    assert not Crossing.objects.exists() and not DocumentImage.objects.exists()
    assert result.counts[Kind.DOCUMENT_IMAGES] == 2


def test_off_nothing_is_stored_and_the_schedule_says_so(personas):
    load_refusal_grounds(None)
    _cross(personas, "A0000001", "ALPHA")
    assert Crossing.objects.count() == 1 and not DocumentImage.objects.exists()
    rule = next(r for r in rules() if r.kind == Kind.DOCUMENT_IMAGES)
    assert rule.days is None and "not stored" in str(rule.period)


@override_settings(PASSAGE_KEEP_DOCUMENT_IMAGES=True)
def test_a_post_applies_the_images_period_when_it_applies_deletions(personas):
    """Images are not synchronised: the post purges its own, each time it applies HQ's
    deletions (even an empty page of them)."""
    from unittest import mock

    load_refusal_grounds(None)
    entry = _cross(personas, "C0000003", "CHARLIE")
    later = _today() + dt.timedelta(days=periods()["document_images_days"] + 1)
    with mock.patch("passage.retention.services.timezone.localdate", return_value=later):
        assert services.apply_deletions(None, []) == 1
    assert not DocumentImage.objects.exists() and Crossing.objects.filter(pk=entry.pk).exists()
    assert AuditEvent.objects.filter(
        action="retention_purged", object_type="crossings.documentimage"
    ).exists()


@override_settings(PASSAGE_KEEP_DOCUMENT_IMAGES=True)
def test_purge_images_command(personas):
    from io import StringIO

    from django.core.management import call_command

    load_refusal_grounds(None)
    _cross(personas, "C0000003", "CHARLIE")
    out = StringIO()
    call_command("retention", "purge-images", "--as-of", _today().isoformat(), stdout=out)
    assert "deleted: 0" in out.getvalue() and DocumentImage.objects.count() == 1
    later = _today() + dt.timedelta(days=periods()["document_images_days"] + 1)
    call_command("retention", "purge-images", "--as-of", later.isoformat(), stdout=out)
    assert "deleted: 1" in out.getvalue() and not DocumentImage.objects.exists()
