"""Alert lists over the API: their state (for posts and sync) and imports (for HQ tools)."""

import datetime as dt
import uuid
from typing import Any, Literal

from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from passage.accounts.api import AuthedRequest, ErrorOut, requires_api

from . import conf, indexes, services
from .models import AlertList

router = Router(tags=["alerts"])


class AlertListOut(Schema):
    id: uuid.UUID
    name: str
    kind: str
    status: str
    in_force: bool
    default_action: str
    version: int | None
    version_id: uuid.UUID | None
    entries: int
    since: dt.datetime | None


class ImportOut(Schema):
    alert_list: str
    version: int
    entries: int
    warnings: list[str]


def _out(al: AlertList) -> dict[str, Any]:
    v = al.active_version
    return {
        "id": al.pk,
        "name": al.name,
        "kind": al.kind,
        "status": al.status,
        "in_force": al.in_force(),
        "default_action": al.default_action,
        "version": v.number if v else None,
        "version_id": v.pk if v else None,
        "entries": v.entries if v else 0,
        "since": v.created_at if v else None,
    }


@router.get("/alerts/lists", response=list[AlertListOut], summary="Alert lists and active versions")
@requires_api("alerts.view_alertlist")
def alert_lists(request: AuthedRequest) -> list[dict[str, Any]]:
    return [_out(al) for al in AlertList.objects.select_related("active_version")]


@router.post(
    "/alerts/lists/{list_id}/import",
    response={201: ImportOut, 404: ErrorOut, 413: ErrorOut, 422: ErrorOut},
    summary="Import a file (the request body) as the list's new version; all or nothing",
)
@requires_api("alerts.manage_alerts")
def import_list(
    request: AuthedRequest,
    list_id: uuid.UUID,
    format: Literal["csv", "jsonl", "un-xml", "ftm"],
    mode: Literal["replace", "append"] = "replace",
) -> Status[Any]:
    alert_list = AlertList.objects.filter(pk=list_id).first()
    if alert_list is None:
        raise HttpError(404, f"list_id: no alert list {list_id}")
    limit = conf.upload_max_bytes()
    if int(request.META.get("CONTENT_LENGTH") or 0) > limit:
        return Status(
            413, {"detail": {"file": f"larger than {limit:,} bytes: use `passage alerts import`"}}
        )
    version, warnings = services.import_entries(
        request.auth,
        alert_list,
        format,
        request.body,
        file_name="api",
        replace=mode == "replace",
        max_bytes=limit,
    )
    indexes.build(version)
    return Status(
        201,
        {
            "alert_list": alert_list.name,
            "version": version.number,
            "entries": version.entries,
            "warnings": [str(w) for w in warnings[:100]],
        },
    )
