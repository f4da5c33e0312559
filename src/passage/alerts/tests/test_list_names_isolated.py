"""A list's name is isolated from the words around it wherever a page shows it.

A walk after decision 0251 found, in Arabic, a list named "2026 refusals (demo)" drawn
out of order on the counter (its "Alert lists" line, the hit's banner and card, the last
recorded crossing's line): a name in Latin letters that opens with a digit or a bracket
takes its order from the Arabic words around it unless it is isolated, as the hit page
isolates it (``<bdi>``). The alert-list pages show the name in Arabic headings too.
The glyphs' order itself is measured in Chromium (tests/browser/test_alert_hit.py).
"""

from __future__ import annotations

import pytest

from passage.alerts.models import AlertEntry

from .lists import import_lines, make_list, passport, post

pytestmark = pytest.mark.django_db

NAME = "2026 refusals (demo)"


@pytest.fixture
def listed(reference_data):
    alert_list = make_list(NAME, action="notify")
    import_lines(
        alert_list,
        [{"names": ["Anna Maria Eriksson"], "birth_dates": ["1974-08-12"], "reason": "x"}],
    )
    return alert_list


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_counter_isolates_the_list_name_in_each_place_it_shows_it(
    client, personas, listed, language
):
    client.force_login(personas.officer)
    client.cookies["django_language"] = language
    page = client.get("/posts/TST-AIR/counter/").content.decode()
    assert f"<bdi>{NAME} v1</bdi> (" in page  # the "Alert lists" line
    reading = client.post(
        "/posts/TST-AIR/counter/", {"mrz": passport(), "action": "read", "direction": "entry"}
    ).content.decode()
    banner = reading[reading.index('id="banner-hit"') :]
    banner = banner[: banner.index("</div>")]
    card = reading[reading.index('id="check-screening"') :]
    card = card[: card.index("</article>")]
    for shown in (banner, card):
        assert f"<bdi>{NAME}</bdi>" in shown and NAME not in shown.replace(f"<bdi>{NAME}", "")
    recorded = post(client, passport())
    after = client.get(recorded["Location"]).content.decode()
    banner = after[after.index('id="banner-referral"') :]
    assert f"<bdi>{NAME}</bdi>" in banner[: banner.index("</div>")]
    last = after[after.index('class="message" role="status"') :]
    assert f"<bdi>{NAME}</bdi>" in last[: last.index("</p>")]


def test_markup_in_a_list_name_is_escaped_not_drawn(client, personas, reference_data):
    """The referral's sentence is markup now (to carry the ``<bdi>``): the name is text."""
    alert_list = make_list("<b>bold</b> & co", action="notify")
    import_lines(
        alert_list,
        [{"names": ["Anna Maria Eriksson"], "birth_dates": ["1974-08-12"], "reason": "x"}],
    )
    client.force_login(personas.officer)
    client.cookies["django_language"] = "ar"
    reading = client.post(
        "/posts/TST-AIR/counter/", {"mrz": passport(), "action": "read", "direction": "entry"}
    ).content.decode()
    assert "<bdi>&lt;b&gt;bold&lt;/b&gt; &amp; co</bdi>" in reading
    assert "<b>bold</b>" not in reading


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_alert_list_pages_isolate_the_list_name(client, personas, listed, language):
    client.force_login(personas.administrator)
    client.cookies["django_language"] = language
    entry = AlertEntry.objects.get()
    for url in (
        "/alerts/",
        f"/alerts/{listed.pk}/",
        f"/alerts/{listed.pk}/import/",
        f"/alerts/{listed.pk}/entries/new/",
        f"/alerts/entries/{entry.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert f"<bdi>{NAME}</bdi>" in response.content.decode(), url


def _referred(client, personas, reason: str = "") -> tuple[str, str]:
    """A crossing the counter referred on a hit on ``listed``: (crossing id, inspection id)."""
    from passage.crossings.models import Crossing

    client.force_login(personas.officer)
    post(client, passport(), secondary_reason=reason)
    crossing = Crossing.objects.get()
    return str(crossing.pk), str(crossing.inspection.pk)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_supervisors_pages_isolate_the_list_name_and_the_travellers(
    client, personas, listed, language
):
    """A review found, in Arabic, the list name "2026 refusals (demo)" drawn as
    "refusals (demo) 2026" in the referral's reason on the inspection page (the reason
    is read in the reader's language, ``crossings.referrals``, and shown on the queue
    and the crossing's page too) and in the hit list's List column; and a traveller's
    name led their birth date and nationality left to right in a line of Arabic."""
    crossing, inspection = _referred(client, personas)
    client.force_login(personas.supervisor)
    client.cookies["django_language"] = language
    pages = {
        "/posts/TST-AIR/secondary/": 1,
        f"/secondary/{inspection}/": 2,  # the reason, and the hit under it (already)
        f"/crossings/{crossing}/": 1,
        "/alerts/hits/": 1,
    }
    for url, times in pages.items():
        page = client.get(url).content.decode()
        main = page[page.index("<main") :]
        assert main.count(f"<bdi>{NAME}</bdi>") == times, url
        assert NAME not in main.replace(f"<bdi>{NAME}</bdi>", ""), url
        assert "<bdi>ERIKSSON, ANNA MARIA</bdi>" in main or "<bdi>ANNA MARIA ERIKSSON" in main, url


def test_the_officers_words_and_a_list_name_with_markup_are_escaped_in_the_reason(
    client, personas, reference_data
):
    alert_list = make_list("<b>bold</b> & co", action="notify")
    import_lines(
        alert_list,
        [{"names": ["Anna Maria Eriksson"], "birth_dates": ["1974-08-12"], "reason": "x"}],
    )
    crossing, inspection = _referred(client, personas, reason="<i>torn</i> & wet")
    client.force_login(personas.supervisor)
    client.cookies["django_language"] = "ar"
    for url in (
        "/posts/TST-AIR/secondary/",
        f"/secondary/{inspection}/",
        f"/crossings/{crossing}/",
    ):
        page = client.get(url).content.decode()
        assert "<bdi>&lt;b&gt;bold&lt;/b&gt; &amp; co</bdi>" in page, url
        assert "&lt;i&gt;torn&lt;/i&gt; &amp; wet<br>" in page, url
        assert "<b>bold</b>" not in page and "<i>torn</i>" not in page, url
