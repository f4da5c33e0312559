from django.urls import path

from . import views

app_name = "passengers"

urlpatterns = [
    path("flights/", views.flight_list, name="passengerlist_list"),
    path("flights/<uuid:pk>/", views.flight_detail, name="passengerlist_detail"),
]
