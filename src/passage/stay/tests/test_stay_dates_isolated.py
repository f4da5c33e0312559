"""The stay calculator's dates keep their order in Arabic wherever the counter shows them.

Seen in Chromium: at an exit with no entry recorded, the "Stay: cannot tell" banner drew
"2026-12-06" as "06-12-2026" in Arabic. The reason is the core's sentence (decision
0063) with the date inside it; after Arabic letters the date's digits are taken for
Arabic numbers, which a hyphen does not join. The page isolates each date
(``<bdi dir="ltr">``) in the banners and the stay card.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from passage.crossings import services as crossing_services
from passage.stay.models import StayRule
from passage.stay.templatetags.stay_text import stay_text
from passage.travellers.services import Identity

from .test_stay_app import mrz, rules  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    """Today, read when a test runs: a date read at import is a day behind the app's when
    the suite runs across midnight."""
    return timezone.localdate()


def _isolated() -> str:
    """Today's date as the page isolates it."""
    return f'<bdi dir="ltr">{_today().isoformat()}</bdi>'


def _part(page: str, start: str, end: str) -> str:
    part = page[page.index(start) :]
    return part[: part.index(end)]


def _read(client, nationality: str, direction: str) -> str:
    response = client.post(
        "/posts/TST-AIR/counter/",
        {"mrz": mrz(nationality), "action": "read", "direction": direction},
    )
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_at_an_exit_with_no_entry_the_cannot_tell_banner_isolates_the_date(
    client,
    personas,
    rules,  # noqa: F811 (the fixture)
    language,
):
    client.force_login(personas.officer)
    client.cookies["django_language"] = language
    page = _read(client, "ETH", "exit")
    assert 'class="banner banner-warning" role="alert" id="banner-stay"' in page
    assert _isolated() in _part(page, 'id="banner-stay"', "</div>")
    assert _isolated() in _part(page, 'id="check-stay"', "</article>")  # the stay summary


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_entry_card_isolates_the_date_its_rule_counts_from(
    client,
    personas,
    rules,  # noqa: F811 (the fixture)
    language,
):
    """Neighbours may stay 30 days per stay: the card names the rule and the entry day."""
    client.force_login(personas.officer)
    client.cookies["django_language"] = language
    card = _part(_read(client, "ETH", "entry"), 'id="check-stay"', "</article>")
    assert _isolated() in card


def _crossing(personas, direction: str, days_ago: int) -> None:
    identity = Identity(
        primary_name="TESFAYE",
        secondary_name="ABEL",
        number="P1234567",
        issuing_state="FRA",
        nationality="FRA",
    )
    at = timezone.now() - dt.timedelta(days=days_ago)
    data = crossing_services.CrossingInput(direction, identity, at=at)
    crossing_services.record_crossing(personas.officer, personas.post, data)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_no_stay_banner_isolates_the_date_the_window_ends(
    client,
    personas,
    rules,  # noqa: F811 (the fixture)
    language,
):
    """21 days of the last 30 spent in the country: 10 days in 30 authorises no day."""
    StayRule.objects.filter(name="Visa-free 90/180").update(max_days=10, window_days=30)
    _crossing(personas, "entry", 25)
    _crossing(personas, "exit", 5)
    client.force_login(personas.officer)
    client.cookies["django_language"] = language
    page = _read(client, "FRA", "entry")
    assert _isolated() in _part(page, 'id="banner-stay"', "</div>")


def test_the_filter_escapes_the_words_and_isolates_each_date():
    text = stay_text("<b>x</b> from 2026-01-02 to 2026-03-04, not 12026-01-02")
    assert text == (
        '&lt;b&gt;x&lt;/b&gt; from <bdi dir="ltr">2026-01-02</bdi> to '
        '<bdi dir="ltr">2026-03-04</bdi>, not 12026-01-02'
    )
    assert stay_text("") == "" and stay_text(None) == ""
