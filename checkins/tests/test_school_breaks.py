"""Series keep to the school calendar: no meetings in the summer break or on a closure unless asked."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from icalendar import Calendar

from checkins import calendar
from checkins.services import series as services
from checkins.services import series_changes as changes
from checkins.tests.calendar_clients import app_meetings, expand
from checkins.tests.factories import make_series
from conftest import client_for
from people import calendar_services

NOW = dt.datetime(2026, 8, 1, 12, 0, tzinfo=dt.UTC)
SEP_22 = dt.datetime(2026, 9, 22, 15, 30)  # the 4th Tuesday of September; Dec 22 is one too
DEC_22 = dt.datetime(2026, 12, 22, 21, 30, tzinfo=dt.UTC)
END = dt.datetime(2027, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def school_calendar(personas):
    district = personas.district
    calendar_services.add_school_year(district, first_day=dt.date(2026, 8, 19), last_day=dt.date(2027, 6, 11))
    calendar_services.add_closure(
        district, name="Winter break", first_day=dt.date(2026, 12, 21), last_day=dt.date(2027, 1, 1)
    )
    with time_machine.travel(NOW, tick=False):
        yield


def fourth_tuesdays(personas, **extra):
    return make_series(personas, start_local=SEP_22, rrule="FREQ=MONTHLY;BYDAY=4TU", **extra)


def test_a_monthly_series_skips_the_summer_and_the_closures(personas, school_calendar):
    series = fourth_tuesdays(personas)
    found = services.occurrences(series, NOW, END)
    held = [o.starts_at.astimezone(personas.district.zone).date() for o in found if not o.is_cancelled]
    assert {day.month for day in held if day.year == 2026 or day.month < 8} == {9, 10, 11, 1, 2, 3, 4, 5}
    assert dt.date(2027, 8, 24) in held  # the next school year's dates are not set yet: August may be a school month
    skipped = {o.recurrence_id: o.meeting.skipped_for for o in found if o.is_cancelled}
    assert skipped[DEC_22] == "Winter break"
    assert dt.datetime(2027, 6, 22, 20, 30, tzinfo=dt.UTC) in skipped  # after the last day of school


def test_the_calendar_file_skips_the_same_meetings(personas, school_calendar):
    series = fourth_tuesdays(personas)
    ics = calendar.request_calendar(series)
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    assert event["RRULE"]["BYMONTH"] == [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]
    assert DEC_22 in [d.dt for d in event["EXDATE"].dts]
    assert expand(ics, NOW, END) == app_meetings(services.occurrences(series, NOW, END))


def test_a_series_meets_in_breaks_when_asked(personas, school_calendar):
    series = fourth_tuesdays(personas, skip_breaks=False)
    held = [o.starts_at for o in services.occurrences(series, NOW, END) if not o.is_cancelled]
    assert DEC_22 in held and any(o.month == 7 for o in held)


def test_a_first_meeting_on_a_closure_is_refused_with_the_reason(personas, school_calendar):
    with pytest.raises(ValidationError) as refused:
        make_series(personas, start_local=dt.datetime(2026, 12, 22, 15, 30), rrule="FREQ=MONTHLY;BYDAY=4TU")
    assert refused.value.message_dict["start_local"][0].startswith("The first meeting falls in Winter break.")


def test_a_new_schedule_works_out_the_skipped_meetings_again(personas, school_calendar, mailoutbox):
    series = fourth_tuesdays(personas)
    changes.edit_series(
        series, by=personas.principal, start_local=dt.datetime(2026, 9, 8, 15, 30), rrule="FREQ=MONTHLY;BYDAY=2TU"
    )
    found = {o.recurrence_id: o for o in services.occurrences(series, NOW, END)}
    assert DEC_22 not in found
    assert not found[dt.datetime(2026, 12, 8, 21, 30, tzinfo=dt.UTC)].is_cancelled  # before the break
    assert not any(o.starts_at.month == 7 for o in found.values() if not o.is_cancelled)


def test_turning_breaks_on_brings_their_meetings_back(personas, school_calendar):
    series = fourth_tuesdays(personas)
    changes.edit_series(series, by=personas.principal, skip_breaks=False)
    held = [o.starts_at for o in services.occurrences(series, NOW, END) if not o.is_cancelled]
    assert DEC_22 in held and any(o.month == 7 for o in held)
    assert expand(calendar.request_calendar(series), NOW, END) == app_meetings(services.occurrences(series, NOW, END))


def test_the_pages_offer_the_choice_and_say_why_a_meeting_is_skipped(personas, school_calendar):
    series = fourth_tuesdays(personas)
    client = client_for(personas.principal)
    assert "Meet during school breaks too" in client.get(f"/checkins/series/{series.pk}/edit/").content.decode()
    page = client.get(f"/checkins/series/{series.pk}/").content.decode()
    assert "No meeting: Winter break" in page


def test_a_poll_warns_about_times_on_a_closure_and_creates_it_only_when_told_to(personas, school_calendar):
    from checkins.models import Poll
    from checkins.tests.test_polls_pages import every_school, new_poll_data

    client = client_for(personas.principal)
    times = [("2026-12-22", "15:30"), ("2027-01-12", "15:30")]
    warned = client.post(every_school(), new_poll_data(personas, *times))
    assert warned.status_code == 200 and not Poll.objects.exists()
    page = warned.content.decode()
    assert (
        "Tuesday, December 22, 2026 at 3:30 PM: Winter break" in page
        and "January 12" not in page.split('role="alert"')[1].split("</div>")[0]
    )
    created = client.post(every_school(), new_poll_data(personas, *times, propose_anyway="on"))
    poll = Poll.objects.get()
    assert created.status_code == 302
    detail = client.get(f"/checkins/polls/{poll.pk}/").content.decode()
    assert "Proposed times on days without school" in detail and "Winter break" in detail
