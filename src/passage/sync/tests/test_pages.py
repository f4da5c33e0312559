"""Pages: HQ's posts page, enrolment and revocation; the post's own status and footer."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import timezone

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.sync import services, signing
from passage.sync.models import Node

pytestmark = pytest.mark.django_db


def test_the_posts_page_shows_each_nodes_backlog_and_contact(client, personas):
    node = services.enrol_node(personas.administrator, "post-air", personas.post.code).node
    Node.objects.filter(pk=node.pk).update(
        received_seq=40, reported_head=55, reported_at=timezone.now()
    )
    client.force_login(personas.administrator)
    response = client.get("/sync/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "post-air" in page
    assert '<td class="backlog">15<br>' in page  # backlog: 55 reported, 40 received
    assert "as the post said 0\xa0minutes ago" in page
    assert "Reference data" in page


@pytest.mark.parametrize("who", ["analyst", "protection", "dpo"])
def test_roles_without_the_permission_cannot_see_it(client, personas, who):
    client.force_login(getattr(personas, who))
    assert client.get("/sync/").status_code == 403


def test_only_administrators_enrol(client, personas):
    client.force_login(personas.supervisor)
    assert client.get("/sync/nodes/enrol/").status_code == 403
    assert client.post("/sync/nodes/enrol/", {"name": "x"}).status_code == 403
    assert not Node.objects.exists()


def test_enrolment_shows_the_key_once_and_stores_only_its_fingerprint(client, personas):
    client.force_login(personas.administrator)
    response = client.post("/sync/nodes/enrol/", {"name": "post-air", "crossing_point": "TST-AIR"})
    assert response.status_code == 200
    node = Node.objects.get(name="post-air")
    key = signing.node_key(str(node.pk), 1)
    assert key in response.content.decode()
    assert node.key_fingerprint == signing.fingerprint(key)
    assert key not in str(Node.objects.filter(pk=node.pk).values().get())
    event = AuditEvent.objects.get(action=AuditAction.NODE_ENROLLED)
    assert key not in event.data


def test_enrolment_errors_name_the_field(client, personas):
    client.force_login(personas.administrator)
    services.enrol_node(None, "post-air")
    response = client.post("/sync/nodes/enrol/", {"name": "post-air", "crossing_point": "NOPE"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "already enrolled" in page
    assert "no crossing point" in page


def test_revoking_a_node(client, personas):
    node = services.enrol_node(None, "post-air").node
    client.force_login(personas.administrator)
    response = client.post(f"/sync/nodes/{node.pk}/revoke/", {"reason": "stolen"})
    assert response.status_code == 302
    node.refresh_from_db()
    assert node.revoked
    assert AuditEvent.objects.filter(action=AuditAction.NODE_REVOKED, message="stolen").exists()


def test_a_nodes_chain_page(client, personas):
    node = services.enrol_node(None, "post-air").node
    client.force_login(personas.administrator)
    response = client.get(f"/sync/nodes/{node.pk}/chain/")
    assert response.status_code == 200
    assert "Verified" in response.content.decode()


@override_settings(PASSAGE_ROLE="node")
def test_the_post_sees_its_backlog_and_last_sync(client, personas):
    services.join_hq(None, "https://hq.example", "01890a5d-ac96-774b-bcce-b302099a8057", "k" * 43)
    client.force_login(personas.officer)
    response = client.get("/sync/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "https://hq.example" in page
    assert 'id="sync-backlog"' in page
    home = client.get("/").content.decode()
    assert "HQ sync:" in home
    assert "last success never" in home


@override_settings(PASSAGE_ROLE="node")
def test_posts_do_not_enrol(client, personas):
    client.force_login(personas.administrator)
    assert client.get("/sync/nodes/enrol/").status_code == 404


@override_settings(PASSAGE_ROLE="node")
def test_the_node_protocol_is_only_served_by_hq(client, db):
    assert client.post("/sync/node/push", b"", content_type="application/json").status_code == 404
