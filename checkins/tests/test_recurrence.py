"""The pure recurrence rules: presets, validation, expansion across daylight-saving changes."""

import datetime as dt
import zoneinfo

import pytest

from checkins import recurrence

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(CHICAGO)


def test_a_monthly_meeting_stays_at_half_past_three_across_both_daylight_saving_changes():
    first = dt.datetime(2027, 1, 12, 15, 30)
    dates = recurrence.expand(first, "FREQ=MONTHLY;BYDAY=2TU", CHICAGO, count=12)
    assert {(local(d).hour, local(d).minute) for d in dates} == {(15, 30)}
    utc_hours = {local(d).month: d.hour for d in dates}
    assert utc_hours[3] == 21  # March 9: before the change on March 14 (CST, UTC-6)
    assert utc_hours[4] == 20  # April: daylight time (CDT, UTC-5)
    assert utc_hours[11] == 21  # November 9: after the change on November 7 (CST again)


def test_a_weekly_meeting_keeps_its_local_time_on_the_weeks_around_the_march_change():
    first = dt.datetime(2027, 3, 8, 15, 30)
    dates = recurrence.expand(first, recurrence.weekly_rule(1), CHICAGO, count=2)
    assert [local(d).strftime("%Y-%m-%d %H:%M") for d in dates] == ["2027-03-08 15:30", "2027-03-15 15:30"]
    assert dates[1] - dates[0] == dt.timedelta(days=7, hours=-1)


def test_the_2nd_tuesday_rule_gives_the_2nd_tuesday_of_each_month():
    first = dt.datetime(2027, 1, 12, 15, 30)
    rule = recurrence.monthly_rule(first.date())
    assert rule == "FREQ=MONTHLY;BYDAY=2TU"
    days = [local(d).date() for d in recurrence.expand(first, rule, CHICAGO, count=4)]
    assert days == [dt.date(2027, 1, 12), dt.date(2027, 2, 9), dt.date(2027, 3, 9), dt.date(2027, 4, 13)]
    assert all(d.weekday() == 1 and 8 <= d.day <= 14 for d in days)


def test_quarterly_repeats_every_three_months_on_the_same_weekday_ordinal():
    first = dt.datetime(2027, 1, 12, 9, 0)
    rule = recurrence.monthly_rule(first.date(), interval=3)
    assert rule == "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU"
    days = [local(d).date() for d in recurrence.expand(first, rule, CHICAGO, count=4)]
    assert days == [dt.date(2027, 1, 12), dt.date(2027, 4, 13), dt.date(2027, 7, 13), dt.date(2027, 10, 12)]
    assert recurrence.describe(rule) == "quarterly"


def test_a_fifth_weekday_becomes_the_last_weekday_of_the_month():
    assert recurrence.monthly_rule(dt.date(2027, 3, 30)) == "FREQ=MONTHLY;BYDAY=-1TU"
    assert recurrence.describe_day("FREQ=MONTHLY;BYDAY=-1TU") == "on the last Tuesday"


def test_every_n_weeks():
    first = dt.datetime(2027, 1, 5, 8, 0)
    days = [local(d).date() for d in recurrence.expand(first, recurrence.weekly_rule(3), CHICAGO, count=3)]
    assert days == [dt.date(2027, 1, 5), dt.date(2027, 1, 26), dt.date(2027, 2, 16)]
    assert recurrence.describe("FREQ=WEEKLY;INTERVAL=3") == "every 3 weeks"


def test_expand_is_limited_to_the_window_and_the_end_date():
    first = dt.datetime(2027, 1, 12, 15, 30)
    start = dt.datetime(2027, 3, 1, tzinfo=dt.UTC)
    end = dt.datetime(2027, 6, 1, tzinfo=dt.UTC)
    days = [local(d).date() for d in recurrence.expand(first, "FREQ=MONTHLY;BYDAY=2TU", CHICAGO, start=start, end=end)]
    assert days == [dt.date(2027, 3, 9), dt.date(2027, 4, 13), dt.date(2027, 5, 11)]
    limited = recurrence.expand(first, "FREQ=MONTHLY;BYDAY=2TU", CHICAGO, end=end, until=dt.date(2027, 2, 9))
    assert [local(d).date() for d in limited] == [dt.date(2027, 1, 12), dt.date(2027, 2, 9)]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("", "Enter a recurrence rule"),
        ("FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2", "yields no meeting dates"),
        ("FREQ=HOURLY", "FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"),
        ("FREQ=MONTHLY;UNTIL=20270101T000000Z", "end date"),
        ("FREQ=MONTHLY;BYDAY=9XX", "cannot be read"),
        ("FREQ=MONTHLY;FOO=1", "not supported: FOO"),
        ("MONTHLY", "NAME=VALUE"),
    ],
)
def test_a_rule_that_cannot_be_used_is_refused_with_a_clear_message(rule, message):
    with pytest.raises(recurrence.RuleError, match=message):
        recurrence.validate_rule(rule, dt.datetime(2027, 1, 12, 15, 30))


def test_a_custom_rule_is_normalized():
    assert (
        recurrence.validate_rule("rrule:freq=monthly;byday=2tu", dt.datetime(2027, 1, 12)) == "FREQ=MONTHLY;BYDAY=2TU"
    )
