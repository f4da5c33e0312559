"""The facts agree with counts taken directly from the crossings, after every kind of change."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from passage.crossings.choices import Decision
from passage.crossings.models import Crossing, SecondaryInspection
from passage.crossings.services import (
    CrossingInput,
    amend_crossing,
    decide_inspection,
    effective_decision,
    effective_values,
    record_crossing,
)
from passage.reference.services import load_refusal_grounds
from passage.statistics import services
from passage.statistics.choices import age_band
from passage.statistics.models import Bookmark, Cube, Fact
from passage.stay.models import OverstayCase
from passage.travellers.services import Identity

pytestmark = pytest.mark.django_db

CROSSING_CUBES = {Cube.DAILY, Cube.NATIONALITY, Cube.PEOPLE, Cube.PURPOSE, Cube.REFUSAL}


def raw_counts() -> Counter:
    """Every crossing cube, counted one crossing at a time from the records themselves."""
    counts: Counter = Counter()
    crossings = Crossing.objects.select_related("traveller", "crossing_point").prefetch_related(
        "amendments", "refusal_grounds"
    )
    for c in crossings:
        local = timezone.localtime(c.at)
        day, month = local.date(), local.date().replace(day=1)
        point, d = c.crossing_point.code, c.direction
        nat = c.traveller.nationality_id or ""
        decision = effective_decision(c)
        purpose = effective_values(c)["purpose"]
        birth = c.traveller.birth_year
        band = age_band(local.year - birth if birth else None)
        counts[(Cube.DAILY, day, point, d, "", decision, "", "")] += 1
        counts[(Cube.NATIONALITY, day, point, d, nat, decision, "", "")] += 1
        counts[(Cube.PEOPLE, month, point, d, nat, "", c.traveller.sex or "X", band)] += 1
        counts[(Cube.PURPOSE, month, point, d, nat, purpose, "", "")] += 1
        if c.decision == Decision.REFUSED:
            grounds = [g.code for g in c.refusal_grounds.all()]
        elif decision == Decision.REFUSED:
            grounds = [g.code for g in c.inspection.outcome_grounds.all()]
        else:
            grounds = []
        for g in grounds:
            counts[(Cube.REFUSAL, day, point, d, nat, g, "", "")] += 1
    return counts


def fact_counts(cubes=CROSSING_CUBES) -> Counter:
    counts: Counter = Counter()
    for f in Fact.objects.filter(cube__in=cubes):
        if f.count:
            key = (
                f.cube,
                f.day,
                f.crossing_point,
                f.direction,
                f.nationality,
                f.category,
                f.sex,
                f.age_band,
            )
            counts[key] += f.count
    return counts


@pytest.fixture
def demo(reference_data):
    """The demo's reference data, users and 800 seeded synthetic crossings."""
    call_command("demo", "--crossings", "800", "--quiet-logins", stdout=io.StringIO())
    Fact.objects.all().delete()
    Bookmark.objects.all().delete()


def _identity(name: str, nationality: str = "ETH", sex: str = "F", year: int = 1990) -> Identity:
    return Identity(
        primary_name=name,
        secondary_name="TEST",
        sex=sex,
        birth_year=year,
        birth_month=3,
        birth_day=14,
        nationality=nationality,
        issuing_state=nationality,
        number=f"N{abs(hash(name)) % 10**7:07d}",
        expiry_date=timezone.localdate() + dt.timedelta(days=900),
    )


def test_from_scratch_the_facts_equal_the_raw_counts(demo):
    runs = services.refresh(settle=0)
    assert {r.source for r in runs} == {"crossings", "overstays", "screening"}
    assert next(r.rows for r in runs if r.source == "crossings") == Crossing.objects.count() == 800
    assert fact_counts() == raw_counts()


@pytest.mark.parametrize("zone", ["Asia/Kathmandu", "Europe/Paris"])
def test_days_are_local_days_in_any_time_zone(demo, settings, zone):
    """A fixed offset (+05:45) is computed by the database; a zone with summer time
    takes Django's per-row conversion. Both agree with the local day of each crossing."""
    settings.TIME_ZONE = zone
    services.refresh(settle=0)
    assert fact_counts() == raw_counts()


def test_a_second_refresh_with_nothing_new_changes_nothing(demo):
    services.refresh(settle=0)
    before = fact_counts()
    runs = services.refresh(settle=0)
    assert next(r.rows for r in runs if r.source == "crossings") == 0
    assert fact_counts() == before


def test_incremental_refresh_counts_new_crossings_once(personas):
    load_refusal_grounds(None)
    point = personas.post
    record_crossing(personas.officer, point, CrossingInput("entry", _identity("ALPHA")))
    services.refresh(settle=0)
    assert fact_counts() == raw_counts()
    record_crossing(
        personas.officer, point, CrossingInput("entry", _identity("BETA", "FRA", "M", 2015))
    )
    record_crossing(
        personas.officer,
        point,
        CrossingInput(
            "entry",
            _identity("GAMMA", "KEN"),
            decision=Decision.REFUSED,
            refusal_grounds=["A", "C"],
        ),
    )
    services.refresh(settle=0)
    services.refresh(settle=0)
    assert fact_counts() == raw_counts()
    daily = Fact.objects.filter(cube=Cube.DAILY).values_list("category", "count")
    assert sorted(daily) == [("admitted", 2), ("refused", 1)]
    refusals = sorted(Fact.objects.filter(cube=Cube.REFUSAL).values_list("category", "count"))
    assert refusals == [("A", 1), ("C", 1)]


