from django.urls import path

from . import views

app_name = "identity"

urlpatterns = [
    path("identity/links/", views.queue, name="link_queue"),
    path("identity/links/<uuid:pk>/", views.link_detail, name="link_detail"),
]
