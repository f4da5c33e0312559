"""Dates are drawn as written: in their order inside Arabic sentences, and on one line in
table columns, in English and Arabic (decision 0255).

Seen in Chromium at 1366 by 768: at an exit, the Arabic "Stay: cannot tell" banner drew
"2026-12-06" as "06-12-2026"; the alert hits list broke its "When" column after a
hyphen, "2026-12-" on one line and "06 22:19" on the next, in both languages. The checks
read where Chromium put each date's glyphs, whatever markup or style the page uses.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from passage.alerts import indexes, services
from passage.alerts.models import AlertList
from passage.alerts.tests.lists import passport
from passage.crossings import services as crossing_services
from passage.reference.services import load_refusal_grounds
from passage.travellers.services import Identity

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each date (with its time) in a table cell of the page's main part, and those of them
# whose characters Chromium laid out on more than one line.
BROKEN_DATES = """() => {
  const found = [], broken = [];
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest("td")) continue;
    for (const m of node.data.matchAll(/\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2})?/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      found.push(m[0]);
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return {found, broken};
}"""


# Where Chromium drew each character of the first ISO date in ``selector``'s text.
DATE_GLYPHS = """(selector) => {
  const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const m = node.data.match(/\\d{4}-\\d{2}-\\d{2}/);
    if (!m) continue;
    const range = document.createRange();
    return [...m[0]].map((_, i) => {
      range.setStart(node, m.index + i);
      range.setEnd(node, m.index + i + 1);
      return range.getBoundingClientRect().left;
    });
  }
  return null;
}"""


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_exit_stay_banner_draws_its_date_left_to_right(live_server, personas, page, language):
    """An exit with no entry recorded: the calculator cannot tell, and names the day."""
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server.url, language=language)
    page.goto(f"{live_server.url}/posts/TST-AIR/counter/")
    page.select_option("#id_direction", "exit")
    page.focus("#id_mrz")
    page.keyboard.insert_text(
        passport(number="X1234567", surname="OKAFOR", given="AMARA", issuing_state="NGA")
    )
    page.locator("#banner-stay").wait_for()
    lefts = page.evaluate(DATE_GLYPHS, "#banner-stay")
    assert lefts is not None and lefts == sorted(lefts), lefts


@pytest.fixture
def hit(personas, settings, tmp_path):
    """The demo's hit: the ICAO specimen on a list with a long name and reason."""
    settings.VAR_DIR = tmp_path
    indexes._loaded.clear()
    load_refusal_grounds(None)
    wanted = services.create_list(
        None,
        AlertList(
            name="Utopia wanted and refused persons (demo)", kind="persons", default_action="notify"
        ),
    )
    line = {
        "names": ["Anna Maria Eriksson"],
        "birth_dates": ["1974-08-12"],
        "reason": "Demo: notify the Utopian passport office when this specimen is presented.",
    }
    services.import_entries(None, wanted, "jsonl", json.dumps(line).encode())
    identity = Identity(
        primary_name="ERIKSSON",
        secondary_name="ANNA MARIA",
        number="L898902C3",
        issuing_state="UTO",
        nationality="UTO",
        sex="F",
        birth_year=1974,
        birth_month=8,
        birth_day=12,
        expiry_date=dt.date(2034, 4, 15),
    )
    data = crossing_services.CrossingInput("entry", identity, decision="secondary")
    return crossing_services.record_crossing(personas.officer, personas.post, data)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_list_tables_draw_each_date_on_one_line(live_server, personas, page, hit, language):
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server.url, "supervisor", language=language)
    for url in (
        "/alerts/hits/",
        "/posts/TST-AIR/secondary/",
        "/posts/TST-AIR/crossings/",
        f"/travellers/{hit.crossing.traveller_id}/",
    ):
        page.goto(live_server.url + url)
        dates = page.evaluate(BROKEN_DATES)
        assert dates["found"], url
        assert dates["broken"] == [], (url, dates["broken"])
    # The counter's card of a known traveller is a third of the page wide.
    page.goto(f"{live_server.url}/posts/TST-AIR/counter/")
    page.focus("#id_mrz")
    page.keyboard.insert_text(passport())
    page.locator("#check-identity table.history td").first.wait_for()
    dates = page.evaluate(BROKEN_DATES)
    assert dates["found"] and dates["broken"] == [], dates
