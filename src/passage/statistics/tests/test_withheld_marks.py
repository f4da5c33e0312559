"""Tables mark a withheld count one way (x, explained), a table whose columns count
different things publishes no sum across them, and a rate with a withheld part is
withheld too."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from passage.statistics import queries
from passage.statistics.templatetags.statistics_cells import cell


def _table(**kw):
    return queries.Table(
        "screening",
        "Screening hits and outcomes",
        "Crossing point",
        [("AIR", "AIR"), ("LAND", "LAND")],
        [("outcome:clear", "Screened: clear"), ("hit:refuse", "Hits: refuse")],
        [[120, 1], [300, 40]],
        **kw,
    )


def test_the_withheld_mark_is_one_abbr_everywhere():
    with translation.override("en"):
        mark = cell(None)
        assert 'class="withheld"' in mark and ">x</abbr>" in mark and "title=" in mark
        assert cell(6757) == "6,757"


@pytest.mark.django_db
def test_a_table_of_different_counts_has_no_total_across_them():
    html = render_to_string(
        "statistics/partials/table.html", {"table": _table(additive=False), "chart": False}
    )
    head = html.split("<thead>")[1].split("</thead>")[0]
    assert "Total" not in head
    foot = html.split("<tfoot>")[1].split("</tfoot>")[0]
    assert foot.count("<td>") == 2  # one per column, no grand total
    additive = render_to_string(
        "statistics/partials/table.html", {"table": _table(), "chart": False}
    )
    assert "Total" in additive.split("<thead>")[1].split("</thead>")[0]


def test_the_screening_table_is_not_additive():
    import inspect

    assert "additive=False" in inspect.getsource(queries.screening)


@pytest.mark.django_db
def test_withheld_cells_are_marked_and_charted_as_withheld():
    table = _table()
    html = render_to_string("statistics/partials/table.html", {"table": table, "chart": False})
    assert html.count('class="withheld"') == sum(
        v is None for row in table.published.cells for v in row
    ) + sum(v is None for v in table.published.row_totals) + sum(
        v is None for v in table.published.column_totals
    ) + (table.published.total is None)
    spec = table.chart_data()
    for series in spec["series"]:
        assert series["withheld"] == [v is None for v in series["data"]]
    assert any(any(s["withheld"]) for s in spec["series"])


def test_a_rate_is_withheld_when_a_part_is_and_says_so_when_nothing_was_reviewed():
    with translation.override("en"):
        assert queries._rate(None, 40) is None
        assert queries._rate(3, None) is None
        assert queries._rate(0, 0) == "none reviewed yet"
        assert queries._rate(1, 4) == "25.0 %"


@pytest.mark.django_db
def test_a_table_of_distinct_counts_publishes_no_total_anywhere():
    """Persons and documents by direction: a person who entered and left is one person,
    so neither the page, the CSV, the HXL nor the API adds the directions up."""
    from passage.statistics import exports

    table = queries.Table(
        "persons",
        "Crossings, documents and persons",
        "Direction",
        [("entry", "Entry"), ("exit", "Exit")],
        [("crossings", "Crossings"), ("documents", "Documents"), ("persons", "Persons")],
        [[120, 100, 90], [110, 95, 88]],
        additive=False,
        rows_additive=False,
        hxl_columns=("#indicator+crossings", "#indicator+documents", "#affected+persons"),
    )
    html = render_to_string("statistics/partials/table.html", {"table": table, "chart": False})
    assert "<tfoot>" not in html and "Total" not in html
    rows = exports._rows(table)
    assert [len(r) for r in rows] == [4, 4, 4]  # header and two directions, no total
    import datetime as dt

    day = dt.date(2026, 11, 1)
    hxl = exports.to_hxl(table, queries.Filters(day, day, "month", ("AIR",)))
    assert "#affected+total" not in hxl
    assert hxl.rstrip().splitlines()[-1] == "exit,110,95,88"
