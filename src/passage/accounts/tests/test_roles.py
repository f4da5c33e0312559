"""Each role is a group with exactly the permissions its jobs need."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission

from passage.accounts.roles import ROLE_PERMISSIONS, Role, group_name, sync_roles

pytestmark = pytest.mark.django_db


def _names(group: Group) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


@pytest.mark.parametrize("role", list(Role))
def test_group_holds_exactly_its_permissions(reference_data, role):
    group = Group.objects.get(name=group_name(role))
    assert _names(group) == set(ROLE_PERMISSIONS[role])


def test_sync_removes_a_permission_granted_by_hand(reference_data):
    group = Group.objects.get(name=group_name(Role.ANALYST))
    group.permissions.add(Permission.objects.get(codename="view_auditevent"))
    sync_roles()
    assert "accounts.view_auditevent" not in _names(group)


def test_only_the_data_protection_officer_reads_the_audit_trail():
    holders = {
        role for role, perms in ROLE_PERMISSIONS.items() if "accounts.view_auditevent" in perms
    }
    assert holders == {Role.DATA_PROTECTION_OFFICER}


def test_analyst_cannot_change_anything():
    assert not any(
        p.split(".")[1].startswith(("add_", "change_", "delete_"))
        for p in ROLE_PERMISSIONS[Role.ANALYST]
    )


def test_user_with_role_has_its_permissions(personas):
    assert personas.administrator.has_perm("reference.change_bordercrossingpoint")
    assert not personas.officer.has_perm("reference.change_bordercrossingpoint")
    assert personas.administrator.is_staff and not personas.officer.is_staff
