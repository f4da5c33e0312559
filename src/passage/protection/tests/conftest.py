from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone

from passage.core.mrz import make_mrz


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
