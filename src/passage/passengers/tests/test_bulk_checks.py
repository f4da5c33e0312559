"""The bulk path gives every person of a list what the person-by-person path gives.

``check_all`` (one screening call and a few stay queries for the whole list) against
``check_each`` (``alerts.screening.screen`` and ``stay.assessment.assess`` per person) on
a varied list: listed persons under their names, a slip and their own script; a listed
document number (persons list) and a stolen document (documents list); a false positive
already suppressed for one document; a withdrawn entry; travellers already known here
with a stay history and a visa; visa-required, exempt and rule-less nationalities; crew;
an expired document; no nationality; two persons with the same document.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from passage.alerts import services as alert_services
from passage.alerts.models import AlertEntry, AlertList, ScreeningHit
from passage.core.paxlst import Document, Person
from passage.crossings import services as crossing_services
from passage.passengers import checks
from passage.passengers.choices import StayPosition
from passage.reference.models import Country
from passage.reference.services import load_refusal_grounds
from passage.stay.choices import RuleKind
from passage.stay.models import StayRule, Visa
from passage.travellers.models import TravelDocument
from passage.travellers.services import Identity

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    """Today, read when a test runs: a date read at import is a day behind the app's when
    the suite runs across midnight."""
    return timezone.localdate()


def _import(name: str, kind: str, rows: list[dict]) -> AlertList:
    alert_list = alert_services.create_list(
        None, AlertList(name=name, kind=kind, default_action="notify")
    )
    data = "\n".join(json.dumps(r) for r in rows).encode()
    alert_services.import_entries(None, alert_list, "jsonl", data)
    return alert_list


@pytest.fixture
def world(personas):
    load_refusal_grounds(None)
    _import(
        "Wanted",
        "persons",
        [
            {"reference": "W1", "names": ["Layla Haddad"], "birth_dates": ["1992-03-30"],
             "nationalities": ["LBN"], "original_names": ["ليلى حداد"]},
            {"reference": "W2", "names": ["Ivan Petrov"], "birth_dates": ["1971"],
             "nationalities": ["RUS"],
             "documents": [{"number": "R7700001", "issuing_state": "RUS"}]},
            {"reference": "W3", "names": ["Chinedu Okonkwo"], "birth_dates": ["1988-07-01"],
             "nationalities": ["NGA"]},
            {"reference": "W4", "names": ["Maria Garcia Lopez"], "birth_dates": ["1960-01-01"],
             "nationalities": ["ESP"]},
            {"reference": "W5", "names": ["Karim Benali"], "birth_dates": ["1979-11-11"],
             "nationalities": ["DZA"]},
        ],
    )  # fmt: skip
    _import(
        "Lost and stolen",
        "documents",
        [
            {"issuing_state": "FRA", "document_number": "S0000001", "status": "stolen"},
            {"issuing_state": "GBR", "document_number": "S0000002", "status": "lost"},
        ],
    )
    # W5 withdrawn: listed no more, found no more by either path.
    alert_services.withdraw_entry(None, AlertEntry.objects.get(reference="W5"), "cleared")
    general = StayRule.objects.create(name="Visa-free 90/180", max_days=90, window_days=180)
    general.nationalities.set(Country.objects.filter(icao_code__in=["ESP", "FRA", "GBR", "DZA"]))
    visa = StayRule.objects.create(name="Visa required", kind=RuleKind.VISA_REQUIRED)
    visa.nationalities.set(Country.objects.filter(icao_code__in=["NGA", "RUS", "LBN"]))
    exempt = StayRule.objects.create(name="Diplomats", kind=RuleKind.EXEMPT, document_type="")
    exempt.nationalities.set(Country.objects.filter(icao_code="UNO"))

    def cross(
        nationality: str, number: str, days_ago: int, direction: str = "entry", **names: object
    ) -> None:
        identity = Identity(
            **{"primary_name": "TRAVELLER", "secondary_name": "KNOWN", **names},
            number=number, issuing_state=nationality, nationality=nationality,
        )  # fmt: skip
        data = crossing_services.CrossingInput(
            direction, identity, at=timezone.now() - dt.timedelta(days=days_ago)
        )
        crossing_services.record_crossing(personas.officer, personas.post, data)

    # A Spaniard who spent 20 of the last 180 days here; a Nigerian with a visa.
    cross("ESP", "K0000001", 25)
    cross("ESP", "K0000001", 6, "exit")
    cross("NGA", "K0000002", 28)
    cross("NGA", "K0000002", 20, "exit")
    nigerian = TravelDocument.objects.get(number="K0000002").traveller
    Visa.objects.create(
        traveller=nigerian, issuing_state_id="UTO", valid_from=_today() - dt.timedelta(days=10),
        valid_until=_today() + dt.timedelta(days=80), duration_days=30,
    )  # fmt: skip
    # A false positive confirmed for one document: W3 is not raised for it again.
    cross(
        "NGA", "F0000001", 5, primary_name="OKONKWO", secondary_name="CHINEDU",
        birth_year=1988, birth_month=7, birth_day=1,
    )  # fmt: skip
    hit = ScreeningHit.objects.filter(crossing__document__number="F0000001").get()
    alert_services.decide_hit(personas.supervisor, hit, true_match=False, reason="namesake")
    return personas


def _p(surname, given, number, state, birth=None, role="passenger", nationality=None, **kw):
    expiry = kw.pop("expiry", dt.date(2034, 1, 1))
    return Person(
        role, surname, given, kw.pop("sex", "M"), birth,
        state if nationality is None else nationality,
        (Document(kw.pop("type", "P"), number, expiry, state),), **kw,
    )  # fmt: skip


def varied() -> list[Person]:
    return [
        _p("HADDAD", "LAYLA", "L0000001", "LBN", dt.date(1992, 3, 30), sex="F"),
        _p("HADAD", "LAILA", "L0000002", "LBN", dt.date(1992, 3, 30), sex="F"),  # slip
        _p("حداد", "ليلى", "L0000003", "LBN", None, sex="F"),  # own script, no date
        _p("SMITH", "JOHN", "R7700001", "RUS", dt.date(1990, 1, 1)),  # listed document
        _p("PETROV", "IVAN", "R1", "RUS", dt.date(1975, 6, 6)),  # birth year 4 off
        _p("DUPONT", "MARIE", "S0000001", "FRA", dt.date(1980, 5, 5), sex="F"),  # stolen
        _p("JONES", "AMY", "S0000002", "GBR", dt.date(1981, 5, 5), sex="F"),  # lost
        _p("OKONKWO", "CHINEDU", "F0000001", "NGA", dt.date(1988, 7, 1)),  # suppressed
        _p("OKONKWO", "CHINEDU", "F0000009", "NGA", dt.date(1988, 7, 1)),  # not suppressed
        _p("BENALI", "KARIM", "D0000001", "DZA", dt.date(1979, 11, 11)),  # withdrawn
        _p("GARCIA LOPEZ", "MARIA", "K0000001", "ESP", dt.date(1960, 1, 1), sex="F"),  # known
        _p("TRAVELLER", "KNOWN", "K0000002", "NGA", dt.date(1970, 2, 2)),  # known, visa
        _p("NOVAK", "JAN", "C0000001", "CZE", dt.date(1985, 3, 3)),  # no rule: no limit
        _p("ADEBAYO", "TUNDE", "N0000001", "NGA", dt.date(1983, 4, 4)),  # visa required
        _p("DIPLOMAT", "ANNA", "U0000001", "UNO", dt.date(1970, 1, 1), sex="F"),  # exempt
        _p("PILOT", "PAT", "E0000001", "ESP", dt.date(1975, 1, 1), role="crew"),
        _p("OLD", "PASS", "E0000002", "ESP", dt.date(1950, 1, 1), expiry=dt.date(2020, 1, 1)),
        _p("NOBODY", "NO", "E0000003", "", dt.date(1950, 1, 1), nationality=""),
        _p("TWICE", "SAME", "E0000004", "ESP", dt.date(1999, 9, 9)),
        _p("TWICE", "SAME", "E0000004", "ESP", dt.date(1999, 9, 9)),
        _p("CARDHOLDER", "IDA", "I0000001", "ESP", dt.date(1991, 1, 1), type="I", sex="F"),
    ]


def _facts(checked: list[checks.Checked]) -> list[tuple]:
    return [
        (c.screening_outcome, json.dumps(c.hits, sort_keys=True), c.stay_position, c.stay_message)
        for c in checked
    ]


def test_bulk_gives_each_person_what_the_single_path_gives(world):
    persons = varied()
    arrival = _today() + dt.timedelta(days=1)
    bulk = checks.check_all(persons, arrival)
    single = checks.check_each(persons, arrival)
    assert _facts(bulk) == _facts(single)
    # ... and the list exercised what it claims to.
    hit_lists = [sorted(h["list"] for h in c.hits) for c in bulk]
    assert hit_lists[0] == ["Wanted"] and hit_lists[2] == ["Wanted"]
    assert hit_lists[3] == ["Wanted"]  # by the listed document number
    assert hit_lists[5] == ["Lost and stolen"] and hit_lists[6] == ["Lost and stolen"]
    assert bulk[7].hits == [] or bulk[7].screening_outcome == "clear"  # suppressed
    assert hit_lists[8] == ["Wanted"]
    assert hit_lists[9] == [] and hit_lists[12] == []
    positions = [c.stay_position for c in bulk]
    assert positions[13] == StayPosition.PROBLEM  # visa required, none known
    assert positions[11] == StayPosition.OK  # the same nationality, with a visa
    assert positions[15] == StayPosition.NOT_CHECKED  # crew
    assert positions[16] == StayPosition.PROBLEM and "expired" in bulk[16].stay_message
    assert positions[17] == StayPosition.NOT_CHECKED
    assert bulk[10].stay_message != bulk[18].stay_message  # history counts for the known


def test_without_active_lists_both_say_so(world):
    for alert_list in AlertList.objects.all():
        alert_services.set_status(None, alert_list, "suspended")
    persons = varied()
    bulk = checks.check_all(persons, _today())
    assert _facts(bulk) == _facts(checks.check_each(persons, _today()))
    assert {c.screening_outcome for c in bulk} == {"no_lists"}
