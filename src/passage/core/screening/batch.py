"""Screening a batch of queries against one index: a passenger list at once.

:func:`screen_many` returns, for each query, exactly what :meth:`ScreeningIndex.screen`
returns for it alone: it calls the engine's own retrieval and scoring, so a change to
either reaches both paths. What a batch adds:

- a query asked twice in the batch (the same names, birth date, nationality and
  document) is screened once;
- the queries are spread over ``workers`` threads. The index keeps its accumulator
  arrays per thread and numpy releases the interpreter lock while it gathers and
  scatters postings, which is where retrieval spends its time at 1,000,000 entries
  (about 110,000 postings per query: docs/passengers.md).

Retrieval was measured before this was written (400 synthetic queries, 1,000,000
synthetic entries): 82 % of the time is candidate generation, nearly all of it numpy
passes over the postings, 16 % scoring, 2 % preparing the query (decision 0170). The
engine's retrieval now skips reading the groups of keys that cannot change the
candidates (decision 0173).

>>> from passage.core.screening import ScreeningIndex, make_entry, make_query
>>> index = ScreeningIndex.build([make_entry("A1", ["JOHN SMITH"], "1980-01-02", "GBR")])
>>> [[h.entry_id for h in hits] for hits in screen_many(index, [
...     make_query("q1", ["JOHN SMITH"], "1980-01-02", "GBR"),
...     make_query("q2", ["MARIA LOPEZ"], "1990", "ESP"),
... ])]
[['A1'], []]
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from passage.core.screening.index import Hit, Query, ScreeningIndex


def _key(query: Query) -> tuple[Any, ...]:
    return (query.names, query.birth_date, query.nationality, query.document_number)


def screen_many(
    index: ScreeningIndex,
    queries: Sequence[Query],
    threshold: float | None = None,
    *,
    workers: int = 1,
) -> list[list[Hit]]:
    """The hits of every query, in the order given: ``index.screen(q, threshold)`` each."""
    first: dict[tuple[Any, ...], int] = {}
    distinct: list[Query] = []
    slot: list[int] = []
    for q in queries:
        k = _key(q)
        if k not in first:
            first[k] = len(distinct)
            distinct.append(q)
        slot.append(first[k])
    if workers > 1 and len(distinct) > 1:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="screen") as pool:
            found = list(pool.map(lambda q: index.screen(q, threshold), distinct))
    else:
        found = [index.screen(q, threshold) for q in distinct]
    return [list(found[s]) for s in slot]
