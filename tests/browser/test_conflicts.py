"""A supervisor at HQ decides a conflicting correction with the keyboard, in English and
Arabic, at 1366x768 (decision 0105)."""

from __future__ import annotations

import os

import pytest
from django.test import override_settings

from passage.accounts.roles import Role
from passage.accounts.services import create_user
from passage.sync import services
from passage.travellers import corrections
from passage.travellers.models import CorrectionConflict, Traveller

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


def test_supervisor_takes_the_posts_value(live_server, personas, page):
    create_user(
        None, "hq-supervisor", password=PASSWORD, roles=[Role.SUPERVISOR], national_scope=True
    )
    node = services.enrol_node(None, "post-north").node
    traveller = Traveller.objects.create(
        primary_name="ERIKSSON", secondary_name="ANNA", birth_year=1974, birth_month=8
    )
    corrections.correct(
        personas.supervisor, traveller.pk, {"primary_name": "ERIKSON"}, version=1, reason="x"
    )
    for field, base, held, incoming in (
        ("primary_name", "ERIKSSON", "ERIKSON", "ERICSSON"),
        ("birth_day", None, 12, 21),
    ):
        CorrectionConflict.objects.create(
            traveller=traveller,
            field=field,
            base=base,
            held=held,
            incoming=incoming,
            origin=str(node.pk),
        )
    shots = os.environ.get("PASSAGE_SCREENSHOTS")
    with override_settings(PASSAGE_ROLE="hq"):
        page.set_viewport_size({"width": 1366, "height": 768})
        sign_in(page, live_server.url, "hq-supervisor")
        page.goto(f"{live_server.url}/sync/")
        page.get_by_role("link", name="Conflicting corrections of travellers").click()
        table = page.locator("table.conflicts")
        text = table.inner_text()
        assert "ERIKSON" in text and "ERICSSON" in text and "post-north" in text
        # Nothing spills out of the page sideways at 1366 pixels.
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
        if shots:
            page.screenshot(path=f"{shots}/conflicts.png", full_page=True)
        note = table.locator("input[name=note]").first
        note.focus()
        page.keyboard.type("passport seen at the counter")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")  # past "keep headquarters' value"
        page.keyboard.press("Enter")  # take the post's value
        page.wait_for_selector("text=Recently decided")
        assert Traveller.objects.get(pk=traveller.pk).primary_name == "ERICSSON"
        assert CorrectionConflict.objects.filter(status="open").count() == 1
        page.context.add_cookies(
            [{"name": "django_language", "value": "ar", "url": live_server.url}]
        )
        page.goto(f"{live_server.url}/sync/conflicts/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert "ERICSSON" in page.content()
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
        if shots:
            page.screenshot(path=f"{shots}/conflicts-ar.png", full_page=True)
