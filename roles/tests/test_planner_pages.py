"""The shift planner's pages: inputs and settings, a run, accepting moves, comparing, who sees what."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from roles.models import Capability, CapabilityCell, PlannerRun, PlannerSettings, ShiftPlan
from roles.planning.runs import start_run
from roles.tests.planner_setup import tiny_district
from roles.tests.test_planner_command import make_infeasible
from tests import factories


@pytest.fixture
def tiny(personas):
    tiny_district(personas)
    return personas


def finished_run(p, school=None, capture=None) -> PlannerRun:
    with capture(execute=True):
        run = start_run(p.district, school, by=p.admin)
    run.refresh_from_db()
    return run


def test_the_inputs_page_shows_the_numbers_and_where_they_came_from(tiny):
    page = client_for(tiny.admin).get(reverse("roles:planner")).content.decode()
    assert "reflections (1 person)" in page
    assert "district average of 1 reflection (1 person)" in page
    assert "Run the planner" in page


def test_a_principal_sees_the_inputs_but_cannot_run_or_open_another_school(tiny):
    client = client_for(tiny.principal)
    page = client.get(reverse("roles:planner"), {"school": tiny.school_a.pk}).content.decode()
    assert "Run the planner" not in page
    assert client.get(reverse("roles:planner"), {"school": tiny.school_b.pk}).status_code == 403
    assert client.post(reverse("roles:planner_start")).status_code == 403


def test_settings_are_validated_beside_the_field_then_saved(tiny):
    client = client_for(tiny.admin)
    para = factories.role(tiny.district, "para-professional")
    bad = client.post(reverse("roles:planner_settings"), {"time_limit": 0, f"capacity_{para.pk}": "-1"})
    assert "greater than or equal to" in bad.content.decode()
    assert not PlannerSettings.objects.exists()
    too_long = client.post(reverse("roles:planner_settings"), {"time_limit": 601})
    assert "less than or equal to 600" in too_long.content.decode()
    client.post(
        reverse("roles:planner_settings"), {"time_limit": 5, f"capacity_{para.pk}": "2", "hire_cost_per_fte": ""}
    )
    settings = PlannerSettings.objects.get(district=tiny.district)
    assert settings.time_limit == 5
    assert settings.receiving_capacity == {str(para.pk): 2.0}


def test_running_the_planner_shows_the_plan_in_sentences(tiny, django_capture_on_commit_callbacks):
    client = client_for(tiny.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("roles:planner_start"), {"school": tiny.school_a.pk})
    run = PlannerRun.objects.get()
    assert response.url == reverse("roles:planner_run", args=[run.pk])
    page = client.get(response.url).content.decode()
    assert "Move 6 h/week of Non-counseling duties" in page
    assert "para-professionals at Adams Elementary (no training needed)" in page
    assert "Why it cannot do more" in page
    assert "Time split before and after" in page


def test_a_queued_run_polls_its_status_and_offers_a_refresh_link(tiny):
    run = PlannerRun.objects.create(district=tiny.district, inputs={}, progress="Waiting for the worker.")
    client = client_for(tiny.admin)
    page = client.get(reverse("roles:planner_run", args=[run.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert ">Refresh</a>" in page
    fragment = client.get(reverse("roles:planner_run", args=[run.pk]), {"status": 1}, headers={"HX-Request": "true"})
    assert "<h1" not in fragment.content.decode()
    assert "Waiting for the worker." in fragment.content.decode()


def test_infeasible_inputs_give_a_readable_explanation(tiny, django_capture_on_commit_callbacks):
    make_infeasible(tiny)
    run = finished_run(tiny, tiny.school_a, django_capture_on_commit_callbacks)
    response = client_for(tiny.admin).get(reverse("roles:planner_run", args=[run.pk]))
    assert response.status_code == 200
    assert "At Adams Elementary, school counselors do 10 h/week of Non-counseling duties" in response.content.decode()


def test_a_district_run_with_one_infeasible_school_shows_the_others_plans(tiny, django_capture_on_commit_callbacks):
    make_infeasible(tiny, limit="4")
    run = finished_run(tiny, None, django_capture_on_commit_callbacks)
    assert run.result["status"] == "partial" and run.result["has_plan"]
    page = client_for(tiny.admin).get(reverse("roles:planner_run", args=[run.pk])).content.decode()
    assert "Plans for 1 of 2 schools; 1 school cannot meet its needs and limits: Brook Middle." in page
    assert "<dt>Schools with a plan</dt><dd>1 of 2</dd>" in page
    assert "Why there is no plan for some schools" in page and "At Brook Middle, school counselors do 10" in page
    assert "Move 6 h/week of Non-counseling duties" in page


def accepting(p, *keys: str) -> dict:
    """The accept form's data: the ticked moves, when and the owner (the principal, not the admin who accepts)."""
    return {"move": list(keys), "shift_when": "Start of next school year", "owner": p.principal.pk}


