from django.urls import path

from checkins.views import polls

urlpatterns = [
    path("polls/", polls.poll_list, name="poll_list"),
    path("polls/new/", polls.poll_new, name="poll_new"),
    path("polls/<int:pk>/", polls.poll_detail, name="poll_detail"),
    path("polls/<int:pk>/remind/", polls.poll_remind, name="poll_remind"),
    path("polls/<int:pk>/pick/<int:option_pk>/", polls.poll_pick, name="poll_pick"),
    path("polls/<int:pk>/invitees/<int:invitee_pk>/resend/", polls.poll_resend, name="poll_resend"),
    path("polls/<int:pk>/edit/", polls.poll_edit, name="poll_edit"),
    path("polls/<int:pk>/close/", polls.poll_close, name="poll_close"),
    path("polls/answer/<str:token>/", polls.poll_vote, name="poll_vote"),
]
