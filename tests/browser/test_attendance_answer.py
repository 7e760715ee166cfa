"""Answering "Will you attend?" from the invitation email in a real browser, without a login: the email
reaches a real SMTP server, the person opens their "Maybe" link, adds a note and saves; the organizer
reads the answer and the note on the series page. Every page is checked with axe-core."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from checkins.models import Participant
from checkins.services import series as services
from checkins.tests.factories import make_series
from outbox.services import deliver_pending
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

MAYBE = re.compile(r"- Maybe: (\S+)")


def test_a_teacher_without_a_login_answers_from_the_email_link(personas, visitor, browser, live_server, smtp_server):
    series = make_series(personas, participants=[personas.principal, personas.counselor_a, personas.no_login])
    services.send_invitations(series, by=personas.principal)
    deliver_pending()
    (message,) = [m for m in smtp_server.messages if m["To"] == personas.no_login.email]
    link = MAYBE.search(message.get_body(preferencelist=("plain",)).get_content()).group(1)

    page = visitor.page
    parts = urlsplit(link)
    visitor.goto(f"{parts.path}?{parts.query}")
    assert "/accounts/login/" not in page.url
    assert page.get_by_role("heading", name=series.title).is_visible()
    assert page.get_by_label("Might attend").is_checked()
    page.get_by_label("Note for the organizer (optional)").fill("I may come late from a class")
    page.get_by_role("button", name="Save my answer").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    assert "your answer is saved" in page.content()
    teacher = series.participants.get(staff=personas.no_login)
    assert (teacher.response, teacher.response_note) == (Participant.Response.MAYBE, "I may come late from a class")

    # The organizer, logged in in another window, reads the answer and the note.
    organizer = browser.new_context()
    try:
        tab = organizer.new_page()
        tab.goto(live_server.url + "/accounts/login/")
        tab.get_by_label("Email address").fill(personas.principal.email)
        tab.get_by_label("Password").fill(PASSWORD)
        tab.get_by_role("button", name="Log in").click()
        tab.wait_for_load_state("load")
        tab.goto(f"{live_server.url}/checkins/series/{series.pk}/")
        row = tab.get_by_role("row", name=re.compile(personas.no_login.name))
        assert "Might attend" in row.inner_text() and "I may come late from a class" in row.inner_text()
    finally:
        organizer.close()
