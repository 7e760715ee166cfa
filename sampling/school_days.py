"""Which days are school days, and the answer window counted in school days.

:func:`school_day_rule` is the one place that asks the district's calendar;
everything else takes its answer (a ``date -> bool`` function) and stays pure.
Until the district has a school calendar, a school day is a weekday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from people.models import District

IsSchoolDay = Callable[[dt.date], bool]


def school_day_rule(district: District, first: dt.date, last: dt.date) -> IsSchoolDay:
    """The district's rule for "is this a school day" between ``first`` and ``last`` (weekdays for now).

    The answer window may run past ``last``; the rule answers for any date.
    """
    del district, first, last
    return weekday


def weekday(day: dt.date) -> bool:
    """Monday to Friday: ``weekday(dt.date(2027, 1, 9))`` (a Saturday) is False."""
    return day.weekday() < 5


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
