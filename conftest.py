"""Shared personas for the Django tests (in the manner of Healthchecks' ``hc/test.py``).

An officer at this post, an officer at another post, a supervisor, a protection
officer, an analyst, an administrator and a data-protection officer.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Property tests assert behaviour, never speed: a loaded CI machine must not turn a slow
# example into a failure.
hypothesis_settings.register_profile(
    "passage", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("passage")

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make around it are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct horse battery staple"  # noqa: S105 - the personas' test password


@dataclass
class Personas:
    post: Any
    other_post: Any
    officer: Any
    officer_elsewhere: Any
    supervisor: Any
    protection: Any
    analyst: Any
    administrator: Any
    dpo: Any

    def all(self) -> dict[str, Any]:
        return {
            "officer": self.officer,
            "officer_elsewhere": self.officer_elsewhere,
            "supervisor": self.supervisor,
            "protection": self.protection,
            "analyst": self.analyst,
            "administrator": self.administrator,
            "dpo": self.dpo,
        }


@functools.cache
def _password_hash() -> str:
    from django.contrib.auth.hashers import make_password

    return make_password(PASSWORD)


@pytest.fixture
def reference_data(db: None) -> None:
    """Role groups and the ICAO code table, as `passage setup` leaves them.

    Function-scoped: transactional tests (the browser ones) flush the database.
    """
    from passage.accounts.roles import sync_roles
    from passage.reference.models import Country
    from passage.reference.services import load_builtin_countries

    sync_roles()
    if not Country.objects.filter(icao_code="UTO").exists():
        load_builtin_countries(None)


@pytest.fixture
def personas(reference_data: None) -> Personas:
    from passage.accounts.roles import Role
    from passage.accounts.services import audited_save, create_user
    from passage.reference.models import BorderCrossingPoint

    post = audited_save(None, BorderCrossingPoint(code="TST-AIR", name="Test Airport", kind="air"))
    other = audited_save(
        None, BorderCrossingPoint(code="TST-LAND", name="Test Land Border", kind="land")
    )

    def user(name: str, role: Role, points: list[Any], national: bool = False) -> Any:
        return create_user(
            None,
            name,
            password=PASSWORD,
            roles=[role],
            crossing_points=points,
            national_scope=national,
        )

    return Personas(
        post=post,
        other_post=other,
        officer=user("officer", Role.BORDER_OFFICER, [post]),
        officer_elsewhere=user("officer_elsewhere", Role.BORDER_OFFICER, [other]),
        supervisor=user("supervisor", Role.SUPERVISOR, [post]),
        protection=user("protection", Role.PROTECTION_OFFICER, [post]),
        analyst=user("analyst", Role.ANALYST, [], national=True),
        administrator=user("administrator", Role.ADMINISTRATOR, [], national=True),
        dpo=user("dpo", Role.DATA_PROTECTION_OFFICER, [], national=True),
    )


@pytest.fixture
def token_for(personas: Personas) -> Any:
    """Issue an API token for a persona and return the ``Authorization`` header value."""
    from passage.accounts.services import create_token

    def issue(user: Any, days: int = 30) -> str:
        return f"Bearer {create_token(user, user, 'test', days).secret}"

    return issue


@pytest.fixture(autouse=True)
def _empty_cache() -> Any:
    """The cache holds per-address counters (anonymous audit aggregation): each test
    starts without another test's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _site_language() -> Any:
    """Each test starts in the site's language. A request through the test client with
    an Arabic ``django_language`` cookie leaves Arabic active in the thread (the locale
    middleware activates it; nothing deactivates it), and a later test on the same
    worker that renders without a request read "المجموع" for "Total"."""
    from django.utils import translation

    yield
    translation.deactivate()


# Shared fixtures of several apps' tests (alert lists, protection reference data): here,
# so that a test uses them by name, never by importing another app's conftest.


@pytest.fixture
def alert_files(settings: Any, tmp_path: Any) -> Any:
    """Index files of each test in their own directory; no index mapped from another test."""
    from passage.alerts import indexes

    settings.VAR_DIR = tmp_path
    indexes._loaded.clear()
    yield tmp_path
    indexes._loaded.clear()


@pytest.fixture
def wanted(reference_data: None) -> Any:
    from passage.alerts.tests.lists import SECRET_REASON, import_lines, make_list

    alert_list = make_list("National wanted persons")
    import_lines(
        alert_list,
        [
            {
                "reference": "W-1",
                "names": ["Anna Maria Eriksson", "Анна Мария Эрикссон"],
                "birth_dates": ["1974-08-12"],
                "nationalities": ["UTO"],
                "reason": SECRET_REASON,
            },
            {"reference": "W-2", "names": ["Boris Nemo"], "birth_dates": ["1950"]},
        ],
    )
    return alert_list


@pytest.fixture
def stolen(reference_data: None) -> Any:
    from passage.alerts.tests.lists import import_lines, make_list

    alert_list = make_list("Lost and stolen documents", kind="documents", action="refuse")
    import_lines(
        alert_list,
        [
            {
                "reference": "S-1",
                "issuing_state": "UTO",
                "document_number": "X1234567",
                "status": "stolen",
            },
        ],
    )
    return alert_list


@pytest.fixture
def protection(personas: Any) -> Any:
    """Reference data and two providers: child protection everywhere, asylum help."""
    from passage.protection.models import ServiceProvider
    from passage.protection.services import load_reference
    from passage.reference.services import load_refusal_grounds

    load_refusal_grounds(None)
    load_reference(None)
    child = ServiceProvider.objects.create(organisation="Child Protection Unit", languages="en,fr")
    child.services.set(["child_protection", "family_tracing"])
    legal = ServiceProvider.objects.create(organisation="Legal Aid Clinic", languages="en,ar")
    legal.services.set(["asylum", "legal_aid"])
    personas.child_provider = child
    personas.legal_provider = legal
    return personas
