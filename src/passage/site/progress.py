"""A progress bar for long commands, shown only on a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(
        self, total: int, label: str, stream: TextIO | None = None, width: int = 30
    ) -> None:
        self.total = max(total, 1)
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.started = time.monotonic()
        self.enabled = self.stream.isatty()

    def __call__(self, done: int) -> None:
        if not self.enabled:
            return
        share = min(done / self.total, 1.0)
        filled = int(share * self.width)
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done:,}/{self.total:,} {rate:,.0f}/s")
        if done >= self.total:
            self.stream.write("\n")
        self.stream.flush()
