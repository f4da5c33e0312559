from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from passage.accounts.roles import Role
from passage.accounts.services import create_user
from passage.displacement import demo
from passage.displacement.models import FlowMonitoringPoint

PASSWORD = "correct horse battery staple"


@dataclass
class Field:
    enumerator: Any  # FMP-FORD, FMP-MARSH, FMP-BRIDGE (Eastern Lakes)
    enumerator2: Any  # FMP-RIDGE, FMP-BUS
    analyst: Any
    day: dt.date


@pytest.fixture
def field(personas: Any) -> Field:
    demo.load_reference(None)
    users = {
        name: create_user(None, name, password=PASSWORD, roles=[Role.FIELD_ENUMERATOR])
        for name in demo.ENUMERATORS
    }
    for name, codes in demo.ENUMERATORS.items():
        for code in codes:
            FlowMonitoringPoint.objects.get(pk=code).enumerators.add(users[name])
    return Field(users["enumerator"], users["enumerator2"], personas.analyst, dt.date(2026, 11, 2))


def count_row(**changes: Any) -> dict[str, str]:
    row = {
        "form_version": demo.VERSION,
        "point": "FMP-FORD",
        "day": "2026-11-02",
        "direction": "out",
        "transport": "foot",
        "origin": "UT0401",
        "destination": "UT0202",
        "girls": "3",
        "boys": "2",
        "women": "4",
        "men": "3",
        "elderly_women": "1",
        "elderly_men": "1",
        "total": "14",
        "unaccompanied_children": "1",
        "pregnant_women": "1",
        "elderly_alone": "0",
        "disabled": "0",
    }
    row.update({k: str(v) for k, v in changes.items()})
    return row


def survey_row(**changes: Any) -> dict[str, str]:
    row = {
        "form_version": demo.VERSION,
        "point": "FMP-FORD",
        "day": "2026-11-02",
        "consent": "yes",
        "sex": "F",
        "age_band": "18-59",
        "nationality": "UTO",
        "origin": "UT0401",
        "destination": "UT0202",
        "reasons": "conflict family",
        "intention": "stay",
        "needs": "food water",
        "remarks": "",
    }
    row.update({k: str(v) for k, v in changes.items()})
    return row
