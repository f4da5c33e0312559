"""The counter's warnings after recording keep their dates' order in Arabic.

The warnings are the core's sentences (decision 0063), shown as messages at the top of
the counter; "This traveller's entry of 2026-12-06 has no exit" put the date after
Arabic words, which draw it "06-12-2026" unless it is isolated (decision 0255).
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from passage.reference.services import load_refusal_grounds

from .helpers import counter_post, passport

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_entry_with_no_exit_warning_isolates_its_date(client, personas, language):
    load_refusal_grounds(None)
    client.force_login(personas.officer)
    client.cookies["django_language"] = language
    assert counter_post(client, passport()).status_code == 302
    again = counter_post(client, passport())
    assert again.status_code == 302
    page = client.get(again["Location"]).content.decode()
    warnings = [w[: w.index("</p>")] for w in page.split('class="message warning"')[1:]]
    day = timezone.localdate().isoformat()
    assert any(f'<bdi dir="ltr">{day}</bdi>' in w for w in warnings), warnings
