"""What each role's home page shows: the work waiting for the person signed in.

Counts only (no names): a home page is glanced at, often on a shared screen. Each list
is read through its app's own access queryset, so nobody is shown a count of records
they could not open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from passage.accounts.models import User
from passage.alerts.choices import HitStatus
from passage.alerts.models import ScreeningHit
from passage.crossings.choices import InspectionStatus
from passage.crossings.models import Crossing, SecondaryInspection
from passage.protection.choices import OPEN_REFERRAL, AssessmentStatus
from passage.protection.models import Assessment, Referral
from passage.reference.models import BorderCrossingPoint
from passage.stay.choices import OverstayStatus
from passage.stay.models import OverstayCase

POSTS_SHOWN = 12
# The counter's document-override review queue (issue #15) is added by the counter work;
# the supervisor's home links it as soon as this URL exists.
OVERRIDE_QUEUE = "crossings:override_queue"


@dataclass
class PostWork:
    point: Any
    crossings_today: int = 0
    waiting_secondary: int = 0


@dataclass
class Home:
    posts: list[PostWork] = field(default_factory=list)
    more_posts: int = 0
    hits_pending: int | None = None
    overstays_open: int | None = None
    override_queue_url: str | None = None
    flags_open: int | None = None
    referrals_open: int | None = None


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def home_for(user: User | AnonymousUser) -> Home:
    home = Home()
    points = BorderCrossingPoint.objects.restrict(user)
    counter = user.has_perm("crossings.record_crossing")
    supervise = user.has_perm("crossings.decide_secondary")
    if counter or supervise:
        shown = list(points.order_by("code")[:POSTS_SHOWN])
        home.more_posts = max(0, points.count() - len(shown))
        today = timezone.localdate()
        crossed = dict(
            Crossing.objects.filter(crossing_point__in=shown, at__date=today)
            .values_list("crossing_point")
            .annotate(n=Count("pk"))
        )
        waiting = dict(
            SecondaryInspection.objects.filter(
                crossing__crossing_point__in=shown, status=InspectionStatus.OPEN
            )
            .values_list("crossing__crossing_point")
            .annotate(n=Count("pk"))
        )
        home.posts = [PostWork(p, crossed.get(p.pk, 0), waiting.get(p.pk, 0)) for p in shown]
    if user.has_perm("alerts.review_hit"):
        home.hits_pending = (
            ScreeningHit.objects.restrict(user).filter(status=HitStatus.PENDING).count()
        )
    if user.has_perm("stay.review_overstay"):
        home.overstays_open = (
            OverstayCase.objects.restrict(user).filter(status=OverstayStatus.OPEN).count()
        )
    if supervise:
        home.override_queue_url = _url(OVERRIDE_QUEUE)
    if user.has_perm("protection.view_protection"):
        home.flags_open = (
            Assessment.objects.restrict(user).filter(status=AssessmentStatus.OPEN).count()
        )
        home.referrals_open = (
            Referral.objects.restrict(user).filter(status__in=OPEN_REFERRAL).count()
        )
    return home


__all__ = ["Home", "PostWork", "home_for"]
