"""Who may reach the oversight app's records: the data-protection officer alone."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from passage.accounts.access import reach
from passage.accounts.models import User

from .models import AccessReview

REVIEW_PERMISSION = "oversight.review_access"


def reviews_for(user: User) -> QuerySet[AccessReview]:
    if not user.is_active or not user.has_perm(REVIEW_PERMISSION):
        return AccessReview.objects.none()
    return AccessReview.objects.all()


def access_review(user: User, pk: Any) -> AccessReview:
    """A signed review, or ``NotFound`` alike when missing or not the user's to read."""
    return reach(reviews_for(user).select_related("subject", "signed_by"), pk, "access review")


def access_reviewed_user(user: User, pk: Any) -> User:
    """A user whose reads ``user`` may review: anyone, for the data-protection officer."""
    allowed = (
        User.objects.all()
        if user.is_active and user.has_perm(REVIEW_PERMISSION)
        else User.objects.none()
    )
    return reach(allowed, pk, "user")
