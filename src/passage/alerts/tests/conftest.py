"""Every alerts test maps its indexes from its own directory (``alert_files``, shared in
the root conftest)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _own_alert_files(alert_files: Any) -> Any:
    return alert_files
