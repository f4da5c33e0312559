"""A nationality no stay rule covers: the counter says "no limit", never 9999-12-31."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from django.utils.translation import override

from passage.core.mrz import make_mrz
from passage.stay.models import StayRule

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

pytestmark = pytest.mark.django_db


def _read(client, nationality: str, language: str = "en") -> tuple[object, str]:
    mrz = make_mrz(
        "TD3",
        surname="Tesfaye",
        given_names="Abel",
        document_number="P1234567",
        issuing_state=nationality,
        birth_date=dt.date(1985, 5, 5),
        sex="M",
        expiry_date=timezone.localdate() + dt.timedelta(days=1500),
    )
    response = client.post(
        "/posts/TST-AIR/counter/",
        {"mrz": mrz, "action": "read", "direction": "entry"},
        headers={"accept-language": language},
    )
    assert response.status_code == 200
    return response, response.content.decode()


@pytest.mark.parametrize(
    ("language", "outcome", "no_limit"),
    [
        ("en", "Stay authorised", "no limit"),
        ("fr", "Séjour autorisé", "sans limite"),
        ("es", "Estancia autorizada", "sin límite"),
        ("ar", "الإقامة مأذون بها", "بلا حد"),
    ],
)
def test_no_rule_means_no_limit_in_every_language(client, personas, language, outcome, no_limit):
    assert not StayRule.objects.exists()
    client.force_login(personas.officer)
    with override(language):
        response, page = _read(client, "FRA", language)
    assert response.context["stay"].authorised_until == dt.date.max
    # The year of date.max, shown nowhere: the form's random submission key (a UUID) may
    # hold 9999 by chance, and is left out of the check.
    assert "9999" not in _UUID.sub("", page)
    assert f"<strong>{outcome}</strong> — {no_limit}" in page
    # Nothing to suggest as the authorised-until date either.
    assert not response.context["form"].initial.get("authorised_until")


def test_a_rule_still_gives_its_date(client, personas):
    StayRule.objects.create(name="Visa-free 90/180", max_days=90, window_days=180)
    client.force_login(personas.officer)
    response, page = _read(client, "FRA")
    until = timezone.localdate() + dt.timedelta(days=89)
    assert response.context["stay_until"] == until
    assert f'may stay until <strong dir="ltr">{until.isoformat()}</strong>' in page
    assert "no limit" not in page


def test_an_exempt_national_is_not_told_the_rule_that_would_otherwise_apply(client, personas):
    """The session 27 walk: an own national's card said they are not subject to stay
    limits, then named in brackets the catch-all rule ("visa required") that the
    exemption set aside, which read as a contradiction."""
    StayRule.objects.create(name="Every other nationality: visa required", max_days=90)
    client.force_login(personas.officer)
    response, page = _read(client, "UTO")
    assert response.context["stay"].outcome == "exempt"
    assert "UTO nationals are not subject to stay limits here" in page
    assert "visa required" not in page and "no stay rule matches" not in page
