from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from django.utils import timezone

from passage.alerts import indexes, services
from passage.alerts.models import AlertList
from passage.core.mrz import make_mrz

TODAY = timezone.localdate()
SECRET_REASON = "Wanted for questioning in case 77/2026 (synthetic)"


@pytest.fixture(autouse=True)
def alert_files(settings: Any, tmp_path: Any) -> Any:
    """Index files of each test in their own directory; no index mapped from another test."""
    settings.VAR_DIR = tmp_path
    indexes._loaded.clear()
    yield tmp_path
    indexes._loaded.clear()


def make_list(name: str, kind: str = "persons", action: str = "notify") -> AlertList:
    return services.create_list(None, AlertList(name=name, kind=kind, default_action=action))


def import_lines(alert_list: AlertList, rows: list[dict[str, Any]], **kw: Any) -> Any:
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
    version, _ = services.import_entries(None, alert_list, "jsonl", data, **kw)
    return version


@pytest.fixture
def wanted(reference_data: None) -> AlertList:
    alert_list = make_list("National wanted persons")
    import_lines(
        alert_list,
        [
            {
                "reference": "W-1",
                "names": ["Anna Maria Eriksson", "Анна Мария Эрикссон"],
                "birth_dates": ["1974-08-12"],
                "nationalities": ["UTO"],
                "reason": SECRET_REASON,
            },
            {"reference": "W-2", "names": ["Boris Nemo"], "birth_dates": ["1950"]},
        ],
    )
    return alert_list


@pytest.fixture
def stolen(reference_data: None) -> AlertList:
    alert_list = make_list("Lost and stolen documents", kind="documents", action="refuse")
    import_lines(
        alert_list,
        [
            {
                "reference": "S-1",
                "issuing_state": "UTO",
                "document_number": "X1234567",
                "status": "stolen",
            },
        ],
    )
    return alert_list


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
        "expiry_date": TODAY + dt.timedelta(days=900),
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
