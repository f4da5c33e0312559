"""Helpers for tests that need alert lists: make and fill lists, a passport MRZ, a counter post."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from django.utils import timezone

from passage.alerts import services
from passage.alerts.models import AlertList
from passage.core.mrz import make_mrz


def _today() -> dt.date:
    """Today, read when a test runs: a date read at import is a day behind the app's when
    the suite runs across midnight."""
    return timezone.localdate()


SECRET_REASON = "Wanted for questioning in case 77/2026 (synthetic)"


def make_list(name: str, kind: str = "persons", action: str = "notify") -> AlertList:
    return services.create_list(None, AlertList(name=name, kind=kind, default_action=action))


def import_lines(alert_list: AlertList, rows: list[dict[str, Any]], **kw: Any) -> Any:
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
    version, _ = services.import_entries(None, alert_list, "jsonl", data, **kw)
    return version


def passport(
    number: str = "L898902C3", surname: str = "ERIKSSON", given: str = "ANNA MARIA", **kw: Any
) -> str:
    fields = {
        "surname": surname,
        "given_names": given,
        "document_number": number,
        "issuing_state": "UTO",
        "birth_date": dt.date(1974, 8, 12),
        "sex": "F",
        "expiry_date": _today() + dt.timedelta(days=900),
    }
    fields.update(kw)
    return make_mrz("TD3", **fields)


def post(client: Any, mrz: str, action: str = "", **fields: Any) -> Any:
    # An exit has its own button ("Record exit"); Admit is for entries.
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
