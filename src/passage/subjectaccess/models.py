"""Requests of the people in Passage's records about their own data (GDPR Art. 15-17).

A request is received (from a person identified by document, or by name and birth date),
decided with a reason and answered; its legal deadline is one month after receipt. A
request whose person Passage does not hold is kept too, answered "no such person".
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from uuid_utils.compat import uuid7

from passage.core.deadlines import months_after

from .choices import Outcome, RequestKind, RequestStatus


class SubjectRequest(models.Model):
    """One request of a data subject: access, rectification or erasure."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=RequestKind.choices)
    # How the person was asked for: {"document": "STATE:NUMBER"} or
    # {"surname", "given_names", "birth_date"}. Kept so the answer can say whom it covers.
    lookup = models.JSONField(default=dict)
    traveller = models.ForeignKey(
        "travellers.Traveller",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="the person found; empty when Passage holds nobody by that description",
    )
    requester = models.CharField(_("requested by"), max_length=200, blank=True)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("answer due by"))
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    # Rectification: {field: new value} asked for; what was changed is in the amendments
    # and the audit events the decision wrote.
    changes = models.JSONField(default=dict, blank=True)
    details = models.TextField(_("what the person asks"), blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_on = models.DateField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["status", "due_on"], name="subject_request_queue")]
        permissions = [
            (
                "handle_subject_requests",
                "Handle data-subject requests and assemble a person's file",
            ),
            (
                "release_protection_records",
                "Release a person's protection records into their own file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on:%Y-%m-%d}"

    @staticmethod
    def deadline(received_on: dt.date) -> dt.date:
        return months_after(received_on, 1)

    @property
    def overdue(self) -> bool:
        """Not answered and past the day it was due (GDPR Art. 12(3))."""
        return self.status != RequestStatus.ANSWERED and timezone.localdate() > self.due_on

    @property
    def answered_in_time(self) -> bool | None:
        if self.answered_on is None:
            return None
        return self.answered_on <= self.due_on


class ProtectionRelease(models.Model):
    """A protection officer's release of a person's protection records into the file
    answering one access request. Without it the file says such records exist and are
    withheld pending release (decision 0126)."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    request = models.OneToOneField(
        SubjectRequest, on_delete=models.CASCADE, related_name="protection_release"
    )
    released = models.BooleanField(help_text="false: the officer withheld them, with a reason")
    note = models.TextField(_("note"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Protection release for {self.request_id}"
