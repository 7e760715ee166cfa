"""Series services: creation with its checks, occurrences merged with stored meetings, meeting rows."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from checkins.models import Meeting, Participant, Series
from checkins.services import series as services
from checkins.tests.factories import make_series
from tests import factories

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
JAN_12 = dt.datetime(2027, 1, 12, 15, 30)  # 2nd Tuesday, 3:30 pm in Chicago


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_series_is_created_with_its_participants_and_a_stable_uid(personas, frozen):
    series = make_series(personas, start_local=JAN_12)
    assert series.uid.startswith("series-") and series.uid.endswith("@topoflicense")
    assert set(series.participants.values_list("staff__name", flat=True)) == {
        personas.principal.name,
        personas.counselor_a.name,
    }
    assert services.first_local(series) == JAN_12
    assert series.sequence == 0


def test_occurrences_follow_the_rule_in_the_district_time_zone(personas, frozen):
    series = make_series(personas, start_local=JAN_12)
    found = services.occurrences(series, NOW, dt.datetime(2027, 4, 30, tzinfo=dt.UTC))
    chicago = personas.district.zone
    assert [o.starts_at.astimezone(chicago).strftime("%m-%d %H:%M") for o in found] == [
        "01-12 15:30",
        "02-09 15:30",
        "03-09 15:30",
        "04-13 15:30",
    ]
    assert all(o.meeting is None and o.status == "scheduled" and o.location == "Room 12" for o in found)
    assert found[0].ends_at - found[0].starts_at == dt.timedelta(minutes=60)


def test_stored_meetings_win_over_the_rule_moved_and_cancelled(personas, frozen):
    series = make_series(personas, start_local=JAN_12)
    first, second, third = services.occurrences(series, NOW, dt.datetime(2027, 3, 31, tzinfo=dt.UTC))
    moved = services.get_or_create_meeting(series, second.recurrence_id)
    moved.starts_at = second.recurrence_id + dt.timedelta(days=1)
    moved.ends_at = moved.starts_at + dt.timedelta(hours=1)
    moved.location = "Library"
    moved.save()
    cancelled = services.get_or_create_meeting(series, third.recurrence_id)
    cancelled.status = Meeting.Status.CANCELLED
    cancelled.save()

    found = services.occurrences(series, NOW, dt.datetime(2027, 3, 31, tzinfo=dt.UTC))
    assert [o.recurrence_id for o in found] == [first.recurrence_id, second.recurrence_id, third.recurrence_id]
    assert found[1].starts_at == moved.starts_at and found[1].location == "Library" and found[1].is_moved
    assert found[1].meeting == moved
    assert found[2].is_cancelled


def test_get_or_create_meeting_returns_the_same_row_and_refuses_a_date_off_the_rule(personas, frozen):
    series = make_series(personas, start_local=JAN_12)
    first = services.occurrences(series, NOW, dt.datetime(2027, 1, 31, tzinfo=dt.UTC))[0]
    meeting = services.get_or_create_meeting(series, first.recurrence_id)
    assert services.get_or_create_meeting(series, first.recurrence_id) == meeting
    assert meeting.starts_at == first.starts_at and meeting.ends_at == first.ends_at
    with pytest.raises(ValueError, match="has no meeting"):
        services.get_or_create_meeting(series, first.recurrence_id + dt.timedelta(hours=1))


def test_a_rule_without_dates_a_past_start_and_bad_participants_are_refused_and_nothing_is_written(personas, frozen):
    no_email = factories.make_staff(personas.district, "Nia Noemail", email="nia@example.org")
    no_email.email = ""
    with pytest.raises(ValidationError) as caught:
        make_series(
            personas,
            start_local=dt.datetime(2026, 11, 1, 9, 0),
            rrule="FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2",
            participants=[personas.counselor_a, personas.counselor_a, no_email],
        )
    errors = caught.value.message_dict
    assert errors["start_local"] == ["The first meeting must be in the future."]
    assert "yields no meeting dates" in errors["rrule"][0]
    assert any(personas.counselor_a.name in e and "more than once" in e for e in errors["participants"])
    assert any("Nia Noemail" in e and "email" in e for e in errors["participants"])
    assert not Series.objects.exists() and not Participant.objects.exists()


def test_an_attendance_answer_is_recorded(personas, frozen):
    series = make_series(personas, start_local=JAN_12)
    participant = series.participants.get(staff=personas.counselor_a)
    services.set_response(participant, "maybe")
    assert series.participants.get(staff=personas.counselor_a).response == "maybe"
    with pytest.raises(ValidationError):
        services.set_response(participant, "perhaps")


def test_a_new_feed_link_replaces_the_old_one(personas):
    old = services.feed_for(personas.counselor_a).token
    assert services.rotate_feed(personas.counselor_a).token != old


def test_changing_the_schedule_from_a_date_on_keeps_the_uid_and_held_meetings(personas, frozen):
    from checkins.services.series_changes import edit_series

    series = make_series(personas, start_local=JAN_12)
    uid = series.uid
    first, second = services.occurrences(series, NOW, dt.datetime(2027, 2, 28, tzinfo=dt.UTC))
    held = services.get_or_create_meeting(series, first.recurrence_id)
    held.status = Meeting.Status.CLOSED
    held.save()
    untouched = services.get_or_create_meeting(series, second.recurrence_id)
    with time_machine.travel(dt.datetime(2027, 1, 20, tzinfo=dt.UTC), tick=False):
        edit_series(
            series, start_local=dt.datetime(2027, 3, 4, 10, 0), rrule="FREQ=MONTHLY;BYDAY=1TH", by=personas.principal
        )
    series.refresh_from_db()
    assert series.uid == uid and series.sequence == 1
    found = services.occurrences(series, NOW, dt.datetime(2027, 4, 30, tzinfo=dt.UTC))
    chicago = personas.district.zone
    assert [o.starts_at.astimezone(chicago).strftime("%m-%d %H:%M") for o in found] == [
        "01-12 15:30",
        "03-04 10:00",
        "04-01 10:00",
    ]
    assert found[0].meeting == held
    assert not Meeting.objects.filter(pk=untouched.pk).exists()


def test_a_schedule_change_into_the_past_changes_nothing(personas, frozen):
    from checkins.services.series_changes import edit_series

    series = make_series(personas, start_local=JAN_12)
    with pytest.raises(ValidationError) as caught:
        edit_series(
            series,
            by=personas.principal,
            start_local=dt.datetime(2026, 11, 3, 9, 0),
            rrule="FREQ=WEEKLY",
            location="Gym",
            participants=[personas.counselor_a],
        )
    assert "start_local" in caught.value.message_dict
    series.refresh_from_db()
    assert (series.location, series.rrule, series.sequence) == ("Room 12", "FREQ=MONTHLY;BYDAY=2TU", 0)
    assert series.participants.count() == 2
