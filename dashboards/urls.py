from django.urls import path

from dashboards import print_views, views

app_name = "dashboards"

urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("district/", views.district, name="district"),
    path("district/export.<str:fmt>", views.district_export, name="district_export"),
    path("schools/<int:pk>/", views.school, name="school"),
    path("schools/<int:pk>/export.<str:fmt>", views.school_export, name="school_export"),
    path("roles/<int:pk>/", views.role, name="role"),
    path("roles/<int:pk>/export.<str:fmt>", views.role_export, name="role_export"),
    path("reflection-form/", print_views.reflection_form_blank, name="reflection_form_blank"),
    path("reflection-form/<int:pk>/", print_views.reflection_form_print, name="reflection_form_print"),
]
