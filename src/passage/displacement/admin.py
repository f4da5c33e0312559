from django.contrib import admin

from passage.accounts.admin import AuditedModelAdmin

from .models import FlowMonitoringPoint, Site


@admin.register(FlowMonitoringPoint)
class FlowMonitoringPointAdmin(AuditedModelAdmin):
    audited_relations = ("enumerators",)
    list_display = ("code", "name", "kind", "admin_area", "active")
    list_filter = ("kind", "active")
    search_fields = ("code", "name")
    autocomplete_fields = ("admin_area",)
    filter_horizontal = ("enumerators",)


@admin.register(Site)
class SiteAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "kind", "admin_area")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    autocomplete_fields = ("admin_area",)
