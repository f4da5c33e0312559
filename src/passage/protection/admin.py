from django.contrib import admin

from passage.accounts.admin import AuditedModelAdmin

from .models import Indicator, Service, ServiceProvider


@admin.register(ServiceProvider)
class ServiceProviderAdmin(AuditedModelAdmin):
    audited_relations = ("services", "areas")
    list_display = ("organisation", "languages", "hours", "active")
    list_filter = ("active", "services")
    search_fields = ("organisation", "contact")
    filter_horizontal = ("services", "areas")


@admin.register(Indicator)
class IndicatorAdmin(AuditedModelAdmin):
    audited_relations = ("services",)
    list_display = ("code", "label", "category", "always_refer", "active", "order")
    list_filter = ("category", "active")
    filter_horizontal = ("services",)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        # Indicators come from the shipped CSV (`passage protection load`); edit, don't add.
        return False


@admin.register(Service)
class ServiceAdmin(AuditedModelAdmin):
    list_display = ("code", "label", "order")
