"""The audit page: date filters, one event's detail, the CSV export, and protection
details withheld from everyone but protection officers (decision 0132)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from conftest import PASSWORD
from django.db import transaction
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.accounts.roles import Role
from passage.accounts.services import create_user

pytestmark = pytest.mark.django_db

SECRET = "trafficking indicator disclosed"


def _dated(days_ago: int, object_id: str) -> AuditEvent:
    """An event as if recorded ``days_ago`` days ago (the clock moved, not the row)."""
    moment = timezone.now() - dt.timedelta(days=days_ago)
    with transaction.atomic(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: moment)
        return audit.record(None, AuditAction.READ, object_type="test", object_id=object_id)


def test_only_audit_readers_see_the_page_detail_and_export(client, personas):
    event = _dated(0, "x")
    for user in (personas.officer, personas.supervisor, personas.protection):
        client.force_login(user)
        for url in (
            "/accounts/audit/",
            f"/accounts/audit/{event.seq}/",
            "/accounts/audit/export.csv",
        ):
            assert client.get(url).status_code == 403, (user, url)
    client.force_login(personas.dpo)
    assert client.get(f"/accounts/audit/{event.seq}/").status_code == 200
    assert client.get("/accounts/audit/999999/").status_code == 404


def test_date_filters_keep_the_days_asked_for(client, personas):
    old, recent = _dated(40, "old-one"), _dated(2, "recent-one")
    client.force_login(personas.dpo)
    today = timezone.localdate()
    start = (today - dt.timedelta(days=10)).isoformat()
    page = client.get("/accounts/audit/", {"start": start, "object_type": "test"}).content.decode()
    assert "recent-one" in page and "old-one" not in page
    end = (today - dt.timedelta(days=30)).isoformat()
    page = client.get("/accounts/audit/", {"end": end, "object_type": "test"}).content.decode()
    assert "old-one" in page and "recent-one" not in page
    assert old.seq < recent.seq


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2026-02-30"}, "start"),
        ({"end": "yesterday"}, "end"),
        ({"start": "2026-12-02", "end": "2026-12-01"}, "start"),
        ({"action": "nonsense"}, "action"),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_field(client, personas, params, field):
    client.force_login(personas.dpo)
    answer = client.get("/accounts/audit/", params)
    assert answer.status_code == 400
    assert "aria-invalid" in answer.content.decode()
    export = client.get("/accounts/audit/export.csv", params)
    assert export.status_code == 400
    assert field in export.json()["detail"]


def test_the_detail_shows_the_whole_event_and_is_audited(client, personas):
    with transaction.atomic():
        event = audit.record(
            personas.officer,
            AuditAction.UPDATE,
            object_type="crossings.crossing",
            object_id="c-1",
            object_repr="entry of OKAFOR",
            before={"purpose": "tourism"},
            after={"purpose": "business"},
            message="purpose corrected",
        )
    client.force_login(personas.dpo)
    page = client.get(f"/accounts/audit/{event.seq}/").content.decode()
    for text in ("entry of OKAFOR", "purpose corrected", "business", event.hash, "officer"):
        assert text in page
    assert AuditEvent.objects.filter(
        actor_id=str(personas.dpo.pk), object_type="accounts.auditevent", object_id=str(event.seq)
    ).exists()


def _protection_event(personas) -> AuditEvent:
    with transaction.atomic():
        return audit.record(
            personas.protection,
            AuditAction.UPDATE,
            object_type="protection.assessment",
            object_id="a-1",
            object_repr=f"flag: {SECRET}",
            after={"indicators": [SECRET]},
            message=SECRET,
        )


def test_protection_details_are_withheld_from_the_dpo_on_page_detail_and_export(client, personas):
    event = _protection_event(personas)
    client.force_login(personas.dpo)
    for url in ("/accounts/audit/", f"/accounts/audit/{event.seq}/", "/accounts/audit/export.csv"):
        body = client.get(url).content.decode()
        assert SECRET not in body, url
        assert "protection officers only" in body, url
    # A data-protection officer who is also a protection officer sees it.
    both = create_user(
        None,
        "dpo_protection",
        password=PASSWORD,
        roles=[Role.DATA_PROTECTION_OFFICER, Role.PROTECTION_OFFICER],
        national_scope=True,
    )
    client.force_login(both)
    assert SECRET in client.get(f"/accounts/audit/{event.seq}/").content.decode()
    assert SECRET in client.get("/accounts/audit/export.csv").content.decode()


def test_export_is_csv_with_formulas_neutralised_and_is_audited(client, personas):
    with transaction.atomic():
        audit.record(
            None,
            AuditAction.LOGIN_FAILED,
            actor_name='=HYPERLINK("http://evil.example","x")',
            message="+cmd|' /C calc'!A0",
        )
    client.force_login(personas.dpo)
    answer = client.get("/accounts/audit/export.csv", {"action": "login_failed"})
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/csv")
    assert "attachment" in answer["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    header, row = rows[0], rows[1]
    assert header[:3] == ["seq", "at", "actor_id"]
    assert len(rows) == 2
    assert row[header.index("actor_name")].startswith("'=HYPERLINK")
    assert row[header.index("message")].startswith("'+cmd")
    exported = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("seq")
    assert exported.actor_id == str(personas.dpo.pk)
    assert '"rows":1' in exported.data and "login_failed" in exported.data


def test_an_event_number_beyond_any_integer_is_not_found(client, personas):
    client.force_login(personas.dpo)
    assert client.get("/accounts/audit/99999999999999999999999999/").status_code == 404
