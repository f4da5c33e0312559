"""Work done at a post process in the multi-process tests (run through `passage shell -c`).

Records crossings through the counter's service, as officers do, so that the outbox is
filled by the real audit hook. ``shared`` travellers carry document numbers that every
post uses, so that HQ has to link them rather than duplicate them.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from passage.accounts.models import User
from passage.core.problems import ProblemError
from passage.crossings import services
from passage.crossings.choices import Decision, Direction
from passage.reference.models import BorderCrossingPoint
from passage.travellers.services import Identity

NAMES = ["ERIKSSON", "HAILE", "PETROVIC", "OKAFOR", "SARGSYAN", "MEKONNEN", "FERNANDEZ"]


def identity(number: str, rng: random.Random) -> Identity:
    return Identity(
        primary_name=rng.choice(NAMES),
        secondary_name="ANNA",
        sex="F",
        birth_year=1970 + rng.randrange(30),
        birth_month=1 + rng.randrange(12),
        birth_day=1 + rng.randrange(28),
        nationality="UTO",
        issuing_state="UTO",
        number=number,
        expiry_date=timezone.localdate() + dt.timedelta(days=900),
    )


def record(count: int, seed: int, prefix: str, shared: int = 5, point: str = "UTO-AIR") -> int:
    """Record ``count`` crossings; returns how many were recorded."""
    rng = random.Random(seed)
    officer = User.objects.get(username="officer")
    post = BorderCrossingPoint.objects.get(code=point)
    done = 0
    for i in range(count):
        number = (
            f"S{rng.randrange(shared):07d}" if rng.random() < 0.3 else f"{prefix}{seed:03d}{i:05d}"
        )
        data = services.CrossingInput(
            direction=Direction.ENTRY if rng.random() < 0.6 else Direction.EXIT,
            identity=identity(number, rng),
            decision=Decision.ADMITTED,
            at=timezone.now() - dt.timedelta(minutes=rng.randrange(600)),
        )
        try:
            services.record_crossing(officer, post, data)
        except ProblemError:
            continue  # e.g. an exit before the open entry: not this test's concern
        done += 1
    return done
