"""The counter's alert-hit banner follows the list's action (decision 0251).

The Chromium walk found the referral the officer reads after recording in amber even
when the list's action was "refuse entry", looking like a routine referral. A hit whose
list asks to keep the traveller out (refuse entry, arrest) is red, with a stop icon and
words saying entry is denied pending a supervisor's decision; any other hit (notify,
monitor) is amber, with a warning icon, and says only that it refers. Before and after
recording, the officer still sees the action and the list only: never the score.
"""

from __future__ import annotations

import pytest

from passage.alerts.models import ScreeningHit
from passage.reference.services import load_refusal_grounds

from .lists import import_lines, make_list, passport, post

pytestmark = pytest.mark.django_db

DENY = "Alert list hit: deny entry"
DENIED = "Entry is denied pending a supervisor's decision at secondary inspection."
STOP_ICON = 'd="M8 2h8l6 6v8l-6 6H8l-6-6V8z"'
WARN_ICON = 'd="M12 2L1 21h22z"'


@pytest.fixture
def counter(client, personas):
    load_refusal_grounds(None)
    client.force_login(personas.officer)
    return client


def _listed(action: str, name: str = "Persons of interest") -> None:
    import_lines(
        make_list(name, action=action),
        [{"names": ["Anna Maria Eriksson"], "birth_dates": ["1974-08-12"], "reason": "x"}],
    )


def _banner(html: str, banner_id: str) -> str:
    """The banner ``banner_id`` from its opening tag to its end."""
    start = html.rindex("<div", 0, html.index(f'id="{banner_id}"'))
    return html[start : html.index("</div>", start)]


def _read(counter, direction: str = "entry") -> str:
    return counter.post(
        "/posts/TST-AIR/counter/", {"mrz": passport(), "action": "read", "direction": direction}
    ).content.decode()


@pytest.mark.parametrize("action", ["refuse", "arrest"])
def test_a_hit_on_a_list_that_keeps_the_traveller_out_is_red_and_says_so(counter, action):
    _listed(action)
    banner = _banner(_read(counter), "banner-hit")
    assert 'class="banner banner-danger"' in banner and 'role="alert"' in banner
    assert STOP_ICON in banner and DENY in banner and DENIED in banner
    recorded = post(counter, passport())
    page = counter.get(recorded["Location"]).content.decode()
    banner = _banner(page, "banner-referral")
    assert 'class="banner banner-danger"' in banner and STOP_ICON in banner
    assert DENY in banner and DENIED in banner and "Refer to secondary inspection" in banner
    # The referral is the banner, not an amber message as well.
    assert 'class="message warning"' not in page


@pytest.mark.parametrize("action", ["notify", "monitor"])
def test_a_hit_on_a_list_that_only_refers_is_amber(counter, action):
    _listed(action)
    html = _read(counter)
    banner = _banner(html, "banner-hit")
    assert 'class="banner banner-warning"' in banner and 'role="alert"' in banner
    assert WARN_ICON in banner and STOP_ICON not in banner
    assert "<strong>Alert list hit</strong>" in banner and "deny entry" not in banner
    assert "Admitting sends the traveller to secondary inspection." in banner
    assert 'class="check screening-referred"' in html
    recorded = post(counter, passport())
    page = counter.get(recorded["Location"]).content.decode()
    banner = _banner(page, "banner-referral")
    assert 'class="banner banner-warning"' in banner and WARN_ICON in banner
    assert "Refer to secondary inspection" in banner and "denied" not in banner
    assert 'class="message warning"' not in page


def test_the_alert_lists_card_is_red_for_a_refusal_and_amber_for_a_referral(counter):
    _listed("refuse")
    assert 'class="check screening-referred screening-stop"' in _read(counter)


def test_one_list_that_keeps_the_traveller_out_among_several_makes_the_banner_red(counter):
    _listed("monitor", "Monitored persons")
    _listed("refuse", "Refused persons")
    banner = _banner(_read(counter), "banner-hit")
    assert "banner-danger" in banner and "Monitored persons" in banner
    assert "Refused persons" in banner


def test_at_an_exit_the_red_banner_holds_the_traveller(counter):
    _listed("arrest")
    banner = _banner(_read(counter, "exit"), "banner-hit")
    assert "banner-danger" in banner and "Alert list hit: hold the traveller" in banner
    assert "deny entry" not in banner and "Admitting" not in banner
    recorded = post(counter, passport(), direction="exit")
    banner = _banner(counter.get(recorded["Location"]).content.decode(), "banner-referral")
    assert "hold the traveller" in banner and "held pending a supervisor" in banner


@pytest.mark.parametrize(
    ("language", "exit_words", "entry_words"),
    [
        (
            "en",
            "Recording the exit sends the traveller to secondary inspection.",
            "Admitting sends the traveller to secondary inspection.",
        ),
        (
            "ar",
            "تسجيل المغادرة يحيل المسافر إلى التفتيش الثانوي.",
            "السماح بالدخول يحيل المسافر إلى التفتيش الثانوي.",
        ),
        (
            "fr",
            "Enregistrer la sortie envoie le voyageur en contrôle approfondi.",
            "Admettre envoie le voyageur en contrôle approfondi.",
        ),
        (
            "es",
            "Registrar la salida envía al viajero a inspección secundaria.",
            "Admitir envía al viajero a inspección secundaria.",
        ),
    ],
)
def test_at_an_exit_the_amber_banner_says_recording_the_exit_refers(
    counter, language, exit_words, entry_words
):
    """The amber banner said "Admitting sends …" at an exit too, where the officer's
    button is Record exit; the red one already spoke of the exit (decision 0251)."""
    _listed("notify")
    counter.cookies["django_language"] = language
    banner = _banner(_read(counter, "exit"), "banner-hit")
    assert "banner-warning" in banner and exit_words in banner and entry_words not in banner
    banner = _banner(_read(counter), "banner-hit")
    assert entry_words in banner and exit_words not in banner


def test_the_red_banner_speaks_the_officers_language_and_never_shows_the_score(counter):
    _listed("refuse")
    counter.cookies["django_language"] = "ar"
    banner = _banner(_read(counter), "banner-hit")
    assert "تطابق في قائمة تنبيه: لا تسمح بالدخول" in banner
    assert "الدخول ممنوع إلى أن يقرّر المشرف في التفتيش الثانوي." in banner
    recorded = post(counter, passport())
    page = counter.get(recorded["Location"]).content.decode()
    banner = _banner(page, "banner-referral")
    assert "لا تسمح بالدخول" in banner and "رفض الدخول" in banner  # the list's action
    hit = ScreeningHit.objects.get()
    for shown in (page, _read(counter)):
        assert f"{hit.score:.2f}" not in shown.replace(",", ".")
        assert "درجة" not in shown and "score" not in shown.lower()


def test_a_refusal_the_officer_chose_still_shows_the_hit_in_red(counter):
    """Refused at the counter, the hit is still raised for review (the crossing stays
    refused): the banner over it says what the list asks, in red."""
    _listed("refuse")
    recorded = post(counter, passport(), action="refuse", refusal_grounds=["H"])
    page = counter.get(recorded["Location"]).content.decode()
    assert "Refused" in page and "banner-danger" in _banner(page, "banner-referral")
