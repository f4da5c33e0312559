from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from uuid_utils.compat import uuid7

from passage.accounts.access import Action, holds_nationally
from passage.common.ordering import ranked

from .choices import Decision, LinkColour, LinkState

REVIEW_ORDER = (LinkColour.RED, LinkColour.YELLOW, LinkColour.WHITE)


class LinkQuerySet(models.QuerySet["Link"]):
    def restrict(self, user: Any, action: Action = "view") -> LinkQuerySet:
        """Links join documents recorded at any post: supervisors who review them with
        national scope see all, anyone else none (the rule sync conflicts follow too)."""
        if holds_nationally(user, "identity.review_link"):
            return self
        return self.none()

    def confirmed(self) -> LinkQuerySet:
        """Links a supervisor decided are one person: the only ones with effects."""
        return self.filter(state=LinkState.DECIDED, decision=Decision.SAME)

    def review_order(self) -> LinkQuerySet:
        """Possible fraud (red) first, then those to verify (yellow), then probably one
        person (white); the heaviest first within a colour. The database orders them, so
        a page or a limit never leaves a red link behind lighter ones (decision 0223)."""
        return self.order_by(ranked("colour", REVIEW_ORDER), "-weight", "pk")


class Link(models.Model):
    """A proposed or decided link between two travel documents (records) of one person.

    Nothing is merged: a person is the set of documents joined by confirmed links (and
    the documents of one traveller). ``left`` sorts before ``right`` by id, so a pair has
    one row. ``fingerprint_*`` are digests of what the model compared when it proposed
    the link: a decided pair is proposed again only when one of them changes.
    ``version`` grows with every change; a decision names the version it was made on.
    """

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    left = models.ForeignKey(
        "travellers.TravelDocument", on_delete=models.CASCADE, related_name="+"
    )
    right = models.ForeignKey(
        "travellers.TravelDocument", on_delete=models.CASCADE, related_name="+"
    )
    colour = models.CharField(_("colour"), max_length=8, choices=LinkColour.choices)
    proposed_colour = models.CharField(max_length=8, choices=LinkColour.choices)
    weight = models.FloatField(_("match weight"))
    reason = models.CharField(max_length=120, blank=True)
    # {"name": {"level": "exact", "weight": 11.7}, ...}
    fields = models.JSONField(default=dict)
    fingerprint_left = models.CharField(max_length=64)
    fingerprint_right = models.CharField(max_length=64)
    state = models.CharField(
        _("state"), max_length=10, choices=LinkState.choices, default=LinkState.PROPOSED
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    proposed_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["left", "right"], name="identity_link_one_per_pair"),
            models.CheckConstraint(
                condition=Q(left__lt=models.F("right")), name="identity_link_ordered"
            ),
        ]
        indexes = [models.Index(fields=["state", "colour"], name="identity_link_queue")]
        permissions = [("review_link", "Review identity links")]

    def __str__(self) -> str:
        return f"{self.get_colour_display()} link {self.pk}"


class ResolutionRun(models.Model):
    """One run of the batch job: its bookmark for the incremental run and its counts."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    incremental = models.BooleanField(default=False)
    # Documents created up to this moment were looked at (the next increment starts here).
    bookmark = models.DateTimeField()
    records = models.PositiveIntegerField(default=0)
    proposed = models.PositiveIntegerField(default=0)
    reopened = models.PositiveIntegerField(default=0)
    kept = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"identity run {self.started_at:%Y-%m-%d %H:%M}"
