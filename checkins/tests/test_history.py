"""Who changed a series, a meeting or a poll: each service records ``by``, and the pages show it."""

import datetime as dt

import time_machine

from checkins.models import HistoryEntry
from checkins.services import meetings, minutes, polls
from checkins.services import series as services
from checkins.services import series_changes as changes
from checkins.tests.factories import make_series
from checkins.tests.meeting_factories import make_meeting
from checkins.tests.poll_factories import make_poll
from conftest import client_for

NOW = dt.datetime(2026, 12, 1, 18, 0, tzinfo=dt.UTC)
FEB_9 = dt.datetime(2027, 2, 9, 21, 30, tzinfo=dt.UTC)


def test_the_series_history_says_who_changed_what(personas):
    with time_machine.travel(NOW, tick=False):
        series = make_series(personas, start_local=dt.datetime(2027, 1, 12, 15, 30), by=personas.principal)
        services.send_invitations(series, by=personas.principal)
        changes.edit_series(series, by=personas.admin, location="Library")
        changes.cancel_occurrence(series, FEB_9, by=personas.principal)
    entries = [(e.by, e.what) for e in HistoryEntry.objects.filter(series=series).order_by("pk")]
    assert entries == [
        (personas.principal, "Created the series."),
        (personas.principal, "Sent the invitations to 2 participant(s)."),
        (personas.admin, "Changed Place: Room 12 → Library."),
        (personas.principal, "Cancelled the meeting of Tuesday, February 9, 2027 at 3:30 PM."),
    ]
    page = client_for(personas.counselor_a).get(f"/checkins/series/{series.pk}/").content.decode()
    assert "Dana Director: Changed Place: Room 12 → Library." in page


def test_the_meeting_history_says_who_ran_it(personas, django_capture_on_commit_callbacks):
    meeting = make_meeting(personas)
    meetings.start_meeting(meeting, by=personas.principal)
    meetings.record_attendance(meeting, present={personas.principal.pk}, by=personas.admin)
    with django_capture_on_commit_callbacks(execute=True):
        minutes.close_meeting(meeting, by=personas.principal)
    whats = [(e.by, e.what) for e in HistoryEntry.objects.filter(meeting=meeting).order_by("pk")]
    assert whats == [
        (personas.principal, "Started the meeting."),
        (personas.admin, "Recorded attendance: 1 of 2 present."),
        (personas.principal, "Closed the meeting."),
    ]
    page = client_for(personas.principal).get(f"/checkins/meetings/{meeting.pk}/").content.decode()
    assert "Pat Principal: Started the meeting." in page


def test_the_poll_history_says_who_reminded_and_closed_it(personas):
    poll = make_poll(personas)
    polls.send_reminder(poll, by=personas.principal)
    polls.close_poll(poll, by=personas.admin)
    whats = [(e.by, e.what) for e in HistoryEntry.objects.filter(poll=poll).order_by("pk")]
    assert whats == [
        (personas.principal, "Sent the reminder to 3 invitee(s) who had not answered."),
        (personas.admin, "Closed the poll without picking a time."),
    ]
    page = client_for(personas.principal).get(f"/checkins/polls/{poll.pk}/").content.decode()
    assert "Dana Director: Closed the poll without picking a time." in page
