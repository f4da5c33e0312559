"""A batch of queries gets exactly what each query gets alone (issue 21's bulk path).

``screen_many`` is what a passenger list of 400 is screened with; the counter screens
one traveller with ``ScreeningIndex.screen``. The two must never disagree: same hits,
same scores, same explanations, in the same order — on a varied list (Latin and
non-Latin names, partial and missing birth dates, listed document numbers, names
spelled with a slip, the same query twice, a query with no name).
"""

from __future__ import annotations

import os
import random
import threading
import time
from datetime import date

import pytest

from passage.core.screening import ScreeningIndex, batch, make_entry, make_query
from passage.core.screening.batch import FORK_FROM, screen_many
from passage.core.synthetic import Population


def _name(p) -> str:
    return f"{p.secondary_latin} {p.primary_latin}".strip()


def _native(p) -> str:
    return f"{p.secondary_native} {p.primary_native}".strip()


@pytest.fixture(scope="module")
def listed():
    people = Population(seed=17, reference_date=date(2025, 12, 31)).persons()
    return [next(people) for _ in range(3000)]


@pytest.fixture(scope="module")
def index(listed) -> ScreeningIndex:
    entries = []
    for n, p in enumerate(listed):
        names = [_name(p)] + ([_native(p)] if n % 3 == 0 and _native(p) != _name(p) else [])
        birth = p.birth_date if n % 5 else p.birth_date[:4]
        number = f"L{n:07d}" if n % 4 == 0 else None
        entries.append(make_entry(f"E{n}", names, birth, p.nationality, number))
    return ScreeningIndex.build(entries, list_version="batch-test")


def _slip(text: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


@pytest.fixture(scope="module")
def queries(listed):
    rng = random.Random(21)
    travellers = Population(seed=18, reference_date=date(2025, 12, 31)).persons()
    out = []
    for i in range(160):
        kind = i % 8
        src = listed[rng.randrange(len(listed))] if kind < 5 else next(travellers)
        name = _name(src)
        birth = src.birth_date
        number = f"B{i:07d}"
        if kind == 1:  # spelled with a slip, partial birth date
            name, birth = _slip(name, rng), birth[:4]
        elif kind == 2:  # in the document's own script, no birth date
            name, birth = _native(src) or name, None
        elif kind == 3:  # a listed document number under another name
            name, number = _name(next(travellers)), f"L{rng.randrange(0, 3000, 4):07d}"
        elif kind == 4:  # a birth date four years away
            birth = f"{int(birth[:4]) + 4}{birth[4:]}"
        out.append(make_query(f"q{i}", [name], birth, src.nationality, number))
    out += [out[0], out[9], make_query("none", [], "1980", "FRA", "B0000001")]
    return out


@pytest.mark.parametrize(("workers", "processes"), [(1, 1), (2, 1), (1, 2), (1, 3)])
def test_a_batch_gets_what_each_query_gets_alone(index, queries, workers, processes):
    alone = [index.screen(q) for q in queries]
    together = screen_many(index, queries, workers=workers, processes=processes)
    assert len(together) == len(queries)
    for q, a, b in zip(queries, alone, together, strict=True):
        assert [(h.entry_id, h.score, h.explanation) for h in b] == [
            (h.entry_id, h.score, h.explanation) for h in a
        ], q
    # The list is varied enough to say something: listed persons found, others not.
    found = sum(1 for hits in together if hits)
    assert 40 <= found < len(queries)


def test_a_threshold_is_applied_alike(index, queries):
    for threshold in (0.3, 0.95):
        alone = [[h.entry_id for h in index.screen(q, threshold)] for q in queries]
        assert [
            [h.entry_id for h in hits] for hits in screen_many(index, queries, threshold)
        ] == alone


def test_an_empty_batch():
    index = ScreeningIndex.build([make_entry("A", ["JOHN SMITH"])])
    assert screen_many(index, []) == []


def test_a_child_that_fails_has_its_share_screened_by_the_parent(index, queries, monkeypatch):
    """Forked children screen shares of the list; one that dies sends nothing, and the
    parent screens its share itself: the answer is the same, never a list half-screened."""
    alone = [[h.entry_id for h in index.screen(q)] for q in queries]
    parent = os.getpid()
    screen = index.screen

    def dies_in_a_child(query, threshold=None):
        if os.getpid() != parent:
            raise MemoryError("child killed")
        return screen(query, threshold)

    forks = []
    fork = os.fork

    def counted_fork():
        forks.append(True)
        return fork()

    monkeypatch.setattr(index, "screen", dies_in_a_child)
    monkeypatch.setattr(os, "fork", counted_fork)
    alone_here = threading.active_count() == 1  # else no fork (a worker with threads)
    together = screen_many(index, queries, processes=2)
    assert [[h.entry_id for h in hits] for hits in together] == alone
    assert bool(forks) == alone_here


def test_a_child_that_hangs_is_killed_and_its_share_screened_by_the_parent(
    index, queries, monkeypatch
):
    """A child that never answers (a lock held for ever) does not hold the list: past
    the grace period it is killed and the parent screens its share."""
    if threading.active_count() != 1:
        pytest.skip("this process has another thread: screen_many does not fork here")
    alone = [[h.entry_id for h in index.screen(q)] for q in queries]
    parent = os.getpid()
    screen = index.screen
    children = []
    fork = os.fork

    def recorded_fork():
        pid = fork()
        if pid:
            children.append(pid)
        return pid

    def hangs_in_a_child(query, threshold=None):
        if os.getpid() != parent:
            time.sleep(3600)
        return screen(query, threshold)

    monkeypatch.setattr(index, "screen", hangs_in_a_child)
    monkeypatch.setattr(os, "fork", recorded_fork)
    monkeypatch.setattr(batch, "CHILD_GRACE_SECONDS", 1.0)
    started = time.monotonic()
    together = screen_many(index, queries, processes=2)
    assert [[h.entry_id for h in hits] for hits in together] == alone
    assert children and time.monotonic() - started < 30
    for pid in children:  # reaped: no child left behind
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_a_short_list_is_not_forked(index, queries, monkeypatch):
    def no_fork():
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", no_fork)
    short = queries[: FORK_FROM - 1]
    assert [[h.entry_id for h in hits] for hits in screen_many(index, short, processes=2)] == [
        [h.entry_id for h in index.screen(q)] for q in short
    ]


def test_a_process_with_another_thread_does_not_fork(index, queries, monkeypatch):
    """A fork keeps the locks other threads hold (an import's module lock) and the child
    waits for ever: a threaded server's worker screens in threads instead."""

    def no_fork():
        raise AssertionError("forked beside another thread")

    monkeypatch.setattr(os, "fork", no_fork)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        together = screen_many(index, queries, workers=2, processes=2)
    finally:
        stop.set()
        other.join()
    assert [[h.entry_id for h in hits] for hits in together] == [
        [h.entry_id for h in index.screen(q)] for q in queries
    ]
