"""Small-cell suppression (passage.core.disclosure).

The property under test: for every value withheld from a published table, there is a
second table of non-negative counts that agrees with *everything* published (the
visible cells, the visible row and column totals and the grand total) but differs in
that value. A reader of the published table therefore cannot recover it.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from passage.core.disclosure import find_bridges, is_small, suppress, suppress_series

small_tables = st.integers(1, 6).flatmap(
    lambda cols: st.lists(
        st.lists(
            st.one_of(st.integers(0, 6), st.integers(0, 60), st.just(0)),
            min_size=cols,
            max_size=cols,
        ),
        min_size=1,
        max_size=6,
    )
)


def _published(table, result):
    """Every published value as {(i, j): value} on the augmented table."""
    rows, cols = len(table), len(table[0])
    out = {}
    for i in range(rows):
        for j in range(cols):
            if result.cells[i][j] is not None:
                out[(i, j)] = result.cells[i][j]
        if result.row_totals[i] is not None:
            out[(i, cols)] = result.row_totals[i]
    for j in range(cols):
        if result.column_totals[j] is not None:
            out[(rows, j)] = result.column_totals[j]
    if result.total is not None:
        out[(rows, cols)] = result.total
    return out


def _hidden(table, result):
    rows, cols = len(table), len(table[0])
    published = _published(table, result)
    return {(i, j) for i in range(rows + 1) for j in range(cols + 1)} - set(published)


def _cycle_through(edge, edges, row_count):
    """A path between the edge's two ends avoiding the edge itself (breadth first)."""
    a, b = edge
    start, goal = a, row_count + b
    adjacency = {}
    for i, j in edges - {edge}:
        adjacency.setdefault(i, []).append((row_count + j, (i, j)))
        adjacency.setdefault(row_count + j, []).append((i, (i, j)))
    seen = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        if node == goal:
            break
        for nxt, cell in adjacency.get(node, []):
            if nxt not in seen:
                seen[nxt] = (node, cell)
                queue.append(nxt)
    if goal not in seen:
        return None
    path = []
    node = goal
    while seen[node] is not None:
        node, cell = seen[node]
        path.append(cell)
    return [edge, *reversed(path)]


def _other_table(table, result, cell):
    """A second interior table, consistent with what is published, differing at ``cell``."""
    rows, cols = len(table), len(table[0])
    hidden = _hidden(table, result)
    cycle = _cycle_through(cell, hidden, rows + 1)
    assert cycle is not None, f"hidden cell {cell} can be solved from the published totals"
    # Alternate +1/-1 around the cycle in the augmented table whose totals are negated;
    # translate back: a total moves opposite to its negated entry.
    delta = {}
    sign = 1
    for i, j in cycle:
        is_total = (i == rows) != (j == cols)
        delta[(i, j)] = -sign if is_total else sign
        sign = -sign
    other = [[table[i][j] + delta.get((i, j), 0) for j in range(cols)] for i in range(rows)]
    return other, delta


def _check_consistent(table, result, other):
    """``other`` agrees with every value published for ``table``."""
    rows, cols = len(table), len(table[0])
    assert all(v >= 0 for row in other for v in row)
    published = _published(table, result)
    for (i, j), value in published.items():
        if i < rows and j < cols:
            assert other[i][j] == value
        elif i < rows:
            assert sum(other[i]) == value
        elif j < cols:
            assert sum(other[r][j] for r in range(rows)) == value
        else:
            assert sum(map(sum, other)) == value


@given(small_tables, st.integers(1, 10))
def test_no_withheld_value_can_be_recovered_from_the_published_table(table, threshold):
    """Cox (1980): a withheld cell on a cycle of withheld cells is not determined by
    the margins; we exhibit the second table that proves it, for every withheld value,
    interior cells and totals alike."""
    result = suppress(table, threshold)
    rows, cols = len(table), len(table[0])
    full = [[*row, sum(row)] for row in table]
    full.append([sum(table[i][j] for i in range(rows)) for j in range(cols)])
    full[-1].append(sum(full[-1]))
    for cell in _hidden(table, result):
        other, delta = _other_table(table, result, cell)
        _check_consistent(table, result, other)
        i, j = cell
        if i < rows and j < cols:
            assert other[i][j] != table[i][j]
        else:
            assert delta[cell] != 0


