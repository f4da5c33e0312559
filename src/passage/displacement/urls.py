from django.urls import path

from . import views

app_name = "displacement"

urlpatterns = [
    path("displacement/", views.dashboard, name="dashboard"),
    path("displacement/export.<str:fmt>", views.export, name="export"),
    path("displacement/import/", views.import_page, name="import"),
]
