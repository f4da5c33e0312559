"""Seeded synthetic travellers and crossings for ``passage demo`` and the benchmarks.

Framework-free, deterministic from a seed, streaming::

    >>> from datetime import date
    >>> population = Population(seed=7, profile="default", reference_date=date(2025, 12, 31))
    >>> crossings = list(population.crossings(500))
    >>> len(crossings), crossings[0].at <= crossings[-1].at
    (500, True)
    >>> next(population.persons()).number
    0

- ``Population(seed, profile="default" | "east_africa" | "sahel" | "balkans",
  reference_date=date, crossing_points=[(code, kind, weight), ...], days=1095)``;
  kinds are ``air``, ``land``, ``sea``, ``rail``.
- ``population.crossings(total, progress=None, progress_every=10_000)`` yields exactly
  ``total`` :class:`SyntheticCrossing` named tuples, **chronologically ordered overall**,
  over the ``days`` ending on ``reference_date``. ``progress(n)`` receives the number
  yielded so far. Each crossing carries its :class:`SyntheticPerson` (``number`` dense
  from 0 in order of first appearance, so a loader inserts a traveller when it first
  sees a new number) and :class:`SyntheticDocument` (the same objects on every crossing
  of that person), ``sequence`` (position in the stream) and ``closes`` (the sequence
  of the entry a foreigner's exit closes).
- ``population.persons()``: an endless, independent stream of persons (for alert lists).

Invariants the tests hold: per person, admitted or secondary entries and exits
alternate — nationals leave first and come back, foreigners enter first; a refused entry
leaves the person outside. A deliberate 0.5 % of foreign travellers start with an *exit
without entry* (``closes is None``), because the counter
records such exits and flags them for review (``ReviewReason``). Entries of foreigners carry ``authorised_until``; about 3 % of foreign trips
overstay it and 1 % never leave. About 2 % of documents are expired at the first
crossing (most such entries are refused on ground ``A``), 3 % of birth dates are partial.
"""

from __future__ import annotations

from ._profiles import PROFILES
from .population import (
    DEFAULT_CROSSING_POINTS,
    REFUSAL_GROUNDS,
    Population,
    SyntheticCrossing,
    SyntheticDocument,
    SyntheticPerson,
    day_weight,
)

__all__ = [
    "DEFAULT_CROSSING_POINTS",
    "PROFILES",
    "REFUSAL_GROUNDS",
    "Population",
    "SyntheticCrossing",
    "SyntheticDocument",
    "SyntheticPerson",
    "day_weight",
]
