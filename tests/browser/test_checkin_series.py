"""Check-in series in a real browser: a principal creates a quarterly series, sends the invitations,
a participant answers, the organizer moves one meeting. Every page is checked with axe-core.
"""

from __future__ import annotations

import re

import pytest

from checkins.models import Meeting, Series
from checkins.tests.factories import second_tuesday_ahead
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_a_principal_creates_a_series_and_invites_the_staff(personas, visitor):
    page = visitor.page
    first = second_tuesday_ahead()
    visitor.log_in(personas.principal.email, PASSWORD)
    visitor.goto("/checkins/series/")
    visitor.goto("/checkins/series/new/")
    page.get_by_label("Title:").fill("Adams quarterly check-in")
    page.get_by_label(re.compile(r"^School:?$")).select_option(label="Adams Elementary")
    # The principal is chosen already; the picker finds Casey by typing, the keyboard adds her.
    search = page.get_by_role("combobox", name="Add people: type a name, a school or a role")
    search.fill("casey")
    page.get_by_role("option", name=re.compile("Casey Counselor")).wait_for()
    search.press("ArrowDown")
    search.press("Enter")
    assert page.locator(".chip").count() == 2
    page.get_by_label("First meeting: date").fill(first.strftime("%Y-%m-%d"))
    page.get_by_label("First meeting: start time").fill("15:30")
    page.get_by_label(re.compile("Quarterly")).check()
    page.get_by_label("Place:", exact=True).fill("Room 12")
    page.get_by_role("button", name="Create the series").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    series = Series.objects.get(title="Adams quarterly check-in")
    assert series.rrule.startswith("FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU")
    assert page.get_by_role("heading", name="Next meetings").is_visible()

    # Sending emails everyone: a page first names the recipients and shows the invitation.
    page.get_by_role("link", name="Send invitations").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    assert "casey@lincoln.example.org" in page.locator("ul.recipients").inner_text()
    assert "Invitation: Adams quarterly check-in" in page.locator(".email-preview").inner_text()
    series.refresh_from_db()
    assert series.invitations_sent_at is None, "nothing is sent before confirming"
    page.get_by_role("button", name="Send the invitations").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("link", name="Send updates").is_visible()
    series.refresh_from_db()
    assert series.invitations_sent_at is not None

    # The organizer moves the first meeting; only it moves.
    page.get_by_role("link", name=re.compile("^Move")).first.click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    page.get_by_label("New start time").fill("09:00")
    page.get_by_role("button", name="Move the meeting").click()
    page.wait_for_load_state("load")
    assert "moved from" in page.content()
    assert Meeting.objects.get(series=series).starts_at.astimezone(personas.district.zone).hour == 9

    # The counselor says whether they will attend, and finds their calendar link.
    page.context.clear_cookies()
    visitor.log_in(personas.counselor_a.email, PASSWORD)
    visitor.goto(f"/checkins/series/{series.pk}/")
    page.get_by_label("Might attend").check()
    page.get_by_role("button", name="Save my answer").click()
    page.wait_for_load_state("load")
    assert series.participants.get(staff=personas.counselor_a).response == "maybe"
    visitor.goto("/checkins/calendar/")
