"""The base layout: accessible, offline (no CDN), and ready for four languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

STATIC = Path(__file__).resolve().parents[1] / "static"


@pytest.mark.parametrize(
    "persona", ["officer", "supervisor", "protection", "analyst", "administrator", "dpo"]
)
def test_home_page_for_every_role(client, personas, persona):
    client.force_login(getattr(personas, persona))
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#main"' in html and 'id="main"' in html
    assert 'lang="en"' in html and 'dir="ltr"' in html


def test_pages_load_nothing_from_outside(client, personas):
    client.force_login(personas.officer)
    html = client.get("/").content.decode()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []
    assert "/static/vendor/htmx/htmx.min.js" in html
    assert (STATIC / "vendor/htmx/htmx.min.js").stat().st_size > 10_000
    assert (STATIC / "vendor/pico/pico.min.css").stat().st_size > 10_000


def test_arabic_turns_the_layout_right_to_left(client, personas):
    client.force_login(personas.officer)
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    # A Latin user name inside Arabic text is isolated, so its hyphens and digits keep
    # their order and the sentence around it does not reorder.
    name = personas.officer.get_username()
    assert f"تسجيل خروج <bdi>{name}</bdi>" in html
    # So is a post's Latin name: the count after it stays with the Arabic words.
    assert "<bdi><strong>TST-AIR</strong>" in html


def test_languages_offered():
    assert [code for code, _ in settings.LANGUAGES] == ["en", "fr", "es", "ar"]


def test_health_is_public_and_says_nothing_else(client):
    assert client.get("/health").json() == {"status": "ok"}


def test_unknown_page_is_a_plain_404(client, personas):
    client.force_login(personas.officer)
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "tried" not in response.content.decode()
