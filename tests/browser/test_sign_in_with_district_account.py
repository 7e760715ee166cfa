"""Single sign-on in a real browser: from the login page to the district's provider (a real
oidc-provider on a local port) and back, signed in. Our pages are checked with axe-core and under the
Content-Security-Policy; the provider's own pages are its business and only filled in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from signin.models import SignInProvider
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, start_provider

pytestmark = pytest.mark.browser


@pytest.fixture
def provider_for_live_server(live_server, settings, monkeypatch):
    settings.SITE_URL = live_server.url
    running = start_provider(live_server.url + reverse("signin:callback"))
    monkeypatch.setenv("SSO_BROWSER_LINCOLN", CLIENT_SECRET)
    yield running
    running.stop()


def test_a_counselor_signs_in_with_the_district_account(personas, visitor, provider_for_live_server):
    SignInProvider.objects.create(
        district=personas.district,
        kind=SignInProvider.Kind.OIDC,
        name="Lincoln sign-in",
        issuer=provider_for_live_server.issuer,
        client_id=CLIENT_ID,
        client_secret_variable="SSO_BROWSER_LINCOLN",
        allowed_domains="lincoln.example.org",
    )
    page = visitor.page
    visitor.goto("/accounts/login/")
    page.get_by_role("link", name="Sign in with your district account").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    page.get_by_label("Your work email address").fill("casey@lincoln.example.org")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()

    page.get_by_role("link", name="Sign in with Lincoln sign-in (Lincoln County Schools)").click()
    page.wait_for_url(provider_for_live_server.issuer + "/**")
    login = page.locator('input[name="login"]')
    assert login.input_value() == "casey@lincoln.example.org", "the work email is passed on as a login hint"
    page.locator('input[name="password"]').fill("any")
    page.locator('button[type="submit"]').first.click()

    page.wait_for_url(live_server_url(visitor) + "/**")
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    assert "/sign-in/" not in page.url and "/accounts/login/" not in page.url
    assert page.get_by_text("Casey Counselor").count() >= 1


def live_server_url(visitor) -> str:
    return visitor.base_url
