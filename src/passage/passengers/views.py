from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passage.accounts import audit
from passage.accounts.access import SignedInRequest, requires
from passage.accounts.choices import AuditAction
from passage.alerts.choices import AlertAction
from passage.core.problems import ProblemError
from passage.reference.models import BorderCrossingPoint

from . import services
from .access import access_listed_person, access_passenger_list
from .arrivals import after_arrival
from .choices import HitReview
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
    return _flight_page(request, access_passenger_list(request.user, pk))


def _flight_page(
    request: SignedInRequest,
    plist: PassengerList,
    *,
    problems: dict[str, str] | None = None,
    reviewing: Any = None,
) -> HttpResponse:
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
    after = after_arrival(plist)
    if after.unlisted:  # entries of other travellers, named on the page: an audited read
        audit.record_now(
            request.user,
            AuditAction.READ,
            object_type="passengers.passengerlist",
            object_id=str(plist.pk),
            object_repr=str(plist),
            details={"travellers": [str(c.traveller_id) for c in after.unlisted]},
            message="arrivals not on the passenger list viewed",
        )
    return render(
        request,
        "passengers/flight_detail.html",
        {
            "plist": plist,
            "persons": rows,
            "flagged": with_hits,
            "after": after,
            "can_review": request.user.has_perm("passengers.review_listed_hits"),
            "decisions": HitReview.choices,
            "problems": problems or {},
            "reviewing": reviewing,
        },
        status=400 if problems else 200,
    )


@require_POST
@requires("passengers.review_listed_hits")
def review_hit(request: SignedInRequest, pk: str, person: str) -> HttpResponse:
    """Confirm or dismiss a listed person's alert hits (supervisors); 400 naming the
    field when the review cannot be recorded."""
    plist = access_passenger_list(request.user, pk)
    listed = access_listed_person(request.user, person)
    if listed.passenger_list_id != plist.pk:
        raise Http404
    try:
        services.review_hits(
            request.user, listed, request.POST.get("decision", ""), request.POST.get("note", "")
        )
    except ProblemError as exc:
        return _flight_page(request, plist, problems=exc.problems, reviewing=listed.pk)
    listed.refresh_from_db()
    messages.success(
        request,
        _("Review recorded for %(name)s: %(decision)s.")
        % {
            "name": f"{listed.surname}, {listed.given_names}",
            "decision": HitReview(listed.hit_review).label,
        },
    )
    url = reverse("passengers:passengerlist_detail", args=[plist.pk])
    return redirect(f"{url}#person-{listed.pk}")
