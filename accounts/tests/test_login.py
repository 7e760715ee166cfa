from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher
from django.test import Client, override_settings
from django.urls import reverse

from conftest import client_for
from tests.factories import PASSWORD

LOGIN = reverse("accounts:login")


def log_in(client: Client, email: str, password: str = PASSWORD):
    return client.post(LOGIN, {"username": email, "password": password})


def test_the_login_page_asks_for_an_email_address_and_offers_a_reset(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<label for="id_username">Email address</label>' in page
    assert 'type="password"' in page
    assert "Forgot your password?" in page
    assert reverse("accounts:password_reset") in page


def test_a_staff_member_logs_in_with_email_and_password(client, personas):
    response = log_in(client, "casey@lincoln.example.org")
    assert response.status_code == 302
    assert response.url == reverse("home:home")
    assert client.session["_auth_user_id"] == str(personas.counselor_a.user.pk)


def test_the_email_address_is_not_case_sensitive(client, personas):
    response = log_in(client, "Casey@Lincoln.Example.org")
    assert response.status_code == 302


def test_a_wrong_password_is_refused_with_a_clear_message(client, personas):
    response = log_in(client, "casey@lincoln.example.org", "not the password")
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_staff_member_without_a_login_cannot_log_in(client, personas):
    response = log_in(client, "terry@lincoln.example.org")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_staff_member_whose_login_was_removed_cannot_log_in_even_if_the_account_is_active(client, personas):
    counselor = personas.counselor_a
    counselor.can_log_in = False
    counselor.save(update_fields=["can_log_in"])  # the account itself stays active
    assert counselor.user.is_active
    response = log_in(client, counselor.email)
    assert response.status_code == 200
    assert "cannot log in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_inactive_user_cannot_log_in(client, personas):
    user = personas.principal.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = log_in(client, personas.principal.email)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_an_operator_logs_in(client, personas):
    response = log_in(client, personas.operator.email)
    assert response.status_code == 302


def test_logging_out_takes_a_post(personas):
    client = client_for(personas.counselor_a)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_a_logged_in_visitor_to_the_login_page_goes_home(personas):
    response = client_for(personas.counselor_a).get(LOGIN)
    assert response.status_code == 302


def test_argon2_is_the_production_password_hasher():
    from topoflicense import settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_a_new_password_is_stored_with_argon2_in_production(db):
    from topoflicense import settings as production

    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        assert get_hasher().algorithm == "argon2"
        user = get_user_model().objects.create_user("new@example.org", "a long new passphrase")
        assert user.password.startswith("argon2$")
        assert user.check_password("a long new passphrase")
    assert settings.PASSWORD_HASHERS[0] != production.PASSWORD_HASHERS[0]  # tests use a fast one
