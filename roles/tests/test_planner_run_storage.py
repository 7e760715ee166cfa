"""How a planner run is stored: a summary on the run, each school's part in its own row; runs stored whole
before are converted; the run and compare pages read a page of schools and take as many queries for 300
schools as for 30."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse

from conftest import client_for
from people.models import Role
from planner import plan
from roles.models import PlannerRun, PlannerRunSchool, ShiftPlan
from roles.planning import report
from roles.planning.runs import (
    create_run,
    input_from,
    save_settings,
    school_rows,
    start_run,
    store_result,
    take_snapshot,
    whole_inputs,
    whole_result,
)
from roles.tests.planner_setup import tiny_district
from roles.tests.test_planner_pages import count_queries, grow_schools
from tests import factories

conversion = importlib.import_module("roles.migrations.0007_planner_run_schools")


@pytest.fixture
def tiny(personas):
    tiny_district(personas)
    return personas


def finished_run(p, capture, school=None) -> PlannerRun:
    with capture(execute=True):
        run = start_run(p.district, school, by=p.admin)
    run.refresh_from_db()
    return run


def move(task: str, hours: float, to_role: str | None = "para", from_role: str | None = "counselor") -> dict:
    return {"task": task, "from_role": from_role, "to_role": to_role, "hours": hours, "training": None}


# --- the pure parts ---


def test_comparing_a_schools_moves_finds_added_removed_changed_and_same():
    first = [move("duties", 6), move("lunch", 2), move("bus", 1)]
    second = [move("duties", 4), move("duties", 2, to_role="teacher"), move("bus", 1.004)]
    compared = report.compare_moves("Adams", first, second)
    assert compared.changed == [(("duties", "counselor", "para"), 6, 4)]
    assert compared.added == [(("duties", "counselor", "teacher"), 2)]
    assert compared.removed == [(("lunch", "counselor", "para"), 2)]
    assert compared.same == 1  # 1 h and 1.004 h are the same to 0.01 h


def test_the_moves_digest_is_equal_exactly_when_every_move_is_the_same():
    moves = [move("duties", 6), move("bus", 1)]
    assert report.moves_digest(moves) == report.moves_digest([move("bus", 1.001), move("duties", 6)])
    assert report.moves_digest(moves) != report.moves_digest([move("duties", 6)])
    assert report.moves_digest(moves) != report.moves_digest([move("duties", 6), move("bus", 1.5)])
    assert report.moves_digest([]) == ""


def test_a_school_without_a_plan_keeps_its_inputs_and_the_planned_ones_their_place_in_the_result():
    inputs = [{"name": "Adams"}, {"name": "Brook"}, {"name": "Cedar"}]
    plans = [
        {"name": name, "moves": moves, "sentences": [], "trainings": [], "hires": [], "freed": {}, "after": {}}
        for name, moves in (("Adams", [move("duties", 6)]), ("Cedar", []))
    ]
    rows = school_rows(inputs, plans)
    assert [(row["position"], row["name"], row.get("plan_position")) for row in rows] == [
        (0, "Adams", 0),
        (1, "Brook", None),
        (2, "Cedar", 1),
    ]
    assert rows[0]["changes"] and rows[0]["move_count"] == 1 and not rows[2]["changes"]
    assert rows[1]["inputs"] == {"name": "Brook"}


# --- stored runs ---


def test_a_finished_run_keeps_a_summary_and_gives_back_its_whole_inputs_and_result(
    tiny, django_capture_on_commit_callbacks
):
    factories.make_staff(tiny.district, "Bo Para", role_key="para-professional", schools={tiny.school_b: 1})
    snapshot = take_snapshot(tiny.district)
    run = finished_run(tiny, django_capture_on_commit_callbacks)
    assert whole_inputs(run) == snapshot
    result = plan(input_from(snapshot)).to_dict()
    stored = whole_result(run)
    assert [s["moves"] for s in stored["schools"]] == [s["moves"] for s in result["schools"]]
    assert stored["hours_freed"] == result["hours_freed"] == run.summary["hours_freed"]
    assert run.summary["counts"] == {"planned": 2, "with_changes": 2, "moves": 2, "trainings": 0, "hires": 0}
    assert report.role_groups(run.summary["groups"]) == report.freed_by_group(snapshot, result)


def old_run(p, school=None) -> PlannerRun:
    """A run as stored before runs were split: the whole snapshot and result in the run's JSON."""
    inputs = take_snapshot(p.district, school)
    result = plan(input_from(inputs)).to_dict()
    return PlannerRun.objects.create(
        district=p.district, school=school, status=PlannerRun.Status.DONE, inputs=inputs, result=result
    )


def page_text(client, run: PlannerRun) -> str:
    """The run page from its summary on, without what differs between two runs of the same plan."""
    page = client.get(reverse("roles:planner_run", args=[run.pk])).content.decode()
    page = page[page.index('<h2 id="freed">') :]
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return re.sub(rf"/runs/{run.pk}/", "/runs/N/", page)


