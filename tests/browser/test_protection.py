"""At the counter an officer flags an unaccompanied child; the protection officer sees
the referral in their queue (and nobody had to create it by hand)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from passage.core.mrz import make_mrz
from passage.protection.models import Referral, ServiceProvider
from passage.protection.services import load_reference
from passage.reference.services import load_refusal_grounds

from .conftest import sign_in, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_child_flagged_at_the_counter_reaches_the_protection_queue(
    live_server, personas, browser, page
):
    load_refusal_grounds(None)
    load_reference(None)
    provider = ServiceProvider.objects.create(organisation="Child Protection Unit")
    provider.services.set(["child_protection"])
    mrz = make_mrz(
        "TD3",
        surname="Abebe",
        given_names="Selam",
        document_number="EQ7001234",
        issuing_state="ETH",
        birth_date=timezone.localdate().replace(year=timezone.localdate().year - 13, day=1),
        sex="F",
        expiry_date=timezone.localdate() + dt.timedelta(days=1000),
    )
    sign_in(page, live_server.url, "officer")
    page.goto(f"{live_server.url}/posts/TST-AIR/counter/")
    page.keyboard.insert_text(mrz)
    wait_until(page, "document.querySelector('#id_primary_name').value === 'ABEBE'")
    page.click("#protection-flags summary")
    page.check("input[name=protection_indicators][value=SC-UC]")
    # Ticking the box suggests the referral that fits it, with a provider near the post.
    page.wait_for_selector("#protection-suggestions >> text=Child Protection Unit")
    assert "Referred at once" in page.inner_text("#protection-suggestions")
    page.fill("input[name=protection_note]", "travelling alone")
    page.keyboard.press("Alt+s")  # Secondary inspection
    page.wait_for_selector("text=Entry recorded")
    referral = Referral.objects.get()
    assert referral.service_id == "child_protection" and referral.provider == provider

    context = browser.new_context(locale="en-GB")
    other = context.new_page()
    other.set_default_timeout(15_000)
    try:
        sign_in(other, live_server.url, "protection")
        other.click("nav >> text=Protection")
        other.wait_for_selector("#referrals >> text=Child protection")
        row = other.locator("#referrals tbody tr").first
        assert "SELAM ABEBE" in row.inner_text()
        assert "Immediate" in row.inner_text()
        row.locator("a").first.click()
        other.wait_for_selector("#referral-status")
        assert "In progress" in other.inner_text("#referral-status")
    finally:
        context.close()
