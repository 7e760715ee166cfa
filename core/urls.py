from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("setup/", views.setup, name="setup"),
    path("districts/", views.district_list, name="districts"),
    path("districts/new/", views.district_new, name="district_new"),
]
