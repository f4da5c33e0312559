"""Imports of Kobo and ODK Central exports: each shape, idempotence, all or nothing,
every rejected row with its reason, and the forms themselves (XLSForm -> XForm)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from passage.accounts.models import AuditEvent
from passage.core.problems import ProblemError
from passage.displacement import choices, fieldforms
from passage.displacement.imports import ImportRejected, import_file
from passage.displacement.models import FlowCount, FlowDay, FlowSurvey, ImportBatch

from .conftest import count_row, survey_row

pytestmark = pytest.mark.django_db


def kobo_json(rows, wrap=False):
    items = [{"_uuid": f"uuid-{i}", "_id": i, "__version__": "vX", **r} for i, r in enumerate(rows)]
    return json.dumps({"count": len(items), "results": items} if wrap else items).encode()


def test_a_kobo_json_export_is_imported_once_and_again_changes_nothing(field):
    data = kobo_json([count_row(), count_row(point="FMP-MARSH", origin="UT0402")], wrap=True)
    result = import_file(field.enumerator, data, "counts.json")
    assert (result.form, result.source, result.created, result.skipped) == (
        "flow_count",
        "kobo_json",
        2,
        0,
    )
    assert FlowCount.objects.filter(batch=result.batch).count() == 2
    assert sum(FlowDay.objects.values_list("total", flat=True)) == 28
    again = import_file(field.enumerator, data, "counts.json")
    assert (again.created, again.skipped) == (0, 2)
    assert FlowCount.objects.count() == 2
    assert sum(FlowDay.objects.values_list("total", flat=True)) == 28
    events = AuditEvent.objects.filter(object_type="displacement.importbatch")
    assert [e.object_id for e in events.order_by("seq")] == [
        str(result.batch.pk),
        str(again.batch.pk),
    ]


def test_a_bad_file_is_refused_whole_with_every_bad_row_and_its_reason(field):
    rows = [
        count_row(),
        count_row(point="FMP-NOWHERE"),
        count_row(form_version="2019010101"),
        count_row(girls=20, boys=1),
        count_row(),  # its id repeats row 0's below
    ]
    items = json.loads(kobo_json(rows))
    items[4]["_uuid"] = items[0]["_uuid"]
    with pytest.raises(ImportRejected) as caught:
        import_file(field.enumerator, json.dumps(items).encode(), "bad.json")
    reported = [str(r) for r in caught.value.result.rejected]
    assert reported == [
        "row 2 (uuid-1): point: unknown flow monitoring point 'FMP-NOWHERE'",
        "row 3 (uuid-2): form_version: unknown form version '2019010101' (Passage reads 2026120301)",
        "row 4 (uuid-3): girls: more children (21) than people (14)",
        "row 5 (uuid-0): submission_id: also in row 1",
    ]
    assert not FlowCount.objects.exists() and not ImportBatch.objects.exists()
    assert not FlowDay.objects.exists()
    refused = AuditEvent.objects.get(object_type="displacement.importbatch")
    assert "refused" in refused.message and "FMP-NOWHERE" not in refused.data


def test_the_same_submission_with_other_answers_is_rejected(field):
    import_file(field.enumerator, kobo_json([count_row()]), "a.json")
    with pytest.raises(ImportRejected) as caught:
        import_file(field.enumerator, kobo_json([count_row(men=4, total=15)]), "b.json")
    assert caught.value.result.rejected[0].message == "already imported with other answers"


def test_an_enumerator_imports_only_at_their_points(field):
    with pytest.raises(ImportRejected) as caught:
        import_file(field.enumerator2, kobo_json([count_row()]), "a.json")
    assert "not assigned" in caught.value.result.rejected[0].message


def test_a_kobo_csv_export_with_groups_and_choice_columns(field):
    buffer = io.StringIO()
    row = survey_row(remarks="his name is Karim")
    header = ["start", *(f"g_person/{k}" if k in {"sex", "age_band"} else k for k in row)]
    header += ["reasons/conflict", "reasons/family", "_id", "_uuid", "_submission_time"]
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerow(["2026-11-02T10:00", *row.values(), "1", "1", "7", "uuid:abc", "x"])
    result = import_file(field.enumerator, buffer.getvalue().encode(), "s.csv")
    assert (result.form, result.source, result.created) == ("flow_survey", "kobo_csv", 1)
    survey = FlowSurvey.objects.get()
    assert survey.submission_id == "abc" and survey.reasons == ["conflict", "family"]
    assert survey.withheld  # a name in the remarks


def test_odk_central_csv_and_odata_json(field):
    row = count_row()
    version = row.pop("form_version")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    head = ["SubmissionDate", *(f"grp-{k}" for k in row), "meta-instanceID", "KEY"]
    writer.writerow([*head, "SubmitterID", "FormVersion"])
    writer.writerow(["2026-11-02", *row.values(), "uuid:odk-1", "uuid:odk-1", "5", version])
    result = import_file(field.enumerator, buffer.getvalue().encode(), "odk.csv")
    assert (result.source, result.created) == ("odk_csv", 1)
    nested = {
        "__id": "uuid:odk-2",
        "__system": {"formVersion": version, "submitterId": "5"},
        "meta": {"instanceID": "uuid:odk-2"},
        "grp": {k: (int(v) if v.isdigit() else v) for k, v in row.items()},
    }
    result = import_file(field.enumerator, json.dumps({"value": [nested]}).encode(), "odata.json")
    assert (result.source, result.created) == ("odk_json", 1)
    assert FlowCount.objects.get(submission_id="odk-2").total == 14


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"\xff\xfe not utf-8", "not UTF-8"),
        (b'[{"_uuid": "a\x00"}]', "NUL"),
        (b"[{]", "not valid JSON"),
        (b'{"a": 1}', "JSON without submissions"),
        (b"x,y\n1,2\n", "not an export"),
        (b"[]", "no submissions"),
        (b'[{"_uuid": "a", "point": "X"}]', "match none of the forms"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    ],
)
def test_a_file_that_is_no_export_is_refused_naming_why(field, data, says):
    with pytest.raises(ProblemError) as caught:
        import_file(field.enumerator, data, "f.csv")
    assert says in caught.value.problems["file"]
    assert not ImportBatch.objects.exists()


def test_a_nested_answer_is_a_rejected_row(field):
    rows = json.loads(kobo_json([count_row()]))
    rows[0]["men"] = [{"repeat": 1}, {"repeat": 2}]
    with pytest.raises(ImportRejected) as caught:
        import_file(field.enumerator, json.dumps(rows).encode(), "n.json")
    assert "nested" in caught.value.result.rejected[0].message


@pytest.mark.parametrize("kind", choices.FormKind.values)
def test_each_xlsform_builds_into_an_xform_with_its_version(kind):
    form = fieldforms.spec(kind)
    xform = form.xform()
    assert f'id="{form.form_id}"' in xform and f'version="{form.version}"' in xform
    assert form.version in fieldforms.KNOWN_VERSIONS[kind]
    for q in form.questions:
        assert re.search(rf"<{q.name}\s*/>", xform), q.name


def test_the_forms_choices_are_the_apps_choices():
    def names(kind, question):
        return next(q.choices for q in fieldforms.spec(kind).questions if q.name == question)

    assert names("flow_count", "direction") == set(choices.Direction.values)
    assert names("flow_count", "transport") == set(choices.TransportMode.values)
    assert names("flow_survey", "consent") == set(choices.Consent.values)
    assert names("flow_survey", "sex") == set(choices.SurveySex.values)
    assert names("flow_survey", "age_band") == set(choices.AgeBand.values)
    assert names("flow_survey", "reasons") == set(choices.Reason.values)
    assert names("flow_survey", "intention") == set(choices.Intention.values)
    assert names("flow_survey", "needs") == set(choices.Need.values)
    assert names("baseline", "arrival_period") == set(choices.ArrivalPeriod.values)
    assert names("baseline", "main_reason") == set(choices.Reason.values)
    assert names("site", "shelter") == set(choices.Adequacy.values)


def test_the_digest_is_the_one_files_were_imported_with_before():
    # Idempotence across versions: a file imported by an earlier Passage is recognised.
    import hashlib

    from passage.displacement.services import digest

    raw = {"point": "FMP-FORD", "remarks": "اسمي أمل", "total": "14", "a": "é"}
    before = json.dumps(raw, sort_keys=True, ensure_ascii=False).encode("utf-8")
    assert digest(raw) == hashlib.sha256(before).hexdigest()


def test_a_re_import_checks_only_the_submissions_not_yet_imported(field, monkeypatch):
    """A whole export imported again: the rows already imported with the same answers
    are skipped without being checked again; a new row is checked; a changed one is
    rejected."""
    from passage.displacement import imports

    rows = [count_row(), count_row(point="FMP-MARSH", origin="UT0402"), count_row(day="2026-11-03")]
    import_file(field.enumerator, kobo_json(rows), "counts.json")
    checked = []
    real = imports.count_values

    def counting(raw, ref):
        checked.append(raw["day"])
        return real(raw, ref)

    monkeypatch.setattr(imports, "count_values", counting)
    again = import_file(
        field.enumerator, kobo_json([*rows, count_row(day="2026-11-04")]), "counts.json"
    )
    assert (again.created, again.skipped) == (1, 3)
    assert checked == ["2026-11-04"]
    changed = kobo_json([count_row(), count_row(point="FMP-MARSH", origin="UT0401")])
    with pytest.raises(ImportRejected) as caught:
        import_file(field.enumerator, changed, "counts.json")
    assert [(r.row, r.message) for r in caught.value.result.rejected] == [
        (2, "already imported with other answers")
    ]
    assert FlowCount.objects.count() == 4
