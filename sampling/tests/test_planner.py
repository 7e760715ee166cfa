"""The shift planner takes a valid finished study's sampled shares as current time, and says so.

Lincoln County's counselors (``roles.tests.planner_setup``): Casey reflected 25% non-counseling
duties and 75% scheduled support. The study's answers say 40% Assessment and 60% Non-counseling
duties (``answer_all``), so where the study is used the planner sees about 60% non-counseling time.
"""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from conftest import client_for
from roles.planning.adapter import build_input
from roles.planning.current_hours import FROM_MEASURED, FROM_REFLECTIONS, MEASURED_SHARES
from roles.planning.estimates import estimate_grid
from roles.tests.planner_setup import NON_COUNSELING, tiny_district
from sampling import services
from sampling.hooks import planner_shares
from sampling.models import Moment
from sampling.tests.makers import drawn_study, more_counselors
from sampling.tests.test_results import AFTER, answer_all, results_after

pytestmark = pytest.mark.django_db
COUNSELOR = "school counselor"


@pytest.fixture
def counselors(personas):
    """Casey (reflected) and six more counselors at Adams, Bailey at Brook: eight, above the minimum of 5."""
    tiny_district(personas)
    more_counselors(personas, 6, personas.school_a)
    return personas


def category_hours(adapted, school: str, category: str) -> float:
    inp = adapted.inp
    current = next(s for s in inp.schools if s.name == school).current
    return sum(h for (role, task), h in current.items() if role == COUNSELOR and inp.task_category[task] == category)


def non_counseling_share(study) -> float:
    working = Moment.objects.filter(study=study, working=True)
    return working.filter(task_type__seed_key="non-counseling").count() / working.count()


def test_the_source_is_registered_once_by_the_app():
    assert MEASURED_SHARES.count(planner_shares) == 1


def test_a_valid_finished_study_gives_each_covered_role_its_sampled_shares(counselors):
    study = drawn_study(counselors)
    answer_all(counselors, study, rate=0.9)
    share = non_counseling_share(study)
    with time_machine.travel(AFTER, tick=False):
        assert results_after(study).valid
        adapted = build_input(counselors.district)
    adams = next(s for s in adapted.inp.schools if s.name == "Adams Elementary")
    staff_hours = adams.fte[COUNSELOR] * 40  # 7 counselors at 1 FTE, 40 h each
    assert adams.current[(COUNSELOR, NON_COUNSELING)] == pytest.approx(share * staff_hours, abs=0.01)
    assert 0.5 < share < 0.7  # not the 25% Casey remembers
    assessment = category_hours(adapted, "Adams Elementary", "Assessment")
    assert assessment == pytest.approx((1 - share) * staff_hours, abs=0.01)
    assert adapted.kinds["Adams Elementary"][COUNSELOR] == FROM_MEASURED
    assert adapted.sources["Adams Elementary"][COUNSELOR] == "time sampling: Spring sampling (7 people)"
    assert adapted.sources["Brook Middle"][COUNSELOR] == "time sampling: Spring sampling (1 person)"
    assert "no reflection or estimate" in adapted.sources["Adams Elementary"]["para-professional"]
    assert adapted.measured is not None and "school counselors at every school" in adapted.measured.summary


def test_the_inputs_page_says_the_planner_uses_the_study_and_estimates_cannot_override_it(counselors):
    study = drawn_study(counselors)
    answer_all(counselors, study, rate=0.9)
    services.publish_finished_studies(AFTER)  # the hourly job
    with time_machine.travel(AFTER, tick=False):
        client = client_for(counselors.admin)
        inputs = client.get(reverse("roles:planner")).content.decode()
        estimates = client.get(reverse("roles:planner_estimates", args=[counselors.school_a.pk])).content.decode()
        grid = estimate_grid(counselors.district, counselors.school_a)
    assert "Measured time is used." in inputs
    assert "The time study “Spring sampling” (March 1, 2027 to March 12, 2027, " in inputs
    assert reverse("sampling:results", args=[study.pk]) in inputs
    assert "time sampling: Spring sampling (7 people)" in inputs
    counselor = next(c for c in grid.columns if c.label == COUNSELOR)
    assert not counselor.editable
    assert "Not editable here: a valid time study&#x27;s sampled shares come first." in estimates


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"use_in_planner": False}, "the study does not let the planner use it"),
        ({"rate": 0.6}, "below 85% answered: not valid"),
        ({"when": "running"}, "not finished"),
    ],
)
def test_the_planner_keeps_reflections_where_the_study_cannot_be_used(counselors, change, why):
    study = drawn_study(counselors, use_in_planner=change.get("use_in_planner", True))
    answer_all(counselors, study, rate=change.get("rate", 0.9))
    when = study.closes_at - (study.closes_at - study.moments.first().at) / 2 if "when" in change else AFTER
    services.publish_finished_studies(when)
    with time_machine.travel(when, tick=False):
        adapted = build_input(counselors.district)
    assert adapted.measured is None, why
    assert adapted.kinds["Adams Elementary"][COUNSELOR] == FROM_REFLECTIONS, why
    assert "Measured time is used." not in client_for(counselors.admin).get(reverse("roles:planner")).content.decode()


def test_a_study_of_some_schools_is_used_at_those_schools_only(counselors):
    more_counselors(counselors, 5, counselors.school_b)  # Brook alone is above the minimum too
    study = drawn_study(counselors, schools=[counselors.school_b])
    answer_all(counselors, study, rate=0.9)
    services.publish_finished_studies(AFTER)
    with time_machine.travel(AFTER, tick=False):
        adapted = build_input(counselors.district)
    assert adapted.kinds["Brook Middle"][COUNSELOR] == FROM_MEASURED
    assert adapted.kinds["Adams Elementary"][COUNSELOR] == FROM_REFLECTIONS
    assert adapted.measured is not None and "school counselors at the school it covered" in adapted.measured.summary
