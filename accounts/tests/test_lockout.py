"""Throttling of failed logins (django-axes: 5 failures per email + address, 15 minutes)."""

import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD

LOGIN = reverse("accounts:login")


def fail(client, email, times=5):
    for _ in range(times):
        response = client.post(LOGIN, {"username": email, "password": "wrong password"})
        assert response.status_code in (200, 429)
    return response


def test_five_failures_lock_the_email_out_even_with_the_right_password(client, personas):
    assert settings.AXES_FAILURE_LIMIT == 5
    fail(client, "casey@lincoln.example.org")
    response = client.post(LOGIN, {"username": "casey@lincoln.example.org", "password": PASSWORD})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many attempts" in page
    assert "wait 15 minutes" in page
    assert reverse("accounts:password_reset") in page
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock_the_email(client, personas):
    fail(client, "casey@lincoln.example.org", times=4)
    response = client.post(LOGIN, {"username": "casey@lincoln.example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_a_lockout_does_not_affect_another_user(client, personas):
    fail(client, "casey@lincoln.example.org")
    response = client.post(LOGIN, {"username": "bailey@lincoln.example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_a_successful_login_resets_the_failure_count(client, personas):
    fail(client, "casey@lincoln.example.org", times=4)
    assert client.post(LOGIN, {"username": "casey@lincoln.example.org", "password": PASSWORD}).status_code == 302
    client.post(reverse("accounts:logout"))
    fail(client, "casey@lincoln.example.org", times=4)
    response = client.post(LOGIN, {"username": "casey@lincoln.example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, personas):
    fail(client, "casey@lincoln.example.org")
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=16)):
        response = client.post(LOGIN, {"username": "casey@lincoln.example.org", "password": PASSWORD})
    assert response.status_code == 302
