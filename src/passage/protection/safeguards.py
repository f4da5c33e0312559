"""Protection before convenience: no refusal of entry while protection is open.

A refusal cannot be finalised while the traveller has an open protection flag or an
open referral (in progress or accepted), unless a protection officer has closed it.
Indicators flagged in the same submission count as an open flag. Each blocked attempt
is audited in its own transaction, so it stays on record although nothing is stored.

The counter runs :func:`check_refusal` before recording a refusal and
:func:`check_inspection_refusal` before a supervisor refuses after secondary inspection:
``ProtectionConfig.ready`` registers both with ``crossings.checks``.
"""

from __future__ import annotations

from typing import Any

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import User
from passage.core.problems import ProblemError
from passage.travellers.models import TravelDocument

from .access import has_open_protection

MESSAGE = (
    "This person has an open protection flag or referral: a refusal of entry cannot be "
    "finalised until a protection officer closes it. Admit, or send to secondary "
    "inspection and call the protection officer."
)


def _block(actor: User | None, traveller_id: Any, point_code: str, reason: str) -> None:
    audit.record_now(
        actor,
        AuditAction.REFUSAL_BLOCKED,
        object_type="travellers.traveller",
        object_id=str(traveller_id or ""),
        details={"crossing_point": point_code, "reason": reason},
        message="refusal of entry blocked: protection open",
    )
    raise ProblemError({"decision": MESSAGE})


def _traveller_id(data: Any) -> Any:
    if data.traveller_id:
        return data.traveller_id
    identity = data.identity
    number = (identity.number or "").upper().replace(" ", "").replace("<", "")
    state = (identity.issuing_state or "").upper().rstrip("<")
    if not number or not state:
        return None
    return (
        TravelDocument.objects.filter(issuing_state_id=state, number=number)
        .values_list("traveller_id", flat=True)
        .first()
    )


def check_refusal(actor: User | None, point: Any, data: Any) -> None:
    """Raise ``ProblemError`` (audited) if the refusal in ``data`` must not be recorded."""
    traveller_id = _traveller_id(data)
    if getattr(data, "protection_indicators", None):
        _block(actor, traveller_id, point.code, "indicators flagged with the refusal")
    if has_open_protection(traveller_id):
        _block(actor, traveller_id, point.code, "open protection flag or referral")


def check_inspection_refusal(actor: User | None, inspection: Any) -> None:
    crossing = inspection.crossing
    if has_open_protection(crossing.traveller_id):
        _block(
            actor,
            crossing.traveller_id,
            crossing.crossing_point.code,
            "open protection flag or referral (after secondary inspection)",
        )
