"""Login throttling counts the normalised email: letter case and spaces give no fresh guesses."""

from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

LOGIN = reverse("accounts:login")
VARIANTS = (
    "casey@lincoln.example.org",
    "CASEY@LINCOLN.EXAMPLE.ORG",
    "Casey@Lincoln.Example.Org",
    " casey@lincoln.example.org ",
)


def attempt(client, email, password="wrong password"):  # noqa: S107
    return client.post(LOGIN, {"username": email, "password": password})


def test_failures_in_different_letter_cases_add_up_to_one_lock(client, personas):
    for email in [*VARIANTS, "cAsEy@lincoln.example.org"]:  # five failures, no two typed alike
        assert attempt(client, email).status_code in (200, 429)
    for email in VARIANTS:
        response = attempt(client, email, PASSWORD)
        assert response.status_code == 429, email
        assert "_auth_user_id" not in client.session


def test_the_right_password_in_another_case_neither_logs_in_nor_lifts_the_lock(client, personas):
    for _ in range(5):
        attempt(client, "casey@lincoln.example.org")
    assert attempt(client, "CASEY@LINCOLN.EXAMPLE.ORG", PASSWORD).status_code == 429
    assert attempt(client, "casey@lincoln.example.org", PASSWORD).status_code == 429


def test_the_lock_holds_for_the_email_and_address_pair(personas):
    here, elsewhere = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="198.51.100.9")
    for email in VARIANTS + ("CASEY@lincoln.example.org",):
        attempt(here, email)
    assert attempt(here, "Casey@Lincoln.Example.Org", PASSWORD).status_code == 429
    assert attempt(elsewhere, "Casey@Lincoln.Example.Org", PASSWORD).status_code == 302


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(personas, settings):
    settings.BEHIND_PROXY = True
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = Client(**proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    for n in range(5):  # the attacker's own X-Forwarded-For entries change; the proxy's does not
        attacker.defaults["HTTP_X_FORWARDED_FOR"] = f"1.2.3.{n}, 203.0.113.7"
        attempt(attacker, "CASEY@lincoln.example.org")
    assert attempt(attacker, "casey@lincoln.example.org", PASSWORD).status_code == 429
    colleague = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert attempt(colleague, "casey@lincoln.example.org", PASSWORD).status_code == 302
