"""Country and organisation codes as used in travel documents, ICAO 9303-3 §5.

The table ``countries.csv`` beside this module lists every ISO 3166-1 alpha-3 code with
its ICAO form (Germany is ``D``, written ``D<<`` in an MRZ) and the codes ICAO adds that
ISO does not have: British nationality statuses, international organisations, stateless
persons and refugees, deprecated codes and the specimen state Utopia.

>>> country("UTO").name
'Utopia'
>>> country("D").iso_alpha3
'DEU'
>>> country("XXB").kind
'nationality_status'
>>> country("ZZZ") is None
True
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

KINDS = ("iso", "state", "nationality_status", "organisation", "deprecated", "specimen")


@dataclass(frozen=True, slots=True)
class Country:
    """One row of the code table: ``icao`` is the code as written in an MRZ (without fillers)."""

    icao: str
    iso_alpha2: str
    iso_alpha3: str
    iso_numeric: str
    name: str
    kind: str


@cache
def countries() -> dict[str, Country]:
    """Every known code, keyed by its ICAO form."""
    text = resources.files(__package__).joinpath("countries.csv").read_text(encoding="utf-8")
    table: dict[str, Country] = {}
    for row in csv.DictReader(text.splitlines()):
        table[row["icao"]] = Country(**row)
    return table


def country(code: str) -> Country | None:
    """The entry for an ICAO code, with or without trailing ``<`` fillers, or None."""
    return countries().get(code.rstrip("<"))
