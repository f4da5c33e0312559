from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("alerts/", views.list_index, name="alertlist_list"),
    path("alerts/new/", views.list_create, name="alertlist_create"),
    path("alerts/<uuid:pk>/", views.list_detail, name="alertlist_detail"),
    path("alerts/<uuid:pk>/status/", views.list_status, name="alertlist_status"),
    path("alerts/<uuid:pk>/import/", views.list_import, name="alertlist_import"),
    path("alerts/<uuid:pk>/entries/new/", views.entry_add, name="alertentry_create"),
    path("alerts/entries/<uuid:pk>/", views.entry_detail, name="alertentry_detail"),
    path("alerts/entries/<uuid:pk>/withdraw/", views.entry_withdraw, name="alertentry_withdraw"),
    path("alerts/hits/", views.hit_list, name="screeninghit_list"),
    path("alerts/hits/<uuid:pk>/", views.hit_detail, name="screeninghit_detail"),
]