def test_accepting_a_move_creates_a_draft_shift_plan_with_action_items(tiny, django_capture_on_commit_callbacks):
    run = finished_run(tiny, tiny.school_a, django_capture_on_commit_callbacks)
    response = client_for(tiny.admin).post(reverse("roles:planner_accept", args=[run.pk]), accepting(tiny, "0:0"))
    assert response.url == reverse("roles:plan_list")
    plan = ShiftPlan.objects.get()
    assert plan.status == ShiftPlan.Status.DRAFT
    assert plan.school == tiny.school_a
    assert plan.from_role.seed_key == "school-counselor"
    assert (plan.owner, plan.shift_when) == (tiny.principal, "Start of next school year")
    assert [(r.role.seed_key, r.hours_per_week) for r in plan.receiving.all()] == [("para-professional", 6)]


def test_a_move_to_a_role_now_marked_no_is_refused_with_a_message(tiny, django_capture_on_commit_callbacks):
    run = finished_run(tiny, tiny.school_a, django_capture_on_commit_callbacks)
    CapabilityCell.objects.filter(district=tiny.district).update(value=Capability.NO)
    response = client_for(tiny.admin).post(
        reverse("roles:planner_accept", args=[run.pk]), accepting(tiny, "0:0"), follow=True
    )
    assert not ShiftPlan.objects.exists()
    assert "Not created" in response.content.decode()


def test_two_runs_compare_side_by_side(tiny, django_capture_on_commit_callbacks):
    first = finished_run(tiny, tiny.school_a, django_capture_on_commit_callbacks)
    second = finished_run(tiny, None, django_capture_on_commit_callbacks)
    page = client_for(tiny.admin).get(reverse("roles:planner_compare"), {"a": first.pk, "b": second.pk})
    assert page.status_code == 200
    assert "1 move in both runs" in page.content.decode()


def test_a_principal_sees_district_runs_and_their_schools_but_not_others(tiny, django_capture_on_commit_callbacks):
    district_run = finished_run(tiny, None, django_capture_on_commit_callbacks)
    brook_run = finished_run(tiny, tiny.school_b, django_capture_on_commit_callbacks)
    client = client_for(tiny.principal)
    assert client.get(reverse("roles:planner_run", args=[district_run.pk])).status_code == 200
    assert client.get(reverse("roles:planner_run", args=[brook_run.pk])).status_code == 404


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_runs_list_and_run_page_take_as_many_queries_with_more_rows(tiny, django_capture_on_commit_callbacks):
    client = client_for(tiny.admin)
    run = finished_run(tiny, None, django_capture_on_commit_callbacks)
    few = (
        count_queries(client, reverse("roles:planner_runs")),
        count_queries(client, reverse("roles:planner_run", args=[run.pk])),
    )
    for _ in range(4):
        finished_run(tiny, tiny.school_a, django_capture_on_commit_callbacks)
    for name in ("Bo", "Cy", "Di"):
        factories.make_staff(tiny.district, f"{name} Para", role_key="para-professional", schools={tiny.school_b: 1})
    run = finished_run(tiny, None, django_capture_on_commit_callbacks)
    many = (
        count_queries(client, reverse("roles:planner_runs")),
        count_queries(client, reverse("roles:planner_run", args=[run.pk])),
    )
    assert many == few


