from django.urls import path

from . import views

app_name = "statistics"

urlpatterns = [
    path("statistics/", views.dashboard, name="dashboard"),
    path("statistics/report/", views.report, name="report"),
    path("statistics/refresh/", views.refresh, name="refresh"),
    path("statistics/export/<slug:key>.<slug:fmt>", views.export, name="export"),
]
