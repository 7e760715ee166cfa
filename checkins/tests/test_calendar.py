"""Calendar files, checked by parsing them back with icalendar (never by string matching)."""

import datetime as dt

import pytest
import time_machine
from icalendar import Calendar

from checkins import calendar
from checkins.services import series as services
from checkins.services import series_changes as changes
from checkins.tests.factories import make_series

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
JAN_12 = dt.datetime(2027, 1, 12, 15, 30)
FEB_9_UTC = dt.datetime(2027, 2, 9, 21, 30, tzinfo=dt.UTC)  # 3:30 pm CST
MAR_9_UTC = dt.datetime(2027, 3, 9, 21, 30, tzinfo=dt.UTC)


@pytest.fixture
def series(personas):
    with time_machine.travel(NOW, tick=False):
        yield make_series(personas, start_local=JAN_12)


def parse(ics: bytes) -> tuple[Calendar, list]:
    parsed = Calendar.from_ical(ics)
    return parsed, parsed.walk("VEVENT")


def test_the_invitation_is_a_request_with_uid_rrule_sequence_and_the_district_time_zone(series, personas):
    parsed, events = parse(calendar.request_calendar(series))
    assert str(parsed["METHOD"]) == "REQUEST"
    assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == ["America/Chicago"]
    (event,) = events
    assert str(event["UID"]) == series.uid
    assert int(event["SEQUENCE"]) == 0
    assert event["RRULE"]["FREQ"] == ["MONTHLY"] and event["RRULE"]["BYDAY"] == ["2TU"]
    start = event.decoded("DTSTART")
    assert event["DTSTART"].params["TZID"] == "America/Chicago"
    assert (start.hour, start.minute, start.date()) == (15, 30, dt.date(2027, 1, 12))
    assert event.decoded("DTEND") - start == dt.timedelta(hours=1)
    assert str(event["ORGANIZER"]) == f"mailto:{personas.principal.email}"
    assert {str(a) for a in event["ATTENDEE"]} == {
        f"mailto:{personas.principal.email}",
        f"mailto:{personas.counselor_a.email}",
    }
    assert str(event["LOCATION"]) == "Room 12"


def test_the_time_zone_definition_knows_both_daylight_saving_changes(series):
    parsed, _ = parse(calendar.request_calendar(series))
    (zone,) = parsed.walk("VTIMEZONE")
    assert zone.daylight and zone.standard
    tz = zone.to_tz()
    assert dt.datetime(2027, 7, 1, 12, tzinfo=tz).utcoffset() == dt.timedelta(hours=-5)
    assert dt.datetime(2027, 1, 1, 12, tzinfo=tz).utcoffset() == dt.timedelta(hours=-6)


def test_an_end_date_becomes_a_utc_until(series, personas):
    with time_machine.travel(NOW, tick=False):
        changes.edit_series(series, by=personas.principal, until=dt.date(2027, 6, 8))
    _, (event,) = parse(calendar.request_calendar(series))
    assert event["RRULE"]["UNTIL"] == [dt.datetime(2027, 6, 8, 20, 30, tzinfo=dt.UTC)]


def test_a_moved_occurrence_is_an_override_with_its_recurrence_id_and_a_cancelled_one_an_exdate(series, personas):
    with time_machine.travel(NOW, tick=False):
        changes.move_occurrence(series, FEB_9_UTC, starts_at=FEB_9_UTC + dt.timedelta(days=1), by=personas.principal)
        changes.cancel_occurrence(series, MAR_9_UTC, by=personas.principal)
    parsed, events = parse(calendar.request_calendar(series))
    master = next(e for e in events if "RECURRENCE-ID" not in e)
    override = next(e for e in events if "RECURRENCE-ID" in e)
    assert str(master["UID"]) == str(override["UID"]) == series.uid
    assert int(master["SEQUENCE"]) == int(override["SEQUENCE"]) == 2
    assert override.decoded("RECURRENCE-ID") == FEB_9_UTC
    assert override.decoded("DTSTART") == FEB_9_UTC + dt.timedelta(days=1)
    exdates = [d.dt for d in master["EXDATE"].dts]
    assert exdates == [MAR_9_UTC]


def test_an_update_raises_the_sequence_and_keeps_the_uid(series, personas):
    _, (before,) = parse(calendar.request_calendar(series))
    with time_machine.travel(NOW, tick=False):
        changes.edit_series(series, by=personas.principal, location="Library")
    _, (after,) = parse(calendar.request_calendar(series))
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert str(after["LOCATION"]) == "Library"


def test_changing_only_the_title_does_not_raise_the_sequence(series, personas):
    changes.edit_series(series, by=personas.principal, title="Adams check-in")
    series.refresh_from_db()
    assert series.sequence == 0


def test_cancelling_one_occurrence_is_a_cancel_with_its_recurrence_id(series):
    parsed, (event,) = parse(calendar.cancel_calendar(series, recurrence_id=FEB_9_UTC))
    assert str(parsed["METHOD"]) == "CANCEL"
    assert str(event["UID"]) == series.uid
    assert event.decoded("RECURRENCE-ID") == FEB_9_UTC
    assert str(event["STATUS"]) == "CANCELLED"


def test_cancelling_the_series_is_a_cancel_for_its_uid_without_recurrence_id(series, personas):
    changes.cancel_series(series, by=personas.principal)
    parsed, (event,) = parse(calendar.cancel_calendar(series))
    assert str(parsed["METHOD"]) == "CANCEL"
    assert str(event["UID"]) == series.uid and "RECURRENCE-ID" not in event
    assert int(event["SEQUENCE"]) == 1


def test_the_feed_lists_every_active_series_without_a_method(series, personas):
    with time_machine.travel(NOW, tick=False):
        other = make_series(personas, title="Quarterly district check-in", rrule="FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU")
        gone = make_series(personas, title="Old series")
    changes.cancel_series(gone, by=personas.principal)
    chosen = services.Series.objects.filter(pk__in=[series.pk, other.pk, gone.pk]).prefetch_related(
        "meetings", "participants__staff"
    )
    parsed, events = parse(calendar.feed_calendar(chosen.select_related("district", "organizer"), "My check-ins"))
    assert "METHOD" not in parsed
    assert {str(e["UID"]) for e in events} == {series.uid, other.uid}
