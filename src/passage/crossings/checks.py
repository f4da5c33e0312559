"""The counter's checks, each registered by the app that owns it.

``crossings`` sits below ``alerts``, ``stay`` and ``protection`` in the layers
(docs/architecture.md): the counter may not import them, yet every crossing is screened
against the alert lists, assessed by the stay calculator and held against an open request
for protection. So each of those apps registers its checks here from its
``AppConfig.ready()``, and the counter runs what is registered, in registration order::

    refusal_guards             (actor, point, data) -> None; raise ProblemError (audited)
                               when a refusal must not be recorded (protection)
    inspection_refusal_guards  (actor, inspection) -> None; the same after secondary
    input_checks               (data) -> {field: problem}; more validation (protection)
    screens                    (data) -> (data, screening or None); may turn an admission
                               into a referral (alerts); ``screening.record(crossing)``,
                               ``.counter_warning`` and ``.refer`` are used after the
                               write
    stay_assessors             (data, day) -> (assessment dict or None, last day or None,
                               warning); only the first registered is asked (stay)
    after_record               (actor, crossing, data, closes) -> None; inside the
                               write's transaction (protection flags, stay closes a case)
    decision_blockers          (inspection) -> {field: problem}; what must be settled
                               before a supervisor decides (alerts: pending hits)
    panels                     (form data, traveller or None) -> template context; the
                               counter page's read-only previews (screening, stay,
                               expected arrivals); the form data carries the
                               ``crossing_point`` code

A check that is not registered is not run: an installation without the app has no such
check, and ``settings.PASSAGE_COUNTER_CHECKS`` still switches screening and stay off for
benchmarks (bench/counter.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Problems = dict[str, str]


@dataclass
class CounterChecks:
    refusal_guards: list[Callable[[Any, Any, Any], None]] = field(default_factory=list)
    inspection_refusal_guards: list[Callable[[Any, Any], None]] = field(default_factory=list)
    input_checks: list[Callable[[Any], Problems]] = field(default_factory=list)
    screens: list[Callable[[Any], tuple[Any, Any]]] = field(default_factory=list)
    stay_assessors: list[
        Callable[[Any, dt.date], tuple[dict[str, Any] | None, dt.date | None, str]]
    ] = field(default_factory=list)
    after_record: list[Callable[[Any, Any, Any, Any], None]] = field(default_factory=list)
    decision_blockers: list[Callable[[Any], Problems]] = field(default_factory=list)
    panels: list[Callable[[dict[str, Any], Any], dict[str, Any]]] = field(default_factory=list)


CHECKS = CounterChecks()


def register(hook: str, check: Callable[..., Any]) -> None:
    """Add ``check`` to ``hook`` (once: a second ``ready()`` adds nothing)."""
    checks = getattr(CHECKS, hook)
    if check not in checks:
        checks.append(check)
