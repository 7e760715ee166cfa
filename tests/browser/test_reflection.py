"""The reflection in a real browser: a principal asks school A to reflect, the counselor
follows the email's link, fills in the time table with running totals updated as they
type, submits and shares with their school leader, who then reads it. Every page is
checked with axe-core.
"""

from __future__ import annotations

import re

import pytest

from outbox.models import OutboxMessage
from reflections import services
from reflections.models import Reflection
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_request_email_fill_in_with_running_totals_and_submit(personas, visitor, browser, live_server):
    page = visitor.page
    visitor.log_in(personas.principal.email, PASSWORD)
    visitor.goto("/reflections/requests/new/")
    page.get_by_label("The staff of a school").check()
    page.get_by_label(re.compile(r"^School")).select_option(label="Adams Elementary")
    page.get_by_label("Reflect by").fill("2030-06-15")
    page.get_by_label("Message (optional)").fill("Before our June check-in, please.")
    page.get_by_role("button", name="Send the request").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    assert "0 of 1" in page.content()

    email = OutboxMessage.objects.get(to=[personas.counselor_a.email])
    link = re.search(r"https?://\S+(/reflections/new/\?request=\d+)", email.body).group(1)

    counselor = browser.new_context(viewport={"width": 1280, "height": 900})
    visitor.page = counselor.new_page()
    page = visitor.page
    visitor.log_in(personas.counselor_a.email, PASSWORD)
    visitor.goto(link)
    assert "Asked by Pat Principal" in page.content()
    page.get_by_label("What support do you need, if any, to better serve students?").fill("A room for small groups")
    page.get_by_label("Duties and time").check()

    names = [c.name for c in services.table_categories(personas.district)]
    ideal = page.locator("#total-ideal")
    page.get_by_label(f"Ideal time for {names[0]}", exact=True).fill("60")
    assert ideal.inner_text() == "60% — 40 points short of 100%"
    page.get_by_label(f"Ideal time for {names[1]}", exact=True).fill("40")
    assert ideal.inner_text() == "100% — adds up"
    page.get_by_label(f"Current time for {names[0]}", exact=True).fill("20")
    page.get_by_label(f"Current time for {names[6]}", exact=True).fill("70")
    assert page.locator("#total-current").inner_text() == "90% — 10 points short of 100%"

    # Added row without a reload; its hours count in the running total.
    page.get_by_role("button", name="Add an “Other” row").click()
    assert page.locator("tr.other-row").count() == 2
    page.get_by_label("Name of added row 1 (Other)").fill("Bus duty")
    page.get_by_label("Current time for added row 1", exact=True).fill("10")
    assert page.locator("#total-current").inner_text() == "100% — adds up"

    # Switching to hours re-reads the numbers against the 40-hour week.
    page.get_by_label("Hours per week").check()
    assert ideal.inner_text() == "100 of 40 hours (250%) — 150 points over 100%"
    page.get_by_label("Percent of my time").check()
    page.get_by_label("My school leader").check()
    visitor.check_accessibility()
    page.get_by_role("button", name="Submit").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    reflection = Reflection.objects.get(author=personas.counselor_a)
    assert reflection.status == Reflection.Status.SUBMITTED and reflection.share_with_leader
    assert "Bus duty" in page.content()
    counselor.close()

    # The principal sees the response and can read the shared reflection.
    visitor.page = browser.new_context().new_page()
    visitor.log_in(personas.principal.email, PASSWORD)
    visitor.goto(f"/reflections/requests/{reflection.request_id}/")
    assert "1 of 1" in visitor.page.content()
    visitor.goto(f"/reflections/{reflection.pk}/")
    assert "A room for small groups" in visitor.page.content()


def test_the_principal_records_an_estimate_and_sees_where_it_differs(personas, visitor):
    from reflections.tests.makers import make_reflection

    make_reflection(personas.counselor_a, leader=True)
    names = [c.name for c in services.table_categories(personas.district)]
    page = visitor.page
    visitor.log_in(personas.principal.email, PASSWORD)
    visitor.goto(f"/reflections/staff/{personas.counselor_a.pk}/compare/")
    page.get_by_role("link", name="Record your estimate").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    for name, value in zip(names, (20, 10, 20, 10, 5, 10, 10, 15), strict=True):
        page.get_by_label(f"{name} (% of Casey Counselor's week):", exact=True).fill(str(value))
    page.get_by_role("button", name="Save my estimate").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    assert "2 types of task differ by more than 10 points." in page.content()
    assert page.locator("tr.differs").count() == 2
