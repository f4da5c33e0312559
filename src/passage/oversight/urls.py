from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [
    path("oversight/reviews/", views.review_list, name="accessreview_list"),
    path("oversight/reviews/<uuid:pk>/", views.review_detail, name="accessreview_detail"),
    path("oversight/users/<uuid:pk>/reads/", views.review_user, name="accessreview_user"),
    path("oversight/users/<uuid:pk>/reads/hours/", views.working_hours, name="workinghours_set"),
    path("oversight/transparency/", views.transparency_page, name="transparency"),
    path(
        "oversight/transparency/<str:year>.<slug:fmt>",
        views.transparency_export,
        name="transparency_export",
    ),
]
