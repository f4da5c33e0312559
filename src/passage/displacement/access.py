"""Who may reach displacement records: enumerators at the points assigned to them (and
the level-1 admin areas holding those points), national scope everywhere.

A record missing and a record out of reach answer the same ``NotFound``, so nobody
learns by guessing that a record exists.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser

from passage.accounts.access import Action, NotFound, acts_everywhere, reach
from passage.accounts.models import User
from passage.reference.models import AdminArea

from .models import FlowCount, FlowMonitoringPoint, FlowSurvey, Site, area_prefixes


def access_point(
    user: User | AnonymousUser, code: str, action: Action = "view"
) -> FlowMonitoringPoint:
    """The flow monitoring point ``code`` if it is one of the user's."""
    found = FlowMonitoringPoint.objects.restrict(user, action).select_related("admin_area")
    return reach(found, str(code).upper(), "flow monitoring point")


def access_count(user: User | AnonymousUser, pk: Any, action: Action = "view") -> FlowCount:
    found = FlowCount.objects.restrict(user, action).select_related("point")
    return reach(found, pk, "flow count")


def access_survey(user: User | AnonymousUser, pk: Any, action: Action = "view") -> FlowSurvey:
    found = FlowSurvey.objects.restrict(user, action).select_related("point")
    return reach(found, pk, "survey")


def in_area_scope(user: User | AnonymousUser, pcode: str) -> bool:
    """Whether ``user`` may assess the admin area ``pcode``."""
    if not user.is_authenticated or not user.is_active:
        return False
    return acts_everywhere(user) or any(pcode.startswith(p) for p in area_prefixes(user))


def access_area(user: User | AnonymousUser, pcode: str) -> AdminArea:
    area = AdminArea.objects.filter(pk=str(pcode).upper()).first()
    if area is None or not in_area_scope(user, area.pcode):
        raise NotFound("No such admin area.")
    return area


def access_site(user: User | AnonymousUser, code: str) -> Site:
    """A site in one of the user's areas (any with national scope)."""
    site = Site.objects.filter(pk=str(code).upper()).first()
    if site is None or not in_area_scope(user, site.admin_area_id):
        raise NotFound("No such site.")
    return site
