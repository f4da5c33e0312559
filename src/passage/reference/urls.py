from django.urls import path

from . import views

app_name = "reference"

urlpatterns = [
    path("posts/", views.crossingpoint_list, name="bordercrossingpoint_list"),
    path("posts/<str:code>/", views.crossingpoint_detail, name="bordercrossingpoint_detail"),
]
