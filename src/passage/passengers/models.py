"""Advance passenger information: a flight's passenger or crew list and its persons.

A list is kept per crossing point, kind, flight and departure day; a resent list
replaces the persons of the earlier one (``services.ingest``). Each person carries the
result of screening and of the stay calculator, worked out when the list arrived.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from uuid_utils.compat import uuid7

from passage.reference.access import PostScopedQuerySet
from passage.reference.models import BorderCrossingPoint

from .choices import Channel, HitReview, ListKind, StayPosition


class PassengerListQuerySet(PostScopedQuerySet["PassengerList"]):
    point = "crossing_point"


class PassengerList(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    crossing_point = models.ForeignKey(
        BorderCrossingPoint, on_delete=models.PROTECT, related_name="passenger_lists"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ListKind.choices)
    flight_number = models.CharField(_("flight"), max_length=17)
    carrier = models.CharField(_("carrier"), max_length=17, blank=True)
    departure_port = models.CharField(_("from"), max_length=5)
    arrival_port = models.CharField(_("to"), max_length=5)
    flight_date = models.DateField(_("departure day"))
    # As sent: the carrier's local times at each airport.
    scheduled_departure = models.DateTimeField(_("scheduled departure"), null=True)
    scheduled_arrival = models.DateTimeField(_("scheduled arrival"), null=True)
    interchange_reference = models.CharField(max_length=35)
    sender = models.CharField(max_length=70)
    message_reference = models.CharField(max_length=35)
    directory = models.CharField(max_length=5)
    parts = models.PositiveSmallIntegerField(default=1)
    digest = models.CharField(max_length=64)
    version = models.PositiveIntegerField(default=1)
    channel = models.CharField(max_length=5, choices=Channel.choices)
    received_at = models.DateTimeField(_("received"))
    person_count = models.PositiveIntegerField(default=0)
    hit_count = models.PositiveIntegerField(default=0)
    stay_problem_count = models.PositiveIntegerField(default=0)
    # Set when the retention purge removed the persons; the counts above stay.
    purged_at = models.DateTimeField(null=True, blank=True)

    objects = PassengerListQuerySet.as_manager()

    class Meta:
        ordering = ["scheduled_arrival", "flight_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["crossing_point", "kind", "flight_number", "departure_port", "flight_date"],
                name="passengers_one_list_per_flight",
            )
        ]
        permissions = [
            ("view_arriving_flights", "Can see the arriving flights of a crossing point"),
            ("view_listed_persons", "Can see the persons on a passenger list"),
            ("submit_passenger_lists", "Can send passenger lists (carrier gateway)"),
            ("import_passenger_lists", "Can import passenger list files"),
            ("review_listed_hits", "Can confirm or dismiss alert hits of listed persons"),
        ]

    def __str__(self) -> str:
        return f"{self.flight_number} {self.departure_port}-{self.arrival_port} {self.flight_date} ({self.kind})"


class ListedPerson(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    passenger_list = models.ForeignKey(
        PassengerList, on_delete=models.CASCADE, related_name="persons"
    )
    position = models.PositiveIntegerField()
    role = models.CharField(max_length=10)
    surname = models.CharField(max_length=70)
    given_names = models.CharField(max_length=140, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    birth_date = models.DateField(null=True)
    nationality = models.CharField(max_length=3, blank=True)
    document_type = models.CharField(max_length=3, blank=True)
    document_number = models.CharField(max_length=35, blank=True)
    document_expiry = models.DateField(null=True)
    issuing_state = models.CharField(max_length=3, blank=True)
    embarkation = models.CharField(max_length=5, blank=True)
    disembarkation = models.CharField(max_length=5, blank=True)
    reservation = models.CharField(max_length=35, blank=True)
    seat = models.CharField(max_length=8, blank=True)
    screening_outcome = models.CharField(max_length=20, blank=True)
    hits = models.JSONField(default=list)
    hit_count = models.PositiveSmallIntegerField(default=0)
    stay_position = models.CharField(
        max_length=12, choices=StayPosition.choices, default=StayPosition.NOT_CHECKED
    )
    stay_message = models.CharField(max_length=300, blank=True)
    # A supervisor's review of the hits: a confirmed hit keeps the person past the
    # retention purge (the "needed" exception), a dismissed one does not.
    hit_review = models.CharField(max_length=10, choices=HitReview.choices, blank=True)
    hit_review_note = models.CharField(max_length=500, blank=True)
    hit_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    hit_reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["passenger_list", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["passenger_list", "position"], name="passengers_person_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.surname}, {self.given_names}"
