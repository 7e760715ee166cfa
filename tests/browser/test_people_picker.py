"""The people picker in a real browser, with the keyboard only: search by name, add with Enter, add a
whole school with its shortcut, remove a chip, and create the poll with exactly those people. Every
page is checked with axe-core."""

from __future__ import annotations

import re

import pytest

from checkins.models import Poll
from tests import factories
from tests.browser.conftest import Visitor
from tests.browser.test_poll import local_day
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_choosing_invitees_with_the_keyboard(personas, visitor: Visitor):
    namesake = factories.make_staff(
        personas.district,
        "Casey Counselor",
        email="casey.b@lincoln.example.org",
        role_key="teacher",
        schools={personas.school_b: 1},
    )
    page = visitor.page
    visitor.log_in(personas.principal.email, PASSWORD)
    visitor.goto("/checkins/polls/new/")
    search = page.get_by_role("combobox", name="Add people: type a name, a school or a role")

    # Two people named Casey Counselor, told apart by role and school; the keyboard picks the teacher.
    search.fill("casey")
    options = page.get_by_role("listbox", name="People found").get_by_role("option")
    options.first.wait_for()
    assert options.all_inner_texts() == [
        "Casey Counselor — School counselor, Adams Elementary",
        "Casey Counselor — Teacher, Brook Middle",
    ]
    visitor.check_accessibility()
    search.press("ArrowDown")
    search.press("ArrowDown")
    search.press("Enter")
    assert page.locator(".chip").all_inner_texts()[0].startswith("Casey Counselor — Teacher, Brook Middle")

    # "Everyone at Brook Middle" adds the school's people (the teacher is there once).
    search.fill("brook")
    page.get_by_role("option", name=re.compile("Everyone at Brook Middle")).wait_for()
    search.press("ArrowDown")
    search.press("Enter")
    page.get_by_text("Bailey Counselor — School counselor, Brook Middle", exact=True).wait_for()
    assert page.locator(".chip").count() == 2

    # Remove the namesake with their chip's button, from the keyboard.
    page.get_by_role("button", name=re.compile("Remove Casey Counselor — Teacher")).press("Enter")
    assert page.locator(".chip").count() == 1
    visitor.check_accessibility()

    page.get_by_label("Title").fill("Brook check-in")
    page.get_by_label("Answers due by (date)").fill(local_day(personas, 5, deadline=True))
    page.get_by_label("Date of time 1").fill(local_day(personas, 10))
    page.get_by_label("Start of time 1").fill("15:30")
    page.get_by_role("button", name="Create the poll and email the invitees").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    poll = Poll.objects.get()
    assert [i.staff for i in poll.invitees.all()] == [personas.counselor_b]
    assert namesake not in [i.staff for i in poll.invitees.all()]
