from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.utils import timezone

from passage.core.mrz import make_mrz
from passage.protection.models import ServiceProvider
from passage.protection.services import load_reference
from passage.reference.services import load_refusal_grounds


@pytest.fixture
def protection(personas: Any) -> Any:
    """Reference data and two providers: child protection everywhere, asylum help."""
    load_refusal_grounds(None)
    load_reference(None)
    child = ServiceProvider.objects.create(organisation="Child Protection Unit", languages="en,fr")
    child.services.set(["child_protection", "family_tracing"])
    legal = ServiceProvider.objects.create(organisation="Legal Aid Clinic", languages="en,ar")
    legal.services.set(["asylum", "legal_aid"])
    personas.child_provider = child
    personas.legal_provider = legal
    return personas


def passport(number: str = "L898902C3", surname: str = "ERIKSSON", **kw: Any) -> str:
    fields = {
        "surname": surname,
        "given_names": "ANNA",
        "document_number": number,
        "issuing_state": "UTO",
        "birth_date": dt.date(2012, 8, 12),
        "sex": "F",
        "expiry_date": timezone.localdate() + dt.timedelta(days=900),
    }
    fields.update(kw)
    return make_mrz("TD3", **fields)


def counter_post(client: Any, mrz: str, action: str, **fields: Any) -> Any:
    data = {
        "mrz": mrz,
        "direction": "entry",
        "purpose": "humanitarian",
        "submission_key": str(uuid.uuid4()),
        "action": action,
    }
    data.update(fields)
    return client.post("/posts/TST-AIR/counter/", data)
