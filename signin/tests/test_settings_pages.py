"""A district admin's single sign-on page: providers with their secret's variable, and passwords off."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import client_for
from signin.models import SignInProvider

pytestmark = pytest.mark.django_db
NEW = reverse("signin:provider_new")
SETTINGS = reverse("signin:settings")


def provider_data(**fields) -> dict:
    return {
        "kind": "google",
        "name": "",
        "issuer": "",
        "tenant": "",
        "client_id": "123.apps.example",
        "client_secret_variable": "SSO_LINCOLN_GOOGLE",
        "allowed_domains": "lincoln.example.org",
        "enabled": "on",
        **fields,
    }


def test_an_admin_adds_google_and_the_secret_is_a_variable_name(personas, as_admin):
    response = as_admin.post(NEW, provider_data())

    assert response.status_code == 302
    provider = SignInProvider.objects.get()
    assert provider.district == personas.district and provider.issuer_url == "https://accounts.google.com"
    assert provider.client_secret_variable == "SSO_LINCOLN_GOOGLE"
    page = as_admin.get(SETTINGS).content.decode()
    assert "SSO_LINCOLN_GOOGLE" in page and "/sign-in/callback/" in page


def test_microsoft_needs_its_tenant_and_another_provider_its_issuer(personas, as_admin):
    microsoft = as_admin.post(NEW, provider_data(kind="microsoft"))
    other = as_admin.post(NEW, provider_data(kind="oidc", name="ClassLink"))
    bad_variable = as_admin.post(NEW, provider_data(client_secret_variable="my secret"))

    assert 'id="id_tenant_error"' in microsoft.content.decode()
    assert 'id="id_issuer_error"' in other.content.decode()
    assert 'id="id_client_secret_variable_error"' in bad_variable.content.decode()
    assert not SignInProvider.objects.exists()
    tenant = "0f6c1a0e-0000-4000-8000-00000000abcd"
    assert as_admin.post(NEW, provider_data(kind="microsoft", tenant=tenant)).status_code == 302
    assert SignInProvider.objects.get().issuer_url == f"https://login.microsoftonline.com/{tenant}/v2.0"


def test_passwords_cannot_be_turned_off_without_an_enabled_provider(personas, as_admin):
    refused = as_admin.post(SETTINGS, {})
    assert refused.status_code == 200 and 'id="id_password_sign_in_error"' in refused.content.decode()
    personas.district.refresh_from_db()
    assert personas.district.password_sign_in

    as_admin.post(NEW, provider_data())
    assert as_admin.post(SETTINGS, {}).status_code == 302
    personas.district.refresh_from_db()
    assert not personas.district.password_sign_in


def test_another_districts_admin_cannot_see_or_change_a_provider(personas, as_admin):
    as_admin.post(NEW, provider_data())
    provider = SignInProvider.objects.get()
    other = client_for(personas.other_admin)

    assert other.get(reverse("signin:provider_edit", args=[provider.pk])).status_code == 404
    assert "SSO_LINCOLN_GOOGLE" not in other.get(SETTINGS).content.decode()


def test_with_passwords_off_a_new_login_is_invited_to_sign_in_with_the_district_account(
    personas, as_admin, mailoutbox, django_capture_on_commit_callbacks
):
    from people.services import invite_to_log_in

    as_admin.post(NEW, provider_data())
    as_admin.post(SETTINGS, {})
    personas.counselor_a.district.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        invite_to_log_in(personas.counselor_a)

    body = mailoutbox[-1].body
    assert "/sign-in/" in body and "/accounts/password/reset/" not in body
