"""The identity links API over a real HTTP server: queue, decision, refusals."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest

from passage.identity import services
from passage.identity.models import Link
from passage.identity.tests.test_links import docs  # noqa: F401 -- the shared fixture


def _call(server: Any, path: str, token: str | None, body: Any = None) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(  # noqa: S310 -- the test server's http URL
        server.url + "/api/v1" + path, data=data, method="POST" if data else "GET"
    )
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", token)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 -- test server
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw or b"null")
        except ValueError:
            return error.code, raw.decode(errors="replace")


@pytest.mark.django_db(transaction=True)
def test_queue_and_decision(
    reviewer: Any,
    live_server: Any,
    personas: Any,
    docs: Any,  # noqa: F811
    token_for: Any,
) -> None:
    services.run_resolution()
    supervisor, officer = token_for(reviewer), token_for(personas.officer)
    status, links = _call(live_server, "/identity/links?colour=white", supervisor)
    assert status == 200 and len(links) == 1
    link = links[0]
    assert _call(live_server, "/identity/links", officer)[0] == 403
    # Paged in the queue's order: red first, whatever its weight (decision 0223).
    status, every = _call(live_server, "/identity/links", supervisor)
    assert status == 200 and len(every) >= 2
    lightest = min(every, key=lambda row: row["weight"])
    Link.objects.filter(pk=lightest["id"]).update(colour="red")
    status, first = _call(live_server, "/identity/links?limit=1", supervisor)
    assert status == 200 and [row["id"] for row in first] == [lightest["id"]]
    status, rest = _call(live_server, f"/identity/links?offset=1&limit={len(every)}", supervisor)
    assert len(rest) == len(every) - 1 and lightest["id"] not in {row["id"] for row in rest}
    assert _call(live_server, "/identity/links?limit=0", supervisor)[0] == 422
    assert _call(live_server, f"/identity/links?offset={10**20}", supervisor)[0] == 422
    Link.objects.filter(pk=lightest["id"]).update(colour=lightest["colour"])
    status, body = _call(
        live_server,
        f"/identity/links/{link['id']}/decision",
        supervisor,
        {"version": link["version"] + 1, "decision": "same", "reason": "x"},
    )
    assert status == 422 and "version" in body["detail"]
    status, body = _call(
        live_server,
        f"/identity/links/{link['id']}/decision",
        supervisor,
        {"version": link["version"], "decision": "nonsense", "reason": ""},
    )
    assert status == 422 and set(body["detail"]) == {"decision", "reason"}
    status, body = _call(
        live_server,
        f"/identity/links/{link['id']}/decision",
        supervisor,
        {"version": link["version"], "decision": "same", "reason": "renewal"},
    )
    assert status == 200 and body["colour"] == "white" and body["state"] == "decided"
    assert Link.objects.get(pk=link["id"]).decision == "same"
    missing = "01900000-0000-7000-8000-000000000000"
    assert (
        _call(
            live_server,
            f"/identity/links/{missing}/decision",
            supervisor,
            {"version": 1, "decision": "same", "reason": "x"},
        )[0]
        == 404
    )
