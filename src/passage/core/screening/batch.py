"""Screening a batch of queries against one index: a passenger list at once.

:func:`screen_many` returns, for each query, exactly what :meth:`ScreeningIndex.screen`
returns for it alone: it calls the engine's own retrieval and scoring, so a change to
either reaches both paths. What a batch adds:

- a query asked twice in the batch (the same names, birth date, nationality and
  document) is screened once;
- what the queries of a list share is worked out once: the engine keeps each query
  part's keys and groups and each group's merged entries per process (decision 0195),
  so MOHAMMAD's postings are merged once for every query holding it;
- the queries may be spread over ``processes`` processes forked with the index already
  mapped (decision 0196) — each child screens its share and sends the hits back through
  a pipe, and the parent screens the first share meanwhile — when the calling process
  has no other thread (a fork copies no thread, but keeps the locks they held); else
  over ``workers`` threads (the index keeps its accumulator arrays per thread).

>>> from passage.core.screening import ScreeningIndex, make_entry, make_query
>>> index = ScreeningIndex.build([make_entry("A1", ["JOHN SMITH"], "1980-01-02", "GBR")])
>>> [[h.entry_id for h in hits] for hits in screen_many(index, [
...     make_query("q1", ["JOHN SMITH"], "1980-01-02", "GBR"),
...     make_query("q2", ["MARIA LOPEZ"], "1990", "ESP"),
... ])]
[['A1'], []]
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Final

from passage.core.screening.index import Hit, Query, ScreeningIndex

# Fewer distinct queries than this are not worth a fork (a few milliseconds).
FORK_FROM: Final = 40
# A child not done this long after the parent's own share is killed and its share
# screened here: a hung child must not hold a list for ever.
CHILD_GRACE_SECONDS: Final = 30.0


def _key(query: Query) -> tuple[Any, ...]:
    return (query.names, query.birth_date, query.nationality, query.document_number)


def screen_many(
    index: ScreeningIndex,
    queries: Sequence[Query],
    threshold: float | None = None,
    *,
    workers: int = 1,
    processes: int = 1,
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
    if processes > 1 and len(distinct) >= FORK_FROM and _may_fork():
        found = _forked(index, distinct, threshold, processes)
    elif workers > 1 and len(distinct) > 1:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="screen") as pool:
            found = list(pool.map(lambda q: index.screen(q, threshold), distinct))
    else:
        found = [index.screen(q, threshold) for q in distinct]
    return [list(found[s]) for s in slot]


def _may_fork() -> bool:
    """Only a process with no other thread forks: a lock another thread holds at the
    fork (an import's module lock: numpy takes one on some calls) is held for ever in
    the child, which then waits for ever. Seen in a threaded gunicorn worker (decision
    0196); there the queries go to ``workers`` threads instead."""
    return hasattr(os, "fork") and threading.active_count() == 1


def _forked(
    index: ScreeningIndex, queries: list[Query], threshold: float | None, processes: int
) -> list[list[Hit]]:
    """Every ``processes``-th query from the ``i``-th screened in child ``i``, the first
    share here. A child that fails (killed, or an error) has its share screened here
    again, so the answer is always :meth:`ScreeningIndex.screen`'s."""
    shares = [list(range(i, len(queries), processes)) for i in range(processes)]
    children: list[tuple[int, int, list[int]]] = []
    for share in shares[1:]:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: screen its share, send it, leave without cleaning up
            status = 1
            try:
                # No collection in the child: a cycle holding an object a C library of
                # the parent owns (a database connection) can crash it when collected
                # after the fork (seen once under PostgreSQL, a segmentation fault in
                # the collector). The child is short-lived and leaves by os._exit.
                gc.disable()
                os.close(read_end)
                # Another thread of the parent may have held the lock at the fork.
                index._group_lock = threading.Lock()
                found = [[_plain(h) for h in index.screen(queries[i], threshold)] for i in share]
                with os.fdopen(write_end, "wb") as sink:
                    pickle.dump(found, sink, protocol=pickle.HIGHEST_PROTOCOL)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        children.append((pid, read_end, share))
    out: list[list[Hit]] = [[] for _q in queries]
    for i in shares[0]:
        out[i] = index.screen(queries[i], threshold)
    deadline = time.monotonic() + CHILD_GRACE_SECONDS
    for pid, read_end, share in children:
        data, finished = _read_until(read_end, deadline)
        if not finished:
            os.kill(pid, signal.SIGKILL)
        _pid, status = os.waitpid(pid, 0)
        if finished and status == 0 and data:
            for i, hits in zip(share, pickle.loads(data), strict=True):  # noqa: S301 - our own child
                out[i] = [Hit(*h) for h in hits]
        else:
            for i in share:
                out[i] = index.screen(queries[i], threshold)
    return out


def _read_until(fd: int, deadline: float) -> tuple[bytes, bool]:
    """What the child sends until it closes the pipe, and whether it did so by ``deadline``."""
    chunks: list[bytes] = []
    with os.fdopen(fd, "rb", buffering=0) as pipe:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([pipe], [], [], left)[0]:
                return b"", False
            chunk = pipe.read(1 << 20)
            if not chunk:
                return b"".join(chunks), True
            chunks.append(chunk)


def _plain(hit: Hit) -> tuple[str, float, dict[str, Any]]:
    return (hit.entry_id, hit.score, hit.explanation)
