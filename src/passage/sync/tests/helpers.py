"""Batches and signed requests built by hand, as a post (or an attacker) would send them."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import uuid
from typing import Any

from django.test import Client
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.models import AuditEvent
from passage.sync import signing

PUSH = "/sync/node/push"
PULL = "/sync/node/pull"


def audit_events(first: int, count: int, prev_hash: str = audit.GENESIS) -> list[dict[str, Any]]:
    """A valid stretch of a post's audit chain starting at ``first``."""
    events = []
    at = timezone.now().replace(microsecond=123456)
    for seq in range(first, first + count):
        event = AuditEvent(
            seq=seq,
            at=at + dt.timedelta(seconds=seq),
            actor_id="",
            actor_name="officer",
            request_id="r",
            source_ip="10.0.0.1",
            action="read",
            object_type="travellers.traveller",
            object_id=str(seq),
            object_repr="",
            data="",
            message="",
            prev_hash=prev_hash,
        )
        event.hash = audit.link_hash(prev_hash, event)
        prev_hash = event.hash
        events.append(
            {**audit.event_fields(event), "prev_hash": event.prev_hash, "hash": event.hash}
        )
    return events


def audit_rows(events: list[dict[str, Any]]) -> list[tuple[str, str, str, dict[str, Any]]]:
    return [("audit", "accounts.auditevent", str(e["seq"]), e) for e in events]


def batch(node_id: str, first: int, rows: list[tuple[str, str, str, dict[str, Any]]]) -> bytes:
    doc = {
        "format": 1,
        "node": node_id,
        "first": first,
        "last": first + len(rows) - 1,
        "events": [
            {"seq": first + i, "kind": kind, "model": model, "id": oid, "data": data}
            for i, (kind, model, oid, data) in enumerate(rows)
        ],
    }
    return gzip.compress(json.dumps(doc).encode())


def post(
    client: Client,
    node_id: str,
    key: str,
    body: bytes,
    *,
    path: str = PUSH,
    gzip_encoded: bool = True,
    headers: dict[str, str] | None = None,
    sign_body: bytes | None = None,
    now: float | None = None,
) -> Any:
    """POST a signed request; ``sign_body`` signs other bytes than those sent (tampering)."""
    signed = signing.sign_request(node_id, key, "POST", path, sign_body or body, now=now)
    signed.update(headers or {})
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in signed.items()}
    if gzip_encoded and path == PUSH:
        extra["HTTP_CONTENT_ENCODING"] = "gzip"
    return client.post(path, data=body, content_type="application/json", **extra)


def traveller_rows(
    number: str, *, officer: Any, point_code: str, state: str = "UTO"
) -> tuple[list[tuple[str, str, str, dict[str, Any]]], dict[str, str]]:
    """A post's counter transaction: a new traveller, their document and an entry."""
    tid, did, cid = (str(uuid.uuid4()) for _ in range(3))
    now = timezone.now().isoformat()
    traveller = {
        "action": "create",
        "fields": {
            "id": tid,
            "primary_name": "ERIKSSON",
            "secondary_name": "ANNA",
            "native_primary_name": "",
            "native_secondary_name": "",
            "sex": "F",
            "birth_year": 1974,
            "birth_month": 8,
            "birth_day": 12,
            "nationality_id": state,
            "created_at": now,
            "created_by_id": str(officer.pk),
        },
        "m2m": {},
        "refs": {"created_by_id": {"username": officer.username}},
    }
    document = {
        "action": "create",
        "fields": {
            "id": did,
            "traveller_id": tid,
            "document_type": "passport",
            "document_code": "P",
            "issuing_state_id": state,
            "number": number,
            "expiry_date": "2031-01-01",
            "mrz": "",
            "mrz_format": "TD3",
            "created_at": now,
        },
        "m2m": {},
        "refs": {},
    }
    crossing = {
        "action": "create",
        "fields": {
            "id": cid,
            "direction": "entry",
            "crossing_point_id": str(uuid.uuid4()),
            "at": now,
            "recorded_at": "2026-01-02T03:04:05.678901+00:00",
            "officer_id": str(officer.pk),
            "traveller_id": tid,
            "document_id": did,
            "purpose": "tourism",
            "transport_mode": "",
            "carrier": "",
            "transport_reference": "",
            "decision": "admitted",
            "notes": "",
            "authorised_until": None,
            "closes_id": None,
            "review_reason": "",
            "minimal": False,
            "submission_key": None,
        },
        "m2m": {"refusal_grounds": []},
        "refs": {
            "crossing_point_id": {"code": point_code},
            "officer_id": {"username": officer.username},
        },
    }
    rows = [
        ("object", "travellers.traveller", tid, traveller),
        ("object", "travellers.traveldocument", did, document),
        ("object", "crossings.crossing", cid, crossing),
    ]
    return rows, {"traveller": tid, "document": did, "crossing": cid}
