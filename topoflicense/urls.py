from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("home.urls")),
    path("accounts/", include("accounts.urls")),
    path("sign-in/", include("signin.urls")),
    path("", include("people.urls")),
    path("", include("actions.urls")),
    path("roles/", include("roles.urls")),
    path("checkins/", include("checkins.urls")),
    path("reflections/", include("reflections.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("time-sampling/", include("sampling.urls")),
    path("agreements/", include("agreements.urls")),
    path("operator/admin/", admin.site.urls),
]
