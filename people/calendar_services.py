"""Every write to a district's school calendar: school years and closures (read by ``people.school_calendar``)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from people.models import Closure, District, SchoolYear

LONGEST_YEAR = dt.timedelta(days=400)
LONGEST_CLOSURE = dt.timedelta(days=120)


def _check_days(first_day: dt.date, last_day: dt.date, longest: dt.timedelta, what: str) -> None:
    if last_day < first_day:
        raise ValidationError({"last_day": "The last day is before the first day."})
    if last_day - first_day > longest:
        raise ValidationError({"last_day": f"{what} lasts at most {longest.days} days."})


@transaction.atomic
def add_school_year(district: District, *, first_day: dt.date, last_day: dt.date) -> SchoolYear:
    """Add a school year; it may not overlap another of the district's years (ValidationError by field)."""
    _check_days(first_day, last_day, LONGEST_YEAR, "A school year")
    clash = SchoolYear.objects.filter(district=district, first_day__lte=last_day, last_day__gte=first_day).first()
    if clash is not None:
        raise ValidationError({"first_day": f"It overlaps the school year {clash}."})
    return SchoolYear.objects.create(district=district, first_day=first_day, last_day=last_day)


def add_closure(district: District, *, name: str, first_day: dt.date, last_day: dt.date) -> Closure:
    """Add a closure (a holiday or a break: days without school)."""
    if not name.strip():
        raise ValidationError({"name": "Name the closure, e.g. Winter break."})
    _check_days(first_day, last_day, LONGEST_CLOSURE, "A closure")
    return Closure.objects.create(district=district, name=name.strip(), first_day=first_day, last_day=last_day)


def remove_school_year(year: SchoolYear) -> None:
    year.delete()


def remove_closure(closure: Closure) -> None:
    closure.delete()
