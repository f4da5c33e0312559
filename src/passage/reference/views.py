from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from passage.accounts.access import requires

from .access import access_crossing_point, crossing_points_for
from .models import BorderCrossingPoint


@requires("reference.view_bordercrossingpoint")
def crossingpoint_list(request: HttpRequest) -> HttpResponse:
    points = crossing_points_for(request.user).select_related("admin_area")
    return render(request, "reference/crossingpoint_list.html", {"points": points})


@requires("reference.view_bordercrossingpoint")
def crossingpoint_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        point = access_crossing_point(request, code)
    except BorderCrossingPoint.DoesNotExist as exc:
        raise Http404(f"No crossing point {code!r}.") from exc
    return render(request, "reference/crossingpoint_detail.html", {"point": point})
