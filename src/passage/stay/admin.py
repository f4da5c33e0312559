from django.contrib import admin

from passage.accounts.admin import AuditedModelAdmin

from .models import StayRule


@admin.register(StayRule)
class StayRuleAdmin(AuditedModelAdmin):
    audited_relations = ("nationalities",)
    list_display = (
        "name",
        "kind",
        "max_days",
        "window_days",
        "document_type",
        "purpose",
        "priority",
        "active",
    )
    list_filter = ("kind", "active")
    filter_horizontal = ("nationalities",)