def test_the_migration_splits_a_run_stored_whole_and_its_page_reads_as_a_new_runs(tiny):
    factories.make_staff(tiny.district, "Bo Para", role_key="para-professional", schools={tiny.school_b: 1})
    old, queued = old_run(tiny), PlannerRun.objects.create(district=tiny.district, inputs={})
    inputs, result = old.inputs, old.result
    conversion.split_stored_runs(apps, None)
    conversion.split_stored_runs(apps, None)  # converting again changes nothing
    old.refresh_from_db()
    assert "schools" not in old.inputs and "schools" not in old.result
    assert PlannerRunSchool.objects.filter(run=old).count() == 2
    assert (whole_inputs(old), whole_result(old)) == (inputs, result)
    new = create_run(tiny.district, None, by=None, inputs=inputs)
    store_result(new, inputs, result)
    new.status = PlannerRun.Status.DONE
    new.save()
    new.refresh_from_db()
    assert old.summary == new.summary
    client = client_for(tiny.admin)
    assert "Move 6 h/week of Non-counseling duties" in page_text(client, old)
    assert page_text(client, old) == page_text(client, new)
    assert client.get(reverse("roles:planner_run", args=[queued.pk])).status_code == 200
    when = {"shift_when": "Next term", "owner": tiny.admin.pk}
    client.post(reverse("roles:planner_accept", args=[old.pk]), {"move": ["1:0"], **when})
    assert ShiftPlan.objects.get().school == tiny.school_b

    conversion.join_stored_runs(apps, None)  # and back
    old.refresh_from_db()
    assert (old.inputs, old.result) == (inputs, result)


# --- the pages ---


def test_junk_move_keys_are_refused_with_a_message(tiny, django_capture_on_commit_callbacks):
    run = finished_run(tiny, django_capture_on_commit_callbacks)
    junk = {"move": ["x", "0:", "99999999999999999999:0"], "shift_when": "Next term", "owner": tiny.admin.pk}
    response = client_for(tiny.admin).post(reverse("roles:planner_accept", args=[run.pk]), junk)
    assert "Tick at least one move in the table." in response.content.decode()
    response = client_for(tiny.admin).post(reverse("roles:planner_accept", args=[run.pk]), {**junk, "move": ["7:0"]})
    assert response.url == reverse("roles:planner_run", args=[run.pk])
    assert not ShiftPlan.objects.exists()


def test_compare_lists_the_schools_whose_moves_differ_a_page_at_a_time(
    tiny, django_capture_on_commit_callbacks, monkeypatch
):
    from roles.views import planner

    monkeypatch.setattr(planner, "COMPARE_SCHOOLS_SHOWN", 1)
    first = finished_run(tiny, django_capture_on_commit_callbacks)
    grow_schools(tiny, 2)
    second = finished_run(tiny, django_capture_on_commit_callbacks)
    client = client_for(tiny.admin)
    url = reverse("roles:planner_compare")
    page = client.get(url, {"a": first.pk, "b": second.pk}).content.decode()
    assert "1 move in both runs at the 1 school whose moves are all the same" in page  # Adams
    assert "The moves differ at 2 schools: schools 1–1 below" in page
    assert "<h3>School 00002</h3>" in page
    assert f"Only in run {second.pk} (added): 5 h/week of Non-counseling duties" in page
    assert f"?a={first.pk}&amp;b={second.pk}&amp;page=2" in page
    last = client.get(url, {"a": first.pk, "b": second.pk, "page": 2}).content.decode()
    assert "<h3>School 00003</h3>" in last and "<h3>School 00002</h3>" not in last
    backwards = client.get(url, {"a": second.pk, "b": first.pk}).content.decode()
    assert f"Only in run {second.pk} (removed): 5 h/week of Non-counseling duties" in backwards
    itself = client.get(url, {"a": first.pk, "b": first.pk}).content.decode()
    assert "The two runs have the same moves at every school." in itself


def district_runs(p, capture) -> tuple[PlannerRun, PlannerRun]:
    """Two district-wide runs whose moves differ: para-professionals take 5 h a week, then 2 h."""
    para = Role.objects.get(district=p.district, seed_key="para-professional")
    pair = []
    for hours in (5.0, 2.0):
        save_settings(p.district, capacities={str(para.pk): hours}, hire_cost_per_fte=None, budget=None, time_limit=30)
        pair.append(finished_run(p, capture))
    return pair[0], pair[1]


def test_the_run_and_compare_pages_take_as_many_queries_for_300_schools_as_for_30(
    tiny, django_capture_on_commit_callbacks
):
    client = client_for(tiny.admin)

    def counts() -> list[int]:
        first, second = district_runs(tiny, django_capture_on_commit_callbacks)
        assert second.summary["counts"]["with_changes"] > 20  # the plan and the differences run to 2 pages
        run, compare = reverse("roles:planner_run", args=[second.pk]), reverse("roles:planner_compare")
        same = f"{compare}?a={first.pk}&b={second.pk}"
        assert "The moves differ at" in client.get(same).content.decode()
        return [
            count_queries(client, run),
            count_queries(client, f"{run}?page=2&groups=all&group_sort=per_fte"),
            count_queries(client, same),
            count_queries(client, f"{same}&page=2"),
        ]

    grow_schools(tiny, 28)
    few = counts()
    grow_schools(tiny, 270)
    assert counts() == few
