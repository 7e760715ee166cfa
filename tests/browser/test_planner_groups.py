"""A district-wide planner run in a real browser: hours freed by role and school, largest first or by name."""

from __future__ import annotations

import pytest

from roles.planning.runs import create_run, execute_run, take_snapshot
from roles.tests.planner_setup import tiny_district
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_an_admin_reads_hours_freed_per_school_and_orders_them_by_name(personas, visitor):
    tiny_district(personas)
    # Brook gets two para-professionals: they take its counselor's 10 h of duties; Adams's 1.2 FTE take 6 h.
    for name in ("Bo", "Cy"):
        factories.make_staff(
            personas.district, f"{name} Para", role_key="para-professional", schools={personas.school_b: 1}
        )
    run = create_run(personas.district, None, by=None, inputs=take_snapshot(personas.district))
    execute_run(run.pk)
    page = visitor.page
    visitor.log_in(personas.admin.email, PASSWORD)
    visitor.goto(f"/roles/planner/runs/{run.pk}/")
    caption = "School counselor: hours a week at each school, ordered by"
    table = page.get_by_role("table", name=f"{caption} hours freed")
    assert table.locator("tbody th").all_inner_texts() == ["Brook Middle", "Adams Elementary"]
    assert table.locator("tbody td").nth(2).inner_text() == "10"  # moved to other roles
    assert table.locator("tbody td").nth(5).inner_text() == "10"  # gained for priority tasks
    assert table.locator("tfoot th").inner_text() == "District total"

    page.get_by_label("Order schools by").select_option("school")
    page.get_by_role("button", name="Order").click()
    page.wait_for_url("**group_sort=school**")
    visitor.check_accessibility()
    table = page.get_by_role("table", name=f"{caption} school name")
    assert table.locator("tbody th").all_inner_texts() == ["Adams Elementary", "Brook Middle"]
