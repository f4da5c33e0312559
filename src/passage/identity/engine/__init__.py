"""Identity resolution without Django: records, the Splink model, colours, clusters.

``prepare()`` turns raw records into comparable rows (listing what was wrong with each),
:class:`Resolver` scores blocked pairs with a trained Splink model on DuckDB (or Spark)
and gives every pair a colour, and ``cluster()`` joins records through proposed-same
links. The Django app (``passage.identity``) stores the links and their review; the
``passage identity resolve FILE.jsonl`` verb and ``bench/identity.py`` call this package
directly.
"""

from __future__ import annotations

from passage.identity.engine.model import (
    Colour,
    Pair,
    Resolver,
    Thresholds,
    cluster,
    default_model_path,
)
from passage.identity.engine.records import Prepared, prepare

__all__ = [
    "Colour",
    "Pair",
    "Prepared",
    "Resolver",
    "Thresholds",
    "cluster",
    "default_model_path",
    "prepare",
]
