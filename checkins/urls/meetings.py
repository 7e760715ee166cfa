from django.urls import path

from checkins.views import agenda, meetings

urlpatterns: list = [
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/start/", meetings.meeting_start, name="meeting_start"),
    path("meetings/<int:pk>/close/", meetings.meeting_close, name="meeting_close"),
    path("meetings/<int:pk>/section/", meetings.meeting_section, name="meeting_section"),
    path("meetings/<int:pk>/items/<int:item_pk>/status/", meetings.meeting_item_status, name="meeting_item_status"),
    path("meetings/<int:pk>/barriers/", meetings.meeting_barrier_new, name="meeting_barrier_new"),
    path("meetings/<int:pk>/items/", meetings.meeting_item_new, name="meeting_item_new"),
    path("meetings/<int:pk>/attendance/", meetings.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/minutes/", meetings.meeting_minutes, name="meeting_minutes"),
    path("series/<int:pk>/meetings/", meetings.series_meetings, name="series_meetings"),
    path("agenda/", agenda.district_agenda, name="district_agenda"),
    path("series/<int:pk>/agenda/", agenda.series_agenda, name="series_agenda"),
    path("series/<int:pk>/agenda/customise/", agenda.series_agenda_customise, name="series_agenda_customise"),
    path("series/<int:pk>/agenda/reset/", agenda.series_agenda_reset, name="series_agenda_reset"),
]
