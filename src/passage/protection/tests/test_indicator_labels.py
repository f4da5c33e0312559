"""The indicators read in the reader's language (they were English on Arabic pages).

The reference file's labels are msgids, as the refusal grounds' are; a country's own
indicator, not in the catalogue, reads as loaded.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from passage.crossings import services as crossings
from passage.protection.forms import HouseholdForm
from passage.protection.models import Assessment, Indicator
from passage.travellers.services import Identity

pytestmark = pytest.mark.django_db

ARABIC = "طفل غير مصحوب"  # Unaccompanied child
LOCAL = "Needs an interpreter for a local language"


@pytest.fixture
def local(protection):
    Indicator.objects.create(code="XL", category="specific_needs", label=LOCAL, order=99)
    return protection


def _flags(html: str) -> str:
    return html.split('id="protection-flags"', 1)[1].split("</details>", 1)[0]


def test_the_counter_checklist_reads_in_arabic(client, local):
    client.force_login(local.officer)
    client.cookies["django_language"] = "ar"
    flags = _flags(client.get("/posts/TST-AIR/counter/").content.decode())
    assert f"<strong>SC-UC</strong> {ARABIC}</label>" in flags
    assert "Unaccompanied child" not in flags and "Risk of refoulement" not in flags
    assert "خطر الإعادة القسرية" in flags  # Risk of refoulement
    assert f"<strong>XL</strong> {LOCAL}</label>" in flags, "not in the catalogue: as loaded"


def test_the_assessment_page_and_the_queue_read_in_arabic(client, local):
    recorded = crossings.record_crossing(
        local.officer,
        local.post,
        crossings.CrossingInput(
            direction="entry",
            identity=Identity(primary_name="DOE", number="X1", issuing_state="UTO"),
            decision="secondary",
            protection_indicators=["SC-UC", "XL"],
        ),
    )
    assessment = Assessment.objects.get(crossing=recorded.crossing)
    client.force_login(local.protection)
    client.cookies["django_language"] = "ar"
    page = client.get(f"/protection/flags/{assessment.pk}/").content.decode()
    assert f"<strong>SC-UC</strong> {ARABIC} <small>" in page
    assert "Unaccompanied child" not in page
    assert f"<strong>XL</strong> {LOCAL} <small>" in page
    queue = client.get("/protection/").content.decode()
    assert f'<abbr title="{ARABIC}">SC-UC</abbr>' in queue
    assert "Unaccompanied child" not in queue


def test_the_household_forms_indicators_read_in_the_readers_language(local):
    with translation.override("ar"):
        choices = dict(HouseholdForm().fields["indicators"].choices)
    assert choices["SC-UC"] == f"SC-UC — {ARABIC}"
    assert choices["XL"] == f"XL — {LOCAL}"
    with translation.override("fr"):
        choices = dict(HouseholdForm().fields["indicators"].choices)
    assert choices["LP-RR"] == "LP-RR — Risque de refoulement"
    with translation.override("en"):
        choices = dict(HouseholdForm().fields["indicators"].choices)
    assert choices["SC-UC"] == "SC-UC — Unaccompanied child"


def test_every_shipped_indicator_is_in_the_catalogues(protection):
    for language in ("ar", "fr", "es"):
        with translation.override(language):
            untranslated = [i.code for i in Indicator.objects.all() if i.shown_label == i.label]
        assert not untranslated, (language, untranslated)


def test_an_empty_label_stays_empty_never_the_catalogue_header():
    with translation.override("ar"):
        assert Indicator(code="XE", category="child", label="").shown_label == ""
