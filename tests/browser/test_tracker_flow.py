"""The action-item tracker in a real browser: a principal records an item, the
owner updates its status from the list (htmx swaps the row), the history
shows the change, two people editing at once do not overwrite each other,
and the paper view prints. Every page is checked with axe-core.
"""

from __future__ import annotations

import re

import pytest

from actions.models import ActionItem, Status
from actions.services import create_item
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_a_principal_records_an_item_and_the_owner_moves_it_along(personas, visitor, browser, live_server):
    page = visitor.page
    visitor.log_in(personas.principal.email, PASSWORD)
    visitor.goto("/items/new/")
    page.get_by_label("Action item").fill("Take the social workers off lunch duty so they can meet with students")
    # The people picker: typing part of a name narrows the list and picks the first match.
    page.get_by_label("Type a name to narrow the list").fill("casey coun")
    assert page.get_by_label("A staff member").input_value() == str(personas.counselor_a.pk)
    page.get_by_label("When will it be done?").fill("2030-06-15")
    page.get_by_label("School").select_option(label="Adams Elementary")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    item = ActionItem.objects.get(description__startswith="Take the social workers")
    assert item.owner == personas.counselor_a and item.created_by == personas.principal

    # The owner updates the status inline; htmx replaces just the row.
    owner = browser.new_context()
    owner_page = owner.new_page()
    owner_page.goto(live_server.url + "/accounts/login/")
    owner_page.get_by_label("Email address").fill(personas.counselor_a.email)
    owner_page.get_by_label("Password").fill(PASSWORD)
    owner_page.get_by_role("button", name="Log in").click()
    owner_page.goto(live_server.url + "/items/mine/")
    row = owner_page.locator(f"#item-{item.pk}")
    assert owner_page.locator("#count-in_progress").inner_text() == "0"
    assert not row.get_by_role("button", name="Update").is_visible(), "it saves on change: no button to press"
    with owner_page.expect_response(re.compile(rf"/items/{item.pk}/status/")):
        row.get_by_label(re.compile("Progress of")).select_option(Status.IN_PROGRESS)
    owner_page.locator(f"#item-{item.pk} .status", has_text="In progress").wait_for()
    owner_page.locator(f"#item-{item.pk} .saved", has_text="Saved").wait_for()
    # The counts by status refresh at once.
    owner_page.locator("#count-in_progress", has_text="1").wait_for()
    assert owner_page.locator("#count-not_started").inner_text() == "0"
    assert owner_page.url.endswith("/items/mine/"), "the page itself did not reload"
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS
    owner.close()

    visitor.goto(f"/items/{item.pk}/")
    history = page.content()
    assert "Not started" in history and "In progress" in history and "Casey Counselor" in history


def test_the_second_of_two_simultaneous_edits_is_refused_with_what_changed(personas, visitor):
    item = create_item(
        personas.district,
        description="Find a quiet room for small groups",
        by=personas.principal,
        owner=personas.counselor_a,
        school=personas.school_a,
        notify=False,
    )
    page = visitor.page
    visitor.log_in(personas.principal.email, PASSWORD)
    visitor.goto(f"/items/{item.pk}/edit/")
    # Meanwhile the counselor marks it blocked.
    from actions.services import change_status

    change_status(item, to=Status.BLOCKED, by=personas.counselor_a, expected_version=item.version)
    page.get_by_label("Action item").fill("Find a quiet room for small-group sessions")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    assert "Blocked or behind schedule" in page.content()
    item.refresh_from_db()
    assert item.description == "Find a quiet room for small groups", "the stale save wrote nothing"
    page.get_by_role("button", name="Save").click()  # saving again, having read the message, goes through
    page.wait_for_load_state("load")
    item.refresh_from_db()
    assert item.description == "Find a quiet room for small-group sessions"
    assert item.status == Status.BLOCKED, "the counselor's change was kept"


def test_the_tracker_lists_and_the_paper_sheet_are_accessible(personas, visitor):
    create_item(
        personas.district,
        description="Move 504 coordination to the assistant principal",
        by=personas.admin,
        owner_name="John Smith",
        school=personas.school_b,
        notify=False,
    )
    visitor.log_in(personas.admin.email, PASSWORD)
    visitor.goto("/items/print/?blank=1")
    assert "Write down the deadline for completing this action" in visitor.page.content()
    for path in (
        "/items/",
        "/items/?overdue=on&sort=due",
        f"/schools/{personas.school_b.pk}/items/",
        "/items/print/",
        "/items/import/",
        "/account/reminders/",
        "/district/tracker/",
    ):
        visitor.goto(path)
