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


def test_the_demo_teaches_stay_rules_and_overstays_and_nothing_is_in_the_future(capsys):
    """Realistic rules: a traveller's stay is limited (never 9999-12-31); the overstay
    report has run, and nothing the demo made is dated after now."""
    from django.utils import timezone

    from passage.protection.models import Assessment, Household
    from passage.stay import services as stay_services
    from passage.stay.assessment import select_rule
    from passage.stay.models import OverstayCase, Permit, StayRule, Visa

    before = timezone.now()
    call_command("demo", "--crossings", "4000", "--quiet-logins")
    kinds = set(StayRule.objects.values_list("kind", flat=True))
    assert kinds == {"visa_free", "visa_required", "exempt"}
    assert select_rule("FRA", "passport", "tourism").window_days == 180
    assert select_rule("ETH", "id_card", "family").document_type == "id_card"
    assert select_rule("AFG", "passport", "tourism").kind == "visa_required"
    assert Visa.objects.exists() and Permit.objects.exists()
    assert stay_services.last_report_run() >= before
    assert OverstayCase.objects.exists()
    now = timezone.now()
    assert not Crossing.objects.filter(at__gt=now).exists()
    assert not Assessment.objects.filter(crossing__at__gt=now).exists()
    assert not Household.objects.filter(registered_at__gt=now).exists()
    assert audit.verify().ok


def test_a_post_loads_no_demo_records_to_push(capsys, settings):
    """At a post the demo makes reference data and users only: its outbox holds no
    crossings, households or flags that the post did not record."""
    from passage.protection.models import Household
    from passage.sync.models import OutboxEvent

    settings.PASSAGE_ROLE = "node"
    call_command("demo", "--crossings", "0", "--quiet-logins")
    assert User.objects.filter(username="officer").exists()
    assert not Household.objects.exists() and not Crossing.objects.exists()
    models = set(OutboxEvent.objects.filter(kind="object").values_list("model", flat=True))
    assert not {m for m in models if m.split(".")[0] in {"protection", "crossings", "travellers"}}
