"""Password reset by email, delivered through the outbox to a real SMTP server."""

import re

from django.test import Client, override_settings
from django.urls import reverse

from outbox.models import OutboxMessage
from outbox.services import deliver_pending
from tests.smtp import text_of

RESET = reverse("accounts:password_reset")
NEW_PASSWORD = "a brand new passphrase 42"


def request_reset(client, email, capture):
    with capture(execute=True):
        return client.post(RESET, {"email": email})


def link_in(body: str) -> str:
    match = re.search(r"https://app\.example\.org(/accounts/password/reset/\S+/\S+/)", body)
    assert match, body
    return match.group(1)


def test_the_reset_pages_render(client, db):
    assert "Email me a link" in client.get(RESET).content.decode()
    assert "Check your email" in client.get(reverse("accounts:password_reset_done")).content.decode()
    assert "Log in" in client.get(reverse("accounts:password_reset_complete")).content.decode()


@override_settings(SITE_URL="https://app.example.org")
def test_a_forgotten_password_is_reset_by_email_end_to_end(personas, smtp_server, django_capture_on_commit_callbacks):
    client = Client()
    response = request_reset(client, "casey@lincoln.example.org", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")

    row = OutboxMessage.objects.get()
    assert row.to == ["casey@lincoln.example.org"]
    assert row.status == OutboxMessage.Status.SENT  # the worker task ran once the request committed

    [received] = smtp_server.messages
    assert received["To"] == "casey@lincoln.example.org"
    assert received["Subject"] == "Choose a new password for Top of License"
    path = link_in(text_of(received))

    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert "Choose a new password" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.url == reverse("accounts:password_reset_complete")

    response = Client().post(
        reverse("accounts:login"), {"username": "casey@lincoln.example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(path, follow=True).context["validlink"] is False  # the link works once


@override_settings(SITE_URL="https://app.example.org")
def test_the_link_uses_the_site_url_not_the_request_host(personas, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        Client().post(RESET, {"email": "casey@lincoln.example.org"})
    [sent] = mail.outbox
    assert "https://app.example.org/accounts/password/reset/" in sent.body
    assert "testserver" not in sent.body  # the host the test client sends


def test_deliver_pending_sends_a_waiting_reset_email(personas, smtp_server):
    Client().post(RESET, {"email": "bailey@lincoln.example.org"})  # no commit yet: the worker has not run
    assert OutboxMessage.objects.pending().count() == 1
    assert smtp_server.messages == []
    assert deliver_pending() == 1
    assert [m["To"] for m in smtp_server.messages] == ["bailey@lincoln.example.org"]
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT


def test_an_unknown_email_gets_the_same_page_and_no_email(personas, smtp_server, django_capture_on_commit_callbacks):
    response = request_reset(Client(), "nobody@lincoln.example.org", django_capture_on_commit_callbacks)
    assert response.url == reverse("accounts:password_reset_done")
    assert not OutboxMessage.objects.exists()
    assert smtp_server.messages == []


def test_a_staff_member_without_a_login_gets_no_email(personas, django_capture_on_commit_callbacks):
    request_reset(Client(), "terry@lincoln.example.org", django_capture_on_commit_callbacks)
    assert not OutboxMessage.objects.exists()


def test_someone_invited_who_never_chose_a_password_can_ask_for_a_link(personas, django_capture_on_commit_callbacks):
    user = personas.counselor_b.user
    user.set_unusable_password()
    user.save(update_fields=["password"])
    request_reset(Client(), "bailey@lincoln.example.org", django_capture_on_commit_callbacks)
    assert OutboxMessage.objects.get().to == ["bailey@lincoln.example.org"]


def test_resetting_the_password_lifts_a_lockout(personas, django_capture_on_commit_callbacks):
    from django.core import mail

    client = Client()
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "casey@lincoln.example.org", "password": "wrong"})
    request_reset(client, "casey@lincoln.example.org", django_capture_on_commit_callbacks)
    path = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = client.post(
        reverse("accounts:login"), {"username": "casey@lincoln.example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302


def test_a_logged_in_user_changes_their_password(personas):
    from conftest import client_for
    from tests.factories import PASSWORD

    client = client_for(personas.counselor_a)
    assert "Change your password" in client.get(reverse("accounts:password_change")).content.decode()
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.url == reverse("accounts:password_change_done")
    assert "password is changed" in client.get(response.url).content.decode()
