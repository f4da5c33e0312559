"""Field-level three-way merge of a correction into a record (decision 0105).

A correction names, for each field it changes, the value it was made on (``base``) and
the value it sets (``value``). Merged into a record that holds ``current``:

- ``current == value``: already there (a repeat, or the same correction made twice);
- ``current == base``: nobody else changed the field since: the correction applies;
- anything else: the field was changed elsewhere since the correction's base — a
  conflict, kept with both values for a person to decide, never dropped.

Fields the correction does not name are not touched, so corrections of different
fields made concurrently both survive whatever order they arrive in.

>>> merge({"primary_name": "SMITH", "sex": "F"},
...       {"sex": FieldChange(base="F", value="X")})
Merge(apply={'sex': 'X'}, conflicts={}, unchanged=[])
>>> merge({"primary_name": "SMYTHE"},
...       {"primary_name": FieldChange(base="SMITH", value="SMIT")})
Merge(apply={}, conflicts={'primary_name': FieldConflict(base='SMITH', held='SMYTHE', incoming='SMIT')}, unchanged=[])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FieldChange:
    base: Any
    value: Any


@dataclass(frozen=True)
class FieldConflict:
    base: Any
    held: Any
    incoming: Any


@dataclass
class Merge:
    apply: dict[str, Any] = field(default_factory=dict)
    conflicts: dict[str, FieldConflict] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)


def merge(current: Mapping[str, Any], changes: Mapping[str, FieldChange]) -> Merge:
    """What of ``changes`` applies to a record holding ``current``, and what conflicts."""
    result = Merge()
    for name, change in changes.items():
        held = current[name]
        if held == change.value:
            result.unchanged.append(name)
        elif held == change.base:
            result.apply[name] = change.value
        else:
            result.conflicts[name] = FieldConflict(
                base=change.base, held=held, incoming=change.value
            )
    return result
