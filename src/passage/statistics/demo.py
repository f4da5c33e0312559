"""Fill the statistics at the end of ``passage demo``."""

from __future__ import annotations

from typing import Any

from . import services


def refresh_for_demo(stdout: Any) -> None:
    # Nothing else writes while the demo loads, so no settling delay is needed.
    runs = services.refresh(None, settle=0)
    stdout.write(
        "statistics refreshed: "
        + ", ".join(f"{r.source} {r.rows:,} rows in {r.seconds:.1f} s" for r in runs)
    )
