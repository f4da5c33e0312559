"""Recording counts and surveys at a point: the form's, the reference data's and the
arithmetic's rules, the enumerator's assignment, the audit, the summary."""

from __future__ import annotations

import pytest

from passage.accounts.access import NotFound
from passage.accounts.models import AuditEvent
from passage.core.problems import ProblemError
from passage.displacement import access, services
from passage.displacement.models import FlowCount, FlowDay, FlowSurvey

from .conftest import count_row, survey_row

pytestmark = pytest.mark.django_db


def test_a_count_at_an_assigned_point_is_stored_audited_and_summarised(field):
    count = services.record(field.enumerator, "flow_count", count_row(), "s-1")
    assert count.total == 14 and count.point_id == "FMP-FORD" and count.source == "page"
    event = AuditEvent.objects.filter(object_type="displacement.flowcount").get()
    assert event.object_id == str(count.pk) and event.actor_name == "enumerator"
    day = FlowDay.objects.get()
    assert (day.total, day.counts, day.girls) == (14, 1, 3)
    services.record(field.enumerator, "flow_count", count_row(total=15, men=4), "s-2")
    day.refresh_from_db()
    assert (day.total, day.counts, day.men) == (29, 2, 7)
    # The summary rebuilt from the counts is the one kept in step.
    services.rebuild_summary(None)
    assert FlowDay.objects.get().total == 29


@pytest.mark.parametrize(
    ("changes", "field_name", "says"),
    [
        ({"girls": 10, "boys": 10}, "girls", "more children (20) than people (14)"),
        ({"total": 15}, "total", "add up to 14, not 15"),
        ({"unaccompanied_children": 6}, "unaccompanied_children", "than children (5)"),
        ({"origin": "NOWHERE"}, "origin", "unknown place"),
        ({"point": "FMP-NONE"}, "point", "unknown flow monitoring point"),
        ({"form_version": "1999"}, "form_version", "unknown form version"),
        ({"direction": "sideways"}, "direction", "is not one of"),
        ({"men": "three"}, "men", "not a whole number"),
        ({"day": "2026-02-30"}, "day", "not a date"),
        ({"women": "-1", "total": "9"}, "women", "cannot be negative"),
        ({"transport": "foot\x00"}, "transport", "control character U+0000"),
    ],
)
def test_an_impossible_count_names_its_field_and_stores_nothing(field, changes, field_name, says):
    with pytest.raises(ProblemError) as caught:
        services.record(field.enumerator, "flow_count", count_row(**changes), "bad")
    assert says in caught.value.problems[field_name]
    assert not FlowCount.objects.exists() and not FlowDay.objects.exists()


def test_an_enumerator_records_only_at_the_points_assigned(field):
    with pytest.raises(ProblemError) as caught:
        services.record(field.enumerator2, "flow_count", count_row(), "s-1")
    assert "not assigned to flow monitoring point FMP-FORD" in caught.value.problems["point"]
    with pytest.raises(ProblemError):
        services.record(field.analyst, "flow_count", count_row(), "s-1")  # no permission


def test_records_are_reached_only_at_ones_own_points(field):
    count = services.record(field.enumerator, "flow_count", count_row(), "s-1")
    assert access.access_count(field.enumerator, count.pk) == count
    with pytest.raises(NotFound):
        access.access_count(field.enumerator2, count.pk)
    assert not FlowCount.objects.restrict(field.enumerator2).exists()
    assert FlowCount.objects.restrict(field.analyst).count() == 1  # national scope
    with pytest.raises(NotFound):
        access.access_point(field.enumerator2, "FMP-FORD")
    assert access.access_area(field.enumerator, "UT0402").pcode == "UT0402"
    with pytest.raises(NotFound):
        access.access_area(field.enumerator, "UT0201")


def test_a_survey_remark_with_a_name_is_kept_flagged_and_out_of_the_audit(field):
    survey = services.record(
        field.enumerator,
        "flow_survey",
        survey_row(remarks="Je m'appelle Amal Haddad, passeport 12345678"),
        "q-1",
    )
    assert survey.withheld.startswith("a name")
    event = AuditEvent.objects.get(object_type="displacement.flowsurvey")
    assert "Amal" not in event.message and "Amal" not in event.data
    assert "withheld" in event.message
    clean = services.record(field.enumerator, "flow_survey", survey_row(remarks="tired"), "q-2")
    assert clean.withheld == "" and clean.reasons == ["conflict", "family"]


def test_a_survey_without_consent_keeps_only_the_refusal(field):
    refused = {"form_version": survey_row()["form_version"], "point": "FMP-FORD"}
    refused |= {"day": "2026-11-02", "consent": "no"}
    survey = services.record(field.enumerator, "flow_survey", refused, "q-1")
    assert survey.consent == "no" and survey.sex == "" and survey.reasons == []
    with pytest.raises(ProblemError) as caught:
        services.record(field.enumerator, "flow_survey", survey_row(consent="no"), "q-2")
    assert caught.value.problems == {"sex": "answered although consent was refused"}
    with pytest.raises(ProblemError) as caught:
        services.record(field.enumerator, "flow_survey", survey_row(sex=""), "q-3")
    assert caught.value.problems == {"sex": "required when consent is given"}
    assert FlowSurvey.objects.count() == 1


def test_assessments_reach_the_areas_of_ones_points(field):
    base = {
        "form_version": survey_row()["form_version"],
        "day": "2026-11-02",
        "idps": "300",
        "returnees": "20",
        "migrants": "5",
        "arrival_period": "last_month",
        "main_reason": "conflict",
        "informants": "3",
    }
    services.record(field.enumerator, "baseline", base | {"admin_area": "UT0402"}, "b-1")
    with pytest.raises(ProblemError) as caught:
        services.record(field.enumerator, "baseline", base | {"admin_area": "UT0201"}, "b-2")
    assert "outside your points' areas" in caught.value.problems["admin_area"]
    site = {
        "form_version": base["form_version"],
        "site": "SITE-LAKES",
        "day": "2026-11-02",
        "households": "900",
        "individuals": "100",
        "shelter": "partial",
        "wash": "none",
        "health": "partial",
        "protection_services": "no",
        "managed_by": "",
    }
    with pytest.raises(ProblemError) as caught:
        services.record(field.enumerator, "site", site, "x-1")
    assert caught.value.problems == {"households": "more households than individuals"}
    stored = services.record(field.enumerator, "site", site | {"households": "20"}, "x-1")
    assert stored.protection_services is False


def test_loading_the_reference_data_again_changes_nothing(field):
    from passage.displacement import demo
    from passage.displacement.models import FlowMonitoringPoint, Site

    demo.load_reference(None)  # the fixture loaded it once
    assert FlowMonitoringPoint.objects.count() == len(demo.POINTS)
    assert Site.objects.count() == len(demo.SITES)
    assert FlowMonitoringPoint.objects.get(pk="FMP-FORD").enumerators.count() == 1
