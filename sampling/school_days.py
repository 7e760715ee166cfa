"""Which days are school days, and the answer window counted in answering days.

The district's school calendar (``people.school_calendar``: its school years and closures; with no
school year set, July and August are the summer break) says which days are school days.
``sampling.sizing.plan_study`` reads it once (two queries) and everything here takes its answer as a
``date -> bool`` function and stays pure. Moments fall on school days only.

The answer window and the reminder count **answering days** (:func:`answering_days`): the school
days, and outside the school year the weekdays — a moment on the last day of school may be answered
on the weekdays after it, not once the summer break is over; a closure (a holiday, a break inside
the year) does not count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from people.school_calendar import SchoolCalendar

IsSchoolDay = Callable[[dt.date], bool]


def weekday(day: dt.date) -> bool:
    """Monday to Friday: ``weekday(dt.date(2027, 1, 9))`` (a Saturday) is False."""
    return day.weekday() < 5


def answering_days(calendar: SchoolCalendar) -> IsSchoolDay:
    """The days that count in the answer window and for the reminder: weekdays without a closure.

    >>> from people.school_calendar import Span
    >>> year = Span(dt.date(2026, 8, 19), dt.date(2027, 6, 11))
    >>> winter = Span(dt.date(2026, 12, 21), dt.date(2027, 1, 1), "Winter break")
    >>> counts = answering_days(SchoolCalendar(years=(year,), closures=(winter,)))
    >>> counts(dt.date(2026, 12, 22)), counts(dt.date(2027, 6, 14)), counts(dt.date(2027, 6, 12))
    (False, True, False)
    """

    def counts(day: dt.date) -> bool:
        return day.weekday() < 5 and calendar.closure_on(day) is None

    return counts


def school_days(first: dt.date, last: dt.date, is_school_day: IsSchoolDay) -> list[dt.date]:
    """The school days from ``first`` to ``last``, both included.

    >>> [d.day for d in school_days(dt.date(2027, 1, 7), dt.date(2027, 1, 12), weekday)]  # Thu to Tue
    [7, 8, 11, 12]
    """
    days = []
    day = first
    while day <= last:
        if is_school_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def school_days_after(day: dt.date, count: int, is_school_day: IsSchoolDay) -> dt.date:
    """The ``count``-th school day after ``day`` (``day`` itself when ``count`` is 0).

    A moment on Thursday 7 January 2027 with a window of 2 school days may be answered until the
    end of Monday 11 January (Friday, then Monday):

    >>> school_days_after(dt.date(2027, 1, 7), 2, weekday)
    datetime.date(2027, 1, 11)
    """
    found = 0
    for _ in range(366 * 2):  # a calendar with no school day for two years is not a calendar
        if found == count:
            return day
        day += dt.timedelta(days=1)
        if is_school_day(day):
            found += 1
    raise ValueError("No school day found within two years.")


def answer_deadline(at_local: dt.datetime, window_days: int, is_school_day: IsSchoolDay) -> dt.datetime:
    """The end of the answer window: midnight after the ``window_days``-th school day after the moment's day.

    Thursday 10:42 with 2 school days: until Monday 23:59:59 (Tuesday 0:00, wall-clock time).

    >>> answer_deadline(dt.datetime(2027, 1, 7, 10, 42), 2, weekday)
    datetime.datetime(2027, 1, 12, 0, 0)
    """
    last = school_days_after(at_local.date(), window_days, is_school_day)
    return dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=at_local.tzinfo)


def reminder_time(at_local: dt.datetime, is_school_day: IsSchoolDay) -> dt.datetime:
    """When to remind someone who has not answered: the same time on the next school day.

    >>> reminder_time(dt.datetime(2027, 1, 8, 10, 42), weekday)   # a Friday: Monday
    datetime.datetime(2027, 1, 11, 10, 42)
    """
    return dt.datetime.combine(school_days_after(at_local.date(), 1, is_school_day), at_local.timetz())
