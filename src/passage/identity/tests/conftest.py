"""Identity links are reviewed at HQ by supervisors with national scope."""

from __future__ import annotations

from typing import Any

import pytest

from passage.accounts.roles import Role
from passage.accounts.services import create_user


@pytest.fixture
def reviewer(personas: Any) -> Any:
    """A supervisor acting everywhere (the post supervisor of ``personas`` reaches no link)."""
    return create_user(
        None,
        "hq-reviewer",
        password="correct horse battery staple",
        roles=[Role.SUPERVISOR],
        national_scope=True,
    )


@pytest.fixture(autouse=True)
def _identity_rows(settings: Any, tmp_path: Any) -> Any:
    """Each test keeps the prepared rows of its runs in its own directory."""
    settings.PASSAGE_IDENTITY_ROWS = str(tmp_path / "identity-rows")
    return tmp_path / "identity-rows"
