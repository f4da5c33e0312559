"""Counter additions: the indicator checkboxes and the "protection open" marker.

The marker says only that a flag or referral is open, never why: border officers and
supervisors may know that much (it explains why a refusal is blocked).
"""

from __future__ import annotations

from typing import Any

from django import template

from passage.protection.access import has_open_protection
from passage.protection.choices import IndicatorCategory
from passage.protection.models import Indicator

register = template.Library()


@register.inclusion_tag("protection/partials/counter_indicators.html", takes_context=True)
def counter_indicators(context: dict[str, Any], point: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    allowed = bool(user and user.has_perm("protection.flag_vulnerability"))
    ticked = set(request.POST.getlist("protection_indicators")) if request is not None else set()
    groups: list[tuple[str, list[Indicator]]] = []
    if allowed:
        indicators = list(Indicator.objects.filter(active=True))
        for category, label in IndicatorCategory.choices:
            members = [i for i in indicators if i.category == category]
            if members:
                groups.append((str(label), members))
    return {
        "allowed": allowed,
        "groups": groups,
        "ticked": ticked,
        "point": point,
        "note": request.POST.get("protection_note", "") if request is not None else "",
    }


@register.inclusion_tag("protection/partials/counter_status.html")
def protection_status(traveller: Any) -> dict[str, Any]:
    pk = getattr(traveller, "pk", None)  # the counter before anyone is recognised: ""
    return {"open": pk is not None and has_open_protection(pk)}
