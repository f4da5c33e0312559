"""Who reaches data-subject requests: the data-protection officer, all of them (the role
has national scope); a protection officer, access requests awaiting their release."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from passage.accounts.access import reach
from passage.accounts.models import User

from .choices import RequestKind
from .models import SubjectRequest

HANDLE = "subjectaccess.handle_subject_requests"
RELEASE = "subjectaccess.release_protection_records"


def requests_for(user: User | AnonymousUser) -> QuerySet[SubjectRequest]:
    """The requests ``user`` may see: all for the DPO, access requests about a person
    held for a protection officer, none for anyone else."""
    if user.has_perm(HANDLE):
        return SubjectRequest.objects.all()
    if user.has_perm(RELEASE):
        return SubjectRequest.objects.filter(kind=RequestKind.ACCESS, traveller__isnull=False)
    return SubjectRequest.objects.none()


def access_request(user: User | AnonymousUser, pk: Any) -> SubjectRequest:
    """One request, or the same ``NotFound`` whether it is missing or not the user's."""
    return reach(requests_for(user).select_related("traveller"), pk, "request")
