"""Reference data: the ICAO code table, CSV loading (all or nothing), audited admin edits."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.core.problems import ProblemError, at_line
from passage.reference.models import AdminArea, BorderCrossingPoint, Country
from passage.reference.services import (
    load_admin_areas,
    load_countries,
    load_crossing_points,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("D", "iso"),  # Germany is D<< in an MRZ, ICAO 9303-3 §5
        ("UTO", "specimen"),
        ("XXA", "nationality_status"),
        ("XXB", "nationality_status"),
        ("XXC", "nationality_status"),
        ("XPO", "organisation"),
        ("XCE", "organisation"),
        ("XES", "organisation"),
        ("XMP", "organisation"),
        ("XDC", "organisation"),
        ("EUE", "organisation"),
        ("UNK", "organisation"),
        ("GBD", "nationality_status"),
        ("RKS", "state"),
        ("ANT", "deprecated"),
        ("FRA", "iso"),
    ],
)
def test_builtin_table_has_icao_codes(reference_data, code, kind):
    assert Country.objects.get(icao_code=code).kind == kind


def test_germany_keeps_its_iso_codes(reference_data):
    germany = Country.objects.get(icao_code="D")
    assert (germany.iso_alpha2, germany.iso_alpha3, germany.iso_numeric) == ("DE", "DEU", "276")
    assert not Country.objects.filter(icao_code="DEU").exists()


def test_load_admin_areas_and_crossing_points(reference_data):
    areas = b"pcode,name,level,country,parent\nUT03,Coast,1,UTO,UT\nUT,Utopia,0,UTO,\n"
    report = load_admin_areas(None, areas)
    assert sorted(report.created) == ["UT", "UT03"]
    assert AdminArea.objects.get(pcode="UT03").parent_id == "UT"
    points = b"code,name,kind,admin_area,latitude,longitude,status\nUTO-PORT,Port Serenity,sea,UT03,11.02,44.31,open\n"
    load_crossing_points(None, points)
    point = BorderCrossingPoint.objects.get(code="UTO-PORT")
    assert point.kind == "sea" and point.admin_area_id == "UT03"
    again = load_crossing_points(None, points)
    assert again.unchanged == 1 and not again.created
    assert (
        AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(point.pk)).count() == 1
    )


@pytest.mark.parametrize(
    ("csv", "line", "field"),
    [
        (b"code,name,kind\nOK-1,Fine,land\nBAD-1,Bad,submarine\n", 3, "kind"),
        (b"code,name,kind,admin_area\nOK-1,Fine,land,NOPE\n", 2, "admin_area"),
        (b"code,name,kind,latitude\nOK-1,Fine,land,north\n", 2, "latitude"),
        (b"code,name,kind,latitude\nOK-1,Fine,land,123\n", 2, "latitude"),
        (b"code,name,kind\nok 1,Fine,land\n", 2, "code"),
        (b"code,name,kind\nOK-1,Fine,land\nOK-1,Again,land\n", 3, "code"),
        (b"code,name\nOK-1,Fine\n", 1, "kind"),
    ],
)
def test_a_bad_row_names_line_and_field_and_nothing_is_stored(reference_data, csv, line, field):
    before = AuditEvent.objects.count()
    with pytest.raises(ProblemError) as info:
        load_crossing_points(None, csv)
    assert at_line(line, field) in info.value.problems, info.value.problems
    assert not BorderCrossingPoint.objects.exists()
    assert AuditEvent.objects.count() == before


def test_unknown_country_in_admin_areas_is_refused(reference_data):
    with pytest.raises(ProblemError, match="unknown country code 'ZZZ'"):
        load_admin_areas(None, b"pcode,name,level,country\nZZ01,Nowhere,1,ZZZ\n")


def test_countries_csv_updates_a_name(reference_data):
    report = load_countries(None, b"icao,name,kind\nUTO,Republic of Utopia,specimen\n")
    assert report.updated == ["UTO"]
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id="UTO").latest("seq")
    assert "Republic of Utopia" in event.data and '"name":"Utopia"' in event.data


def test_not_utf8_is_refused(reference_data):
    with pytest.raises(ProblemError, match="not UTF-8"):
        load_countries(None, "icao,name,kind\nUTO,Utopía,specimen\n".encode("latin-1"))


def test_command_loads_a_file_and_reports_errors(reference_data, tmp_path, capsys):
    good = tmp_path / "points.csv"
    good.write_text("code,name,kind\nUTO-RAIL,Central Station,rail\n")
    call_command("reference", "load", "crossing-points", str(good))
    assert "1 created" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,kind\nUTO-X,X,hovercraft\n")
    with pytest.raises(CommandError, match="line 2: kind"):
        call_command("reference", "load", "crossing-points", str(bad))


def test_admin_edit_is_audited_with_before_and_after(client, personas):
    client.force_login(personas.administrator)
    point = personas.post
    url = f"/admin/reference/bordercrossingpoint/{point.pk}/change/"
    response = client.post(
        url,
        {
            "code": point.code,
            "name": "Renamed Airport",
            "kind": "air",
            "status": "closed",
            "mode": "normal",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(point.pk)).latest(
        "seq"
    )
    assert event.actor_name == "administrator"
    assert '"status":"open"' in event.data and '"status":"closed"' in event.data


def test_admin_assigning_a_post_to_an_officer_is_audited(client, personas):
    client.force_login(personas.administrator)
    officer = personas.officer
    page = client.get(f"/admin/accounts/user/{officer.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k not in ("password",)}
    data.update(
        {
            "username": officer.username,
            "groups": [g.pk for g in officer.groups.all()],
            "crossing_points": [personas.post.pk, personas.other_post.pk],
            "is_active": "on",
            "date_joined_0": officer.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": officer.date_joined.strftime("%H:%M:%S"),
        }
    )
    data.pop("user_permissions", None)
    data.pop("last_login", None)
    data.pop("date_joined", None)
    response = client.post(f"/admin/accounts/user/{officer.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert officer.crossing_points.count() == 2
    event = AuditEvent.objects.filter(object_id=str(officer.pk)).latest("seq")
    assert str(personas.other_post.pk) in event.data
