"""A bounded schemathesis run over the API, against a real server (decision 0046).

Every operation of ``/api/v1/openapi.json`` gets generated requests from a token of
every role: no answer may be a server error, and every answer's status, content type
and body must be what the document declares. Fixed seed, few examples per operation and
role, no shrinking: the run stays around a minute and fails the same way every time.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES = 4  # per operation and role: 18 operations x 7 roles x 4 = 504 requests
SEED = 16
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _runner(operation, role: str, header: str, base_url: str, out: list[str], calls: list[int]):
    @seed(SEED)
    @settings(
        max_examples=EXAMPLES,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        calls.append(1)
        response = case.call(base_url=base_url, headers={"Authorization": header})
        try:
            case.validate_response(response, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:
            out.append(f"{role} {operation.label}: {type(exc).__name__}: {exc}"[:700])

    return run


def test_fuzz_the_api(live_server, personas, token_for):
    from passage.protection.services import load_reference
    from passage.reference.services import load_refusal_grounds

    load_refusal_grounds(None)
    load_reference(None)
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    tokens = {name: token_for(user) for name, user in personas.all().items()}
    failures: list[str] = []
    calls: list[int] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for role, header in tokens.items():
            _runner(operation, role, header, live_server.url, failures, calls)()
    assert len(calls) >= len(tokens) * 10
    assert not failures, f"{len(failures)} of {len(calls)} requests failed:\n" + "\n".join(
        sorted(set(failures))[:40]
    )


def test_the_document_declares_errors_and_bounds(client):
    """What the code enforces is in the document: error answers, limit 1-1000, enum keys,
    text lengths (schemathesis counted 31 mismatches before)."""
    document = client.get("/api/v1/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            declared = set(operation["responses"])
            assert {"401", "403"} <= declared, (method, path)
            if "requestBody" in operation or operation.get("parameters"):
                assert "422" in declared, (method, path)
    listing = document["paths"]["/api/v1/crossing-points/{code}/crossings"]["get"]
    limit = next(p for p in listing["parameters"] if p["name"] == "limit")["schema"]
    assert (limit["minimum"], limit["maximum"]) == (1, 1000)
    table = document["paths"]["/api/v1/statistics/tables/{key}"]["get"]["parameters"][0]
    assert "people" in table["schema"]["enum"]
    person = document["components"]["schemas"]["PersonIn"]["properties"]
    assert person["primary_name"]["maxLength"] == 120
