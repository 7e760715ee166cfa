"""The shift planner in a real browser: an admin reviews the inputs, runs the planner, reads the plan in
sentences and turns a move into a draft shift plan. Every page is checked with axe-core.
"""

from __future__ import annotations

import pytest

from roles.models import ShiftPlan
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
    page.get_by_text("Move 6 h/week of Non-counseling duties").wait_for()
    visitor.check_accessibility()
    assert page.evaluate("Chart.getChart(document.getElementById('split-chart-0')) !== undefined")

    page.get_by_label("Move 6 h/week of Non-counseling duties", exact=False).check()
    page.get_by_role("button", name="Create draft shift plans").click()
    page.get_by_text("1 draft shift plan created").wait_for()
    visitor.check_accessibility()
    plan = ShiftPlan.objects.get()
    assert plan.status == ShiftPlan.Status.DRAFT and plan.school == personas.school_a

    visitor.goto("/roles/planner/runs/")
    visitor.check_accessibility()
