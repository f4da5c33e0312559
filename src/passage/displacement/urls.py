from django.urls import path

from . import views

app_name = "displacement"

urlpatterns = [
    path("displacement/", views.dashboard, name="dashboard"),
    path("displacement/export.<str:fmt>", views.export, name="export"),
    path("displacement/import/", views.import_page, name="import"),
    path("displacement/points/<str:code>/count/", views.count_entry, name="count_entry"),
]
