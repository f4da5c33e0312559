from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.access import SignedInRequest, requires
from passage.accounts.choices import AuditAction
from passage.alerts.choices import AlertAction
from passage.reference.models import BorderCrossingPoint

from .access import access_passenger_list
from .models import PassengerList


@requires("passengers.view_arriving_flights")
def flight_list(request: SignedInRequest) -> HttpResponse:
    """Arriving flights of the user's crossing points: counts only, no person."""
    points = BorderCrossingPoint.objects.restrict(request.user).order_by("code")
    post = request.GET.get("post", "").upper()
    since = timezone.localdate() - dt.timedelta(days=1)
    lists = (
        PassengerList.objects.restrict(request.user)
        .select_related("crossing_point")
        .filter(flight_date__gte=since)
    )
    if post:
        lists = lists.filter(crossing_point__code=post)
    return render(
        request,
        "passengers/flight_list.html",
        {
            "lists": lists.order_by("scheduled_arrival", "flight_number")[:500],
            "points": points,
            "post": post,
            "can_see_persons": request.user.has_perm("passengers.view_listed_persons"),
        },
    )


@requires("passengers.view_listed_persons")
def flight_detail(request: SignedInRequest, pk: str) -> HttpResponse:
    plist = access_passenger_list(request.user, pk)
    with_hits = request.GET.get("show") == "flagged"
    persons = plist.persons.all()
    if with_hits:
        persons = persons.exclude(hit_count=0, stay_position="ok").exclude(
            hit_count=0, stay_position="not_checked"
        )
    audit.record_now(
        request.user,
        AuditAction.READ,
        object_type="passengers.passengerlist",
        object_id=str(plist.pk),
        object_repr=str(plist),
        message="passenger list viewed",
    )
    rows = list(persons)
    for p in rows:
        p.hit_labels = [  # type: ignore[attr-defined]
            (
                h["list"],
                AlertAction(h["action"]).label if h["action"] in AlertAction else h["action"],
            )
            for h in p.hits
        ]
    return render(
        request,
        "passengers/flight_detail.html",
        {"plist": plist, "persons": rows, "flagged": with_hits},
    )
