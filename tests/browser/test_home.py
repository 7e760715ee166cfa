"""Each persona's home in a real browser: what needs me now, checked with axe-core; the counselor
answers "Will you attend?" from her home and comes back to it."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from actions.services import create_item, local_today
from checkins.tests.factories import make_series, second_tuesday_ahead
from checkins.tests.poll_factories import make_poll
from reflections.tests.makers import make_reflection
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def work(personas):
    today = local_today(personas.district)
    series = make_series(personas, start_local=second_tuesday_ahead(1))
    make_poll(personas, invitees=[personas.counselor_a, personas.principal])
    make_reflection(personas.counselor_a, leader=True, admins=True)
    create_item(
        personas.district,
        description="Take the social workers off lunch duty",
        by=personas.admin,
        owner=personas.counselor_a,
        school=personas.school_a,
        created_on=today - dt.timedelta(days=20),
        due_on=today - dt.timedelta(days=2),
        notify=False,
    )
    return series


def test_each_home_lists_what_needs_the_person_and_passes_axe(personas, work, visitor):
    page = visitor.page
    visitor.log_in(personas.counselor_a.email, PASSWORD)  # lands on the home, checked with axe
    assert page.get_by_role("heading", name="My next check-ins").is_visible()
    assert "Take the social workers off lunch duty" in page.content()
    page.get_by_role("button", name=re.compile(f"^Yes.*I will attend {work.title}")).click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    assert page.url == visitor.url("/")
    assert "Will attend" in page.locator(".home-group").first.inner_text()
    assert work.participants.get(staff=personas.counselor_a).response == "yes"

    for person in (personas.principal, personas.admin):
        page.context.clear_cookies()
        visitor.log_in(person.email, PASSWORD)
        if person == personas.principal:
            assert page.get_by_role("heading", name=re.compile("Reflections shared with me")).is_visible()
        else:
            assert page.get_by_role(
                "heading", name=re.compile(r"Overdue items by school \(1 overdue in all\)")
            ).is_visible()
