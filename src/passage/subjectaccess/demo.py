"""Demo requests for the DPO's page: one answered in time, one open, one overdue, one
about a person Passage does not hold. Made through the services, so they are audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from passage.travellers.models import TravelDocument

from . import services


def load(users: dict[str, Any]) -> str:
    dpo = users["dpo"]
    today = timezone.localdate()
    documents = list(
        TravelDocument.objects.exclude(number="")
        .exclude(issuing_state=None)
        .order_by("created_at")[:3]
    )
    made = 0
    for n, document in enumerate(documents):
        lookup = services.Lookup(document=f"{document.issuing_state_id}:{document.number}")
        received = today - dt.timedelta(days=(50, 10, 2)[n])
        request = services.receive_request(
            dpo, "access", lookup, received_on=received, requester="letter (demo)"
        )
        made += 1
        if n == 1:
            services.decide_request(dpo, request, "granted", "identity checked (demo)")
            services.answer_request(dpo, request, today)
    services.receive_request(
        dpo,
        "access",
        services.Lookup(surname="NOBODY", birth_date="1970-01-01"),
        received_on=today - dt.timedelta(days=5),
        requester="e-mail (demo)",
    )
    return f"data-subject requests: {made + 1} (one overdue, one about nobody held)"
