"""The school calendar: school years and closures set by district admins, and "is this a school day?"."""

import datetime as dt
import doctest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from people import calendar_services, school_calendar
from people.models import Closure, SchoolYear

URL = reverse("people:school_calendar")


def test_the_calendar_works_its_examples():
    assert doctest.testmod(school_calendar).failed == 0


def test_the_admin_sets_the_school_year_and_a_closure(personas):
    client = client_for(personas.admin)
    client.post(URL, {"add_year": "1", "year-first_day": "2026-08-19", "year-last_day": "2027-06-11"})
    client.post(URL, {"add_closure": "1", "closure-name": "Winter break", "closure-first_day": "2026-12-21",
                      "closure-last_day": "2027-01-01"})  # fmt: skip
    page = client.get(URL).content.decode()
    assert "Wednesday, August 19, 2026 to Friday, June 11, 2027" in page and "Winter break" in page
    assert SchoolYear.objects.get(district=personas.district).last_day == dt.date(2027, 6, 11)
    assert Closure.objects.get(district=personas.district).name == "Winter break"


def test_an_overlapping_year_and_a_backwards_closure_are_refused_beside_their_fields(personas):
    calendar_services.add_school_year(personas.district, first_day=dt.date(2026, 8, 19), last_day=dt.date(2027, 6, 11))
    client = client_for(personas.admin)
    year = client.post(URL, {"add_year": "1", "year-first_day": "2027-06-01", "year-last_day": "2028-06-01"})
    assert year.context["year_form"].errors == {
        "first_day": ["It overlaps the school year August 19, 2026 to June 11, 2027."]
    }
    closure = client.post(URL, {"add_closure": "1", "closure-name": "Spring break", "closure-first_day": "2027-03-26",
                                "closure-last_day": "2027-03-22"})  # fmt: skip
    assert closure.context["closure_form"].errors == {"last_day": ["The last day is before the first day."]}
    assert 'id="id_closure-last_day_error"' in closure.content.decode()
    assert SchoolYear.objects.count() == 1 and not Closure.objects.exists()


def test_removing_a_closure_of_another_district_is_not_found(personas):
    theirs = calendar_services.add_closure(
        personas.other_district, name="Their break", first_day=dt.date(2027, 3, 1), last_day=dt.date(2027, 3, 5)
    )
    response = client_for(personas.admin).post(reverse("people:closure_delete", kwargs={"pk": theirs.pk}))
    assert response.status_code == 404 and Closure.objects.filter(pk=theirs.pk).exists()


def test_is_this_a_school_day_reads_the_calendar_in_two_queries(personas):
    district = personas.district
    assert not school_calendar.is_school_day(district, dt.date(2027, 7, 13))  # no year set: summer break
    calendar_services.add_school_year(district, first_day=dt.date(2026, 8, 19), last_day=dt.date(2027, 6, 11))
    calendar_services.add_closure(
        district, name="Winter break", first_day=dt.date(2026, 12, 21), last_day=dt.date(2027, 1, 1)
    )
    with CaptureQueriesContext(connection) as queries:
        calendar = school_calendar.calendar_of(district)
        answers = [calendar.is_school_day(dt.date(2026, 8, 18) + dt.timedelta(days=n)) for n in range(365)]
    assert len(queries) == 2
    assert sum(answers) == 213 - 10  # 213 weekdays from Aug 19 to Jun 11, less the break's 10
    assert school_calendar.is_school_day(district, dt.date(2027, 1, 12))
    assert not school_calendar.is_school_day(district, dt.date(2026, 12, 22))
    assert school_calendar.is_school_day(personas.other_district, dt.date(2026, 12, 22))
