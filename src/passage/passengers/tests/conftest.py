from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from passage.alerts import indexes
from passage.alerts import services as alert_services
from passage.alerts.models import AlertList
from passage.core.paxlst import Document, Flight, Person, make_paxlst

ARRIVAL = datetime(2030, 3, 1, 14, 45)


@pytest.fixture(autouse=True)
def alert_files(settings: Any, tmp_path: Any) -> Any:
    """Index files of each test in their own directory; no index mapped from another test."""
    settings.VAR_DIR = tmp_path
    indexes._loaded.clear()
    yield tmp_path
    indexes._loaded.clear()


@pytest.fixture
def wanted(reference_data: None) -> AlertList:
    alert_list = alert_services.create_list(
        None, AlertList(name="National wanted persons", kind="persons", default_action="notify")
    )
    rows = [
        {
            "reference": "W-1",
            "names": ["Layla Haddad"],
            "birth_dates": ["1992-03-30"],
            "nationalities": ["LBN"],
            "reason": "synthetic",
        }
    ]
    data = "\n".join(json.dumps(r) for r in rows).encode()
    alert_services.import_entries(None, alert_list, "jsonl", data)
    return alert_list


def person(surname: str, given: str, number: str, **kw: Any) -> Person:
    fields: dict[str, Any] = {
        "sex": "F",
        "birth_date": date(1985, 2, 14),
        "nationality": "ESP",
        "documents": (Document("P", number, date(2034, 1, 1), "ESP"),),
        "seat": "14C",
    }
    fields.update(kw)
    return Person("passenger", surname, given, **fields)


def paxlst(
    persons: list[Person],
    *,
    ref: str = "REF1",
    flight: str = "UX123",
    to: str = "TST",
    part_size: int = 0,
    una: bool = True,
    arrival: datetime = ARRIVAL,
) -> bytes:
    departs = arrival - timedelta(hours=4)
    return make_paxlst(
        "passenger",
        Flight(flight, "UX", "MAD", to, departs, arrival),
        persons,
        interchange_reference=ref,
        prepared=departs - timedelta(hours=1),
        part_size=part_size,
        una=una,
    ).encode()
