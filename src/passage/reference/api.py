from __future__ import annotations

from decimal import Decimal

from ninja import Router, Schema

from passage.accounts.api import AuthedRequest, requires_api

from .access import access_crossing_point
from .models import BorderCrossingPoint, Country

router = Router(tags=["reference"])


class CountryOut(Schema):
    icao_code: str
    iso_alpha2: str
    iso_alpha3: str
    iso_numeric: str
    name: str
    kind: str


class CrossingPointOut(Schema):
    code: str
    name: str
    kind: str
    status: str
    admin_area: str | None
    latitude: Decimal | None
    longitude: Decimal | None

    @staticmethod
    def resolve_admin_area(obj: BorderCrossingPoint) -> str | None:
        return obj.admin_area_id


@router.get("/countries", response=list[CountryOut], summary="Countries and ICAO 9303 codes")
@requires_api("reference.view_country")
def list_countries(request: AuthedRequest) -> list[Country]:
    return list(Country.objects.all())


@router.get(
    "/crossing-points", response=list[CrossingPointOut], summary="Crossing points where you may act"
)
@requires_api("reference.view_bordercrossingpoint")
def list_crossing_points(request: AuthedRequest) -> list[BorderCrossingPoint]:
    return list(BorderCrossingPoint.objects.restrict(request.auth))


@router.get(
    "/crossing-points/{code}",
    response=CrossingPointOut,
    summary="One crossing point (403 when you are not assigned to it)",
)
@requires_api("reference.view_bordercrossingpoint")
def get_crossing_point(request: AuthedRequest, code: str) -> BorderCrossingPoint:
    return access_crossing_point(request, code, "view")
