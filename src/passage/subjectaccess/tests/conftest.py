from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from passage.crossings import services
from passage.travellers.services import Identity

BORN = dt.date(1974, 8, 12)


def record(
    personas: Any,
    *,
    number: str = "L898902C3",
    surname: str = "ERIKSSON",
    given: str = "ANNA MARIA",
    direction: str = "entry",
    decision: str = "admitted",
    at: dt.datetime | None = None,
    **kw: Any,
) -> Any:
    return services.record_crossing(
        personas.officer,
        personas.post,
        services.CrossingInput(
            direction=direction,
            identity=Identity(
                primary_name=surname,
                secondary_name=given,
                birth_year=BORN.year,
                birth_month=BORN.month,
                birth_day=BORN.day,
                nationality="UTO",
                issuing_state="UTO",
                number=number,
                sex="F",
            ),
            decision=decision,
            at=at,
            refusal_grounds=["E"] if decision == "refused" else [],
            purpose="tourism",
            **kw,
        ),
    ).crossing


@pytest.fixture
def anna(personas: Any, alert_files: Any, wanted: Any) -> Any:
    """A traveller listed on the wanted list (a hit), refused once, admitted once."""
    from passage.reference.services import load_refusal_grounds

    load_refusal_grounds(None)
    now = timezone.now()
    refused = record(personas, decision="refused", at=now - dt.timedelta(days=20))
    admitted = record(personas, at=now - dt.timedelta(days=3))
    personas.refused, personas.admitted = refused, admitted
    personas.anna = admitted.traveller
    return personas
