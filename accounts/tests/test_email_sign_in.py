"""Sign in by email link: the link reaches a real mail server, signs in once within 15 minutes, says
nothing about who has an account, and is throttled like the login."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from people.models import StaffMember

pytestmark = pytest.mark.django_db

ASK = reverse("accounts:email_link")


def _link(body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/login/email/\S+/)", body)
    assert match, body
    return match.group(1)


def _signed_in_as(client: Client) -> str | None:
    response = client.get(reverse("people:staff_list"))
    return None if response.status_code == 302 else response.wsgi_request.user.email


def test_a_counselor_signs_in_with_the_emailed_link(personas, smtp_server, django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(ASK, {"email": " Casey@Lincoln.example.org "})
    assert "Check your email" in page.content.decode()
    (message,) = smtp_server.messages
    assert message["To"] == personas.counselor_a.email
    path = _link(message.get_body(preferencelist=("plain",)).get_content())
    opened = client.get(path)
    assert opened.status_code == 200 and "Sign in" in opened.content.decode()
    assert _signed_in_as(client) is None  # opening the link does not sign in: mail scanners open links
    assert client.post(path).status_code == 302
    assert _signed_in_as(client) == personas.counselor_a.email


def test_the_link_works_once(personas, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(ASK, {"email": personas.counselor_a.email})
    path = _link(mailoutbox[0].body)
    Client().post(path)
    second = Client()
    assert second.post(path).status_code == 410
    assert _signed_in_as(second) is None


def test_the_link_ends_after_15_minutes(personas, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(ASK, {"email": personas.counselor_a.email})
    path = _link(mailoutbox[0].body)
    with time_machine.travel(dt.timedelta(minutes=16)):
        assert Client().get(path).status_code == 410


def test_the_answer_is_the_same_for_an_unknown_address_and_a_person_without_login(personas, mailoutbox):
    def main_part(email: str) -> str:
        html = Client().post(ASK, {"email": email}).content.decode()
        return html[html.index("<main") : html.index("</main>")].replace(email, "X")

    assert main_part("nobody@lincoln.example.org") == main_part(personas.no_login.email)
    assert "Check your email" in main_part(personas.no_login.email)
    assert mailoutbox == []


def test_a_deactivated_account_gets_no_working_link(personas, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(ASK, {"email": personas.counselor_b.email})
    path = _link(mailoutbox[0].body)
    StaffMember.objects.filter(pk=personas.counselor_b.pk).update(can_log_in=False)
    assert Client().post(path).status_code == 410


def test_requests_are_throttled_for_known_and_unknown_addresses_alike(personas, mailoutbox, settings):
    for email in (personas.counselor_a.email, "nobody@lincoln.example.org"):
        client = Client()
        for _ in range(settings.AXES_FAILURE_LIMIT):
            assert client.post(ASK, {"email": email}).status_code == 200
        refused = client.post(ASK, {"email": email.upper()})
        assert refused.status_code == 429 and "Too many sign-in links" in refused.content.decode()


def test_a_bad_address_is_explained_beside_the_field(db):
    page = Client().post(ASK, {"email": "not an address"})
    assert page.status_code == 200 and "Enter a valid email address" in page.content.decode()


def test_an_altered_link_signs_nobody_in(personas):
    assert Client().post(reverse("accounts:email_link_sign_in", kwargs={"token": "abc:def:ghi"})).status_code == 410


def test_a_reflection_request_link_without_a_password_is_never_a_dead_end(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    """Invited but without a password yet: the request's link → log in → "Email me a sign-in link" → the reflection."""
    from reflections.models import ReflectionRequest
    from reflections.services import create_request

    user = personas.counselor_a.user
    user.set_unusable_password()
    user.save(update_fields=["password"])
    with django_capture_on_commit_callbacks(execute=True):
        made = create_request(
            personas.district,
            by=personas.principal,
            group=ReflectionRequest.Group.SCHOOL,
            school=personas.school_a,
            due_on=dt.date.today() + dt.timedelta(days=7),
        )
    (asked,) = mailoutbox
    target = re.search(r"https?://[^/\s]+(/reflections/new/\?request=\d+)", asked.body).group(1)
    assert "Email me a sign-in link" in asked.body

    client = Client()
    login_page = client.get(target, follow=True)
    link = re.search(r'href="(/accounts/login/email/\?next=[^"]+)"', login_page.content.decode()).group(1)
    form = client.get(link.replace("&amp;", "&"))
    assert 'name="next"' in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link.replace("&amp;", "&"), {"email": personas.counselor_a.email})
    signed = client.post(_link(mailoutbox[-1].body))
    assert signed["Location"] == target
    page = client.get(target)
    assert page.status_code == 200 and f"request={made.pk}" in page.wsgi_request.get_full_path()


def test_a_sign_in_link_never_leads_off_the_site(personas, mailoutbox, django_capture_on_commit_callbacks):
    for bad in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        with django_capture_on_commit_callbacks(execute=True):
            Client().post(f"{ASK}?next={bad}", {"email": personas.counselor_a.email})
        response = Client().post(_link(mailoutbox[-1].body))
        assert response["Location"] == reverse("home:home")
