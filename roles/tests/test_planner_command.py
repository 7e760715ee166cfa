"""``manage.py plan_shifts``: the summary, its JSON, and its exit codes."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from roles.models import RoleLimit
from roles.tests.planner_setup import tiny_district
from tests import factories


@pytest.fixture
def tiny(personas):
    tiny_district(personas)
    return personas


def make_infeasible(p, limit: str = "0") -> None:
    """Counselors may do no non-counseling duties, but only 6 of their 10 hours can go anywhere.

    With ``limit="4"`` Adams Elementary's para-professionals can take the 6 h over the limit, but at
    Brook Middle (no para-professional) nobody can: a partial plan.
    """
    RoleLimit.objects.create(
        district=p.district,
        role=factories.role(p.district, "school-counselor"),
        category=p.district.task_categories.get(seed_key="non-counseling"),
        max_hours_per_week=Decimal(limit),
    )


def test_the_json_output_parses_and_includes_the_greedy_figure(tiny):
    out = StringIO()
    call_command("plan_shifts", "--district", "lincoln", "--school", "Adams Elementary", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["status"] == "optimal"
    assert data["hours_freed"] == pytest.approx(6)
    assert data["greedy_hours_freed"] == pytest.approx(6)
    assert data["variables"] > 0 and data["constraints"] > 0
    assert data["trainings"] == [] and data["hires"] == []


def test_the_text_summary_reads_as_sentences(tiny):
    out = StringIO()
    call_command("plan_shifts", "--district", "lincoln", "--time-limit", "5", stdout=out)
    assert "Move 6 h/week of Non-counseling duties" in out.getvalue()
    assert "greedy baseline: 6" in out.getvalue()


def test_an_unknown_district_or_school_is_an_error(tiny):
    with pytest.raises(CommandError, match="No district"):
        call_command("plan_shifts", "--district", "nowhere")
    with pytest.raises(CommandError, match="No school"):
        call_command("plan_shifts", "--district", "lincoln", "--school", "Nowhere High")


def test_infeasible_inputs_print_the_explanation_and_exit_with_2(tiny):
    make_infeasible(tiny)
    out = StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("plan_shifts", "--district", "lincoln", "--school", "Adams Elementary", stdout=out)
    assert exit.value.code == 2
    assert "At Adams Elementary, school counselors do 10 h/week of Non-counseling duties" in out.getvalue()


def test_a_partial_plan_prints_the_plan_and_the_schools_left_out_and_exits_with_0(tiny):
    make_infeasible(tiny, limit="4")
    out = StringIO()
    call_command("plan_shifts", "--district", "lincoln", stdout=out)
    text = out.getvalue()
    assert text.startswith("Plans for 1 of 2 schools; 1 school cannot meet its needs and limits: Brook Middle.")
    assert "Move 6 h/week of Non-counseling duties" in text
    assert "Schools without a plan:\n- At Brook Middle, school counselors do 10 h/week of Non-counseling" in text
    out = StringIO()
    call_command("plan_shifts", "--district", "lincoln", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["status"] == "partial" and data["infeasible_schools"] == ["Brook Middle"]
    assert (data["schools_with_plan"], data["schools_total"]) == (1, 2)
