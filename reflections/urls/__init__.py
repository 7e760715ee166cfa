from reflections.urls import reflections, requests

app_name = "reflections"

urlpatterns = [*reflections.urlpatterns, *requests.urlpatterns]
