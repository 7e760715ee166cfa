"""Shift plans in a real browser: from the capacity-constrained staff to a saved plan with its action items.

The admin confirms school counselors as constrained, opens "Plan this shift" for proactive family
engagement moving to para-professionals, is told beside the field that a training is needed, picks
one, saves, and prints the plan. Every page is checked with axe-core.
"""

from __future__ import annotations

import pytest

from roles.models import Audience, ShiftPlan, Training
from roles.services.matrix import load_seed_example
from roles.services.plans import plan_items
from roles.services.priorities import confirm_constrained_roles, set_priority_tasks, suggested_priority_tasks
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_an_admin_plans_a_shift_from_the_tasks_to_shift(personas, visitor):
    p = personas
    load_seed_example(p.district, by=p.admin)
    counselor = p.district.roles.get(seed_key="school-counselor")
    confirm_constrained_roles(p.district, [(counselor, True, 10)], by=p.admin)
    set_priority_tasks(counselor, suggested_priority_tasks(p.district, counselor))
    Training.objects.create(district=p.district, name="Family engagement basics", audience=Audience.GENERAL_STAFF)
    page = visitor.page
    visitor.log_in(p.admin.email, PASSWORD)

    visitor.goto("/roles/capacity/")
    visitor.check_accessibility()

    visitor.goto("/roles/tasks-to-shift/")
    visitor.check_accessibility()
    page.get_by_role("link", name="Plan this shift of Proactive family engagement").filter(
        has_text="Para-professional"
    ).first.click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    assert page.locator("#id_receiving-0-role").input_value() == str(
        p.district.roles.get(seed_key="para-professional").pk
    )

    page.locator("#id_receiving-0-hours").fill("6")
    page.get_by_label("When (in words)").fill("Start of next school year")
    page.get_by_label("Date responsibility shifts (optional)").fill("2030-08-17")
    page.get_by_label("How it will be communicated to affected employees").fill("Employees informed in summer PD.")
    page.get_by_role("button", name="Save the shift plan").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    assert "say that training is needed and choose at least one training" in page.content()
    assert not ShiftPlan.objects.exists()

    page.get_by_label("Training will be needed").check()
    page.locator("#id_trainings-0-training").select_option(label="Family engagement basics")
    page.locator("#id_trainings-0-people").fill("4")
    page.get_by_label("Who is responsible for training").select_option(label=p.counselor_a.name)
    page.get_by_role("button", name="Save the shift plan").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    plan = ShiftPlan.objects.get()
    assert "Train 4 people: Family engagement basics" in page.content()
    assert plan_items(plan).count() == 3  # train, communicate, start

    with page.expect_download() as download:
        page.get_by_role("link", name="Download as PDF").click()
    assert download.value.suggested_filename == f"shift-plan-{plan.pk}.pdf"
    page.get_by_role("link", name="Print", exact=True).click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    assert "What role(s) will do the shifted tasks?" in page.content()
