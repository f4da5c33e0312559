"""Small-cell suppression for published tables of counts, with secondary suppression.

A count between 1 and ``threshold - 1`` could point at a person, so it is never
published (*primary* suppression). Suppressing it is not enough when the table's totals
are published too: in the row ``3 | 40 | 12 = 55`` with the 3 hidden, the total gives it
back. So further cells (or totals) are hidden until no hidden value can be worked out
from what is published (*secondary* suppression).

The rule used, for one two-dimensional table published with its row totals, column
totals and grand total (a one-dimensional table is a table of one column):

- Put the totals into the table as an extra row and column, and negate them; every
  row and every column of this augmented table then sums to zero. Each row and column
  is one linear equation that a reader can use. See the hidden cells as the edges of a
  bipartite graph between rows and columns.
- A hidden cell can be solved for from the equations exactly when its edge is a
  *bridge* of that graph (it lies on no cycle). When it lies on a cycle, adding
  ``+1, -1, +1, …`` around the cycle gives another table that agrees with everything
  published, so the value cannot be recovered (Cox 1980, "Suppression methodology and
  statistical disclosure control", JASA 75; Gusfield 1988 for the graph form).
- Hidden cells are only ever counts of at least 1 (zeros are published: a zero says
  nothing about a person), so that ``±1`` step keeps every count non-negative: the
  hidden value is not recoverable even by someone who knows counts cannot be negative.

The algorithm hides the small cells, then, while any hidden cell is a bridge, closes a
cycle through it with the cheapest rectangle of three more cells (fewest totals, then
fewest new cells, then smallest counts). It is a heuristic, not an
optimal solution of the cell-suppression problem, but every table it returns is safe
by the rule above, and the property tests check that by building the other table.

>>> t = suppress([[3, 40], [20, 12]], threshold=5)
>>> t.cells
[[None, None], [None, None]]
>>> t.total
75
>>> suppress([[30, 40], [20, 12]], threshold=5).cells
[[30, 40], [20, 12]]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

DEFAULT_THRESHOLD = 5


@dataclass
class SuppressedTable:
    """A table ready to publish: ``None`` wherever a value is withheld."""

    cells: list[list[int | None]]
    row_totals: list[int | None]
    column_totals: list[int | None]
    total: int | None
    threshold: int
    primary: set[tuple[int, int]] = field(default_factory=set)
    secondary: set[tuple[int, int]] = field(default_factory=set)

    @property
    def suppressed_count(self) -> int:
        return len(self.primary) + len(self.secondary)


def is_small(value: int, threshold: int) -> bool:
    """True for a count that may not be published: 1 ≤ value < threshold.

    >>> [is_small(v, 5) for v in (0, 1, 4, 5)]
    [False, True, True, False]
    """
    return 0 < value < threshold


def suppress(table: Sequence[Sequence[int]], threshold: int = DEFAULT_THRESHOLD) -> SuppressedTable:
    """Apply primary and secondary suppression to ``table`` (rows of non-negative counts).

    Positions in ``primary``/``secondary`` index the augmented table: row ``len(table)``
    holds the column totals, column ``len(table[0])`` the row totals.
    """
    if threshold < 1:
        raise ValueError("threshold must be at least 1")
    rows = len(table)
    cols = len(table[0]) if rows else 0
    if any(len(row) != cols for row in table):
        raise ValueError("every row needs the same number of cells")
    if any(v < 0 for row in table for v in row):
        raise ValueError("counts cannot be negative")
    grid = _augmented(table)
    hidden: set[tuple[int, int]] = {
        (i, j) for i in range(rows + 1) for j in range(cols + 1) if is_small(grid[i][j], threshold)
    }
    primary = set(hidden)
    while True:
        bridges = find_bridges(hidden, rows + 1)
        if not bridges:
            break
        a, b = min(bridges)
        hidden |= _cheapest_rectangle(grid, hidden, a, b)
    return SuppressedTable(
        cells=[
            [None if (i, j) in hidden else grid[i][j] for j in range(cols)] for i in range(rows)
        ],
        row_totals=[None if (i, cols) in hidden else grid[i][cols] for i in range(rows)],
        column_totals=[None if (rows, j) in hidden else grid[rows][j] for j in range(cols)],
        total=None if (rows, cols) in hidden else grid[rows][cols],
        threshold=threshold,
        primary=primary,
        secondary=hidden - primary,
    )


def suppress_series(values: Sequence[int], threshold: int = DEFAULT_THRESHOLD) -> SuppressedTable:
    """One-dimensional table (categories and their total) as a table of one column.

    >>> suppress_series([3, 50, 60, 70]).cells
    [[None], [None], [60], [70]]
    """
    return suppress([[v] for v in values], threshold)


def _augmented(table: Sequence[Sequence[int]]) -> list[list[int]]:
    rows = len(table)
    cols = len(table[0]) if rows else 0
    grid = [[*row, sum(row)] for row in table]
    column_totals = [sum(table[i][j] for i in range(rows)) for j in range(cols)]
    grid.append([*column_totals, sum(column_totals)])
    return grid


def find_bridges(edges: set[tuple[int, int]], row_count: int) -> set[tuple[int, int]]:
    """Edges (row, column) of the bipartite graph that lie on no cycle.

    Rows are nodes ``0..row_count-1``, column ``j`` is node ``row_count + j``.

    >>> sorted(find_bridges({(0, 0), (0, 1), (1, 0), (1, 1), (1, 2)}, 2))
    [(1, 2)]
    """
    adjacency: dict[int, list[tuple[int, tuple[int, int]]]] = {}
    for i, j in edges:
        u, v = i, row_count + j
        adjacency.setdefault(u, []).append((v, (i, j)))
        adjacency.setdefault(v, []).append((u, (i, j)))
    order: dict[int, int] = {}
    low: dict[int, int] = {}
    bridges: set[tuple[int, int]] = set()
    counter = 0
    for start in adjacency:
        if start in order:
            continue
        order[start] = low[start] = counter
        counter += 1
        # Iterative depth-first search: (node, edge used to reach it, neighbour iterator).
        stack: list[tuple[int, tuple[int, int] | None, Iterator[tuple[int, tuple[int, int]]]]]
        stack = [(start, None, iter(adjacency[start]))]
        while stack:
            node, via, neighbours = stack[-1]
            advanced = False
            for nxt, edge in neighbours:
                if edge == via:
                    continue
                if nxt in order:
                    low[node] = min(low[node], order[nxt])
                else:
                    order[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append((nxt, edge, iter(adjacency[nxt])))
                    advanced = True
                    break
            if advanced:
                continue
            stack.pop()
            if stack:
                parent = stack[-1][0]
                low[parent] = min(low[parent], low[node])
                if low[node] > order[parent] and via is not None:
                    bridges.add(via)
    return bridges


def _cheapest_rectangle(
    grid: list[list[int]], hidden: set[tuple[int, int]], a: int, b: int
) -> set[tuple[int, int]]:
    """Cells to hide so that ``(a, b)`` lies on the 4-cycle (a,b) (a,d) (c,d) (c,b)."""
    rows, cols = len(grid) - 1, len(grid[0]) - 1
    best: tuple[tuple[int, int, int], set[tuple[int, int]]] | None = None
    for c in range(rows + 1):
        if c == a:
            continue
        if (c, b) not in hidden and grid[c][b] == 0:
            continue
        for d in range(cols + 1):
            if d == b:
                continue
            corners = ((a, d), (c, d), (c, b))
            if any(cell not in hidden and grid[cell[0]][cell[1]] == 0 for cell in corners):
                continue
            new = {cell for cell in corners if cell not in hidden}
            totals = sum(1 for i, j in new if i == rows or j == cols)
            key = (totals, len(new), sum(grid[i][j] for i, j in new))
            if best is None or key < best[0]:
                best = (key, new)
    if best is None:  # pragma: no cover - the totals always close a rectangle
        raise AssertionError(f"no rectangle closes a cycle through {(a, b)}")
    return best[1]
