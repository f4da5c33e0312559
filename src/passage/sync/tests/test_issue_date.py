"""The document's date of issue travels from a post to HQ (issue #20, decision 0163);
a post that does not send it (older software) still syncs."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import override_settings
from django.utils import timezone

from passage.crossings import services as crossings
from passage.crossings.choices import Direction
from passage.sync import services
from passage.sync.models import OutboxEvent
from passage.travellers.models import TravelDocument
from passage.travellers.services import Identity

from .helpers import batch, post, traveller_rows

pytestmark = pytest.mark.django_db

ISSUED = dt.date(2021, 1, 2)


def identity(issued: dt.date | None) -> Identity:
    return Identity(
        primary_name="ERIKSSON",
        secondary_name="ANNA",
        sex="F",
        birth_year=1974,
        birth_month=8,
        birth_day=12,
        nationality="UTO",
        issuing_state="UTO",
        number="L898902C3",
        expiry_date=timezone.localdate() + dt.timedelta(days=900),
        issue_date=issued,
    )


def sent_documents(after: int) -> list[dict]:
    rows = OutboxEvent.objects.filter(seq__gt=after, model="travellers.traveldocument")
    return [json.loads(r.data) for r in rows.order_by("seq")]


@override_settings(PASSAGE_ROLE="node")
def test_a_post_sends_the_issue_date_with_the_document_and_when_it_is_filled_in(personas):
    data = crossings.CrossingInput(direction=Direction.ENTRY, identity=identity(None))
    crossings.record_crossing(personas.officer, personas.post, data)
    (created,) = sent_documents(0)
    assert created["action"] == "create" and created["fields"]["issue_date"] is None
    start = OutboxEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
    data = crossings.CrossingInput(direction=Direction.EXIT, identity=identity(ISSUED))
    crossings.record_crossing(personas.officer, personas.post, data)
    (changed,) = sent_documents(start)
    assert changed["action"] == "update"
    assert changed["fields"]["issue_date"] == ISSUED.isoformat()


def _send(client, credentials, first: int, rows) -> None:
    body = batch(str(credentials.node.pk), first, rows)
    response = post(client, str(credentials.node.pk), credentials.key, body)
    assert response.status_code == 200, response.content


def test_hq_stores_the_issue_date_a_post_sends(client, personas):
    credentials = services.enrol_node(personas.administrator, "post-1")
    rows, ids = traveller_rows("X1234567", officer=personas.officer, point_code="TST-AIR")
    rows[1][3]["fields"]["issue_date"] = ISSUED.isoformat()
    _send(client, credentials, 1, rows)
    assert TravelDocument.objects.get(pk=ids["document"]).issue_date == ISSUED


def test_an_older_post_without_the_field_still_syncs_and_fills_it_in_later(client, personas):
    credentials = services.enrol_node(personas.administrator, "post-1")
    rows, ids = traveller_rows("X1234567", officer=personas.officer, point_code="TST-AIR")
    assert "issue_date" not in rows[1][3]["fields"]  # as a post before migration 0004 sends
    _send(client, credentials, 1, rows)
    document = TravelDocument.objects.get(pk=ids["document"])
    assert document.issue_date is None
    # Later (upgraded), the post fills the issue date in: the document's change travels.
    update = json.loads(json.dumps(rows[1][3]))
    update["action"] = "update"
    update["fields"]["issue_date"] = ISSUED.isoformat()
    _send(
        client, credentials, 4, [("object", "travellers.traveldocument", ids["document"], update)]
    )
    document.refresh_from_db()
    assert document.issue_date == ISSUED
    assert TravelDocument.objects.count() == 1


def test_a_post_filling_in_a_document_hq_holds_from_another_post_fills_hq_s_in(client, personas):
    """The passport was first recorded at post 1; post 2 recorded it too (HQ linked its
    copy to post 1's) and later learnt its date of issue: HQ's one document takes it,
    still under post 1's traveller."""
    one = services.enrol_node(personas.administrator, "post-1")
    two = services.enrol_node(personas.administrator, "post-2")
    rows_a, ids_a = traveller_rows("X1234567", officer=personas.officer, point_code="TST-AIR")
    rows_b, ids_b = traveller_rows("X1234567", officer=personas.officer, point_code="TST-LAND")
    _send(client, one, 1, rows_a)
    _send(client, two, 1, rows_b)
    update = json.loads(json.dumps(rows_b[1][3]))
    update["action"] = "update"
    update["fields"]["issue_date"] = ISSUED.isoformat()
    _send(client, two, 4, [("object", "travellers.traveldocument", ids_b["document"], update)])
    (document,) = TravelDocument.objects.all()
    assert str(document.pk) == ids_a["document"]
    assert document.issue_date == ISSUED
    assert str(document.traveller_id) == ids_a["traveller"]
