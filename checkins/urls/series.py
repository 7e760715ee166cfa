"""Check-in series, occurrences, attendance answers and calendar feeds."""

from django.urls import path

from checkins.views import attendance, calendar_feed, series

urlpatterns = [
    path("series/", series.series_list, name="series_list"),
    path("series/new/", series.series_new, name="series_new"),
    path("series/<int:pk>/", series.series_detail, name="series_detail"),
    path("series/<int:pk>/edit/", series.series_edit, name="series_edit"),
    path("series/<int:pk>/send/", series.series_send, name="series_send"),
    path("series/<int:pk>/cancel/", series.series_cancel, name="series_cancel"),
    path("series/<int:pk>/response/", series.series_response, name="series_response"),
    path("series/<int:pk>/occurrences/<str:when>/move/", series.occurrence_move, name="occurrence_move"),
    path("series/<int:pk>/occurrences/<str:when>/cancel/", series.occurrence_cancel, name="occurrence_cancel"),
    path("series/<int:pk>/occurrences/<str:when>/open/", series.occurrence_open, name="occurrence_open"),
    path("series/answer/<str:token>/", attendance.attendance_answer, name="attendance_answer"),
    path("calendar/", calendar_feed.calendar_subscription, name="calendar_subscription"),
    path("calendar/new-link/", calendar_feed.calendar_rotate, name="calendar_rotate"),
    path("calendar/<str:token>.ics", calendar_feed.calendar_feed, name="calendar_feed"),
    path("settings/invitation/", calendar_feed.invitation_settings, name="invitation_settings"),
]
