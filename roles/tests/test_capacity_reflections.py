"""The capacity page's share of current time on non-priority tasks, from reflections."""

import pytest

from conftest import client_for
from reflections.tests.makers import after_the_quarter, make_reflection
from roles.capacity import non_priority_share
from roles.models import PriorityTask
from roles.services.priorities import non_priority_shares
from tests import factories


def test_the_share_splits_each_task_type_evenly_over_its_tasks():
    # 40% on a type whose tasks are all priorities, 30% on a half-priority type, 30% on a non-priority type.
    assert non_priority_share({1: 40.0, 2: 30.0, 3: 30.0}, {1: 0.0, 2: 0.5, 3: 1.0}) == pytest.approx(0.45)
    assert non_priority_share({None: 100.0}, {}) == 1.0, "an 'Other' row is not a priority"


def counselors_reflect(personas, how_many: int):
    counselors = [personas.counselor_a, personas.counselor_b]
    counselors += [factories.make_staff(personas.district, schools={personas.school_a: 1}) for _ in range(how_many - 2)]
    for person in counselors:
        make_reflection(person)  # current: Assessment 20%, ..., Non-counseling duties 25%, Other 0%


def mark_assessment_as_priority(personas):
    counselor_role = personas.district.roles.get(seed_key="school-counselor")
    for task in personas.district.tasks.filter(category__seed_key="assessment"):
        PriorityTask.objects.create(district=personas.district, role=counselor_role, task=task)
    return counselor_role


def test_a_role_with_enough_reflections_shows_its_share_on_non_priority_tasks(personas):
    counselors_reflect(personas, 5)
    role = mark_assessment_as_priority(personas)
    assert non_priority_shares(personas.district) == {}, "not before the quarter's figures are published"
    with after_the_quarter():
        # Every type but Assessment (20% of the week) is non-priority: 80%.
        assert non_priority_shares(personas.district) == {role.pk: pytest.approx(0.80)}
        page = client_for(personas.admin).get("/roles/capacity/").content.decode()
    assert "80%" in page


def test_fewer_people_than_the_minimum_group_size_show_nothing(personas):
    counselors_reflect(personas, 4)
    mark_assessment_as_priority(personas)
    with after_the_quarter():
        assert non_priority_shares(personas.district) == {}
        assert "not available" in client_for(personas.admin).get("/roles/capacity/").content.decode()


def test_a_role_without_priority_tasks_shows_nothing(personas):
    counselors_reflect(personas, 5)
    with after_the_quarter():
        assert non_priority_shares(personas.district) == {}
