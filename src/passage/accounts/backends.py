"""Authentication backend that holds every account to the role table (decision 0042).

Django's ``ModelBackend`` gives a superuser every permission that exists. Passage's
permissions are its role table: a superuser gets what its roles (groups) give, like
anyone else, so a box ticked in the wrong place cannot open protection or the audit.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend


class RoleBackend(ModelBackend):
    def _get_permissions(self, user_obj: Any, obj: Any, from_name: str) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        cache = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, cache):
            perms = getattr(self, f"_get_{from_name}_permissions")(user_obj)
            pairs = perms.values_list("content_type__app_label", "codename").order_by()
            setattr(user_obj, cache, {f"{app}.{name}" for app, name in pairs})
        permissions: set[str] = getattr(user_obj, cache)
        return permissions
