from checkins.urls import meetings, polls, series

app_name = "checkins"

urlpatterns = [*series.urlpatterns, *polls.urlpatterns, *meetings.urlpatterns]
