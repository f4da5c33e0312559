"""Shared pieces of the counter's tests: documents and the counter form."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone

from passage.core.mrz import make_mrz


def passport(
    number: str = "K4455667", surname: str = "OKAFOR", given: str = "AMARA", **kw: Any
) -> str:
    fields = {
        "surname": surname,
        "given_names": given,
        "document_number": number,
        "issuing_state": "NGA",
        "birth_date": dt.date(1988, 6, 1),
        "sex": "F",
        "expiry_date": timezone.localdate() + dt.timedelta(days=900),
    }
    fields.update(kw)
    return make_mrz("TD3", **fields)


def broken(mrz: str) -> str:
    """The MRZ with its composite check digit (the last character) wrong."""
    last = mrz[-1]
    return mrz[:-1] + ("1" if last != "1" else "2")


def counter_post(client: Any, mrz: str, action: str = "", **fields: Any) -> Any:
    action = action or ("exit" if fields.get("direction") == "exit" else "admit")
    data = {
        "mrz": mrz,
        "direction": "entry",
        "purpose": "tourism",
        "submission_key": str(uuid.uuid4()),
        "action": action,
    }
    data.update(fields)
    return client.post("/posts/TST-AIR/counter/", data)
