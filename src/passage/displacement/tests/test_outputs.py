"""Dashboard, exports (HXL checked by libhxl) and the import page, through a client."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import hxl
import pytest
from django.test import Client

from passage.accounts.models import AuditEvent
from passage.displacement import demo, queries
from passage.displacement.imports import import_file
from passage.displacement.models import FlowDay

from .conftest import count_row

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def flows(field):
    """Two weeks of counts at the Eastern Lakes points, and one small count (3 people)."""
    rows = demo.kobo_counts(["FMP-FORD", "FMP-MARSH"], dt.date(2026, 11, 2), 14, seed=5)
    small = count_row(point="FMP-BRIDGE", girls=1, boys=0, women=1, men=1, total=3)
    small |= {"elderly_women": "0", "elderly_men": "0", "unaccompanied_children": "0"}
    small |= {"pregnant_women": "0", "_uuid": "small"}
    rows.append(small)
    import_file(field.enumerator, json.dumps(rows).encode(), "counts.json")
    return rows


def test_the_dashboard_shows_every_figure_through_disclosure_control(field, flows, personas):
    analyst = personas.analyst
    client = signed_in(analyst)
    page = client.get("/displacement/?start=2026-11-01&end=2026-11-30")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Eastern Lakes" in html and 'class="displacement-map"' in html
    assert "FMP-FORD" in html and "Lake Shore (UT0401)" in html
    # The 3 people at FMP-BRIDGE are a small count: never shown as such.
    f = queries.Filters(
        __import__("datetime").date(2026, 11, 1), __import__("datetime").date(2026, 11, 30)
    )
    at_points = queries.by_point(analyst, f)
    bridge = next(i for i, (code, _l) in enumerate(at_points.rows) if code == "FMP-BRIDGE")
    assert at_points.published.cells[bridge] == [None]
    assert client.get("/displacement/?start=2026-13-01").status_code == 400
    assert client.get("/displacement/?point=FMP-NONE").status_code == 400


def test_an_enumerator_cannot_see_the_dashboard(field, flows):
    assert signed_in(field.enumerator).get("/displacement/").status_code == 403


def test_the_csv_export_is_valid_hxl_with_small_counts_withheld(field, flows, personas):
    client = signed_in(personas.analyst)
    answer = client.get("/displacement/export.csv?start=2026-11-01&end=2026-11-30")
    assert answer.status_code == 200
    text = answer.content.decode()
    dataset = hxl.data(io.BytesIO(answer.content), hxl.InputOptions(allow_local=True))
    tags = [c.display_tag for c in dataset.columns]
    assert tags[:2] == ["#date+month", "#loc+code"] and "#affected+f+children" in tags
    problems = []
    schema = hxl.schema(
        [
            ["#valid_tag", "#valid_required", "#valid_datatype", "#valid_value+min"],
            ["#date+month", "true", "date", ""],
            ["#loc+code", "true", "", ""],
            ["#affected", "", "number", "0"],
        ],
        callback=problems.append,
    )
    assert schema.validate(dataset), [str(p) for p in problems]
    assert problems == []
    # The same schema refuses a negative count (it does check the numbers).
    tampered = text.replace(",FMP-FORD,", ",FMP-FORD,", 1).replace(",out,", ",out,-1,", 1)
    tampered_rows = list(csv.reader(io.StringIO(tampered)))
    assert not schema.validate(hxl.data(tampered_rows))
    rows = list(csv.reader(io.StringIO(text)))[2:]
    bridge = [r for r in rows if r[1] == "FMP-BRIDGE"]
    # 1 girl, 0 boys, 1 woman, 1 man, 0, 0 and the total 3: zeros published, the rest withheld.
    assert bridge and bridge[0][5:] == ["", "0", "", "", "0", "0", ""]
    ford = [r for r in rows if r[1] == "FMP-FORD"]
    assert ford and all(v.isdigit() for v in ford[0][5:])
    assert AuditEvent.objects.filter(action="statistics_exported").count() == 1
    xlsx = client.get("/displacement/export.xlsx?start=2026-11-01&end=2026-11-30")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get("/displacement/export.pdf").status_code == 400


def test_the_import_page_imports_or_lists_every_rejected_row(field):
    client = signed_in(field.enumerator)
    assert client.get("/displacement/import/").status_code == 200
    bad = json.dumps([{"_uuid": "a", **count_row()}, {"_uuid": "b", **count_row(point="X-1")}])
    upload = io.BytesIO(bad.encode())
    upload.name = "bad.json"
    answer = client.post("/displacement/import/", {"file": upload})
    assert answer.status_code == 422
    assert "unknown flow monitoring point" in answer.content.decode()
    good = io.BytesIO(json.dumps([{"_uuid": "a", **count_row()}]).encode())
    good.name = "good.json"
    answer = client.post("/displacement/import/", {"file": good})
    assert answer.status_code == 200 and "1 new submissions" in answer.content.decode()
    # The last imports name the form, not its code.
    assert "<td>Flow count</td>" in answer.content.decode()
    nul = io.BytesIO(b"[\x00]")
    nul.name = "nul.json"
    answer = client.post("/displacement/import/", {"file": nul})
    assert answer.status_code == 400 and "NUL" in answer.content.decode()
    assert client.post("/displacement/import/", {}).status_code == 400


def test_the_charts_coordinates_are_not_localised_in_arabic(field, flows, personas):
    client = signed_in(personas.analyst)
    client.cookies["django_language"] = "ar"
    html = client.get("/displacement/?start=2026-11-01&end=2026-11-30").content.decode()
    assert "تتبع النزوح" in html
    import re

    coordinates = re.findall(r'<(?:rect|circle|text) [^>]*?(?:x|cx)="([^"]*)"', html)
    assert coordinates and all(re.fullmatch(r"[0-9.]+", c) for c in coordinates), coordinates[:5]


def test_an_enumerator_enters_a_count_at_their_point_only(field):
    client = signed_in(field.enumerator)
    assert client.get("/displacement/points/FMP-FORD/count/").status_code == 200
    row = count_row()
    for name in ("form_version", "point"):
        row.pop(name)
    answer = client.post("/displacement/points/FMP-FORD/count/", row)
    assert answer.status_code == 200 and FlowDay.objects.get().total == 14
    answer = client.post("/displacement/points/FMP-FORD/count/", row | {"total": "3"})
    assert (
        answer.status_code == 400 and "more children (5) than people (3)" in answer.content.decode()
    )
    assert (
        signed_in(field.enumerator2).get("/displacement/points/FMP-FORD/count/").status_code == 404
    )
    assert FlowDay.objects.get().total == 14


def test_the_rejection_reasons_read_in_arabic(field):
    """Each rejected row's reason in the page's language, its values left as they are."""
    client = signed_in(field.enumerator)
    client.cookies["django_language"] = "ar"
    rows = [
        {"_uuid": "a", **count_row(point="X-1")},
        {"_uuid": "b", **count_row(total="15")},
        {"_uuid": "c", **count_row(girls="many")},
        {"_uuid": "a", **count_row()},
    ]
    upload = io.BytesIO(json.dumps(rows).encode())
    upload.name = "bad.json"
    answer = client.post("/displacement/import/", {"file": upload})
    assert answer.status_code == 422
    html = answer.content.decode()
    assert "نقطة رصد تدفق غير معروفة &#x27;X-1&#x27;" in html
    assert "مجموع فئات العمر والجنس 14 وليس 15" in html
    assert "ليس عددًا صحيحًا: &#x27;many&#x27;" in html
    assert "موجود أيضًا في الصف 1" in html
    for english in (
        "unknown flow monitoring point",
        "add up to",
        "not a whole number",
        "also in row",
    ):
        assert english not in html
