"""An account for every staff member: admins invite one person, a school's staff or everyone without a
login; the email's link (single use, 7 days) lets the person choose a password and log in."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from conftest import client_for
from people import invitations
from people.models import StaffMember
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase for lincoln"


def _link(body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/invitation/\S+/\S+/)", body)
    assert match, body
    return match.group(1)


def _choose_password(client: Client, path: str) -> Client:
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    return client


def test_an_admin_invites_a_teacher_who_chooses_a_password_from_the_email_and_logs_in(
    personas, smtp_server, django_capture_on_commit_callbacks
):
    teacher = personas.no_login
    admin = client_for(personas.admin)
    assert "Not invited" in admin.get(reverse("people:staff_detail", args=[teacher.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(reverse("people:staff_invite", args=[teacher.pk]))
    teacher.refresh_from_db()
    assert teacher.can_log_in and teacher.invited_at is not None
    page = admin.get(reverse("people:staff_detail", args=[teacher.pk])).content.decode()
    assert "Invited on" in page and "Send the invitation again" in page

    (message,) = smtp_server.messages
    assert message["To"] == teacher.email
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "for 7 days" in body
    _choose_password(Client(), _link(body))
    login = Client().post(reverse("accounts:login"), {"username": teacher.email, "password": PASSWORD})
    assert login.status_code == 302
    teacher.refresh_from_db()
    assert invitations.login_status(teacher) == invitations.ACTIVE
    assert "Active" in admin.get(reverse("people:staff_detail", args=[teacher.pk])).content.decode()


def test_the_invitation_link_works_once(personas, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invite(personas.no_login)
    path = _link(mailoutbox[0].body)
    _choose_password(Client(), path)
    again = Client().get(path, follow=True)
    assert "This invitation no longer works" in again.content.decode()


def test_the_invitation_link_ends_after_7_days(personas, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invite(personas.no_login)
    path = _link(mailoutbox[0].body)
    with time_machine.travel(dt.timedelta(days=6, hours=23)):
        assert "Choose your password" in Client().get(path, follow=True).content.decode()
    with time_machine.travel(dt.timedelta(days=7, hours=1)):
        assert "This invitation no longer works" in Client().get(path, follow=True).content.decode()


def test_a_password_reset_link_does_not_pass_for_an_invitation(personas):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    invitations.invite(personas.no_login)
    user = StaffMember.objects.get(pk=personas.no_login.pk).user
    path = reverse(
        "accounts:invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    assert "This invitation no longer works" in Client().get(path, follow=True).content.decode()


def test_everyone_of_a_school_without_a_login_is_invited_and_nobody_else(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    at_b = [
        factories.make_staff(personas.district, role_key="teacher", can_log_in=False, schools={personas.school_b: 1})
        for _ in range(3)
    ]
    factories.make_staff(personas.district, role_key="teacher", can_log_in=False, schools={personas.school_a: 1})
    admin = client_for(personas.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("people:staff_invite_many"), {"school": personas.school_b.pk}, follow=True)
    assert "Inviting 3 people" in response.content.decode()
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in at_b)
    listed = admin.get(reverse("people:staff_list"), {"login": "invited", "school": personas.school_b.pk})
    for person in at_b:
        assert person.name in listed.content.decode()
    assert personas.counselor_b.name not in listed.content.decode()  # active: has a password


def test_a_deactivated_person_is_not_invited_again_by_the_bulk_invitation(personas, mailoutbox):
    personas.counselor_b.can_log_in = False
    personas.counselor_b.save()
    assert invitations.login_status(personas.counselor_b) == invitations.DEACTIVATED
    client_for(personas.admin).post(reverse("people:staff_invite_many"), {})
    assert personas.counselor_b.email not in [m.to[0] for m in mailoutbox]
    response = client_for(personas.admin).post(
        reverse("people:staff_invite", args=[personas.counselor_b.pk]), follow=True
    )
    assert "login was taken away" in response.content.decode()


def test_only_admins_invite_and_another_districts_person_is_not_found(personas):
    assert (
        client_for(personas.principal).post(reverse("people:staff_invite", args=[personas.no_login.pk])).status_code
        == 403
    )
    other = client_for(personas.other_admin)
    assert other.post(reverse("people:staff_invite", args=[personas.no_login.pk])).status_code == 404
    other.post(reverse("people:staff_invite_many"), {})
    personas.no_login.refresh_from_db()
    assert not personas.no_login.can_log_in
