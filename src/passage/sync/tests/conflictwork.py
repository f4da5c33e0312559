"""Work done at HQ and at posts in the conflict drill (run through `passage shell -c`).

Officers record and correct through the services, as the pages and the counter do, so
that the outbox is filled by the real audit hook and HQ merges what really arrives.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from passage.accounts.models import User
from passage.crossings import services
from passage.crossings.choices import Decision, Direction
from passage.reference.models import BorderCrossingPoint
from passage.travellers import corrections
from passage.travellers.models import CorrectionConflict, TravelDocument
from passage.travellers.services import Identity


def record(number: str, point: str = "UTO-AIR") -> None:
    """An entry of ERIKSSON ANNA (F, 1974-08-12) with passport UTO ``number``."""
    identity = Identity(
        primary_name="ERIKSSON",
        secondary_name="ANNA",
        sex="F",
        birth_year=1974,
        birth_month=8,
        birth_day=12,
        nationality="UTO",
        issuing_state="UTO",
        number=number,
        expiry_date=timezone.localdate() + dt.timedelta(days=900),
    )
    services.record_crossing(
        User.objects.get(username="officer"),
        BorderCrossingPoint.objects.get(code=point),
        services.CrossingInput(
            direction=Direction.ENTRY, identity=identity, decision=Decision.ADMITTED
        ),
    )


def _actor() -> User:
    return User.objects.filter(groups__name="Supervisor").order_by(
        "username"
    ).first() or User.objects.get(username="officer")


def correct(number: str, **changes: Any) -> None:
    """Correct the traveller holding passport UTO ``number`` as seen now (its version)."""
    traveller = TravelDocument.objects.select_related("traveller").get(number=number).traveller
    corrections.correct(
        _actor(), traveller.pk, changes, version=traveller.version, reason="conflict drill"
    )


def resolve(choice: str) -> None:
    for conflict in CorrectionConflict.objects.filter(status="open"):
        corrections.resolve(_actor(), conflict.pk, choice, "checked against the passport")
