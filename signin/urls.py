from django.urls import path

from signin import settings_views, views

app_name = "signin"

urlpatterns = [
    path("", views.choose, name="choose"),
    path("<int:pk>/start/", views.start, name="start"),
    path("callback/", views.callback, name="callback"),
    path("district/", settings_views.sign_in_settings, name="settings"),
    path("district/new/", settings_views.provider_new, name="provider_new"),
    path("district/<int:pk>/", settings_views.provider_edit, name="provider_edit"),
]
