"""Dashboard, report, exports and API: who may see them, and that only aggregates leave."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import get_resolver
from django.utils import timezone

from passage.accounts.models import AuditEvent
from passage.crossings.models import Crossing
from passage.crossings.services import CrossingInput, record_crossing
from passage.site.tests.test_permissions import SAMPLES, _walk
from passage.statistics import services
from passage.statistics.models import Cube, Fact
from passage.travellers.services import Identity

pytestmark = pytest.mark.django_db

SECRET_NAME = "QWXZPERSONNAME"


def _record(personas, name, nationality="ETH", sex="F", n=1, point=None):
    for i in range(n):
        identity = Identity(
            primary_name=name,
            secondary_name="GIVEN " + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 26],
            sex=sex,
            birth_year=1980 + i % 30,
            birth_month=1,
            birth_day=1,
            nationality=nationality,
            issuing_state=nationality,
            number=f"{name[:3]}{i:06d}",
            expiry_date=timezone.localdate() + dt.timedelta(days=900),
        )
        officer = personas.officer if point in (None, personas.post) else personas.officer_elsewhere
        record_crossing(officer, point or personas.post, CrossingInput("entry", identity))


@pytest.fixture
def figures(personas):
    _record(personas, "MANY", "FRA", "M", n=12)
    _record(personas, "SOME", "ITA", "M", n=10)
    _record(personas, SECRET_NAME, "KEN", "F", n=1)
    services.refresh(settle=0)
    return personas


def login(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("who", ["analyst", "supervisor"])
def test_analysts_and_supervisors_see_the_dashboard(client, figures, who):
    response = login(client, getattr(figures, who)).get("/statistics/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Entries and exits over time" in body
    assert "Screening hit rates" in body
    assert "vendor/chartjs/chart.umd.min.js" in body


@pytest.mark.parametrize("who", ["officer", "protection", "administrator", "dpo"])
def test_other_roles_do_not(client, figures, who):
    assert login(client, getattr(figures, who)).get("/statistics/").status_code == 403


def test_a_single_traveller_is_withheld_everywhere(client, figures):
    """12 French men, 10 Italian men and 1 Kenyan woman: the Kenyan count never shows."""
    login(client, figures.analyst)
    table = client.get("/api/v1/statistics/tables/nationalities").json()
    rows = {r["code"]: i for i, r in enumerate(table["rows"])}
    assert table["cells"][rows["FRA"]][0] == 12
    assert table["cells"][rows["KEN"]][0] is None
    # ... nor can the column total give it back: a second count is withheld with it.
    assert [row[0] for row in table["cells"]].count(None) >= 2
    assert table["column_totals"][0] == 23
    pyramid = client.get("/api/v1/statistics/tables/pyramid").json()
    female = [c["code"] for c in pyramid["columns"]].index("F")
    assert all(row[female] in (None, 0) for row in pyramid["cells"])
    kenya = client.get("/api/v1/statistics/tables/flows", {"nationality": "KEN"}).json()
    assert all(v in (None, 0) for row in kenya["cells"] for v in row)


def test_threshold_comes_from_settings(client, figures, settings):
    settings.PASSAGE_STATS_MIN_CELL = 1
    login(client, figures.analyst)
    table = client.get("/api/v1/statistics/tables/nationalities").json()
    rows = {r["code"]: i for i, r in enumerate(table["rows"])}
    assert table["cells"][rows["KEN"]][0] == 1
    assert table["min_cell"] == 1


def test_csv_export_has_metadata_and_withholds(client, figures):
    response = login(client, figures.analyst).get("/statistics/export/nationalities.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    meta = {r[0]: r[1] for r in rows if len(r) == 2}
    assert {"Period", "Source", "Definitions", "Disclosure control"} <= set(meta)
    kenya = next(r for r in rows if r and r[0].endswith("(KEN)"))
    assert kenya[1] == "x"
    assert AuditEvent.objects.filter(action="statistics_exported").exists()


def test_hxl_export_is_tagged(client, figures):
    text = login(client, figures.analyst).get("/statistics/export/people.hxl").content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    tags = next(r for r in rows if r and r[0].startswith("#"))
    assert tags[:4] == ["#date+month", "#loc+code", "#indicator+direction", "#country+code"]
    assert {"#affected+m", "#affected+f"} <= set(tags)
    data = rows[rows.index(tags) + 1 :]
    kenya = next(r for r in data if r[3] == "KEN")
    assert kenya[4:] == ["0", "", "0", ""]  # one woman: withheld, and so is the total
    france = next(r for r in data if r[3] == "FRA")
    assert france[4] == "12"


def test_xlsx_export_of_all_tables(client, figures):
    response = login(client, figures.analyst).get("/statistics/export/all.xlsx")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"  # a zip container, as XLSX is
    assert b"xl/worksheets/sheet1.xml" in response.content


def test_bad_filters_name_the_field(client, figures):
    login(client, figures.analyst)
    response = client.get("/statistics/", {"nationality": "ZZZ", "start": "yesterday"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "not a known country code" in body and "YYYY-MM-DD" in body
    assert client.get("/statistics/export/flows.pdf").status_code == 400
    assert client.get("/statistics/export/nothing.csv").status_code == 400
    assert client.get("/api/v1/statistics/tables/flows", {"post": "NOPE"}).status_code == 422


def test_supervisor_sees_only_their_crossing_points(client, figures):
    _record(figures, "ELSEWHERE", "FRA", "M", n=7, point=figures.other_post)
    services.refresh(settle=0)
    login(client, figures.supervisor)
    table = client.get("/api/v1/statistics/tables/points").json()
    assert [r["code"] for r in table["rows"]] == ["TST-AIR"]
    assert client.get("/api/v1/statistics/tables/points", {"post": "TST-LAND"}).status_code == 422
    login(client, figures.analyst)
    table = client.get("/api/v1/statistics/tables/points").json()
    assert [r["code"] for r in table["rows"]] == ["TST-AIR", "TST-LAND"]


def test_report_page_for_a_month(client, figures):
    month = timezone.localdate().strftime("%Y-%m")
    response = login(client, figures.analyst).get("/statistics/report/", {"month": month})
    assert response.status_code == 200
    assert "Definitions and disclosure control" in response.content.decode()
    assert client.get("/statistics/report/", {"month": "13-2020"}).status_code == 400


def test_refresh_on_demand(client, figures):
    login(client, figures.analyst)
    _record(figures, "LATE", "FRA", "M", n=1)
    # The settling delay applies on demand too: the crossing just recorded waits.
    response = client.post("/statistics/refresh/", {"next": "/statistics/?period=day"})
    assert response.status_code == 302 and response["Location"] == "/statistics/?period=day"
    assert sum(Fact.objects.filter(cube=Cube.DAILY).values_list("count", flat=True)) == 23
    assert client.get("/statistics/refresh/").status_code == 405
    login(client, figures.officer)
    assert client.post("/statistics/refresh/").status_code == 403


def test_api_needs_the_permission(client, figures, token_for):
    assert client.get("/api/v1/statistics/tables/flows").status_code == 401
    header = token_for(figures.officer)
    response = client.get("/api/v1/statistics/tables/flows", HTTP_AUTHORIZATION=header)
    assert response.status_code == 403
    header = token_for(figures.analyst)
    response = client.get("/api/v1/statistics/tables/flows", HTTP_AUTHORIZATION=header)
    assert response.status_code == 200


def test_the_analyst_never_sees_a_person_anywhere(client, figures):
    """Walk every URL of the site and the API as an analyst, with the ids of a real
    traveller, document and crossing in place of every id: the traveller's name never
    appears, and nothing but aggregates answers 200."""
    crossing = (
        Crossing.objects.select_related("traveller")
        .filter(traveller__primary_name=SECRET_NAME)
        .get()
    )
    ids = [str(crossing.pk), str(crossing.traveller_id), str(crossing.document_id)]
    login(client, figures.analyst)
    seen_ok = set()
    for namespace, route, _view in _walk(get_resolver().url_patterns):
        if namespace == "admin":
            continue
        for sample in ids:
            url = re.sub(
                r"<(?:(\w+):)?\w+>",
                lambda m, s=sample: s if m.group(1) == "uuid" else SAMPLES[m.group(1) or "str"],
                route,
            )
            url = "/" + re.sub(r"[\^$]|\\Z|\(\?P<\w+>[^)]*\)", "", url)
            response = client.get(url)
            body = response.content.decode(errors="replace") if hasattr(response, "content") else ""
            assert SECRET_NAME.lower() not in body.lower(), url
            if response.status_code == 200:
                seen_ok.add(url.split("?")[0])
    # What an analyst reaches: home, statistics, own account and tokens, reference lists.
    personal = [
        u
        for u in seen_ok
        if re.search(r"travellers|crossings|counter|overstays|documents|audit", u)
    ]
    assert not personal, personal
    assert "/statistics/" in seen_ok


def test_exports_write_formula_like_text_as_text(client, figures):
    """A crossing-point name beginning with "=" (or +, -, @) is written as text: in CSV
    with a leading quote, in XLSX as a string cell, never a formula or a link."""
    import zipfile

    from passage.reference.models import BorderCrossingPoint

    evil = '=HYPERLINK("http://evil.example/","click")'
    BorderCrossingPoint.objects.filter(pk=figures.post.pk).update(name=evil)
    analyst = login(client, figures.analyst)
    text = analyst.get("/statistics/export/points.csv").content.decode()
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert any(c == "'" + evil or c.startswith("'" + evil) for c in cells), cells
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    book = zipfile.ZipFile(io.BytesIO(analyst.get("/statistics/export/all.xlsx").content))
    xml = "".join(book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/"))
    strings = book.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in xml and "hyperlink" not in xml.lower()
    assert "HYPERLINK" in strings  # the name is there, as text


def test_the_table_keys_match_the_openapi_enum():
    from typing import get_args

    from passage.statistics.api import TableKey
    from passage.statistics.queries import BUILDERS

    assert set(get_args(TableKey)) == {*BUILDERS, "people"}
