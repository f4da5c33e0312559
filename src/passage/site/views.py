from __future__ import annotations

from pathlib import Path

from django.contrib.auth.views import redirect_to_login
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from passage.accounts.access import public, requires
from passage.accounts.roles import roles_of
from passage.reference.models import BorderCrossingPoint

from .home import home_for


@requires("accounts.access_site")
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "roles": roles_of(request.user),
        "points": BorderCrossingPoint.objects.restrict(request.user)[:50],
        "work": home_for(request.user),
    }
    return render(request, "site/home.html", context)


FAVICON = (Path(__file__).parent / "static" / "passage" / "favicon.ico").read_bytes()


@public("browsers ask every site for /favicon.ico; it is the project's icon")
def favicon(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(FAVICON, content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=604800"
    return response


@public("load balancers and the sync client probe it; it reveals nothing but liveness")
def health(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@public("sends the admin's sign-in to the one sign-in page")
def admin_login(request: HttpRequest) -> HttpResponse:
    return redirect_to_login(request.GET.get("next", "/admin/"))
