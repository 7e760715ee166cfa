"""Undelivered email: a district admin sees their district's failed messages (never their text) and
sends them again; an operator sees them all."""

from django.core.mail import send_mail
from django.urls import reverse

from conftest import client_for
from outbox.models import OutboxMessage
from outbox.services import deliver_pending

PAGE = reverse("people:undelivered_email")
ALL = reverse("people:undelivered_email_all")


def failed(to, subject, body="Your link: https://tol.example.org/secret-token/"):
    send_mail(subject, body, None, to)
    message = OutboxMessage.objects.latest("pk")
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.FAILED, attempts=11, last_error="550 mailbox unavailable"
    )
    return message


def test_a_district_admin_sees_only_their_districts_failed_email_without_its_text(personas):
    ours = failed([personas.counselor_a.email], "Password reset for Casey")
    theirs = failed([personas.other_admin.email], "Password reset for Olive")
    mixed = failed([personas.counselor_a.email, personas.other_admin.email], "Both districts")
    page = client_for(personas.admin).get(PAGE).text
    assert "Password reset for Casey" in page
    assert "550 mailbox unavailable" in page
    assert "secret-token" not in page
    assert "Password reset for Olive" not in page
    assert "Both districts" not in page
    assert f'value="{theirs.pk}"' not in page and f'value="{mixed.pk}"' not in page
    assert f'value="{ours.pk}"' in page


def test_sending_again_delivers_it_with_the_same_message_id_and_ignores_other_districts(personas, smtp_server):
    ours = failed([personas.counselor_a.email], "Reminder")
    theirs = failed([personas.other_admin.email], "Their reminder")
    response = client_for(personas.admin).post(PAGE, {"message": [ours.pk, theirs.pk, "99999999999999999999999"]})
    assert response.status_code == 302
    assert OutboxMessage.objects.get(pk=theirs.pk).status == OutboxMessage.Status.FAILED
    again = OutboxMessage.objects.get(pk=ours.pk)
    assert (again.status, again.attempts) == (OutboxMessage.Status.PENDING, 0)
    deliver_pending()
    [received] = smtp_server.messages
    assert received["Message-ID"] == ours.message_id
    assert OutboxMessage.objects.get(pk=ours.pk).status == OutboxMessage.Status.SENT


def test_an_operator_sees_every_failed_email(personas):
    failed([personas.counselor_a.email], "Ours")
    failed(["someone@nowhere.example.org"], "Nobody's")
    page = client_for(personas.operator).get(ALL).text
    assert "Ours" in page and "Nobody&#x27;s" in page


def test_the_settings_page_links_to_the_list(personas):
    assert PAGE in client_for(personas.admin).get(reverse("people:district_settings")).text
