"""Demo identity data: travellers recorded under several documents and spellings, then
one batch run, so that the supervisors' queue has links to review (issue 20)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from passage.identity.engine.synthetic import population
from passage.identity.services import run_resolution
from passage.reference.models import Country
from passage.travellers.services import Identity, resolve


def load(seed: int = 1, people: int = 60) -> list[str]:
    records, _truth = population(people, seed=seed + 100)
    countries = {c.pk: c for c in Country.objects.all()}
    stored = 0
    with transaction.atomic():
        for record in records:
            identity = _identity(record, countries)
            if identity is not None:
                resolve(None, identity)
                stored += 1
    result = run_resolution()
    run = result.run
    return [
        f"identity: {stored} records of {people} travellers with variants stored; "
        f"{run.proposed} links proposed over {run.records} documents"
    ]


def _identity(record: dict[str, Any], countries: dict[str, Country]) -> Identity | None:
    if record["nationality"] not in countries or record["issuing_state"] not in countries:
        return None
    parts = [int(p) for p in record["birth_date"].split("-")]
    parts += [None] * (3 - len(parts))  # type: ignore[list-item]  # partial dates
    today = dt.date(2026, 1, 1)
    issued = dt.date.fromisoformat(record["valid_from"])
    if issued > today:
        # The generator dates some renewals after the demo's day: not issued yet, so not
        # recorded (a recorded document was issued by then: decision 0164).
        return None
    identity = Identity(
        primary_name=record["surname"],
        secondary_name=record["given_names"],
        sex=record["sex"],
        birth_year=parts[0],
        birth_month=parts[1],
        birth_day=parts[2],
        nationality=record["nationality"],
        issuing_state=record["issuing_state"],
        number=record["document_number"],
        expiry_date=dt.date.fromisoformat(record["valid_until"]),
        issue_date=issued,
        countries=countries,
    )
    try:
        return identity.clean(today)
    except ValueError:
        return None
