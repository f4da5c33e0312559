"""An analyst opens the statistics dashboard, reads a chart's numbers and downloads an export."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from passage.crossings.services import CrossingInput, record_crossing
from passage.statistics import services
from passage.travellers.services import Identity

from .conftest import sign_in, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analyst_reads_the_dashboard_and_downloads_a_csv(live_server, personas, page):
    people = [("FRA", "M")] * 9 + [("ITA", "M")] * 8 + [("KEN", "F")]
    for i, (nationality, sex) in enumerate(people):
        identity = Identity(
            primary_name="TRAVELLER",
            secondary_name="GIVEN " + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i],
            sex=sex,
            birth_year=1985,
            nationality=nationality,
            issuing_state=nationality,
            number=f"BR{i:07d}",
            expiry_date=timezone.localdate() + dt.timedelta(days=900),
        )
        record_crossing(personas.officer, personas.post, CrossingInput("entry", identity))
    services.refresh(settle=0)

    sign_in(page, live_server.url, "analyst")
    page.click("text=Statistics")
    page.wait_for_selector("h1:has-text('Border statistics')")
    # Chart.js, served from our own static files, drew the charts.
    wait_until(page, "window.Chart && document.querySelectorAll('canvas[data-chart]').length >= 6")
    assert page.evaluate("Object.keys(Chart.instances).length") >= 6
    # The numbers are one click away.
    section = page.locator("#table-nationalities")
    section.locator("summary").click()
    france = section.locator("tbody tr", has_text="(FRA)")
    france.wait_for(state="visible")
    # Kenya's single traveller is withheld, with Italy's 8 so that the total cannot
    # give it back; France's 9 is published.
    assert france.locator("td").first.inner_text() == "9"
    kenya = section.locator("tbody tr", has_text="(KEN)").inner_text()
    assert "x" in kenya.split()
    with page.expect_download() as info:
        section.locator("a", has_text="CSV").click()
    download = info.value
    assert download.suggested_filename.startswith("passage-nationalities-")
    with open(download.path(), encoding="utf-8") as exported:
        rows = list(csv.reader(io.StringIO(exported.read())))
    kenya_row = next(r for r in rows if r and r[0].endswith("(KEN)"))
    assert kenya_row[1] == "x"
    assert any(r and r[0] == "Disclosure control" for r in rows)
