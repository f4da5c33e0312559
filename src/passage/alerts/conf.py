"""Alert settings: ``PASSAGE_ALERT_*`` in the settings module, else the environment."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings

from passage.core.screening import DEFAULT_THRESHOLD


def _setting(name: str, default: Any, cast: Any) -> Any:
    if hasattr(settings, name):
        return getattr(settings, name)
    value = os.environ.get(name)
    return default if value in (None, "") else cast(value)


def threshold() -> float:
    """The score at or above which a hit refers the traveller (default: the calibrated one)."""

    return float(_setting("PASSAGE_ALERT_THRESHOLD", DEFAULT_THRESHOLD, float))


def suppression_days() -> int:
    return int(_setting("PASSAGE_ALERT_SUPPRESSION_DAYS", 180, int))


def import_max_bytes() -> int:
    return int(_setting("PASSAGE_ALERT_IMPORT_MAX_BYTES", 1024**3, int))


def upload_max_bytes() -> int:
    return int(_setting("PASSAGE_ALERT_UPLOAD_MAX_BYTES", 50 * 1024**2, int))


def import_max_entries() -> int:
    return int(_setting("PASSAGE_ALERT_IMPORT_MAX_ENTRIES", 5_000_000, int))


def stale_days() -> int:
    """A list version older than this is shown as stale at the counter."""
    return int(_setting("PASSAGE_ALERT_STALE_DAYS", 7, int))


def index_dir() -> Path:
    return Path(settings.VAR_DIR) / "alerts"
