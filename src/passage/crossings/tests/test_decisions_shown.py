"""What stands is what is shown: effective decisions, exits, refusal notices, queues."""

from __future__ import annotations

import pytest

from passage.crossings.models import Crossing, SecondaryInspection
from passage.crossings.notice import reference_number
from passage.reference.services import load_refusal_grounds

from .helpers import counter_post, passport

pytestmark = pytest.mark.django_db


@pytest.fixture
def counter(client, personas):
    load_refusal_grounds(None)
    client.force_login(personas.officer)
    return client


def _refused_after_inspection(client, personas):
    counter_post(client, passport(), action="secondary", secondary_reason="Visa looks altered")
    inspection = SecondaryInspection.objects.get()
    client.force_login(personas.supervisor)
    response = client.post(
        f"/secondary/{inspection.pk}/",
        {"outcome": "refused", "grounds": ["D"], "notes": "counterfeit visa"},
    )
    assert response.status_code == 302
    return inspection.crossing


def test_history_shows_a_refusal_after_inspection_as_refused(client, counter, personas, token_for):
    crossing = _refused_after_inspection(client, personas)
    client.force_login(personas.officer)
    read = client.post(
        "/posts/TST-AIR/counter/", {"mrz": passport(), "action": "read", "direction": "entry"}
    )
    history = read.context["history"]
    assert [c.get_effective_decision_display() for c in history] == ["Refused"]
    assert "Sent to secondary inspection" not in read.content.decode().split("Recent crossings")[1]
    page = client.get(f"/travellers/{crossing.traveller_id}/").content.decode()
    assert "decision-refused" in page
    header = token_for(personas.officer)
    api = client.get(
        f"/api/v1/travellers/{crossing.traveller_id}/history", HTTP_AUTHORIZATION=header
    ).json()
    assert api["crossings"][0]["effective_decision"] == "refused"
    assert api["crossings"][0]["decision"] == "secondary"
    listed = client.get("/api/v1/crossing-points/TST-AIR/crossings", HTTP_AUTHORIZATION=header)
    assert listed.json()[0]["effective_decision"] == "refused"
    annotated = Crossing.objects.with_effective_decision().get(pk=crossing.pk)
    assert annotated.effective_decision == "refused"


def test_refusal_notice_names_who_decided_and_what_a_notice_carries(client, counter, personas):
    personas.supervisor.first_name, personas.supervisor.last_name = "Grace", "Supervisor"
    personas.supervisor.save()
    crossing = _refused_after_inspection(client, personas)
    html = client.get(f"/crossings/{crossing.pk}/refusal-notice/").content.decode()
    decided = html.split("Decided by")[1][:200]
    assert "Grace Supervisor" in decided and "officer" not in decided.split("<br>")[0]
    assert reference_number(crossing) in html
    assert "Border and immigration authority" in html
    assert "has a false or forged visa or residence permit" in html
    assert "A visa or residence permit that is false, counterfeit or forged" in html
    assert "within 30 days" in html and "administrative court" in html
    assert "counterfeit visa" in html
    both = client.get(f"/crossings/{crossing.pk}/refusal-notice/?second=ar").content.decode()
    assert both.count('class="notice"') == 2
    assert 'lang="ar" dir="rtl"' in both and "رفض الدخول" in both


def test_an_exit_has_its_own_button_and_words(counter):
    counter_post(counter, passport())
    wrong = counter_post(counter, passport(), action="admit", direction="exit")
    assert wrong.status_code == 400 and "Record exit" in wrong.content.decode()
    response = counter_post(counter, passport(), direction="exit", action="exit")
    assert response.status_code == 302
    page = counter.get(response["Location"]).content.decode()
    assert "Exit recorded" in page and "Departed" in page and "Admitted" not in page
    entry, exit_ = Crossing.objects.order_by("at")
    assert exit_.closes_id == entry.pk
    read = counter.post(
        "/posts/TST-AIR/counter/", {"mrz": passport(), "action": "read", "direction": "exit"}
    )
    assert "Stay summary" in read.content.decode()


def test_queues_show_who_document_and_reason(client, counter, personas):
    counter_post(counter, passport(), action="secondary", secondary_reason="Photo mismatch")
    inspection = SecondaryInspection.objects.get()
    client.force_login(personas.supervisor)
    queue = client.get("/posts/TST-AIR/secondary/").content.decode()
    assert "AMARA OKAFOR" in queue and "K4455667" in queue and "Photo mismatch" in queue
    case = client.get(f"/secondary/{inspection.pk}/").content.decode()
    expiry = inspection.crossing.document.expiry_date.isoformat()
    assert "K4455667" in case and expiry in case


def test_queues_and_pages_name_the_officer_by_their_full_name(client, counter, personas):
    """The supervisor reads who sent a traveller by name, not by login; an Arabic name is
    isolated from the page's direction."""
    personas.officer.first_name, personas.officer.last_name = "أمينة", "Diallo"
    personas.officer.save()
    counter_post(client, passport(), action="secondary", secondary_reason="check")
    inspection = SecondaryInspection.objects.get()
    client.force_login(personas.supervisor)
    pages = [
        "/posts/TST-AIR/secondary/",
        f"/secondary/{inspection.pk}/",
        f"/crossings/{inspection.crossing_id}/",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "<bdi>أمينة Diallo</bdi>" in html, url
        assert f">{personas.officer.username}<" not in html, url
