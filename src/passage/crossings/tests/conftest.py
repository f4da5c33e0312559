"""Fixtures the crossings tests share."""

from __future__ import annotations

from typing import Any

import pytest

from passage.reference.services import load_refusal_grounds


@pytest.fixture
def api(client: Any, personas: Any, token_for: Any) -> Any:
    """POST a body to /api/v1/crossings as the officer (test_api.py has its own, wider
    one, for any method and path)."""
    load_refusal_grounds(None)
    header = token_for(personas.officer)

    def call(body: dict[str, Any]) -> Any:
        return client.post(
            "/api/v1/crossings", body, content_type="application/json", HTTP_AUTHORIZATION=header
        )

    return call
