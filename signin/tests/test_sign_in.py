"""Signing in through a real OpenID Connect provider (oidc-provider, started by the tests on a local port).

The person's side at the provider is played with a real HTTP client (tests/oidc_provider.py); this app's
side is the test client, which calls the provider's token, keys and user info endpoints for real.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings
from django.contrib import auth
from django.test import Client
from django.urls import reverse

from people.leaving import deactivate
from signin.models import SignInProvider
from tests.factories import PASSWORD
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, sign_in_at_provider

pytestmark = pytest.mark.django_db
SECRET_VARIABLE = "SSO_TEST_LINCOLN"


@pytest.fixture
def lincoln_sso(personas, oidc_provider, monkeypatch):
    monkeypatch.setenv(SECRET_VARIABLE, CLIENT_SECRET)
    return SignInProvider.objects.create(
        district=personas.district,
        kind=SignInProvider.Kind.OIDC,
        name="Lincoln sign-in",
        issuer=oidc_provider.issuer,
        client_id=CLIENT_ID,
        client_secret_variable=SECRET_VARIABLE,
        allowed_domains="lincoln.example.org, staff.lincoln.example.org",
    )


def callback_address() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("signin:callback")


def go_to_provider(client: Client, provider: SignInProvider) -> str:
    started = client.get(reverse("signin:start", args=[provider.pk]))
    assert started.status_code == 302
    return started["Location"]


def come_back(client: Client, address: str):
    """Follow the provider's redirect back into the app, as the browser would."""
    parts = urlsplit(address)
    return client.get(f"{parts.path}?{parts.query}", follow=True)


def at_provider(client: Client, provider: SignInProvider, email: str) -> str:
    """Start signing in and log in at the provider: the address it sends the browser back to."""
    return sign_in_at_provider(go_to_provider(client, provider), email, back_to=callback_address())


def sign_in(client: Client, provider: SignInProvider, email: str):
    return come_back(client, at_provider(client, provider, email))


def signed_in_as(client: Client):
    return auth.get_user(client)


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_a_staff_member_signs_in_with_the_district_provider(personas, lincoln_sso):
    client = Client()
    response = sign_in(client, lincoln_sso, "casey@lincoln.example.org")

    assert response.redirect_chain[-1][0] == reverse("home:home")
    assert signed_in_as(client) == personas.counselor_a.user
    assert client.get(reverse("actions:my_items")).status_code == 200


def test_an_address_outside_the_allowed_domains_is_refused(personas, lincoln_sso):
    client = Client()
    response = sign_in(client, lincoln_sso, "casey@gmail.example.com")

    assert not signed_in_as(client).is_authenticated
    assert "casey@gmail.example.com is not an address of Lincoln County Schools" in messages_of(response)


def test_an_unknown_or_deactivated_person_or_one_without_a_login_is_refused_alike(personas, lincoln_sso):
    deactivate([personas.counselor_b.pk])
    said = {}
    for email in ("nobody@lincoln.example.org", "bailey@lincoln.example.org", "terry@lincoln.example.org"):
        client = Client()
        response = sign_in(client, lincoln_sso, email)
        assert not signed_in_as(client).is_authenticated, email
        said[email] = messages_of(response).replace(email, "EMAIL")
    assert len(set(said.values())) == 1, said
    assert "is not the login of anyone on Lincoln County Schools's staff list" in said["nobody@lincoln.example.org"]


def test_another_districts_person_cannot_sign_in_to_this_district(personas, lincoln_sso):
    lincoln_sso.allowed_domains = "lincoln.example.org, riverside.example.org"
    lincoln_sso.save()
    client = Client()
    sign_in(client, lincoln_sso, "admin@riverside.example.org")

    assert not signed_in_as(client).is_authenticated


def test_an_unverified_email_is_refused(personas, lincoln_sso):
    client = Client()
    response = sign_in(client, lincoln_sso, "unverified.casey@lincoln.example.org")

    assert not signed_in_as(client).is_authenticated
    assert "did not vouch for an email address" in messages_of(response)


def test_a_tampered_state_signs_nobody_in(personas, lincoln_sso):
    client = Client()
    back = sign_in_at_provider(
        go_to_provider(client, lincoln_sso), "casey@lincoln.example.org", back_to=callback_address()
    )
    state = back.split("state=")[1].split("&")[0]

    response = come_back(client, back.replace(f"state={state}", "state=forged" + state[6:]))

    assert response.status_code == 200 and response.redirect_chain[-1][0] == reverse("signin:choose")
    assert not signed_in_as(client).is_authenticated
    assert "Signing in did not work" in messages_of(response)


def test_a_callback_from_another_browser_signs_nobody_in(personas, lincoln_sso):
    victim = Client()
    back = sign_in_at_provider(
        go_to_provider(victim, lincoln_sso), "casey@lincoln.example.org", back_to=callback_address()
    )

    attacker = Client()
    come_back(attacker, back)

    assert not signed_in_as(attacker).is_authenticated


def test_a_tampered_nonce_signs_nobody_in(personas, lincoln_sso):
    client = Client()
    authorization = go_to_provider(client, lincoln_sso)
    nonce = authorization.split("nonce=")[1].split("&")[0]
    tampered = authorization.replace(f"nonce={nonce}", "nonce=replayed" + nonce[8:])

    response = come_back(client, sign_in_at_provider(tampered, "casey@lincoln.example.org", back_to=callback_address()))

    assert not signed_in_as(client).is_authenticated
    assert "Signing in did not work" in messages_of(response)


def test_an_expired_id_token_signs_nobody_in(personas, lincoln_sso):
    client = Client()
    back = sign_in_at_provider(
        go_to_provider(client, lincoln_sso), "casey@lincoln.example.org", back_to=callback_address()
    )

    # The provider's tokens last an hour: two hours later (this app's clock), the ID token has expired.
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)):
        response = come_back(client, back)

    assert not signed_in_as(client).is_authenticated
    assert "expired" in messages_of(response)


def test_with_passwords_off_the_password_login_is_refused_and_the_district_account_works(personas, lincoln_sso):
    district = personas.district
    district.password_sign_in = False
    district.save()

    refused = Client().post(reverse("accounts:login"), {"username": "casey@lincoln.example.org", "password": PASSWORD})
    assert refused.status_code == 200 and "signs in with its own accounts" in refused.content.decode()
    operator = Client().post(reverse("accounts:login"), {"username": personas.operator.email, "password": PASSWORD})
    assert operator.status_code == 302, "operators keep their password"

    client = Client()
    sign_in(client, lincoln_sso, "casey@lincoln.example.org")
    assert signed_in_as(client) == personas.counselor_a.user


def test_the_work_email_finds_the_district_provider(personas, lincoln_sso):
    response = Client().post(reverse("signin:choose"), {"email": "Casey@Staff.Lincoln.example.org"})
    assert response.status_code == 200
    start = reverse("signin:start", args=[lincoln_sso.pk])
    assert f'href="{start}?login_hint=casey%40staff.lincoln.example.org"' in response.content.decode()

    unknown = Client().post(reverse("signin:choose"), {"email": "casey@elsewhere.example.org"})
    assert unknown.status_code == 200 and 'id="no-provider"' in unknown.content.decode()


def test_a_missing_secret_is_refused_without_signing_in(personas, lincoln_sso, monkeypatch):
    monkeypatch.delenv(SECRET_VARIABLE)
    client = Client()
    response = sign_in(client, lincoln_sso, "casey@lincoln.example.org")

    assert not signed_in_as(client).is_authenticated
    assert "is not finished being set up. Tell your operator." in messages_of(response)