@given(small_tables, st.integers(1, 10))
def test_every_small_value_is_withheld_and_nothing_published_is_altered(table, threshold):
    result = suppress(table, threshold)
    for i, row in enumerate(table):
        for j, value in enumerate(row):
            shown = result.cells[i][j]
            assert shown is None or shown == value
            if is_small(value, threshold):
                assert shown is None
        total = sum(row)
        assert result.row_totals[i] in (None, total)
        if is_small(total, threshold):
            assert result.row_totals[i] is None
    grand = sum(map(sum, table))
    assert result.total in (None, grand)
    if is_small(grand, threshold):
        assert result.total is None


@given(small_tables, st.integers(1, 10))
def test_zeros_are_never_withheld(table, threshold):
    """Only counts of at least 1 are hidden, which is what makes the ±1 step safe."""
    result = suppress(table, threshold)
    for i, row in enumerate(table):
        for j, value in enumerate(row):
            if value == 0:
                assert result.cells[i][j] == 0


@given(small_tables, st.integers(1, 10))
def test_withheld_values_can_be_recovered_by_linear_algebra_never(table, threshold):
    """Independent check over the rationals: no withheld value is a linear function of
    the published ones (its unit vector is outside the row space of the equations)."""
    result = suppress(table, threshold)
    rows, cols = len(table), len(table[0])
    hidden = sorted(_hidden(table, result))
    if not hidden:
        return
    index = {cell: k for k, cell in enumerate(hidden)}
    # Row i of the augmented table: interior cells minus the row total sum to zero.
    matrix = []
    for i in range(rows + 1):
        row = [Fraction(0)] * len(hidden)
        for j in range(cols + 1):
            if (i, j) in index:
                is_total = (i == rows) != (j == cols)
                row[index[(i, j)]] = Fraction(-1 if is_total else 1)
        matrix.append(row)
    for j in range(cols + 1):
        row = [Fraction(0)] * len(hidden)
        for i in range(rows + 1):
            if (i, j) in index:
                is_total = (i == rows) != (j == cols)
                row[index[(i, j)]] = Fraction(-1 if is_total else 1)
        matrix.append(row)
    base = _rank(matrix)
    for k in range(len(hidden)):
        unit = [Fraction(1 if m == k else 0) for m in range(len(hidden))]
        assert _rank([*matrix, unit]) > base, f"{hidden[k]} is determined"


def _rank(matrix):
    m = [list(r) for r in matrix]
    rank = 0
    cols = len(m[0]) if m else 0
    for c in range(cols):
        pivot = next((r for r in range(rank, len(m)) if m[r][c] != 0), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        for r in range(len(m)):
            if r != rank and m[r][c] != 0:
                f = m[r][c] / m[rank][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[rank], strict=True)]
        rank += 1
    return rank


@pytest.mark.parametrize(
    ("table", "cells"),
    [
        # The textbook case: a small cell, and a total that would give it back.
        ([[3, 40, 12]], [[None, 40, None]]),
        # Two small cells in one row protect each other.
        ([[3, 4, 50]], [[None, None, 50]]),
        # Nothing small: everything published.
        ([[10, 20], [30, 40]], [[10, 20], [30, 40]]),
    ],
)
def test_small_tables(table, cells):
    result = suppress(table, 5)
    assert result.cells == cells
    assert result.total == sum(map(sum, table))


def test_series_hides_a_second_category_and_keeps_the_total():
    result = suppress_series([2, 100, 7, 0], 5)
    assert [row[0] for row in result.cells] == [None, 100, None, 0]
    assert result.total == 109


def test_a_lone_small_row_total_is_hidden_with_its_cells():
    result = suppress([[1, 1], [50, 60]], 5)
    assert result.row_totals[0] is None
    assert result.cells[0] == [None, None]


def test_bridges_of_a_square_and_a_tail():
    assert find_bridges({(0, 0), (0, 1), (1, 0), (1, 1), (1, 2)}, 2) == {(1, 2)}


@pytest.mark.parametrize("bad", [[[1, -1]], [[1, 2], [3]]])
def test_bad_tables_are_refused(bad):
    with pytest.raises(ValueError):
        suppress(bad, 5)


def test_threshold_must_be_positive():
    with pytest.raises(ValueError):
        suppress([[1]], 0)
