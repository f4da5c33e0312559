from django.urls import path

from . import views

app_name = "protection"

urlpatterns = [
    path("protection/", views.queue, name="queue"),
    path("protection/flags/<uuid:pk>/", views.assessment_detail, name="assessment_detail"),
    path("protection/flags/<uuid:pk>/refer/", views.referral_create, name="referral_create"),
    path("protection/flags/<uuid:pk>/close/", views.assessment_close, name="assessment_close"),
    path("protection/referrals/<uuid:pk>/", views.referral_detail, name="referral_detail"),
    path("protection/referrals/<uuid:pk>/status/", views.referral_status, name="referral_status"),
    path("protection/referrals/<uuid:pk>/notes/", views.referral_note, name="casenote_create"),
    path("protection/providers/", views.provider_list, name="serviceprovider_list"),
    path(
        "protection/posts/<str:code>/suggestions/",
        views.counter_suggestions,
        name="indicator_suggestions",
    ),
    path(
        "protection/posts/<str:code>/households/new/",
        views.household_register,
        name="household_register",
    ),
    path("protection/posts/<str:code>/households/", views.household_list, name="household_list"),
    path("protection/households/<uuid:pk>/", views.household_detail, name="household_detail"),
    path(
        "protection/members/<uuid:pk>/complete/",
        views.member_complete,
        name="householdmember_complete",
    ),
]
