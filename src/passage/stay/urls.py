from django.urls import path

from . import views

app_name = "stay"

urlpatterns = [
    path("overstays/", views.overstay_list, name="overstaycase_list"),
    path("overstays/export.csv", views.overstay_export, name="overstaycase_export"),
    path("overstays/<uuid:pk>/review/", views.overstay_review, name="overstaycase_review"),
    path("travellers/<uuid:pk>/visas/", views.traveller_visa, name="visa_add"),
]
