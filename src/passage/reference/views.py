from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from passage.accounts.access import SignedInRequest, requires

from .access import access_crossing_point
from .models import BorderCrossingPoint


@requires("reference.view_bordercrossingpoint")
def crossingpoint_list(request: SignedInRequest) -> HttpResponse:
    points = BorderCrossingPoint.objects.restrict(request.user).select_related("admin_area")
    return render(request, "reference/crossingpoint_list.html", {"points": points})


@requires("reference.view_bordercrossingpoint")
def crossingpoint_detail(request: SignedInRequest, code: str) -> HttpResponse:
    point = access_crossing_point(request, code, "view")
    return render(request, "reference/crossingpoint_detail.html", {"point": point})