def grow_schools(p, count: int) -> None:
    """``count`` more schools, each with a counselor and a para-professional; every other counselor has reflected
    and every third school has an entered estimate for its para-professional."""
    from decimal import Decimal

    from people.models import Assignment, School, StaffMember
    from roles.models import PlannerEstimate
    from roles.tests.planner_setup import reflect

    district = p.district
    start = School.objects.filter(district=district).count()
    schools = School.objects.bulk_create(
        School(district=district, name=f"School {start + i:05d}", enrollment=400) for i in range(count)
    )
    counselor, para = factories.role(district, "school-counselor"), factories.role(district, "para-professional")
    people = StaffMember.objects.bulk_create(
        StaffMember(district=district, name=f"Person {start}-{n}", email=f"p{start}-{n}@x.example", role=role)
        for n, role in enumerate([counselor, para] * count)
    )
    Assignment.objects.bulk_create(
        Assignment(district=district, staff=person, school=schools[i // 2], fte=Decimal("1"))
        for i, person in enumerate(people)
    )
    for person in people[::4]:
        reflect(person, {"non-counseling": 25, "scheduled-support": 75})
    task = district.tasks.get(seed_key="non-counseling-duties")
    PlannerEstimate.objects.bulk_create(
        PlannerEstimate(district=district, school=school, role=para, task=task, hours=Decimal(5))
        for school in schools[::3]
    )


@pytest.mark.parametrize("query", [{}, {"page": 2}])
def test_the_inputs_page_takes_as_many_queries_for_30_schools_as_for_300(tiny, query):
    client = client_for(tiny.admin)
    grow_schools(tiny, 28)
    few = count_queries(client, reverse("roles:planner") + ("?page=2" if query else ""))
    grow_schools(tiny, 270)
    assert count_queries(client, reverse("roles:planner") + ("?page=2" if query else "")) == few


def test_a_principals_inputs_and_estimates_pages_take_as_many_queries_with_more_schools(tiny):
    client = client_for(tiny.principal)
    urls = [reverse("roles:planner"), reverse("roles:planner_estimates", args=[tiny.school_a.pk])]
    grow_schools(tiny, 28)
    few = [count_queries(client, url) for url in urls]
    grow_schools(tiny, 270)
    assert [count_queries(client, url) for url in urls] == few


def test_a_large_plan_is_listed_a_page_of_schools_at_a_time_with_their_moves_keyed_as_in_the_run(
    tiny, django_capture_on_commit_callbacks, monkeypatch
):
    from roles.views import planner

    monkeypatch.setattr(planner, "PLAN_SCHOOLS_SHOWN", 1)
    factories.make_staff(tiny.district, "Bo Para", role_key="para-professional", schools={tiny.school_b: 1})
    run = finished_run(tiny, None, django_capture_on_commit_callbacks)
    client = client_for(tiny.admin)
    url = reverse("roles:planner_run", args=[run.pk])
    first = client.get(url).content.decode()
    assert "Schools 1–1 of the 2 whose plan changes something" in first
    assert '<th scope="row">Adams Elementary</th>\n' in first and '<th scope="row">Brook Middle</th>\n' not in first
    assert 'value="0:0"' in first and "Page 1 of 2" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert '<th scope="row">Brook Middle</th>\n' in second and '<th scope="row">Adams Elementary</th>\n' not in second
    assert 'value="1:0"' in second  # the move's place in the whole run, as the accept form expects
    client.post(reverse("roles:planner_accept", args=[run.pk]), accepting(tiny, "1:0"))
    assert ShiftPlan.objects.get().school == tiny.school_b
