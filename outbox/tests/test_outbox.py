"""The outbox: every email is a row first; the worker delivers it to a real SMTP server."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.mail import EmailMultiAlternatives, send_mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from outbox.models import OutboxMessage
from outbox.services import LEASE, MAX_ATTEMPTS, RETRY_DELAYS, claim, deliver_pending
from outbox.tasks import deliver_outbox
from tests.smtp import free_port, text_of

pytestmark = pytest.mark.django_db


def send_hello(to="casey@lincoln.example.org"):
    send_mail("Hello", "Hello from the outbox.", None, [to])


def test_sending_an_email_stores_it_and_the_worker_delivers_it_after_commit(
    smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send_hello()
        assert OutboxMessage.objects.get().status == OutboxMessage.Status.PENDING
        assert smtp_server.messages == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    [received] = smtp_server.messages
    assert received["Subject"] == "Hello"
    assert text_of(received).strip() == "Hello from the outbox."


def test_an_email_sent_in_a_transaction_that_rolls_back_leaves_no_row_and_sends_nothing(
    smtp_server, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send_hello()
        raise RuntimeError("the change that caused the email failed")
    assert callbacks == []
    assert not OutboxMessage.objects.exists()
    assert smtp_server.messages == []


def test_a_failed_delivery_waits_its_turn_and_is_sent_once_the_server_is_back(
    smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_PORT = free_port()  # nothing listens there: the mail server is down
    with django_capture_on_commit_callbacks(execute=True):
        send_hello()
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert message.last_error
    assert message.next_attempt_at > timezone.now() + RETRY_DELAYS[0] - timedelta(seconds=5)
    assert smtp_server.messages == []

    settings.EMAIL_PORT = smtp_server.port
    assert deliver_pending() == 0  # not due yet: the first retry waits a minute
    with time_machine.travel(timezone.now() + RETRY_DELAYS[0] + timedelta(seconds=1)):
        assert deliver_pending() == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 2
    assert message.last_error == ""
    assert len(smtp_server.messages) == 1


def test_a_message_that_keeps_failing_is_retried_for_more_than_a_day_then_marked_failed(smtp_server, settings):
    settings.EMAIL_PORT = free_port()
    send_hello()
    start = timezone.now()
    now = start
    for attempt in range(1, MAX_ATTEMPTS):
        with time_machine.travel(now, tick=False):
            assert deliver_pending() == 0
        message = OutboxMessage.objects.get()
        assert (message.status, message.attempts) == (OutboxMessage.Status.PENDING, attempt)
        now = message.next_attempt_at + timedelta(seconds=1)
    assert now - start > timedelta(hours=24)
    with time_machine.travel(now, tick=False):
        assert deliver_pending() == 0
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == MAX_ATTEMPTS

    settings.EMAIL_PORT = smtp_server.port
    with time_machine.travel(now + timedelta(days=3)):
        assert deliver_pending() == 0  # a failed message is not retried on its own
    assert smtp_server.messages == []


def test_a_batch_of_messages_goes_through_one_smtp_connection(smtp_server):
    for n in range(5):
        send_hello(to=f"person{n}@lincoln.example.org")
    assert deliver_pending() == 5
    assert len(smtp_server.messages) == 5
    assert smtp_server.connections == 1


def test_a_message_is_claimed_only_once():
    send_hello()
    pk = OutboxMessage.objects.get().pk
    assert claim(pk) is True
    assert claim(pk) is False
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.SENDING
    assert message.attempts == 1


def test_a_message_being_sent_is_left_alone_by_another_worker(smtp_server):
    send_hello()
    claim(OutboxMessage.objects.get().pk)  # another worker is sending it right now
    assert deliver_pending() == 0
    assert smtp_server.messages == []


def test_a_claim_whose_lease_expired_belongs_to_a_worker_that_died_and_is_sent(smtp_server):
    send_hello()
    pk = OutboxMessage.objects.get().pk
    assert claim(pk)
    with time_machine.travel(timezone.now() + LEASE - timedelta(seconds=5)):
        assert claim(pk) is False
    with time_machine.travel(timezone.now() + LEASE + timedelta(seconds=5)):
        assert deliver_pending() == 1
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 2
    assert len(smtp_server.messages) == 1


def test_html_alternatives_and_attachments_survive_the_round_trip(smtp_server):
    pdf = bytes(range(256)) * 4
    email = EmailMultiAlternatives(
        "Check-in invitation",
        "Plain text body",
        "Student Services <services@lincoln.example.org>",
        ["casey@lincoln.example.org"],
        cc=["pat@lincoln.example.org"],
        bcc=["records@lincoln.example.org"],
        reply_to=["dana@lincoln.example.org"],
        headers={"X-Checkin": "42"},
    )
    email.attach_alternative("<p>HTML <strong>body</strong></p>", "text/html")
    email.attach("invite.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    email.attach("agenda.pdf", pdf, "application/pdf")
    email.send()
    assert deliver_pending() == 1

    [received] = smtp_server.messages
    assert received["From"] == "Student Services <services@lincoln.example.org>"
    assert received["Cc"] == "pat@lincoln.example.org"
    assert received["Reply-To"] == "dana@lincoln.example.org"
    assert received["X-Checkin"] == "42"
    assert "Bcc" not in received
    assert sorted(smtp_server.envelopes[0][1]) == sorted(
        ["casey@lincoln.example.org", "pat@lincoln.example.org", "records@lincoln.example.org"]
    )
    assert text_of(received).strip() == "Plain text body"
    assert "<strong>body</strong>" in received.get_body(preferencelist=("html",)).get_content()
    attachments = {part.get_filename(): part for part in received.iter_attachments()}
    assert attachments["agenda.pdf"].get_content_type() == "application/pdf"
    assert attachments["agenda.pdf"].get_content() == pdf
    assert attachments["invite.ics"].get_content_type() == "text/calendar"
    assert "BEGIN:VCALENDAR" in attachments["invite.ics"].get_content()


def test_the_delivery_task_sends_pending_mail(smtp_server):
    send_hello()
    result = deliver_outbox.enqueue()
    assert result.return_value == 1
    assert len(smtp_server.messages) == 1


def test_the_send_outbox_command_delivers_every_pending_message(smtp_server):
    send_hello("casey@lincoln.example.org")
    send_hello("bailey@lincoln.example.org")
    out = StringIO()
    call_command("send_outbox", stdout=out)
    assert out.getvalue().strip() == "Sent 2 message(s)."
    assert sorted(m["To"] for m in smtp_server.messages) == ["bailey@lincoln.example.org", "casey@lincoln.example.org"]
    assert not OutboxMessage.objects.pending().exists()


def test_an_email_without_recipients_is_not_stored():
    send_mail("Nobody", "Body", None, [])
    assert not OutboxMessage.objects.exists()
