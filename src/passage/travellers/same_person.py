"""Which travellers are one person: apps above register how they know.

``travellers`` sits below the checks in the layers (docs/architecture.md), so it cannot
ask identity resolution; ``identity`` registers :func:`register` a provider in its
``AppConfig.ready()`` (its supervisor-confirmed links). Without one, a traveller is only
itself. The stay calculator counts days across every traveller returned here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_PROVIDERS: list[Callable[[Any], set[Any]]] = []


def register(provider: Callable[[Any], set[Any]]) -> None:
    """Add a provider: traveller id -> ids of the travellers confirmed to be that person."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def same_person(traveller_id: Any) -> set[Any]:
    """The traveller's id and those of every traveller confirmed to be the same person."""
    found = {traveller_id}
    for provider in _PROVIDERS:
        found |= provider(traveller_id)
    return found
