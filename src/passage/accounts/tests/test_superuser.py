"""Superuser status gives nothing around the role table, and the admin cannot give it
(decision 0042)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from passage.accounts.models import User

pytestmark = pytest.mark.django_db


def test_a_superuser_is_held_to_the_role_table(client, personas):
    officer = personas.officer
    User.objects.filter(pk=officer.pk).update(is_superuser=True)  # as the admin once allowed
    officer.refresh_from_db()
    assert not officer.has_perm("protection.view_protection")
    assert not officer.has_perm("accounts.view_auditevent")
    client.force_login(officer)
    assert client.get("/accounts/audit/").status_code == 403
    assert client.get("/protection/").status_code in (403, 404)
    assert client.get("/posts/TST-LAND/counter/").status_code in (403, 404)
    assert client.get("/posts/TST-AIR/counter/").status_code == 200  # the role still works


def test_the_admin_does_not_offer_the_superuser_box(client, personas):
    client.force_login(personas.administrator)
    url = f"/admin/accounts/user/{personas.officer.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.content.decode()
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data.update(
        {
            "is_superuser": "on",
            "groups": [g.pk for g in personas.officer.groups.all()],
            "crossing_points": [personas.post.pk],
            "user_permissions": [],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
            "is_active": "on",
        }
    )
    data.pop("date_joined", None)
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    personas.officer.refresh_from_db()
    assert not personas.officer.is_superuser


def test_the_installation_administrator_comes_from_the_command_line(monkeypatch, reference_data):
    monkeypatch.setenv("PASSAGE_ADMIN_PASSWORD", "a long enough pass phrase 42")
    call_command("administrator", "chief", "--no-input")
    chief = User.objects.get(username="chief")
    assert chief.is_superuser and chief.is_staff and chief.national_scope
    assert chief.has_perm("accounts.change_user")
    assert not chief.has_perm("protection.view_protection")
