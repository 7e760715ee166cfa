"""Running a check-in in a real browser: the principal starts the meeting, updates a
carried-over item in place, records a barrier, sets a new item against it,
records attendance and closes the meeting; the minutes go out and print.
Every page is checked with axe-core.
"""

from __future__ import annotations

import re

import pytest

from actions.models import ActionItem, Barrier, Origin, Status
from actions.services import create_item
from checkins.models import Meeting
from checkins.tests.meeting_factories import make_meeting
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_a_principal_runs_a_check_in_from_start_to_minutes(personas, visitor):
    carried = create_item(personas.district, description="Find a room for small groups", by=personas.principal,
                          owner=personas.counselor_a, school=personas.school_a, notify=False)  # fmt: skip
    meeting = make_meeting(personas)
    page = visitor.page
    visitor.log_in(personas.principal.email, PASSWORD)
    visitor.goto(f"/checkins/meetings/{meeting.pk}/")
    visitor.check_accessibility()
    assert "Review actions from the previous check-in" in page.content()

    page.get_by_role("button", name="Start the meeting").click()
    page.wait_for_load_state("load")
    page.get_by_role("button", name=re.compile("^Start section: Review actions")).click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.IN_PROGRESS

    # Section 1: the carried-over item (counselor A's, from outside the series: listed apart, collapsed),
    # updated in place (htmx swaps the row).
    page.get_by_text("Other open items of these people").click()
    row = page.locator(f"#item-{carried.pk}")
    with page.expect_response(re.compile(rf"/items/{carried.pk}/status/")):
        row.get_by_label(re.compile("Progress of")).select_option(Status.IN_PROGRESS)  # saves on change
    page.locator(f"#item-{carried.pk} select option[selected]", has_text="In progress").wait_for(state="attached")
    page.locator(f"#item-{carried.pk} .saved", has_text="Saved").wait_for()
    carried.refresh_from_db()
    assert carried.status == Status.IN_PROGRESS

    # Section 2: a barrier.
    page.get_by_role("button", name=re.compile("^Next section: Discuss barriers")).click()
    page.wait_for_load_state("load")
    page.get_by_label("Kind of barrier").select_option(label="Space")
    page.get_by_label("Raised by").select_option(label="Casey Counselor")
    page.get_by_label("The barrier").fill("No private room to meet students")
    page.get_by_role("button", name="Record the barrier").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    barrier = Barrier.objects.get(origin="checkin", origin_ref=meeting.pk)

    # Section 3: a plan becomes an action item against the barrier.
    page.get_by_role("button", name=re.compile("^Next section: Set clear plans")).click()
    page.wait_for_load_state("load")
    page.get_by_label("What will be done").fill("Reserve the library annex on Tuesdays")
    page.get_by_label("Who is responsible").select_option(label="Casey Counselor")
    page.get_by_label("By when").fill("2030-01-15")
    page.get_by_label("Barrier it addresses").select_option(value=str(barrier.pk))
    page.get_by_role("button", name="Add the action item").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    added = ActionItem.objects.get(description="Reserve the library annex on Tuesdays")
    assert (added.origin, added.origin_ref, added.barrier) == (Origin.CHECKIN, meeting.pk, barrier)

    # Attendance, then close.
    page.get_by_label("Casey Counselor", exact=True).check()
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_load_state("load")
    # Closing emails everyone: a page first says who gets the minutes and what they say.
    page.get_by_role("link", name="Close the meeting and email the minutes").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.IN_PROGRESS, "nothing happens before confirming"
    assert page.get_by_role("heading", name="Who gets it").is_visible()
    assert "casey@lincoln.example.org" in page.locator("ul.recipients").inner_text()
    assert "Reserve the library annex on Tuesdays" in page.locator(".email-preview").inner_text()
    page.get_by_role("button", name="Close the meeting and email the minutes").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CLOSED and meeting.minutes_sent_at is not None

    visitor.goto(f"/checkins/meetings/{meeting.pk}/minutes/")
    visitor.check_accessibility()
    minutes = page.content()
    assert "No private room to meet students" in minutes and "Reserve the library annex on Tuesdays" in minutes
