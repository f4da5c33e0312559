from django.urls import path

from . import views

app_name = "subjectaccess"

urlpatterns = [
    path("data-protection/requests/", views.request_list, name="subjectrequest_list"),
    path(
        "data-protection/requests/<uuid:pk>/",
        views.request_detail,
        name="subjectrequest_detail",
    ),
    path(
        "data-protection/requests/<uuid:pk>/decide",
        views.request_decide,
        name="subjectrequest_decide",
    ),
    path(
        "data-protection/requests/<uuid:pk>/answer",
        views.request_answer,
        name="subjectrequest_answer",
    ),
    path(
        "data-protection/requests/<uuid:pk>/file.<str:fmt>",
        views.request_export,
        name="subjectrequest_export",
    ),
    path(
        "data-protection/protection-releases/",
        views.release_list,
        name="protectionrelease_list",
    ),
]
