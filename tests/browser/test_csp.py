"""The pages work under the Content-Security-Policy (decision 0045): htmx reads the MRZ,
the language menu submits itself, the dashboard draws its charts, and Chromium reports
no refused script or style."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from passage.core.mrz import make_mrz
from passage.crossings.services import CrossingInput, record_crossing
from passage.reference.services import load_refusal_grounds
from passage.statistics import services
from passage.travellers.services import Identity

from .conftest import sign_in, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_work_under_the_policy(live_server, personas, page, tmp_path):
    load_refusal_grounds(None)
    for i in range(12):
        identity = Identity(
            primary_name="TRAVELLER",
            secondary_name="GIVEN " + "ABCDEFGHIJKL"[i],
            sex="F",
            birth_year=1985,
            nationality="FRA",
            issuing_state="FRA",
            number=f"CS{i:07d}",
            expiry_date=timezone.localdate() + dt.timedelta(days=900),
        )
        record_crossing(personas.officer, personas.post, CrossingInput("entry", identity))
    services.refresh(settle=0)
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    response = page.goto(f"{live_server.url}/accounts/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]

    sign_in(page, live_server.url, "officer")
    page.goto(f"{live_server.url}/posts/TST-AIR/counter/")
    mrz = make_mrz(
        "TD3",
        surname="Mekonnen",
        given_names="Sara",
        document_number="EP7654321",
        issuing_state="ETH",
        birth_date=dt.date(1991, 3, 14),
        sex="F",
        expiry_date=timezone.localdate() + dt.timedelta(days=1000),
    )
    page.locator("#id_mrz").focus()
    page.keyboard.insert_text(mrz)  # htmx posts it and fills the form
    wait_until(page, "document.querySelector('#id_primary_name').value === 'MEKONNEN'")
    page.select_option("#language", "ar")  # site.js submits the language form
    wait_until(page, "document.documentElement.dir === 'rtl'")
    page.screenshot(path=str(tmp_path / "counter-ar.png"))
    page.select_option("#language", "en")
    wait_until(page, "document.documentElement.dir === 'ltr'")

    page.context.clear_cookies()
    sign_in(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}/statistics/")
    wait_until(
        page, "[...document.querySelectorAll('canvas')].some(c => c.width > 0 && c.height > 0)"
    )
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    assert refused == []
