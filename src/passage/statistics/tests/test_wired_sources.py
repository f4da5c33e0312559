"""The screening source (alerts app) and the protection aggregates on the dashboard."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Sum

from passage.alerts import services as alert_services
from passage.alerts.choices import HitStatus, ScreeningOutcome
from passage.alerts.models import ScreeningHit, ScreeningResult
from passage.alerts.tests.lists import passport, post
from passage.reference.services import load_refusal_grounds
from passage.statistics import services
from passage.statistics.models import Cube, Fact

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("alert_files")]


def _facts() -> dict[str, int]:
    rows = Fact.objects.filter(cube=Cube.SCREENING).values("category").annotate(n=Sum("count"))
    return {r["category"]: r["n"] for r in rows}


def _raw() -> dict[str, int]:
    out: dict[str, int] = {}
    for outcome in ScreeningOutcome:
        n = ScreeningResult.objects.filter(outcome=outcome).count()
        if n:
            out[f"outcome:{outcome}"] = n
    for hit in ScreeningHit.objects.all():
        out[f"hit:{hit.action}"] = out.get(f"hit:{hit.action}", 0) + 1
        if hit.status != HitStatus.PENDING:
            out[f"verdict:{hit.status}"] = out.get(f"verdict:{hit.status}", 0) + 1
    return out


@pytest.fixture
def screened(client, personas, wanted):
    """Six clear crossings and one hit (referred) at TST-AIR."""
    load_refusal_grounds(None)
    client.force_login(personas.officer)
    for i in range(6):
        mrz = passport(number=f"C{i:07d}", surname=f"CLEARPERSON{'ABCDEF'[i]}", given="PAT")
        assert post(client, mrz).status_code == 302
    assert post(client, passport()).status_code == 302
    client.logout()
    return personas


def test_screening_facts_equal_raw_counts_incrementally(screened):
    services.refresh(settle=0, only=["screening"])
    assert _facts() == _raw()
    assert _facts()["outcome:referred"] == 1 and _facts()["outcome:clear"] == 6
    assert _facts()["hit:notify"] == 1 and "verdict:true_match" not in _facts()
    # The verdict comes later: the next refresh recounts that day, nothing counted twice.
    hit = ScreeningHit.objects.get()
    alert_services.decide_hit(screened.supervisor, hit, true_match=True, reason="same person")
    services.refresh(settle=0, only=["screening"])
    assert _facts() == _raw()
    assert _facts()["verdict:true_match"] == 1 and _facts()["outcome:clear"] == 6
    # A rebuild from scratch gives the same facts.
    before = _facts()
    services.refresh(settle=0, only=["screening"], rebuild=True)
    assert _facts() == before
    point = Fact.objects.filter(cube=Cube.SCREENING).values_list("crossing_point", flat=True)
    assert set(point) == {screened.post.code}


def test_dashboard_shows_hit_rates(client, screened, settings):
    settings.PASSAGE_STATS_MIN_CELL = 1
    services.refresh(settle=0)
    client.force_login(screened.analyst)
    body = client.get("/statistics/").content.decode()
    assert "No screening data yet" not in body
    assert "Screened: Clear" in body and "Hits: Notify the issuing authority" in body
    assert "14.3 %" in body  # 1 referred of 7 screened


def test_screening_counts_below_the_threshold_are_withheld(client, screened):
    services.refresh(settle=0)
    client.force_login(screened.analyst)
    body = client.get("/statistics/").content.decode()
    assert "Screening hits and outcomes" in body
    assert "14.3 %" not in body  # the single referral is not published, nor its rate
    table = body[body.index('id="title-screening"') : body.index('id="table-protection"')]
    assert ">1<" not in table


def test_protection_figures_come_only_from_suppressed_aggregates(client, personas, monkeypatch):
    from passage.protection import statistics as protection_statistics

    calls = []

    def fake(start: dt.date, end: dt.date) -> dict:
        calls.append((start, end))
        return {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "threshold": 5,
            "indicator_categories": [
                {
                    "month": "2026-01",
                    "crossing_point": personas.post.code,
                    "category": "child",
                    "count": None,
                    "suppressed": True,
                },
                {
                    "month": "2026-01",
                    "crossing_point": personas.post.code,
                    "category": "trafficking",
                    "count": 17,
                    "suppressed": False,
                },
                {
                    "month": "2026-01",
                    "crossing_point": "NOT-MINE",
                    "category": "asks",
                    "count": 99,
                    "suppressed": False,
                },
            ],
            "referral_statuses": [],
            "households": [],
        }

    monkeypatch.setattr(protection_statistics, "aggregates", fake)
    client.force_login(personas.analyst)
    body = client.get("/statistics/?post=" + personas.post.code).content.decode()
    assert calls
    section = body[body.index('id="table-protection"') :]
    # the category by its label, not its code
    assert "Trafficking indicator" in section and ">17<" in section
    assert 'class="withheld"' in section
    assert "99" not in section  # another crossing point, out of scope


def test_real_protection_aggregates_name_no_one(client, personas):
    from passage.protection import services as protection_services
    from passage.protection.services import load_reference
    from passage.reference.services import set_crossing_point_mode

    load_refusal_grounds(None)
    load_reference(None)
    set_crossing_point_mode(personas.supervisor, personas.post, "emergency", "influx")
    personas.post.refresh_from_db()
    protection_services.register_household(
        personas.officer,
        personas.post,
        protection_services.HouseholdInput(
            head=protection_services.MemberInput(
                sex="F", age_band="18-59", primary_name="ZZSECRETHEAD"
            ),
            indicators=["SC-UC"],
            place_of_origin="x",
            intended_destination="y",
        ),
    )
    client.force_login(personas.analyst)
    body = client.get("/statistics/").content.decode()
    section = body[body.index('id="table-protection"') :]
    assert "ZZSECRETHEAD" not in body and "SC-UC" not in body
    assert "Child" in section and "—" in section  # one child: withheld
