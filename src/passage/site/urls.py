from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from passage.accounts.access import public

from . import views
from .api import api

app_name = "site"

site_patterns = [
    path("", views.home, name="home"),
    path("health", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
]

urlpatterns = [
    path("", include((site_patterns, "site"))),
    path("accounts/", include("passage.accounts.urls")),
    path("", include("passage.reference.urls")),
    path("", include("passage.crossings.urls")),
    path("", include("passage.stay.urls")),
    path("", include("passage.alerts.urls")),
    path("", include("passage.protection.urls")),
    path("", include("passage.statistics.urls")),
    path("", include("passage.sync.urls")),
    path("", include("passage.passengers.urls")),
    path("", include("passage.subjectaccess.urls")),
    path("", include("passage.oversight.urls")),
    # One sign-in page for everything, with throttling and audit: the admin's goes there.
    path("admin/login/", views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path(
        "i18n/setlang/",
        public("choosing the interface language needs no account")(set_language),
        name="set_language",
    ),
]

handler403 = "passage.site.errors.permission_denied"
handler404 = "passage.site.errors.not_found"
handler500 = "passage.site.errors.server_error"
