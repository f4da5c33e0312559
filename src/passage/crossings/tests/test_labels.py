"""A crossing's page shows codes by their labels: purpose, transport, the effective
decision and the names of amended fields (not "tourism", "air", "authorised_until")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from passage.crossings import services
from passage.travellers.services import Identity

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["Tourism", "Work", "Air", "authorised to stay until"]),
        ("fr", ["Tourisme", "Travail"]),
    ],
)
def test_codes_on_the_crossing_page_are_shown_by_their_labels(client, personas, language, labels):
    crossing = services.record_crossing(
        personas.officer,
        personas.post,
        services.CrossingInput(
            direction="entry",
            identity=Identity(primary_name="DOE", number="X1", issuing_state="UTO"),
            purpose="tourism",
            transport_mode="air",
        ),
    ).crossing
    services.amend_crossing(
        personas.supervisor,
        crossing,
        {"purpose": "work", "authorised_until": timezone.localdate() + dt.timedelta(days=30)},
        "work contract shown",
    )
    client.force_login(personas.supervisor)
    client.cookies["django_language"] = language
    page = client.get(f"/crossings/{crossing.pk}/").content.decode()
    record = page.split('<dl class="record">')[1].split("<details>")[0]
    for code in (">tourism<", ">work<", "authorised_until", ">air "):
        assert code not in record, code
    for label in labels:
        assert label in record, label


def test_a_referral_events_previous_status_is_shown_by_its_label():
    from django.utils import translation

    from passage.protection.models import ReferralEvent

    event = ReferralEvent(status_from="in_progress", status_to="accepted")
    with translation.override("en"):
        assert event.status_from_display == "In progress"
    from pathlib import Path

    import passage.protection

    folder = Path(passage.protection.__file__).parent / "templates" / "protection"
    template = (folder / "referral_detail.html").read_text(encoding="utf-8")
    assert "{{ e.status_from }}" not in template


def test_refusal_grounds_at_the_counter_read_in_the_officers_language():
    from django.utils import translation

    from passage.crossings.forms import CounterForm
    from passage.reference.services import load_refusal_grounds

    load_refusal_grounds(None)
    with translation.override("ar"):
        choices = dict(CounterForm().fields["refusal_grounds"].choices)
    assert choices["A"] == "A — لا يحمل وثيقة سفر صالحة"
    with translation.override("en"):
        choices = dict(CounterForm().fields["refusal_grounds"].choices)
    assert choices["A"] == "A — has no valid travel document"
