"""A change to a series keeps each meeting's own changes, in the app and in every calendar (issue 13).

The scene of the report: a monthly series (2nd Tuesday, 3:30 pm, Room 12) whose Feb 9 meeting is
cancelled and whose Apr 13 meeting moved to Apr 14 in Room 7; then the series' start time changes
to 3:45 pm. The calendar files are read back by a recurrence library and by a CalDAV server, and
what they show must be the app's own list of meetings.
"""

import datetime as dt

import pytest
import time_machine
from icalendar import Calendar

from checkins import calendar
from checkins.models import Meeting
from checkins.services import series as services
from checkins.services import series_changes as changes
from checkins.tests.calendar_clients import CalDAVServer, app_meetings, expand
from checkins.tests.factories import make_series
from checkins.tests.test_series_pages import form_data
from conftest import client_for

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
JAN_12 = dt.datetime(2027, 1, 12, 15, 30)
FEB_9 = dt.datetime(2027, 2, 9, 21, 30, tzinfo=dt.UTC)  # 3:30 pm CST
APR_13 = dt.datetime(2027, 4, 13, 20, 30, tzinfo=dt.UTC)  # 3:30 pm CDT
APR_14 = dt.datetime(2027, 4, 14, 20, 30, tzinfo=dt.UTC)
QUARTER_HOUR = dt.timedelta(minutes=15)
YEAR_END = dt.datetime(2027, 12, 31, tzinfo=dt.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def scene(personas, frozen, django_capture_on_commit_callbacks):
    series = make_series(personas, start_local=JAN_12)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(series, by=personas.principal)
        changes.cancel_occurrence(series, FEB_9, by=personas.principal)
        changes.move_occurrence(series, APR_13, starts_at=APR_14, location="Room 7", by=personas.principal)
    return series


def at_quarter_to_four(series, personas, **extra):
    """The report's change: the same series, starting at 3:45 pm instead of 3:30 pm."""
    return changes.edit_series(
        series, by=personas.principal, start_local=JAN_12.replace(minute=45), rrule=series.rrule, **extra
    )


def meetings_in(series, start=NOW, end=YEAR_END):
    return {o.recurrence_id: o for o in services.occurrences(series, start, end)}


def test_after_a_change_of_start_time_the_cancelled_meeting_stays_cancelled(scene, personas):
    at_quarter_to_four(scene, personas)
    found = meetings_in(scene)
    assert found[FEB_9 + QUARTER_HOUR].is_cancelled
    assert [o.starts_at for o in found.values() if o.is_cancelled] == [FEB_9 + QUARTER_HOUR]


def test_after_a_change_of_start_time_the_moved_meeting_keeps_its_date_time_and_place(scene, personas):
    at_quarter_to_four(scene, personas)
    moved = meetings_in(scene)[APR_13 + QUARTER_HOUR]
    assert (moved.starts_at, moved.location, moved.is_cancelled) == (APR_14, "Room 7", False)
    others = [
        o for o in meetings_in(scene).values() if o.recurrence_id not in (FEB_9 + QUARTER_HOUR, moved.recurrence_id)
    ]
    assert {o.starts_at.astimezone(personas.district.zone).time() for o in others} == {dt.time(15, 45)}
    assert {o.location for o in others} == {"Room 12"}


def test_a_moved_meeting_is_reset_to_the_series_when_the_person_chooses_so(scene, personas):
    at_quarter_to_four(scene, personas, reset=[APR_13])
    meeting = meetings_in(scene)[APR_13 + QUARTER_HOUR]
    assert (meeting.starts_at, meeting.location) == (APR_13 + QUARTER_HOUR, "Room 12")
    assert meetings_in(scene)[FEB_9 + QUARTER_HOUR].is_cancelled


def test_the_update_carries_an_exdate_and_the_override_with_the_sequence_raised(scene, personas):
    before = scene.sequence
    at_quarter_to_four(scene, personas)
    parsed = Calendar.from_ical(calendar.request_calendar(scene))
    master = next(e for e in parsed.walk("VEVENT") if "RECURRENCE-ID" not in e)
    (override,) = [e for e in parsed.walk("VEVENT") if "RECURRENCE-ID" in e]
    assert int(master["SEQUENCE"]) == int(override["SEQUENCE"]) == before + 1
    assert [d.dt for d in master["EXDATE"].dts] == [FEB_9 + QUARTER_HOUR]
    assert override.decoded("RECURRENCE-ID") == APR_13 + QUARTER_HOUR
    assert override.decoded("DTSTART") == APR_14 and str(override["LOCATION"]) == "Room 7"


def test_a_recurrence_library_reads_the_same_meetings_as_the_app_after_cancel_move_and_change(personas, frozen):
    series = make_series(personas, start_local=JAN_12)
    steps = [
        lambda: changes.cancel_occurrence(series, FEB_9, by=personas.principal),
        lambda: changes.move_occurrence(series, APR_13, starts_at=APR_14, location="Room 7", by=personas.principal),
        lambda: at_quarter_to_four(series, personas),
        lambda: changes.edit_series(series, by=personas.principal, location="Library", duration_minutes=45),
    ]
    for step in steps:
        step()
        series.refresh_from_db()
        expected = app_meetings(services.occurrences(series, NOW, YEAR_END))
        assert expand(calendar.request_calendar(series), NOW, YEAR_END) == expected
    assert len(expected) == 9  # the school months of 2027 less the cancelled February meeting
    assert ("Room 7", APR_14) in {(m.location, m.starts_at) for m in expected}


def test_a_caldav_server_expands_each_update_to_the_app_s_meetings(personas, frozen):
    series = make_series(personas, start_local=JAN_12)
    with CalDAVServer() as server:
        for step in (
            lambda: None,
            lambda: changes.cancel_occurrence(series, FEB_9, by=personas.principal),
            lambda: changes.move_occurrence(series, APR_13, starts_at=APR_14, location="Room 7", by=personas.principal),
            lambda: at_quarter_to_four(series, personas),
        ):
            step()
            series.refresh_from_db()
            server.put("series", calendar.request_calendar(series))
            seen = server.expanded(NOW, YEAR_END)
            assert seen == app_meetings(services.occurrences(series, NOW, YEAR_END))
    assert len(seen) == 9 and all(m.starts_at.month not in (2, 7, 8) for m in seen)  # February stays cancelled
    assert (APR_14, "Room 7") in {(m.starts_at, m.location) for m in seen}


def test_a_change_of_weekday_keeps_each_exception_on_the_nearest_meeting(scene, personas):
    changes.edit_series(
        scene, by=personas.principal, start_local=dt.datetime(2027, 1, 14, 15, 30), rrule="FREQ=MONTHLY;BYDAY=2TH"
    )
    found = meetings_in(scene)
    cancelled = [o.recurrence_id for o in found.values() if o.is_cancelled]
    assert cancelled == [dt.datetime(2027, 2, 11, 21, 30, tzinfo=dt.UTC)]
    moved = found[dt.datetime(2027, 4, 8, 20, 30, tzinfo=dt.UTC)]
    assert (moved.starts_at, moved.location) == (APR_14, "Room 7")
    assert expand(calendar.request_calendar(scene), NOW, YEAR_END) == app_meetings(found.values())


def test_a_moved_meeting_the_new_schedule_has_no_place_for_stays_as_an_extra_meeting(scene, personas):
    changes.edit_series(scene, by=personas.principal, start_local=JAN_12, rrule="FREQ=MONTHLY;INTERVAL=6;BYDAY=2TU")
    found = meetings_in(scene)
    assert [(o.starts_at, o.location) for o in found.values() if not o.is_cancelled] == [
        (dt.datetime(2027, 1, 12, 21, 30, tzinfo=dt.UTC), "Room 12"),
        (APR_14, "Room 7"),
    ]  # July's meeting is skipped: the summer break
    assert not any(o.is_cancelled for o in found.values())  # the cancelled February meeting is not on it
    assert expand(calendar.request_calendar(scene), NOW, YEAR_END) == app_meetings(found.values())


def test_the_update_email_says_old_and_new_time_and_place_of_each_meeting(
    scene, personas, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        changes.edit_series(
            scene, by=personas.principal, start_local=JAN_12.replace(minute=45), rrule=scene.rrule, location="Library"
        )
    (update,) = [m for m in mailoutbox if m.to == [personas.counselor_a.email] and m.subject.startswith("Updated")]
    assert update.subject == "Updated: Adams mental health check-in"
    assert (
        "Tuesday, January 12, 2027 at 3:30 PM, Room 12 → Tuesday, January 12, 2027 at 3:45 PM, Library" in update.body
    )
    assert "Tuesday, March 9, 2027 at 3:30 PM, Room 12 → Tuesday, March 9, 2027 at 3:45 PM, Library" in update.body
    assert "February 9" not in update.body  # cancelled, and still cancelled
    assert "April 14" not in update.body  # moved, and kept where it was moved


def test_the_move_email_says_old_and_new_time_and_place(
    personas, frozen, mailoutbox, django_capture_on_commit_callbacks
):
    series = make_series(personas, start_local=JAN_12)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(series, by=personas.principal)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        changes.move_occurrence(series, APR_13, starts_at=APR_14, location="Room 7", by=personas.principal)
    (update,) = [m for m in mailoutbox if m.to == [personas.counselor_a.email]]
    assert "Tuesday, April 13, 2027 at 3:30 PM, Room 12 → Wednesday, April 14, 2027 at 3:30 PM, Room 7" in update.body


def test_the_edit_page_lists_the_meetings_with_their_own_changes_and_what_happens_to_them(scene, personas):
    page = client_for(personas.principal).get(f"/checkins/series/{scene.pk}/edit/").content.decode()
    assert "Meetings with their own changes" in page
    assert "Tuesday, February 9, 2027 at 3:30 PM" in page and "stays cancelled" in page
    assert "Wednesday, April 14, 2027 at 3:30 PM" in page and "Room 7" in page
    assert "keeps its own date, time and place" in page


def test_a_meeting_only_reached_by_the_hourly_job_follows_a_change_of_place(personas, frozen):
    series = make_series(personas, start_local=JAN_12)
    reached = services.get_or_create_meeting(series, FEB_9)
    changes.edit_series(series, by=personas.principal, location="Library")
    assert meetings_in(series)[FEB_9].location == "Library"
    assert Meeting.objects.get(pk=reached.pk).location == ""
    parsed = Calendar.from_ical(calendar.request_calendar(series))
    assert len(parsed.walk("VEVENT")) == 1  # no override for a meeting without changes of its own


def edit_form(series, personas, **changes) -> dict:
    """The edit page's fields as the page fills them in for the scene's monthly series, with ``changes``."""
    return form_data(personas, title=series.title, cadence="monthly", invitation_text="Hi [staff name].") | changes


def test_a_new_schedule_shows_what_happens_to_each_meeting_before_it_is_saved(scene, personas):
    client, url = client_for(personas.principal), f"/checkins/series/{scene.pk}/edit/"
    first = client.post(url, edit_form(scene, personas, first_time="15:45"))
    page = first.content.decode()
    assert first.status_code == 200 and "Before saving" in page
    assert "stays cancelled" in page and "keeps its own date, time and place" in page
    scene.refresh_from_db()
    assert scene.start_local.minute == 30  # nothing saved yet
    confirm = first.context["review"]["confirm"]
    changed_since = client.post(url, edit_form(scene, personas, first_time="16:00", confirm=confirm))
    assert changed_since.status_code == 200  # a confirmation counts only for the change it was shown
    saved = client.post(url, edit_form(scene, personas, first_time="15:45", confirm=confirm))
    assert saved.status_code == 302
    assert meetings_in(scene)[FEB_9 + QUARTER_HOUR].is_cancelled


def test_ticking_a_moved_meeting_on_the_edit_page_puts_it_back_on_the_series(scene, personas):
    client, url = client_for(personas.principal), f"/checkins/series/{scene.pk}/edit/"
    response = client.post(url, edit_form(scene, personas, reset=["20270413T203000Z"]))
    assert response.status_code == 302
    meeting = meetings_in(scene)[APR_13]
    assert (meeting.starts_at, meeting.location) == (APR_13, "Room 12")
    assert meetings_in(scene)[FEB_9].is_cancelled


def test_the_pure_parts_work_their_examples():
    import doctest

    from checkins import agenda, polls, recurrence, schedule

    for module in (agenda, polls, recurrence, schedule):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_two_edits_from_the_same_page_the_second_is_refused_with_what_changed(scene, personas):
    client, url = client_for(personas.principal), f"/checkins/series/{scene.pk}/edit/"
    seen = client.get(url).context["form"].initial["seen"]
    assert client.post(url, edit_form(scene, personas, location="Library", seen=seen)).status_code == 302
    refused = client.post(url, edit_form(scene, personas, title="Adams check-in", seen=seen))
    page = refused.content.decode()
    assert refused.status_code == 200 and "Someone else changed this series while you were editing it" in page
    assert "Place</strong>: Room 12 → Library" in page
    scene.refresh_from_db()
    assert (scene.title, scene.location) == ("Adams mental health check-in", "Library")
    again = client.post(
        url,
        edit_form(
            scene, personas, title="Adams check-in", location="Library", seen=refused.context["form"].data["seen"]
        ),
    )
    assert again.status_code == 302
    scene.refresh_from_db()
    assert (scene.title, scene.location) == ("Adams check-in", "Library")
