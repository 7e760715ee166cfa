"""Query-count guards: every list page runs the same number of SQL queries
with 10 rows as with 1,000. Counts, unlike timings, do not depend on the machine.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from people.models import Assignment, School, StaffMember, Task

LIST_PAGES = [
    ("people:school_list", {}),
    ("people:school_list", {"q": "School", "level": "elementary", "sort": "enrollment"}),
    ("people:staff_list", {}),
    ("people:staff_list", {"q": "Person"}),
    ("people:ratios", {}),
    ("people:catalogue", {}),
    ("home:home", {}),
]


def grow_district(personas, rows: int) -> None:
    """Add ``rows`` schools, staff members (each assigned to a school) and tasks."""
    district = personas.district
    existing = School.objects.filter(district=district).count()
    schools = School.objects.bulk_create(
        School(district=district, name=f"School {existing + i:05d}", level="elementary", enrollment=400 + i)
        for i in range(rows)
    )
    counselor = district.roles.get(seed_key="school-counselor")
    offset = StaffMember.objects.count()
    people = StaffMember.objects.bulk_create(
        StaffMember(
            district=district, name=f"Person {offset + i:05d}", email=f"p{offset + i}@x.example", role=counselor
        )
        for i in range(rows)
    )
    Assignment.objects.bulk_create(
        Assignment(district=district, staff=person, school=school, fte=Decimal("0.5"))
        for person, school in zip(people, schools, strict=True)
    )
    category = district.task_categories.get(seed_key="other")
    Task.objects.bulk_create(Task(district=district, category=category, name=f"Task {offset + i}") for i in range(rows))


def count_queries(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(("name", "params"), LIST_PAGES)
def test_list_pages_run_the_same_queries_for_10_and_1000_rows(personas, name, params):
    client = client_for(personas.admin)
    url = reverse(name)
    grow_district(personas, 10)
    small = count_queries(client, url, params)
    grow_district(personas, 990)
    large = count_queries(client, url, params)
    assert small == large, f"{name}: {small} queries with 10 rows, {large} with 1,000"


def test_the_district_list_runs_the_same_queries_for_few_and_many_districts(personas):
    from tests.factories import make_district

    client = client_for(personas.operator)
    url = reverse("people:districts")
    small = count_queries(client, url, {})
    for _ in range(12):
        make_district(name=f"Extra District {_}")
    assert count_queries(client, url, {}) == small


def test_an_agreement_page_runs_the_same_queries_with_one_goal_as_with_five(personas):
    """Goals, their task types, action items, progress and measured reflections are read in bulk."""
    import datetime as dt

    from agreements import goals
    from agreements.tests.makers import add_program_goal, add_time_goal, make_agreement
    from reflections.tests.makers import make_reflection

    few = make_agreement(personas)
    many = make_agreement(personas, staff=personas.counselor_b, school=personas.school_b)
    make_reflection(personas.counselor_a, leader=True)
    make_reflection(personas.counselor_b, admins=True)
    for agreement, count in ((few, 1), (many, 5)):
        made = [add_time_goal(personas, agreement)] + [add_program_goal(personas, agreement) for _ in range(count - 1)]
        for goal in made:
            goals.record_progress(goal, by=personas.counselor_a, on=dt.date(2026, 11, 1), value=Decimal(1), note="x")
    client = client_for(personas.admin)
    counts = [count_queries(client, reverse("agreements:detail", args=[a.pk]), {}) for a in (few, many)]
    assert counts[0] == counts[1], counts


def test_the_agreement_list_runs_the_same_queries_for_1_and_40_agreements(personas):
    from agreements.tests.makers import make_agreement

    make_agreement(personas)
    client = client_for(personas.admin)
    one = count_queries(client, reverse("agreements:list"), {})
    grow_district(personas, 40)
    for person in StaffMember.objects.filter(name__startswith="Person"):
        make_agreement(personas, staff=person, school=person.assignments.get().school)
    assert count_queries(client, reverse("agreements:list"), {}) == one


def test_the_districts_agreement_figures_run_the_same_queries_for_1_and_40_agreements(personas):
    from agreements.tests.makers import add_program_goal, make_agreement

    add_program_goal(personas, make_agreement(personas))
    client = client_for(personas.admin)
    counts = [count_queries(client, reverse("agreements:district"), {})]
    grow_district(personas, 40)
    for person in StaffMember.objects.filter(name__startswith="Person"):
        add_program_goal(personas, make_agreement(personas, staff=person, school=person.assignments.get().school))
    counts.append(count_queries(client, reverse("agreements:district"), {}))
    assert counts[0] == counts[1], counts


TRACKER_PAGES = [
    ("actions:item_list", {}),
    ("actions:item_list", {"closed": "on", "sort": "status", "owner": "nobody"}),
    ("actions:my_items", {}),
    ("actions:item_board", {}),
    ("actions:item_board", {"sort": "owner", "q": "Item"}),
]


def grow_tracker(personas, rows: int) -> None:
    """Add ``rows`` action items across the five statuses, owned by staff, by a plain name or by nobody."""
    from actions.models import ActionItem, Status

    owners = [personas.admin, personas.counselor_a, None]
    ActionItem.objects.bulk_create(
        ActionItem(
            district=personas.district,
            school=personas.school_a if n % 2 else personas.school_b,
            description=f"Item {n}",
            created_on=dt.date(2026, 1, 1) + dt.timedelta(days=n % 90),
            due_on=dt.date(2026, 4, 1) + dt.timedelta(days=n % 60) if n % 4 else None,
            status=Status.values[n % 5],
            owner=owners[n % 3],
            owner_name="" if n % 3 != 2 else "Jo Volunteer",
            owner_sort=(owners[n % 3].name.lower() if owners[n % 3] else "jo volunteer"),
            created_by=personas.admin,
        )
        for n in range(rows)
    )


@pytest.mark.parametrize(("name", "params"), TRACKER_PAGES)
def test_the_tracker_and_its_board_run_the_same_queries_for_10_and_1000_items(personas, name, params):
    client = client_for(personas.admin)
    url = reverse(name)
    grow_tracker(personas, 10)
    small = count_queries(client, url, params)
    grow_tracker(personas, 990)
    large = count_queries(client, url, params)
    assert small == large, f"{name}: {small} queries with 10 items, {large} with 1,000"


def _give_work(personas, n: int) -> None:
    """``n`` of everything a home lists: check-ins, polls, reflection requests, shared reflections, items."""
    import datetime as dt

    from actions.models import Origin
    from actions.services import create_item, local_today
    from checkins.models import Meeting
    from checkins.services.series import get_or_create_meeting, upcoming
    from checkins.tests.factories import make_series, second_tuesday_ahead
    from checkins.tests.poll_factories import make_poll
    from reflections.models import ReflectionRequest
    from reflections.services import create_request
    from reflections.tests.makers import make_reflection

    today = local_today(personas.district)
    for i in range(n):
        series = make_series(personas, title=f"Check-in {i}", start_local=second_tuesday_ahead(1))
        meeting = get_or_create_meeting(series, upcoming(series, 1)[0].recurrence_id)
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.IN_PROGRESS)
        make_poll(personas, invitees=[personas.counselor_a, personas.principal, personas.admin])
        create_request(
            personas.district,
            by=personas.principal,
            group=ReflectionRequest.Group.SCHOOL,
            school=personas.school_a,
            due_on=today + dt.timedelta(days=3),
        )
        make_reflection(personas.counselor_a, leader=True, admins=True)
        for owner in (personas.counselor_a, personas.principal, personas.admin):
            for origin in (Origin.NONE, Origin.SHIFT_PLAN):
                create_item(
                    personas.district,
                    description=f"Item {i}",
                    by=personas.admin,
                    owner=owner,
                    school=personas.school_a,
                    created_on=today - dt.timedelta(days=30),
                    due_on=today - dt.timedelta(days=1 + i),
                    origin=origin,
                    notify=False,
                )


@pytest.mark.parametrize("persona", ["admin", "principal", "counselor_a"])
def test_every_home_runs_the_same_queries_with_little_and_much_to_do(personas, persona):
    """What needs me now: each group is a count and a bounded list, whatever the amount of work."""
    client = client_for(getattr(personas, persona))
    url = reverse("home:home")
    _give_work(personas, 1)
    few = count_queries(client, url, {})
    _give_work(personas, 7)
    grow_district(personas, 200)
    assert count_queries(client, url, {}) == few
