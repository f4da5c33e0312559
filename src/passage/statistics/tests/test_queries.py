"""Tables as published: net flow from published values only; long tables row by row."""

from __future__ import annotations

import datetime as dt

from passage.statistics.queries import Filters, Table, bucket, buckets


def test_net_flow_only_where_both_directions_are_published():
    t = Table(
        "flows",
        "t",
        "p",
        [("a", "a"), ("b", "b"), ("c", "c")],
        [("entry", "in"), ("exit", "out")],
        [[100, 40], [3, 50], [60, 70]],
        with_net=True,
    )
    net = t.net()
    assert net[0] == 60  # both directions published
    assert net[1] is None  # 3 entries are withheld, so is the net flow
    assert net[2] is None  # withheld too (secondary suppression), else row b follows from totals
    series = t.chart_data()["series"]
    assert series[-1]["data"] == net


def test_long_tables_are_protected_row_by_row():
    t = Table(
        "people",
        "t",
        "",
        [("x", ""), ("y", "")],
        [("M", "m"), ("F", "f")],
        [[12, 1], [30, 40]],
        by_row=True,
    )
    assert t.published.cells[0] == [None, None]
    assert t.published.row_totals[0] == 13
    assert t.published.cells[1] == [30, 40]
    assert t.published.total is None


def test_weeks_and_months_cover_the_period():
    f = Filters(dt.date(2026, 1, 28), dt.date(2026, 2, 3), "week", ("X",))
    assert buckets(f) == ["2026-W05", "2026-W06"]
    assert bucket(dt.date(2026, 2, 3), "day") == "2026-02-03"
