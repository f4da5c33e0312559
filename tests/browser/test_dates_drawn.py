"""Dates are drawn as written: in their order inside Arabic sentences (decision 0255).

Seen in Chromium at 1366 by 768: at an exit, the Arabic "Stay: cannot tell" banner drew
"2026-12-06" as "06-12-2026". The check reads where Chromium put each date's glyphs,
whatever markup or style the page uses.
"""

from __future__ import annotations

import pytest

from passage.alerts.tests.lists import passport

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

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
