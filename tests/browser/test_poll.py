"""Finding a time in a real browser: the principal creates a poll, three invitees answer through
their personal links without logging in, the principal reads the grid and picks a time, and the
invitations with their calendar files reach a real SMTP server. Every page is checked with axe-core.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from checkins.models import Poll
from checkins.tests.factories import outside_summer
from outbox.models import OutboxMessage
from outbox.services import deliver_pending
from tests.browser.conftest import Visitor
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

LINK = re.compile(r"https?://\S+/checkins/polls/answer/[\w-]+/")


def local_day(personas, days: int, *, deadline: bool = False) -> str:
    """A date ``days`` ahead; a meeting time's is moved out of the summer break (series skip it)."""
    day = timezone.now().astimezone(personas.district.zone).date() + dt.timedelta(days=days)
    return (day if deadline else outside_summer(day)).isoformat()


def test_a_poll_from_proposal_to_invitations(personas, visitor, browser, live_server, smtp_server):
    page = visitor.page
    visitor.log_in(personas.principal.email, PASSWORD)
    visitor.goto("/checkins/polls/")
    visitor.goto("/checkins/polls/new/")

    # List the whole district's staff, then fill the poll.
    page.get_by_label("Show staff of").select_option(label="Every school")
    page.get_by_role("button", name="List these staff").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    page.get_by_label("Title").fill("Adams mental health check-in")
    search = page.get_by_role("combobox", name="Add people: type a name, a school or a role")
    for name in ("Casey Counselor", "Bailey Counselor", "Terry Teacher"):
        search.fill(name.split()[0])
        page.get_by_role("option", name=re.compile(name)).wait_for()
        search.press("ArrowDown")
        search.press("Enter")
    assert page.locator(".chip").count() == 3
    page.get_by_label("Answers due by (date)").fill(local_day(personas, 5, deadline=True))
    for row, (days, start) in enumerate(((10, "15:30"), (11, "15:30"), (12, "08:00")), start=1):
        page.get_by_label(f"Date of time {row}").fill(local_day(personas, days))
        page.get_by_label(f"Start of time {row}").fill(start)
    page.get_by_role("button", name="Create the poll and email the invitees").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    poll = Poll.objects.get()
    assert page.url.endswith(f"/checkins/polls/{poll.pk}/")

    # Each invitee reads their link in their email and answers without logging in.
    links = {}
    for message in OutboxMessage.objects.filter(subject__startswith="When can you meet?"):
        links[message.to[0]] = LINK.search(message.body).group(0)
    assert set(links) == {personas.counselor_a.email, personas.counselor_b.email, personas.no_login.email}
    answers = {
        personas.counselor_a.email: ("Yes", "Yes", "No"),
        personas.counselor_b.email: ("If need be", "Yes", "Yes"),
        personas.no_login.email: ("No", "Yes", "If need be"),
    }
    for email, choices in answers.items():
        context = browser.new_context()
        invitee = Visitor(context.new_page(), live_server.url)
        invitee.goto(urlsplit(links[email]).path)  # the emailed link points at SITE_URL; same path here
        invitee_page = invitee.page
        groups = invitee_page.get_by_role("group")
        assert groups.count() == 3
        for n, choice in enumerate(choices):
            groups.nth(n).get_by_label(choice, exact=True).check()
        invitee_page.get_by_role("button", name="Save my answers").click()
        invitee_page.wait_for_load_state("load")
        assert "your answers are saved" in invitee_page.content()
        invitee.check_accessibility()
        context.close()

    # The grid: the second time suits everyone, so it comes first.
    visitor.goto(f"/checkins/polls/{poll.pk}/")
    best = page.locator(".best-times li").first
    assert "3 yes" in best.inner_text()
    assert "Everyone has answered." in page.content()

    # Picking the first time warns that Terry said no; picking the best one does not.
    first, second = poll.options.all()[:2]
    visitor.goto(f"/checkins/polls/{poll.pk}/pick/{first.pk}/")
    assert "Not everyone can come at this time" in page.content() and "Terry Teacher" in page.content()
    visitor.goto(f"/checkins/polls/{poll.pk}/")
    best.get_by_role("link", name=re.compile("Pick this time")).click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    assert "Not everyone can come" not in page.content()
    page.get_by_label("Quarterly", exact=False).check()
    page.get_by_label("Place").fill("Room 12")
    page.get_by_role("button", name="Pick this time and send the invitations").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    poll.refresh_from_db()
    assert poll.chosen_option == second and poll.series is not None
    assert page.url.endswith(f"/checkins/series/{poll.series.pk}/")

    # The invitations reach the SMTP server, each with a calendar file.
    deliver_pending()
    invitations = [
        (envelope[1][0], message)
        for envelope, message in zip(smtp_server.envelopes, smtp_server.messages, strict=True)
        if any(part.get_content_type() == "text/calendar" for part in message.walk())
    ]
    assert {to for to, _ in invitations} == set(links)
    # …and each calendar file parses: one event for the series, recurring, in the district's time zone.
    from icalendar import Calendar

    for _, message in invitations:
        part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        calendar = Calendar.from_ical(part.get_payload(decode=True))
        assert str(calendar["METHOD"]) == "REQUEST"
        [event] = calendar.walk("VEVENT")
        assert str(event["UID"]) == poll.series.uid
        assert event["RRULE"]
        assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == [personas.district.time_zone]
