"""The district's school calendar, and the one question others ask of it: is this date a school day?

A district sets its school years (first and last day of school) and its closures (holidays,
breaks). :func:`calendar_of` reads them in two queries into a :class:`SchoolCalendar`, a plain
snapshot that answers without the database, so a caller asking about many dates (check-in
series, time sampling) reads the calendar once:

>>> year = Span(dt.date(2026, 8, 19), dt.date(2027, 6, 11))
>>> calendar = SchoolCalendar(years=(year,), closures=(Span(dt.date(2026, 12, 21), dt.date(2027, 1, 1), "Winter break"),))
>>> calendar.is_school_day(dt.date(2027, 1, 12)), calendar.why_not(dt.date(2026, 12, 22))
(True, 'Winter break')
>>> calendar.why_not(dt.date(2027, 7, 13)), calendar.why_not(dt.date(2027, 1, 16))
('the summer break', 'a weekend')

A district that has set no school year is taken to have the usual US summer break: no school in
July and August.
"""  # noqa: E501 — a doctest's input is one line

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from people.models import Closure, District, SchoolYear

SUMMER_MONTHS = frozenset({7, 8})


@dataclass(frozen=True)
class Span:
    """Days from ``first`` to ``last``, both included."""

    first: dt.date
    last: dt.date
    name: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class SchoolCalendar:
    """A district's school years and closures, asked without the database."""

    years: tuple[Span, ...] = ()
    closures: tuple[Span, ...] = ()

    def in_school_year(self, day: dt.date) -> bool:
        """Inside one of the school years; with none set, any day outside July and August."""
        if not self.years:
            return day.month not in SUMMER_MONTHS
        return any(year.covers(day) for year in self.years)

    def closure_on(self, day: dt.date) -> Span | None:
        return next((closure for closure in self.closures if closure.covers(day)), None)

    def why_not(self, day: dt.date) -> str:
        """Why ``day`` is not a school day, in words ("Winter break", "the summer break", "a weekend"), or ""."""
        closure = self.closure_on(day)
        if closure is not None:
            return closure.name
        if not self.in_school_year(day):
            return "the summer break" if day.month in SUMMER_MONTHS else "outside the school year"
        return "a weekend" if day.weekday() >= 5 else ""

    def is_school_day(self, day: dt.date) -> bool:
        """A weekday inside a school year and not in a closure."""
        return not self.why_not(day)

    def break_on(self, day: dt.date) -> str:
        """Like :meth:`why_not`, but a weekend does not count: for meetings a person set on a weekend."""
        reason = self.why_not(day)
        return "" if reason == "a weekend" else reason

    def school_months(self) -> list[int]:
        """The months with at least one school-year day (all but July and August with no year set).

        >>> SchoolCalendar(years=(Span(dt.date(2026, 8, 19), dt.date(2027, 6, 11)),)).school_months()
        [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]
        """
        if not self.years:
            return [month for month in range(1, 13) if month not in SUMMER_MONTHS]
        months: set[int] = set()
        for year in self.years:
            month = dt.date(year.first.year, year.first.month, 1)
            while month <= year.last and len(months) < 12:
                months.add(month.month)
                month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        return sorted(months)

    @property
    def known_until(self) -> dt.date | None:
        """The last day the district's own calendar speaks of (its last school year or closure)."""
        days = [span.last for span in (*self.years, *self.closures)]
        return max(days) if days else None


def calendar_of(district: District | int) -> SchoolCalendar:
    """The district's school calendar, in two queries."""
    district_id = district if isinstance(district, int) else district.pk
    years = SchoolYear.objects.filter(district_id=district_id).values_list("first_day", "last_day")
    closures = Closure.objects.filter(district_id=district_id).values_list("first_day", "last_day", "name")
    return SchoolCalendar(
        years=tuple(Span(first, last) for first, last in years),
        closures=tuple(Span(first, last, name) for first, last, name in closures),
    )


def is_school_day(district: District | int, day: dt.date) -> bool:
    """District calendar: is this date a school day? (For many dates, ask :func:`calendar_of` once.)"""
    return calendar_of(district).is_school_day(day)
