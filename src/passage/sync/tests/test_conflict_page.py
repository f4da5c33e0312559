"""HQ's page of conflicting corrections: both values side by side, decided and audited."""

from __future__ import annotations

import pytest
from django.test import override_settings

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.accounts.roles import Role
from passage.accounts.services import create_user
from passage.sync import services
from passage.travellers import corrections
from passage.travellers.models import CorrectionConflict, Traveller, TravellerChange

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def hq_supervisor(personas):
    return create_user(
        None, "hq-supervisor", password=PASSWORD, roles=[Role.SUPERVISOR], national_scope=True
    )


@pytest.fixture
def conflict(personas):
    node = services.enrol_node(None, "post-north").node
    traveller = Traveller.objects.create(primary_name="ERIKSSON", secondary_name="ANNA")
    corrections.correct(
        personas.supervisor, traveller.pk, {"primary_name": "ERIKSON"}, version=1, reason="x"
    )
    return CorrectionConflict.objects.create(
        traveller=traveller,
        field="primary_name",
        base="ERIKSSON",
        held="ERIKSON",
        incoming="ERICSSON",
        origin=str(node.pk),
    )


@override_settings(PASSAGE_ROLE="hq")
def test_supervisors_see_both_values_and_the_post(client, hq_supervisor, conflict):
    client.force_login(hq_supervisor)
    response = client.get("/sync/conflicts/")
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("ERIKSSON", "ERIKSON", "ERICSSON", "post-north", "surname (MRZ)"):
        assert text in page
    read = AuditEvent.objects.filter(action=AuditAction.READ).last()
    assert str(conflict.traveller_id) in read.data


@override_settings(PASSAGE_ROLE="hq")
def test_taking_the_posts_value_changes_hq_and_is_sent_down(client, hq_supervisor, conflict):
    client.force_login(hq_supervisor)
    response = client.post(
        f"/sync/conflicts/{conflict.pk}/resolve/", {"choice": "incoming", "note": "passport seen"}
    )
    assert response.status_code == 302
    conflict.refresh_from_db()
    assert (conflict.status, conflict.chosen, conflict.resolved_by) == (
        "resolved",
        "ERICSSON",
        hq_supervisor,
    )
    assert Traveller.objects.get(pk=conflict.traveller_id).primary_name == "ERICSSON"
    change = TravellerChange.objects.order_by("seq").last()
    assert (change.values, change.origin) == ({"primary_name": "ERICSSON"}, "")
    event = AuditEvent.objects.get(action=AuditAction.CONFLICT_RESOLVED)
    assert event.message == "passport seen" and "ERIKSON" in event.data
    again = client.post(f"/sync/conflicts/{conflict.pk}/resolve/", {"choice": "held"})
    assert again.status_code == 302
    assert Traveller.objects.get(pk=conflict.traveller_id).primary_name == "ERICSSON"


@override_settings(PASSAGE_ROLE="hq")
def test_a_bad_choice_is_refused_and_changes_nothing(client, hq_supervisor, conflict):
    client.force_login(hq_supervisor)
    response = client.post(f"/sync/conflicts/{conflict.pk}/resolve/", {"choice": "both"})
    assert response.status_code == 302
    conflict.refresh_from_db()
    assert conflict.status == "open"
    follow = client.get("/sync/conflicts/").content.decode()
    assert "neither" in follow


@override_settings(PASSAGE_ROLE="hq")
@pytest.mark.parametrize("who", ["officer", "analyst", "protection", "dpo", "administrator"])
def test_roles_without_the_permission_cannot_see_or_decide(client, personas, conflict, who):
    client.force_login(getattr(personas, who))
    assert client.get("/sync/conflicts/").status_code == 403
    assert (
        client.post(f"/sync/conflicts/{conflict.pk}/resolve/", {"choice": "held"}).status_code
        == 403
    )
    assert CorrectionConflict.objects.get().status == "open"


@override_settings(PASSAGE_ROLE="hq")
def test_a_post_supervisor_without_national_scope_reaches_no_conflict(client, personas, conflict):
    client.force_login(personas.supervisor)
    assert "ERICSSON" not in client.get("/sync/conflicts/").content.decode()
    response = client.post(f"/sync/conflicts/{conflict.pk}/resolve/", {"choice": "held"})
    assert response.status_code == 404
    assert CorrectionConflict.objects.get().status == "open"


@override_settings(PASSAGE_ROLE="node")
def test_posts_have_no_conflict_page(client, hq_supervisor):
    client.force_login(hq_supervisor)
    assert client.get("/sync/conflicts/").status_code == 404


@override_settings(PASSAGE_ROLE="hq")
@pytest.mark.parametrize("note", ["checked\x00", "\u202echecked", "x" * 501])
def test_a_note_that_cannot_be_stored_is_refused_and_nothing_changes(
    client, hq_supervisor, conflict, note
):
    client.force_login(hq_supervisor)
    response = client.post(
        f"/sync/conflicts/{conflict.pk}/resolve/", {"choice": "incoming", "note": note}
    )
    assert response.status_code == 302
    conflict.refresh_from_db()
    assert conflict.status == "open"
    assert Traveller.objects.get(pk=conflict.traveller_id).primary_name == "ERIKSON"
    assert "note:" in client.get("/sync/conflicts/").content.decode()
