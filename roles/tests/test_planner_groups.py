"""Hours freed for each constrained role and group of people (its staff at each school), from a stored run."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import client_for
from people.demo import build_demo
from roles.models import PlannerRun
from roles.planning import report
from roles.planning.runs import start_run, whole_inputs, whole_result
from roles.tests.planner_setup import tiny_district

COUNSELOR, PSYCHOLOGIST = "school counselor", "school psychologist"


def stored_run() -> tuple[dict, dict]:
    """Three schools; the psychologist is one person shared by Brook and Cedar; Cedar has no plan."""
    inputs = {
        "constrained": {COUNSELOR: ["Tier 2"], PSYCHOLOGIST: ["Tier 3"]},
        "schools": [
            {
                "name": "Adams Elementary",
                "fte": {COUNSELOR: 1.5, "para-professional": 1.2},
                "headcount": {COUNSELOR: 2, "para-professional": 2},
            },
            {
                "name": "Brook Middle",
                "fte": {COUNSELOR: 1.0, PSYCHOLOGIST: 0.5},
                "headcount": {COUNSELOR: 1, PSYCHOLOGIST: 1},
            },
            {
                "name": "Cedar High",
                "fte": {COUNSELOR: 2.0, PSYCHOLOGIST: 0.5},
                "headcount": {COUNSELOR: 2, PSYCHOLOGIST: 1},
            },
        ],
        "people": {COUNSELOR: 5, PSYCHOLOGIST: 1, "para-professional": 2},
    }
    result = {
        "schools": [
            {"name": "Adams Elementary", "freed": {COUNSELOR: 6.0}},
            {"name": "Brook Middle", "freed": {COUNSELOR: 0.0, PSYCHOLOGIST: 2.0}},
        ]
    }
    return inputs, result


def figures(row: report.GroupRow) -> tuple:
    return (row.name, row.hours, row.people, row.fte, row.per_person, row.per_fte)


def test_each_schools_staff_of_a_constrained_role_is_a_group_with_hours_per_person_and_per_fte():
    counselors, psychologists = report.freed_by_group(*stored_run())
    assert counselors.role == COUNSELOR
    assert [figures(row) for row in counselors.rows] == [
        ("Adams Elementary", 6.0, 2, 1.5, 3.0, 4.0),  # 6 / 2 people, 6 / 1.5 FTE
        ("Brook Middle", 0.0, 1, 1.0, 0.0, 0.0),
        ("Cedar High", None, 2, 2.0, None, None),  # no plan: last, and no figures
    ]
    assert figures(counselors.total) == ("Total", 6.0, 5, 4.5, 1.2, 1.33)  # 6 / 5, 6 / 4.5
    assert counselors.without_plan == 1
    assert [figures(row) for row in psychologists.rows] == [
        ("Brook Middle", 2.0, 1, 0.5, 2.0, 4.0),
        ("Cedar High", None, 1, 0.5, None, None),
    ]
    # One person shared by two schools is one person in the total, and 1.0 FTE.
    assert figures(psychologists.total) == ("Total", 2.0, 1, 1.0, 2.0, 2.0)


def test_roles_that_are_not_constrained_are_not_listed_and_the_largest_total_comes_first():
    inputs, result = stored_run()
    result["schools"][1]["freed"][PSYCHOLOGIST] = 9.0
    assert [group.role for group in report.freed_by_group(inputs, result)] == [PSYCHOLOGIST, COUNSELOR]


@pytest.mark.parametrize(
    ("order", "schools"),
    [
        ("hours", ["Adams Elementary", "Brook Middle", "Cedar High"]),
        ("per_person", ["Adams Elementary", "Brook Middle", "Cedar High"]),
        ("school", ["Adams Elementary", "Brook Middle", "Cedar High"]),
    ],
)
def test_groups_are_ordered_by_the_figure_asked_for(order, schools):
    counselors, _ = report.freed_by_group(*stored_run(), order=order)
    assert [row.name for row in counselors.rows] == schools


def test_per_fte_and_per_person_orders_differ_where_people_and_fte_do():
    inputs, result = stored_run()
    # Brook: 3 h, 1 person at 1.0 FTE (3 per person, 3 per FTE); Adams: 6 h, 2 people at 1.5 FTE (3, 4).
    result["schools"][1]["freed"][COUNSELOR] = 3.0
    inputs["schools"][0]["name"] = "Zion Elementary"
    result["schools"][0]["name"] = "Zion Elementary"
    by_person, _ = report.freed_by_group(inputs, result, order="per_person")
    by_fte, _ = report.freed_by_group(inputs, result, order="per_fte")
    assert [row.name for row in by_person.rows][:2] == ["Brook Middle", "Zion Elementary"]  # a tie: by name
    assert [row.name for row in by_fte.rows][:2] == ["Zion Elementary", "Brook Middle"]


def test_a_snapshot_stored_before_people_were_kept_gives_no_people_and_no_hours_per_person():
    inputs, result = stored_run()
    del inputs["people"]
    for school in inputs["schools"]:
        del school["headcount"]
    counselors, _ = report.freed_by_group(inputs, result)
    assert figures(counselors.rows[0]) == ("Adams Elementary", 6.0, None, 1.5, None, 4.0)
    assert figures(counselors.total) == ("Total", 6.0, None, 4.5, None, 1.33)


def test_a_run_without_any_plan_has_no_groups():
    inputs, _ = stored_run()
    assert report.freed_by_group(inputs, {"status": "infeasible", "schools": []}) == []


# --- the run page ---


@pytest.fixture
def tiny(personas):
    tiny_district(personas)
    return personas


def district_run(p, capture) -> PlannerRun:
    with capture(execute=True):
        run = start_run(p.district, None, by=p.admin)
    run.refresh_from_db()
    return run


def row_html(*cells: str) -> str:
    return f'<tr><th scope="row">{cells[0]}</th>' + "".join(f'<td class="num">{c}</td>' for c in cells[1:]) + "</tr>"


def test_the_run_page_shows_each_schools_counselors_as_a_group_and_the_district_total(
    tiny, django_capture_on_commit_callbacks
):
    run = district_run(tiny, django_capture_on_commit_callbacks)
    assert run.inputs["people"]["school counselor"] == 2  # Casey at Adams, Bailey at Brook
    page = client_for(tiny.admin).get(reverse("roles:planner_run", args=[run.pk])).content.decode()
    caption = "School counselor: hours a week at each school, ordered by hours freed"
    assert f"<caption>{caption}</caption>" in page
    # People, FTE; 6 h moved away, none of the week unplaced, none taken on, 6 h gained; per person, per FTE.
    assert row_html("Adams Elementary", "1", "1", "6", "0", "0", "6", "6", "6") in page
    assert row_html("Brook Middle", "1", "1", "0", "0", "0", "0", "0", "0") in page
    assert page.index("Adams Elementary</th><td") < page.index("Brook Middle</th><td")
    assert "<tfoot>" + row_html("District total", "2", "2", "6", "0", "0", "6", "3", "3") + "</tfoot>" in page
    assert "Show all" not in page


def test_only_the_first_schools_are_listed_until_all_are_asked_for(
    tiny, django_capture_on_commit_callbacks, monkeypatch
):
    from roles.views import planner

    monkeypatch.setattr(planner, "GROUPS_SHOWN", 1)
    run = district_run(tiny, django_capture_on_commit_callbacks)
    client = client_for(tiny.admin)
    url = reverse("roles:planner_run", args=[run.pk])
    page = client.get(url, {"group_sort": "school"}).content.decode()
    assert "ordered by school name (the first 1 of 2 schools)</caption>" in page
    assert "Adams Elementary</th><td" in page and "Brook Middle</th><td" not in page
    assert '<a href="?groups=all&amp;group_sort=school#groups">Show all 2 schools</a>' in page
    every = client.get(url, {"group_sort": "school", "groups": "all"}).content.decode()
    assert "Brook Middle</th><td" in every and "(the first 1 of" not in every
    assert '<input type="hidden" name="groups" value="all">' in every
    assert client.get(url, {"group_sort": "nonsense"}).status_code == 200


def test_an_old_run_without_people_in_its_snapshot_says_the_figure_is_unavailable(
    tiny, django_capture_on_commit_callbacks
):
    run = district_run(tiny, django_capture_on_commit_callbacks)
    inputs, result = whole_inputs(run), whole_result(run)
    del inputs["people"]
    for school in inputs["schools"]:
        del school["headcount"]
    run.summary = report.summarize(inputs, result)  # as the run would have been summed up when stored
    run.save(update_fields=["summary"])
    response = client_for(tiny.admin).get(reverse("roles:planner_run", args=[run.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert row_html("Adams Elementary", "unavailable", "1", "6", "0", "0", "6", "–", "6") in page
    assert "The number of people is unavailable for this run" in page


def test_the_demo_stores_a_finished_district_run_whose_page_lists_the_groups(db):
    lakeview = build_demo(schools=4, seed=7)
    run = PlannerRun.objects.get(district=lakeview)
    assert run.status == PlannerRun.Status.DONE and run.school is None
    assert run.inputs["people"]["school counselor"] >= 1
    groups = report.freed_by_group(whole_inputs(run), whole_result(run))
    assert {group.role for group in groups} == set(run.inputs["constrained"])
    assert all(group.rows and group.total.people for group in groups)
    # Stored after every other builder: its current hours come from the demo's reflections.
    assert any("reflections (" in source for roles in run.inputs["sources"].values() for source in roles.values())
    director = lakeview.staff.filter(access="admin").order_by("pk").first()
    page = client_for(director).get(reverse("roles:planner_run", args=[run.pk])).content.decode()
    assert "Priority time freed at each school" in page
    assert "District total" in page
