"""The shift planner in a real browser: an admin reviews the inputs, runs the planner, reads the plan in
sentences and turns a move into a draft shift plan. Every page is checked with axe-core.
"""

from __future__ import annotations

import pytest

from roles.models import PlannerEstimate, ShiftPlan
from roles.tests.planner_setup import tiny_district
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_an_admin_runs_the_planner_and_accepts_a_move(personas, visitor):
    tiny_district(personas)
    page = visitor.page
    visitor.log_in(personas.admin.email, PASSWORD)
    visitor.goto(f"/roles/planner/?school={personas.school_a.pk}")
    visitor.check_accessibility()
    assert "reflections (1 person)" in page.content()

    page.get_by_role("button", name="Run the planner").click()
    move = page.get_by_label("Accept: Move 6 h/week of Non-counseling duties", exact=False)
    move.wait_for()
    visitor.check_accessibility()
    assert page.evaluate("Chart.getChart(document.getElementById('split-chart-0')) !== undefined")

    move.check()
    page.get_by_role("button", name="Create draft shift plans").click()  # no owner chosen yet: refused
    page.get_by_text("This field is required.").first.wait_for()
    visitor.check_accessibility()
    page.get_by_label("When responsibility shifts (in words)").fill("Start of next term")
    page.get_by_label("Owner of the draft plans").select_option(label=personas.principal.name)
    page.get_by_role("button", name="Create draft shift plans").click()
    page.get_by_text("1 draft shift plan created").wait_for()
    visitor.check_accessibility()
    plan = ShiftPlan.objects.get()
    assert plan.status == ShiftPlan.Status.DRAFT and plan.school == personas.school_a
    assert (plan.owner, plan.shift_when) == (personas.principal, "Start of next term")

    visitor.goto("/roles/planner/runs/")
    visitor.check_accessibility()


def test_a_principal_enters_estimates_for_their_school(personas, visitor):
    """From the inputs page to the estimates grid: a total above the staff hours is refused beside the column,
    then a fixed one is saved and the planner's inputs say the hours are an entered estimate."""
    tiny_district(personas)
    page = visitor.page
    visitor.log_in(personas.principal.email, PASSWORD)
    visitor.goto(f"/roles/planner/?school={personas.school_a.pk}")
    page.get_by_role("link", name="Enter estimates for Adams Elementary").click()
    page.get_by_role("heading", name="Estimates of current time: Adams Elementary").wait_for()
    visitor.check_accessibility()

    classroom = page.get_by_label("Para-professional: Scheduled Tier 1 support provision (hours a week)")
    classroom.fill("50")
    page.get_by_role("button", name="Save estimates").click()
    page.get_by_text("2 h more than their staff hours at Adams Elementary").wait_for()
    visitor.check_accessibility()
    assert not PlannerEstimate.objects.exists()

    page.get_by_label("Para-professional: Scheduled Tier 1 support provision (hours a week)").fill("20")
    page.get_by_role("button", name="Save estimates").click()
    page.get_by_text("Estimates saved for para-professionals.").wait_for()
    assert PlannerEstimate.objects.get().hours == 20

    visitor.goto(f"/roles/planner/?school={personas.school_a.pk}")
    assert "entered estimate" in page.content()
    page.get_by_role("link", name="Enter estimates for Adams Elementary").click()
    page.get_by_role("link", name="Clear estimates").click()
    visitor.check_accessibility()
    page.get_by_role("button", name="Clear the estimates").click()
    page.get_by_text("Estimates cleared for 1 role at Adams Elementary.").wait_for()
    assert not PlannerEstimate.objects.exists()
