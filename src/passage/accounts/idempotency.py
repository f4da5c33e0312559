"""Repeated submissions (``Idempotency-Key``, a form's hidden key): one rule for every app.

A key belongs to the officer who first used it, at the post where they used it, for the
payload they sent (decision 0040). A retry inside that scope gets the first record back,
as an audited read; a key seen anywhere else, or with a different payload, is refused
with :class:`KeyReused` and shows nothing of the record it names.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from django.db import models

from . import audit
from .choices import AuditAction
from .models import AuditEvent, User


class KeyReused(ValueError):
    """A submission key already used for another submission, post or officer (409)."""

    def __init__(self, key: uuid.UUID) -> None:
        self.key = key
        super().__init__(
            f"Idempotency-Key {key} was already used for a different submission: "
            "send a new key for a new record"
        )


def digest(values: dict[str, Any]) -> str:
    """A fingerprint of a submission's payload, to tell a retry from a reused key."""
    return hashlib.sha256(audit.dumps(values).encode()).hexdigest()


def repeat(
    actor: User | None, obj: models.Model, key: uuid.UUID, *, in_scope: bool, sent: str
) -> dict[str, Any]:
    """Check that a repeat of ``key`` may return ``obj``; audit the read; give back the
    data of the event that created it (its ``after`` and ``details``).

    ``in_scope`` says the first record was made by ``actor`` at the post the caller
    (who has already checked ``actor`` may act there) is submitting to. The fingerprint of the first
    submission is kept in its creation event's ``details["submission"]``; records made
    before it was kept have none and are compared by scope only.
    """
    if not in_scope:
        raise KeyReused(key)
    event = (
        AuditEvent.objects.filter(
            object_type=obj._meta.label_lower, object_id=str(obj.pk), action=AuditAction.CREATE
        )
        .order_by("seq")
        .first()
    )
    data: dict[str, Any] = json.loads(event.data) if event and event.data else {}
    first = data.get("details", {}).get("submission")
    if first is not None and first != sent:
        raise KeyReused(key)
    audit.record_read(actor, obj, message="repeated submission: the first record returned")
    return data
