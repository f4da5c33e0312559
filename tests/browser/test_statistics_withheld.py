"""A withheld count is drawn as withheld (hatched, with a legend), never as an empty slot
that reads as zero; in Arabic the chart's countries are named in Arabic."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.utils import timezone

from passage.crossings.services import CrossingInput, record_crossing
from passage.statistics import services
from passage.travellers.services import Identity

from .conftest import sign_in, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# France 9 is published; Kenya's 1 is withheld, and Italy's 8 with it (secondary
# suppression: the total would give Kenya back). Italy has far more than zero.
PEOPLE = [("FRA", "M")] * 9 + [("ITA", "M")] * 8 + [("KEN", "F")]
SERIES = """(name) => {
  const canvas = document.querySelector(`canvas[data-chart="chart-${name}"]`);
  const chart = Chart.getChart(canvas);
  return {
    labels: chart.data.labels,
    sets: chart.data.datasets.map(d => ({
      label: d.label,
      data: d.data,
      patterned: Array.isArray(d.backgroundColor)
        ? d.backgroundColor.map(c => c instanceof CanvasPattern)
        : [d.backgroundColor instanceof CanvasPattern],
    })),
  };
}"""


def _load(personas) -> None:
    for i, (nationality, sex) in enumerate(PEOPLE):
        identity = Identity(
            primary_name="TRAVELLER",
            secondary_name="GIVEN " + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i],
            sex=sex,
            birth_year=1985,
            nationality=nationality,
            issuing_state=nationality,
            number=f"WH{i:07d}",
            expiry_date=timezone.localdate() + dt.timedelta(days=900),
        )
        record_crossing(personas.officer, personas.post, CrossingInput("entry", identity))
    services.refresh(settle=0)


def test_withheld_counts_are_drawn_hatched_with_a_legend(live_server, personas, page):
    _load(personas)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}/statistics/")
    wait_until(page, "window.Chart && document.querySelector('canvas[data-withheld]')")
    chart = page.evaluate(SERIES, "nationalities")
    entries = chart["sets"][0]
    rows = {label.split("(")[-1].rstrip(")"): i for i, label in enumerate(chart["labels"])}
    for code in ("KEN", "ITA"):
        # Drawn (a bar reaching the top), hatched: not a gap, not zero.
        assert entries["data"][rows[code]] is not None and entries["data"][rows[code]] > 0
        assert entries["patterned"][rows[code]], code
    assert entries["data"][rows["FRA"]] == 9 and not entries["patterned"][rows["FRA"]]
    assert chart["sets"][-1]["label"] == "Withheld (not published)"
    legend = page.locator("#table-nationalities .withheld-legend")
    assert legend.is_visible() and "not zero" in legend.inner_text()


def test_arabic_charts_name_countries_in_arabic(live_server, personas, page):
    _load(personas)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server.url, "analyst")
    page.select_option("#language", "ar")
    page.wait_for_selector("html[dir=rtl]")
    page.goto(f"{live_server.url}/statistics/")
    wait_until(page, "window.Chart && document.querySelector('canvas[data-withheld]')")
    labels = page.evaluate(SERIES, "nationalities")["labels"]
    assert any(label.startswith("فرنسا") for label in labels), labels
    assert not any("France" in label for label in labels), labels
    # and read right to left: the value axis reversed, the category axis on the right
    scales = page.evaluate(
        """() => {
          const chart = Chart.getChart(document.querySelector('canvas[data-chart="chart-flows"]'));
          return {x: chart.options.scales.x.reverse, y: chart.options.scales.y.position,
                  legend: chart.options.plugins.legend.rtl};
        }"""
    )
    assert scales == {"x": True, "y": "right", "legend": True}
    if shots := os.environ.get("PASSAGE_SCREENSHOTS"):
        page.locator("#table-nationalities").screenshot(path=f"{shots}/statistics-chart-ar.png")
