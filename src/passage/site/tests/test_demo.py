"""`passage demo`: Utopia, one user per role, and seeded synthetic crossings."""

from __future__ import annotations

import unicodedata

import pytest
from django.core.management import call_command

from passage.accounts import audit
from passage.accounts.models import User
from passage.accounts.roles import Role, roles_of
from passage.crossings.models import Crossing
from passage.travellers.models import Traveller

pytestmark = pytest.mark.django_db


def _scripts(text: str) -> set[str]:
    return {unicodedata.name(ch).split()[0] for ch in text if ch.isalpha()}


def test_demo_loads_users_and_crossings(capsys):
    call_command("demo", "--crossings", "3000", "--seed", "7")
    out = capsys.readouterr().out
    assert "officer" in out and "passage-demo" in out
    assert {role for user in User.objects.all() for role in roles_of(user)} == set(Role)
    assert Crossing.objects.count() == 3000
    scripts = set()
    for name in Traveller.objects.values_list("native_primary_name", flat=True):
        scripts |= _scripts(name)
    assert {"ARABIC", "CYRILLIC", "ETHIOPIC"} <= scripts
    exits = Crossing.objects.filter(direction="exit", closes__isnull=False)
    assert exits.exists()
    assert all(e.closes.traveller_id == e.traveller_id and e.closes.at <= e.at for e in exits[:200])
    assert audit.verify().ok


def test_demo_is_repeatable_and_does_not_duplicate(capsys):
    call_command("demo", "--crossings", "500", "--quiet-logins")
    call_command("demo", "--crossings", "500", "--quiet-logins")
    assert Crossing.objects.count() == 500
    assert User.objects.filter(username="officer").count() == 1