def test_amendments_move_a_crossing_between_purposes(personas):
    point = personas.post
    recorded = record_crossing(
        personas.officer, point, CrossingInput("entry", _identity("DELTA"), purpose="tourism")
    ).crossing
    services.refresh(settle=0)
    purposes = dict(Fact.objects.filter(cube=Cube.PURPOSE).values_list("category", "count"))
    assert purposes == {"tourism": 1}
    amend_crossing(personas.supervisor, recorded, {"purpose": "work"}, "typed wrongly")
    services.refresh(settle=0)
    purposes = dict(
        Fact.objects.filter(cube=Cube.PURPOSE, count__gt=0).values_list("category", "count")
    )
    assert purposes == {"work": 1}
    amend_crossing(personas.supervisor, recorded, {"purpose": "study"}, "second thoughts")
    amend_crossing(personas.supervisor, recorded, {"carrier": "Utopian Air"}, "completed")
    services.refresh(settle=0)
    assert fact_counts() == raw_counts()
    purposes = dict(
        Fact.objects.filter(cube=Cube.PURPOSE, count__gt=0).values_list("category", "count")
    )
    assert purposes == {"study": 1}


def test_an_amendment_made_before_the_first_refresh_counts_too(personas):
    recorded = record_crossing(
        personas.officer,
        personas.post,
        CrossingInput("entry", _identity("EPSILON"), purpose="tourism"),
    ).crossing
    amend_crossing(personas.supervisor, recorded, {"purpose": "family"}, "typed wrongly")
    services.refresh(settle=0)
    assert fact_counts() == raw_counts()
    assert Fact.objects.get(cube=Cube.PURPOSE).category == "family"


def test_a_secondary_inspection_decided_later_moves_the_decision(personas):
    load_refusal_grounds(None)
    recorded = record_crossing(
        personas.officer,
        personas.post,
        CrossingInput(
            "entry", _identity("ZETA"), decision=Decision.SECONDARY, secondary_reason="check"
        ),
    ).crossing
    services.refresh(settle=0)
    assert Fact.objects.get(cube=Cube.DAILY).category == "secondary"
    inspection = SecondaryInspection.objects.get(crossing=recorded)
    decide_inspection(personas.supervisor, inspection, outcome=Decision.REFUSED, grounds=["B"])
    services.refresh(settle=0)
    assert fact_counts() == raw_counts()
    assert Fact.objects.get(cube=Cube.DAILY, count__gt=0).category == "refused"
    assert Fact.objects.get(cube=Cube.REFUSAL, count__gt=0).category == "B"


def test_changes_to_the_synthetic_history_after_a_refresh(demo, django_user_model):
    """Amend and decide on the 800 synthetic crossings, then refresh incrementally."""
    services.refresh(settle=0)
    supervisor = django_user_model.objects.get(username="supervisor")
    for crossing in Crossing.objects.order_by("id")[:40:3]:
        new = "work" if crossing.purpose != "work" else "study"
        amend_crossing(supervisor, crossing, {"purpose": new}, "survey correction")
    services.refresh(settle=0)
    assert fact_counts() == raw_counts()


def test_settling_delay_leaves_just_recorded_crossings_for_the_next_run(personas):
    record_crossing(personas.officer, personas.post, CrossingInput("entry", _identity("ETA")))
    services.refresh(settle=3600)
    assert not Fact.objects.exists()
    services.refresh(settle=0)
    assert Fact.objects.filter(cube=Cube.DAILY).get().count == 1


def test_rebuild_gives_the_same_facts(demo):
    services.refresh(settle=0)
    before = fact_counts(CROSSING_CUBES | {Cube.OVERSTAY})
    services.refresh(settle=0, rebuild=True)
    assert fact_counts(CROSSING_CUBES | {Cube.OVERSTAY}) == before


def test_overstays_follow_their_cases(demo, django_user_model):
    from passage.stay.services import detect_overstays, review_case

    detect_overstays()
    services.refresh(settle=0)

    def by_status():
        out: Counter = Counter()
        for f in Fact.objects.filter(cube=Cube.OVERSTAY):
            out[f.category] += f.count
        return +out

    expected = Counter(OverstayCase.objects.values_list("status", flat=True))
    assert by_status() == expected
    assert sum(expected.values()) > 0
    case = OverstayCase.objects.filter(status="open").first()
    supervisor = django_user_model.objects.get(username="supervisor")
    review_case(supervisor, case, confirm=False, note="left by sea, record missing")
    services.refresh(settle=0)
    assert by_status() == Counter(OverstayCase.objects.values_list("status", flat=True))
    fact = Fact.objects.filter(cube=Cube.OVERSTAY, category="dismissed").get()
    assert fact.day == case.authorised_until + dt.timedelta(days=1)


def test_refresh_is_audited(personas):
    from passage.accounts.models import AuditEvent

    services.refresh(personas.analyst, settle=0)
    events = AuditEvent.objects.filter(action="statistics_refreshed")
    assert {e.object_id for e in events} == {"crossings", "overstays", "screening"}


def test_command_refreshes_and_lists_sources(personas):
    record_crossing(personas.officer, personas.post, CrossingInput("entry", _identity("THETA")))
    out = io.StringIO()
    call_command("statistics", "refresh", "--settle", "0", "--json", stdout=out)
    assert '"source": "crossings", "rows": 1' in out.getvalue()
    out = io.StringIO()
    call_command("statistics", "sources", stdout=out)
    assert "overstays" in out.getvalue()
