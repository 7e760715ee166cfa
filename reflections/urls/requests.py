from django.urls import path

from reflections.views import requests

urlpatterns = [
    path("requests/", requests.request_list, name="request_list"),
    path("requests/new/", requests.request_new, name="request_new"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/remind/", requests.request_remind, name="request_remind"),
]
