from django.urls import path

from . import views

app_name = "passengers"

urlpatterns = [
    path("flights/", views.flight_list, name="passengerlist_list"),
    path("flights/<uuid:pk>/", views.flight_detail, name="passengerlist_detail"),
    path(
        "flights/<uuid:pk>/persons/<uuid:person>/review/",
        views.review_hit,
        name="listedperson_review",
    ),
]
