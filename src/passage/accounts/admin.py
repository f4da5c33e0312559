"""The Django admin, for administrators: users, roles and (in other apps) reference data.

Every save and delete goes through the audited service functions, not the model.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from . import audit, services
from .access import signed_in
from .choices import AuditAction
from .models import ApiToken, AuditEvent, User


class AuditedModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Routes the admin's writes through audited services."""

    audited_relations: tuple[str, ...] = ()

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        request._audit_relations_before = (  # type: ignore[attr-defined]
            {
                name: sorted(str(pk) for pk in getattr(obj, name).values_list("pk", flat=True))
                for name in self.audited_relations
            }
            if obj.pk and change
            else {name: [] for name in self.audited_relations}
        )
        services.audited_save(signed_in(request), obj, validate=False)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        before = getattr(request, "_audit_relations_before", None)
        if before:
            services.audited_relations(signed_in(request), form.instance, before)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        services.audited_delete(signed_in(request), obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            services.audited_delete(signed_in(request), obj)


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):  # type: ignore[type-arg]
    audited_relations = ("groups", "crossing_points", "user_permissions")
    list_display = ("username", "first_name", "last_name", "is_active", "national_scope")
    list_filter = ("is_active", "groups", "national_scope")
    filter_horizontal = ("groups", "user_permissions", "crossing_points")
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("Where this user may act", {"fields": ("national_scope", "crossing_points")}),
    )
    # No superuser box: superuser status is given only by `passage administrator` at
    # installation, and holds no permission beyond the roles (decision 0042).
    readonly_fields = ("is_superuser",)

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        # The password form saves the user itself, outside save_model: audit it here.
        if request.path.endswith("/password/"):
            with transaction.atomic():
                audit.record(
                    signed_in(request),
                    AuditAction.UPDATE,
                    obj=obj,
                    details={"fields": ["password"]},
                )
        return super().log_change(request, obj, message)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
    )
    readonly_fields = [f.name for f in ApiToken._meta.fields]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            services.revoke_token(signed_in(request), token)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: the audit log cannot be edited or deleted through the application."""

    list_display = ("seq", "at", "actor_name", "action", "object_type", "object_id", "message")
    list_filter = ("action", "object_type")
    search_fields = ("actor_name", "object_id", "message")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
