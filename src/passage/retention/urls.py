from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("retention/", views.schedule, name="schedule"),
    path("retention/holds/", views.hold_place, name="hold_place"),
    path("retention/holds/<uuid:pk>/lift/", views.hold_lift, name="hold_lift"),
]
