"""Entered estimates of current time: the adapter's rule, the grid page, its validation, clearing, who may."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import client_for
from reflections.models import LeaderEstimate, LeaderEstimateRow
from roles.forms.estimates import EstimatesForm
from roles.models import ConstrainedRole, PlannerEstimate
from roles.planning.adapter import build_input
from roles.planning.current_hours import FROM_AVERAGE, FROM_ESTIMATE, FROM_REFLECTIONS, NO_DATA
from roles.planning.estimates import estimate_grid
from roles.tests.planner_setup import NON_COUNSELING, tiny_district
from tests import factories

CLASSROOM = "Scheduled Tier 1 support provision"


@pytest.fixture
def tiny(personas):
    tiny_district(personas)
    return personas


def estimate(p, school, role_key: str, hours_by_task: dict[str, float]) -> None:
    for task_name, hours in hours_by_task.items():
        PlannerEstimate.objects.create(
            district=p.district,
            school=school,
            role=factories.role(p.district, role_key),
            task=p.district.tasks.get(name=task_name),
            hours=Decimal(str(hours)),
        )


def school_input(adapted, name: str):
    return next(s for s in adapted.inp.schools if s.name == name)


# --- the adapter's rule ---


def test_estimates_are_used_only_where_nobody_in_the_role_has_a_reflection(tiny):
    estimate(tiny, tiny.school_a, "school-counselor", {NON_COUNSELING: 30})  # Casey reflected: ignored
    estimate(tiny, tiny.school_a, "para-professional", {CLASSROOM: 20, NON_COUNSELING: 4})  # nobody: used
    estimate(tiny, tiny.school_b, "school-counselor", {CLASSROOM: 12})  # Bailey did not: used, not the average
    adapted = build_input(tiny.district)
    adams, brook = school_input(adapted, "Adams Elementary"), school_input(adapted, "Brook Middle")

    assert adams.current[("school counselor", NON_COUNSELING)] == pytest.approx(10)
    assert adapted.kinds["Adams Elementary"]["school counselor"] == FROM_REFLECTIONS
    assert adams.current[("para-professional", CLASSROOM)] == 20
    assert adams.current[("para-professional", NON_COUNSELING)] == 4
    assert adapted.sources["Adams Elementary"]["para-professional"] == FROM_ESTIMATE
    assert brook.current == {("school counselor", CLASSROOM): 12}
    assert adapted.kinds["Brook Middle"]["school counselor"] == FROM_ESTIMATE


def test_without_an_estimate_the_district_average_then_no_data_apply(tiny):
    adapted = build_input(tiny.district)
    assert adapted.kinds["Brook Middle"]["school counselor"] == FROM_AVERAGE
    assert adapted.kinds["Adams Elementary"]["para-professional"] == NO_DATA


def test_a_leader_estimate_of_one_person_keeps_the_role_on_reflection_data(tiny):
    estimate(tiny, tiny.school_b, "school-counselor", {CLASSROOM: 12})
    leader_estimate = LeaderEstimate.objects.create(
        district=tiny.district, leader=tiny.principal, staff=tiny.counselor_b, date=dt.date(2026, 9, 2)
    )
    LeaderEstimateRow.objects.create(
        district=tiny.district,
        estimate=leader_estimate,
        category=tiny.district.task_categories.get(seed_key="non-counseling"),
        current_percent=Decimal(50),
    )
    adapted = build_input(tiny.district)
    brook = school_input(adapted, "Brook Middle")
    assert brook.current == {("school counselor", NON_COUNSELING): pytest.approx(20)}
    assert adapted.sources["Brook Middle"]["school counselor"] == "leader estimates (1 person)"


def test_a_page_of_schools_gets_the_same_input_as_the_whole_district(tiny):
    ConstrainedRole.objects.filter(district=tiny.district).update(needed_priority_hours=Decimal(10))
    whole = build_input(tiny.district)
    page = build_input(tiny.district, schools=[tiny.school_b])
    assert page.inp.schools == [school_input(whole, "Brook Middle")]
    assert page.inp.schools[0].priority_need == {"school counselor": 5}  # half the district's counselor FTE
    assert page.sources["Brook Middle"] == whole.sources["Brook Middle"]


# --- the grid page ---


def posted(grid, changes: dict[tuple[str, str], str] | None = None) -> dict[str, str]:
    """The form as the browser would post it untouched, with ``changes`` by (role name, task name)."""
    form = EstimatesForm(grid=grid)
    data = {name: "" if field.initial is None else str(field.initial) for name, field in form.fields.items()}
    for (role_name, task_name), value in (changes or {}).items():
        column = next(c for c in grid.columns if c.role.name == role_name)
        task = next(t for t in grid.tasks if t.name == task_name)
        data[f"hours_{column.role.pk}_{task.pk}"] = value
    return data


def test_the_grid_says_where_the_hours_come_from_and_never_shows_hours_from_reflections(tiny):
    """Brook's counselor has no reflection: the planner gives them the district average of the role,
    which here is Casey's reflection alone — Brook's principal must not read it off the grid."""
    response = client_for(tiny.admin).get(reverse("roles:planner_estimates", args=[tiny.school_b.pk]))
    page = response.content.decode()
    assert "District average of 1 reflection (1 person)" in page
    assert "Hours from reflections are not shown." in page
    grid = response.context["grid"]
    (counselor,) = grid.columns
    non_counseling = tiny.district.tasks.get(name=NON_COUNSELING)
    assert counselor.hours[non_counseling.pk] is None
    assert f'name="hours_{counselor.role.pk}_{non_counseling.pk}" value="10.0"' not in page
    assert build_input(tiny.district, tiny.school_b).inp.schools[0].current, "the planner still uses them"


def test_the_grid_is_prefilled_with_entered_estimates(tiny):
    estimate(tiny, tiny.school_a, "para-professional", {CLASSROOM: 20})
    grid = client_for(tiny.admin).get(reverse("roles:planner_estimates", args=[tiny.school_a.pk])).context["grid"]
    para = next(c for c in grid.columns if c.role.seed_key == "para-professional")
    assert para.hours[tiny.district.tasks.get(name=CLASSROOM).pk] == Decimal("20.0")


def test_a_column_from_reflections_is_shown_but_not_editable(tiny):
    page = client_for(tiny.admin).get(reverse("roles:planner_estimates", args=[tiny.school_a.pk])).content.decode()
    counselor = factories.role(tiny.district, "school-counselor")
    para = factories.role(tiny.district, "para-professional")
    assert "Not editable here: reflections come first." in page
    assert f'name="hours_{counselor.pk}_' not in page
    assert f'name="hours_{para.pk}_' in page


def test_saving_stores_only_the_changed_columns(tiny):
    grid = estimate_grid(tiny.district, tiny.school_a)
    data = posted(grid, {("Para-professional", CLASSROOM): "20", ("Para-professional", NON_COUNSELING): "4.5"})
    response = client_for(tiny.admin).post(reverse("roles:planner_estimates", args=[tiny.school_a.pk]), data)
    assert response.status_code == 302
    saved = PlannerEstimate.objects.filter(school=tiny.school_a)
    assert {(e.role.seed_key, e.task.name, e.hours) for e in saved} == {
        ("para-professional", CLASSROOM, Decimal("20.0")),
        ("para-professional", NON_COUNSELING, Decimal("4.5")),
    }
    assert saved.first().updated_by == tiny.admin
    assert build_input(tiny.district, tiny.school_a).kinds["Adams Elementary"]["para-professional"] == FROM_ESTIMATE


def test_an_untouched_district_average_is_not_turned_into_an_estimate(tiny):
    grid = estimate_grid(tiny.district, tiny.school_b)
    response = client_for(tiny.admin).post(reverse("roles:planner_estimates", args=[tiny.school_b.pk]), posted(grid))
    assert response.status_code == 302
    assert not PlannerEstimate.objects.exists()


def test_emptying_a_column_removes_its_estimate(tiny):
    estimate(tiny, tiny.school_a, "para-professional", {CLASSROOM: 20})
    grid = estimate_grid(tiny.district, tiny.school_a)
    data = posted(grid, {("Para-professional", CLASSROOM): ""})
    client_for(tiny.admin).post(reverse("roles:planner_estimates", args=[tiny.school_a.pk]), data)
    assert not PlannerEstimate.objects.exists()
    assert build_input(tiny.district, tiny.school_a).kinds["Adams Elementary"]["para-professional"] == NO_DATA


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "Hours cannot be negative."),
        ("lots", "Enter a number of hours, e.g. 2.5."),
        ("2.25", "Round to a tenth of an hour, e.g. 2.5."),
        ("200", "A week has 168 hours."),
        ("NaN", "Enter a number of hours, e.g. 2.5."),
    ],
)
def test_hours_must_be_numbers_of_zero_or_more_said_beside_the_field(tiny, value, message):
    grid = estimate_grid(tiny.district, tiny.school_a)
    data = posted(grid, {("Para-professional", CLASSROOM): value})
    response = client_for(tiny.admin).post(reverse("roles:planner_estimates", args=[tiny.school_a.pk]), data)
    assert response.status_code == 200
    para = factories.role(tiny.district, "para-professional")
    task = tiny.district.tasks.get(name=CLASSROOM)
    page = response.content.decode()
    assert f'<ul class="errorlist" id="id_hours_{para.pk}_{task.pk}_error"><li>{message}</li></ul>' in page
    assert f'aria-describedby="id_hours_{para.pk}_{task.pk}_error"' in page
    assert not PlannerEstimate.objects.exists()


def test_a_role_total_above_its_staff_hours_is_refused_saying_by_how_much_and_nothing_is_saved(tiny):
    grid = estimate_grid(tiny.district, tiny.school_a)
    data = posted(
        grid,
        {
            ("Para-professional", CLASSROOM): "40",
            ("Para-professional", NON_COUNSELING): "10.5",  # 50.5 h for 1.2 FTE × 40 h = 48 h
            ("Teacher", CLASSROOM): "30",  # fine on its own, but saving is all or nothing
        },
    )
    response = client_for(tiny.admin).post(reverse("roles:planner_estimates", args=[tiny.school_a.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "50.5 h a week entered for para-professionals: 2.5 h more than their staff hours at Adams Elementary "
        "(1.2 FTE × 40 h = 48 h)."
    ) in page
    assert "Nothing was saved: correct the hours marked below." in page
    assert "1 role would have more hours than their staff hours" in page
    assert not PlannerEstimate.objects.exists()


def test_clearing_asks_first_then_removes_every_estimate_of_the_school(tiny):
    estimate(tiny, tiny.school_a, "para-professional", {CLASSROOM: 20})
    estimate(tiny, tiny.school_b, "school-counselor", {CLASSROOM: 12})
    client = client_for(tiny.admin)
    url = reverse("roles:planner_estimates_clear", args=[tiny.school_a.pk])
    confirmation = client.get(url).content.decode()
    assert "Clear the estimates of Adams Elementary?" in confirmation
    assert "1 role: Para-professional" in confirmation
    assert PlannerEstimate.objects.count() == 2
    response = client.post(url, follow=True)
    assert "Estimates cleared for 1 role at Adams Elementary." in response.content.decode()
    assert list(PlannerEstimate.objects.values_list("school_id", flat=True)) == [tiny.school_b.pk]


def test_the_inputs_page_links_each_school_a_member_may_estimate(tiny):
    admin_page = client_for(tiny.admin).get(reverse("roles:planner")).content.decode()
    for school in (tiny.school_a, tiny.school_b):
        assert reverse("roles:planner_estimates", args=[school.pk]) in admin_page
    principal_page = client_for(tiny.principal).get(reverse("roles:planner")).content.decode()
    assert reverse("roles:planner_estimates", args=[tiny.school_a.pk]) in principal_page
    assert reverse("roles:planner_estimates", args=[tiny.school_b.pk]) not in principal_page


# --- who may ---


def test_a_principal_estimates_their_school_only(tiny):
    client = client_for(tiny.principal)
    assert client.get(reverse("roles:planner_estimates", args=[tiny.school_a.pk])).status_code == 200
    assert client.get(reverse("roles:planner_estimates", args=[tiny.school_b.pk])).status_code == 403
    assert client.post(reverse("roles:planner_estimates_clear", args=[tiny.school_b.pk])).status_code == 403
    assert (
        client_for(tiny.counselor_a).get(reverse("roles:planner_estimates", args=[tiny.school_a.pk])).status_code == 403
    )


def test_another_districts_school_is_not_found(tiny):
    estimate(tiny, tiny.school_a, "para-professional", {CLASSROOM: 20})
    other = client_for(tiny.other_admin)
    assert other.get(reverse("roles:planner_estimates", args=[tiny.school_a.pk])).status_code == 404
    assert other.post(reverse("roles:planner_estimates_clear", args=[tiny.school_a.pk])).status_code == 404
    admin = client_for(tiny.admin)
    assert admin.get(reverse("roles:planner_estimates", args=[tiny.other_school.pk])).status_code == 404
    assert PlannerEstimate.objects.count() == 1


def test_the_inputs_page_shows_no_hours_that_come_from_reflections(tiny):
    estimate(tiny, tiny.school_a, "para-professional", {CLASSROOM: 20, NON_COUNSELING: 4})
    response = client_for(tiny.principal).get(reverse("roles:planner"), {"school": tiny.school_a.pk})
    rows = {
        (role, source): known
        for _s, _pk, role_rows in response.context["rows"]
        for role, _f, _h, known, source in role_rows
    }
    assert rows[("school counselor", "reflections (1 person)")] is None  # Casey's own reflection
    assert rows[("para-professional", FROM_ESTIMATE)] == 24
    assert "Not shown: from reflections" in response.content.decode()
