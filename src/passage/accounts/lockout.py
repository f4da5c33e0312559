"""Which sign-in attempts django-axes counts together (decision 0044).

A username at an address is locked after ``AXES_FAILURE_LIMIT`` failures (5), as
before. An address is locked on its own once its failures for all usernames together
reach ``PASSAGE_LOGIN_ADDRESS_FAILURE_LIMIT`` (20) within the cool-off: password
spraying, one guess for each of many usernames, never locked a username. The address
limit is higher than the username's because a post's officers often share one address.
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

USER_AT_ADDRESS: list[Any] = [["username", "ip_address"]]


def lockout_parameters(request_or_attempt: Any, credentials: Any = None) -> list[Any]:
    address = getattr(request_or_attempt, "axes_ip_address", None) or getattr(
        request_or_attempt, "ip_address", None
    )
    if not address:
        return USER_AT_ADDRESS
    attempts = AccessAttempt.objects.filter(ip_address=address)
    cool_off = get_cool_off(request_or_attempt)
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
    if failures >= settings.PASSAGE_LOGIN_ADDRESS_FAILURE_LIMIT:
        return [*USER_AT_ADDRESS, "ip_address"]
    return USER_AT_ADDRESS
