from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("tokens/", views.token_list, name="apitoken_list"),
    path("tokens/<uuid:pk>/revoke/", views.token_revoke, name="apitoken_revoke"),
    path("audit/", views.auditevent_list, name="auditevent_list"),
    path("audit/verify/", views.audit_verify, name="auditevent_verify"),
    path("audit/export.csv", views.auditevent_export, name="auditevent_export"),
    path("audit/<int:seq>/", views.auditevent_detail, name="auditevent_detail"),
]
