"""Screening many travellers at once: a passenger list before the flight lands.

The one path is :func:`passage.alerts.screening.screen_many`; the counter's
:func:`~passage.alerts.screening.screen` is ``screen_many([subject])[0]``. This module
keeps the name callers (``passengers.checks``, ``bench/passengers.py``) import.
"""

from __future__ import annotations

from .screening import screen_many

__all__ = ["screen_many"]
