from django.urls import path

from . import search_views, views

app_name = "crossings"

urlpatterns = [
    path("posts/<str:code>/counter/", views.counter, name="counter"),
    path("posts/<str:code>/counter/capture/", views.counter_capture, name="counter_capture"),
    path("posts/<str:code>/crossings/", search_views.crossing_list, name="crossing_list"),
    path("posts/<str:code>/secondary/", views.secondary_queue, name="secondary_queue"),
    path("posts/<str:code>/document-overrides/", views.override_queue, name="override_queue"),
    path("document-overrides/<uuid:pk>/", views.override_detail, name="documentoverride_detail"),
    path("posts/<str:code>/mode/", views.crossing_point_mode, name="bordercrossingpoint_mode"),
    path("crossings/<uuid:pk>/", views.crossing_detail, name="crossing_detail"),
    path("crossings/<uuid:pk>/amend/", views.crossing_amend, name="crossing_amend"),
    path(
        "crossings/<uuid:pk>/document-image/",
        views.crossing_document_image,
        name="crossing_document_image",
    ),
    path(
        "crossings/<uuid:pk>/refusal-notice/", views.refusal_notice, name="crossing_refusal_notice"
    ),
    path("secondary/<uuid:pk>/", views.inspection_detail, name="secondaryinspection_detail"),
    path("travellers/", search_views.traveller_search, name="traveller_search"),
    path("travellers/<str:pk>/", views.traveller_detail, name="traveller_detail"),
]
