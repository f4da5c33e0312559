"""The refusal notice: who decided, on what grounds, and how to appeal, in two languages.

Modelled on the Schengen standard form for refusal of entry (Regulation (EU) 2016/399,
Annex V Part B). The authority and the appeal route are settings, so that each country
states its own; the defaults say what a notice must say without naming a real body.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from .choices import Decision, InspectionStatus
from .models import Crossing, SecondaryInspection

LANGUAGES = ("en", "fr", "es", "ar")


def reference_number(crossing: Crossing) -> str:
    """A notice's reference: the post, the day, and the tail of the crossing's UUIDv7
    (its random part), so the same crossing always prints the same number.

    >>> import uuid
    >>> from types import SimpleNamespace
    >>> c = SimpleNamespace(pk=uuid.UUID("0193f1c2-aaaa-7bbb-8ccc-0123456789ab"),
    ...     crossing_point=SimpleNamespace(code="UTO-AIR"),
    ...     at=dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.timezone.utc))
    >>> reference_number(c)
    'UTO-AIR-20261202-456789AB'
    """
    day = timezone.localtime(crossing.at) if timezone.is_aware(crossing.at) else crossing.at
    return f"{crossing.crossing_point.code}-{day:%Y%m%d}-{crossing.pk.hex[-8:].upper()}"


def notice_context(crossing: Crossing, officer_language: str, second: str) -> dict[str, Any]:
    """Everything the notice prints. ``second`` is the traveller's language (EN/FR/ES/AR),
    printed after the officer's; the same or an unknown one prints the notice once."""
    inspection = (
        SecondaryInspection.objects.select_related("decided_by").filter(crossing=crossing).first()
    )
    after_inspection = (
        crossing.decision == Decision.SECONDARY
        and inspection is not None
        and inspection.status == InspectionStatus.DECIDED
    )
    if after_inspection:
        assert inspection is not None
        decided_by, decided_at = inspection.decided_by, inspection.decided_at
        grounds = list(inspection.outcome_grounds.all())
    else:
        decided_by, decided_at = crossing.officer, crossing.at
        grounds = list(crossing.refusal_grounds.all())
    decided_on = timezone.localdate(decided_at or crossing.at)
    days = int(settings.PASSAGE_APPEAL_DAYS)
    officer_language = (officer_language or "en").split("-")[0]
    languages = [officer_language]
    if second in LANGUAGES and second != officer_language:
        languages.append(second)
    return {
        "crossing": crossing,
        "inspection": inspection if after_inspection else None,
        "decided_by": decided_by,
        "decided_at": decided_at,
        "grounds": grounds,
        "reference": reference_number(crossing),
        "authority": settings.PASSAGE_AUTHORITY_NAME,
        "appeal_body": settings.PASSAGE_APPEAL_BODY,
        "appeal_address": settings.PASSAGE_APPEAL_ADDRESS,
        "appeal_days": days,
        "appeal_by": decided_on + dt.timedelta(days=days),
        "versions": [(code, translation.get_language_info(code)["bidi"]) for code in languages],
        "second": second if len(languages) > 1 else "",
        "choices": [
            (code, translation.get_language_info(code)["name_local"]) for code in LANGUAGES
        ],
    }
