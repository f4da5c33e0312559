from django.contrib import admin

from passage.accounts.admin import AuditedModelAdmin

from .models import AdminArea, BorderCrossingPoint, Country, RefusalGround


@admin.register(Country)
class CountryAdmin(AuditedModelAdmin):
    list_display = ("icao_code", "name", "iso_alpha2", "iso_alpha3", "iso_numeric", "kind")
    list_filter = ("kind",)
    search_fields = ("icao_code", "name", "iso_alpha2", "iso_alpha3")


@admin.register(AdminArea)
class AdminAreaAdmin(AuditedModelAdmin):
    list_display = ("pcode", "name", "level", "country", "parent")
    list_filter = ("level", "country")
    search_fields = ("pcode", "name")
    autocomplete_fields = ("parent",)


@admin.register(BorderCrossingPoint)
class BorderCrossingPointAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "kind", "status", "admin_area")
    list_filter = ("kind", "status")
    search_fields = ("code", "name")
    autocomplete_fields = ("admin_area",)


@admin.register(RefusalGround)
class RefusalGroundAdmin(AuditedModelAdmin):
    list_display = ("code", "label", "legal_basis", "active", "order")
    list_filter = ("active",)
