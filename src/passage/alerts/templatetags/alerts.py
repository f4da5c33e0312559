"""Alert panels on the counter and secondary-inspection pages (crossings' templates)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from passage.alerts import conf
from passage.alerts.choices import HitStatus
from passage.alerts.models import ScreeningHit, ScreeningResult
from passage.alerts.screening import active_versions

register = template.Library()


@register.inclusion_tag("alerts/partials/active_lists.html")
def active_alert_lists() -> dict[str, Any]:
    """The list versions in force and their age (sync will keep posts' lists fresh)."""
    stale = timezone.now() - dt.timedelta(days=conf.stale_days())
    lists = [
        {
            "name": al.name,
            "number": al.active_version.number,
            "created_at": al.active_version.created_at,
            "stale": al.active_version.created_at < stale,
        }
        for al in active_versions()
        if al.active_version is not None
    ]
    return {"lists": lists}


@register.simple_tag
def screening_of(crossing: Any) -> ScreeningResult | None:
    return ScreeningResult.objects.filter(crossing=crossing).first()


@register.inclusion_tag("alerts/partials/inspection_hits.html", takes_context=True)
def inspection_hits(context: Any, crossing: Any) -> dict[str, Any]:
    hits = list(
        ScreeningHit.objects.filter(crossing=crossing)
        .exclude(status=HitStatus.SUPPRESSED)
        .select_related("entry__alert_list")
    )
    user = context["request"].user
    return {
        "hits": hits,
        "pending": any(h.status == HitStatus.PENDING for h in hits),
        "can_review": user.has_perm("alerts.review_hit"),
    }
