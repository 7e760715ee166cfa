"""The hourly reflection request: days before each meeting, once per meeting."""

import datetime as dt

import time_machine

from checkins.models import Meeting
from checkins.services import series as services
from checkins.services.reflection_requests import send_reflection_requests
from checkins.services.series_changes import cancel_occurrence
from checkins.tests.factories import make_series
from core.scheduler import HOURLY_JOBS

CREATED = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
JAN_12 = dt.datetime(2027, 1, 12, 15, 30)
JAN_12_UTC = dt.datetime(2027, 1, 12, 21, 30, tzinfo=dt.UTC)


def invited_series(personas, mailoutbox, capture, **changes):
    with time_machine.travel(CREATED, tick=False), capture(execute=True):
        series = make_series(personas, start_local=JAN_12, **changes)
        services.send_invitations(series, by=personas.principal)
    mailoutbox.clear()
    return series


def run_at(moment, capture) -> int:
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return send_reflection_requests()


def test_the_job_is_registered_with_the_hourly_scheduler():
    assert send_reflection_requests in HOURLY_JOBS


def test_participants_are_asked_to_prepare_seven_days_before_and_only_once(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    series = invited_series(personas, mailoutbox, django_capture_on_commit_callbacks)
    assert run_at(JAN_12_UTC - dt.timedelta(days=7, hours=1), django_capture_on_commit_callbacks) == 0
    assert run_at(JAN_12_UTC - dt.timedelta(days=7), django_capture_on_commit_callbacks) == 2
    assert run_at(JAN_12_UTC - dt.timedelta(days=6), django_capture_on_commit_callbacks) == 0
    assert {m.to[0] for m in mailoutbox} == {personas.principal.email, personas.counselor_a.email}
    message = mailoutbox[0]
    assert message.subject == "Prepare for the check-in on Tuesday, January 12, 2027 at 3:30 PM"
    assert "prepare for the check-in" in message.body and f"/checkins/series/{series.pk}/" in message.body
    meeting = Meeting.objects.get(series=series)
    assert meeting.recurrence_id == JAN_12_UTC and meeting.reflection_request_sent_at is not None


def test_the_number_of_days_is_the_series_own_and_a_cancelled_meeting_gets_none(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    series = invited_series(personas, mailoutbox, django_capture_on_commit_callbacks, reflection_days_before=2)
    assert run_at(JAN_12_UTC - dt.timedelta(days=3), django_capture_on_commit_callbacks) == 0
    with time_machine.travel(CREATED, tick=False), django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(series, JAN_12_UTC, by=personas.principal)
    mailoutbox.clear()
    assert run_at(JAN_12_UTC - dt.timedelta(days=2), django_capture_on_commit_callbacks) == 0
    feb = dt.datetime(2027, 2, 9, 21, 30, tzinfo=dt.UTC)
    assert run_at(feb - dt.timedelta(days=2), django_capture_on_commit_callbacks) == 2


def test_a_series_whose_invitations_were_not_sent_asks_nobody(personas, mailoutbox, django_capture_on_commit_callbacks):
    with time_machine.travel(CREATED, tick=False):
        make_series(personas, start_local=JAN_12)
    assert run_at(JAN_12_UTC - dt.timedelta(days=1), django_capture_on_commit_callbacks) == 0
    assert not Meeting.objects.exists()


def test_the_request_links_to_a_reflection_for_that_meeting_which_the_participant_can_share_with_it(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    from conftest import client_for
    from reflections.models import Reflection

    invited_series(personas, mailoutbox, django_capture_on_commit_callbacks)
    run_at(JAN_12_UTC - dt.timedelta(days=7), django_capture_on_commit_callbacks)
    meeting = Meeting.objects.get()
    message = next(m for m in mailoutbox if m.to == [personas.counselor_a.email])
    link = f"/reflections/new/?meeting={meeting.pk}"
    assert link in message.body

    counselor = client_for(personas.counselor_a)
    page = counselor.get(link)
    assert page.status_code == 200
    assert "The check-in it was requested for" in page.content.decode()
    response = counselor.post(link, {"support_needed": "A room to meet students", "time_unit": "percent", "save": "1"})
    assert response.status_code in (200, 302)
    reflection = Reflection.objects.get(author=personas.counselor_a)
    assert reflection.meeting == meeting
    assert counselor.get(link)["Location"].endswith(f"/reflections/{reflection.pk}/edit/"), "one per meeting"
    assert client_for(personas.counselor_b).get(link).status_code == 404, "only the participants"
