"""Mail under faults, against a real SMTP server: an outage, a refusal, a database that will not
store the "sent" mark, a worker that died. Every message arrives exactly once, with one Message-ID."""

from datetime import timedelta

import pytest
import time_machine
from django.core.mail import send_mail
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone

from core.scheduler import run_hourly_jobs
from outbox import services
from outbox.models import OutboxMessage
from outbox.services import LEASE, claim, deliver_pending
from tests import factories

pytestmark = pytest.mark.django_db


def deliver_when_due(now):
    """Run a delivery at the time the next message becomes due (or ``now``); returns that time."""
    due = services.next_delivery_at()
    at = max(due or now, now)
    with time_machine.travel(at, tick=False):
        deliver_pending()
    return at + timedelta(seconds=1)


def test_password_resets_during_an_smtp_outage_are_each_delivered_once_when_it_is_back(
    personas, client, smtp_server, django_capture_on_commit_callbacks
):
    extra = factories.make_staff(personas.district, "Robin Reset", email="robin@lincoln.example.org")
    people = [personas.admin, personas.principal, personas.counselor_a, personas.counselor_b, personas.other_admin]
    emails = [person.email for person in people] + [extra.email]
    smtp_server.stop()  # the mail server is down
    for address in emails:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("accounts:password_reset"), {"email": address})
        assert response.status_code == 302
    stored = {m.to[0]: m.message_id for m in OutboxMessage.objects.all()}
    assert sorted(stored) == sorted(emails)
    assert len(set(stored.values())) == 6

    # Five hours of outage: every due retry fails, nothing is given up.
    now, start = timezone.now(), timezone.now()
    while now - start < timedelta(hours=5):
        now = deliver_when_due(now)
    assert not OutboxMessage.objects.exclude(status=OutboxMessage.Status.PENDING).exists()
    assert min(OutboxMessage.objects.values_list("attempts", flat=True)) >= 5

    smtp_server.start()  # back, on the same port
    for _ in range(3):  # the next retry delivers; later runs find nothing to send
        now = deliver_when_due(now + timedelta(hours=9))
    received = {m["To"]: m["Message-ID"] for m in smtp_server.messages}
    assert len(smtp_server.messages) == 6
    assert received == stored
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxMessage.Status.SENT}


def test_a_message_refused_for_now_is_sent_again_with_the_same_message_id(smtp_server):
    smtp_server.refuse_next(1)
    send_mail("Hello", "Hello.", None, ["casey@lincoln.example.org"])
    assert deliver_pending() == 0
    with time_machine.travel(timezone.now() + services.RETRY_DELAYS[0] + timedelta(seconds=1)):
        assert deliver_pending() == 1
    [refused], [received] = smtp_server.refused, smtp_server.messages
    assert refused["Message-ID"] == received["Message-ID"] == OutboxMessage.objects.get().message_id


@pytest.mark.django_db(transaction=True)
def test_the_sent_mark_is_retried_until_the_database_stores_it(smtp_server, monkeypatch):
    monkeypatch.setattr(services, "STORE_WAIT_FIRST", 0.01)
    refusals = {"left": 3}

    def locked_for_a_while(execute, sql, params, many, context):
        marking_sent = sql.startswith("UPDATE") and "outbox_outboxmessage" in sql and "sent" in (params or ())
        if marking_sent and refusals["left"]:
            refusals["left"] -= 1
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(locked_for_a_while):
        send_mail("Hello", "Hello.", None, ["casey@lincoln.example.org"])  # delivered once committed
    assert refusals["left"] == 0
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert deliver_pending() == 0
    assert len(smtp_server.messages) == 1


def test_a_message_left_sending_by_a_dead_worker_is_sent_by_the_hourly_check_after_its_lease(smtp_server):
    send_mail("Hello", "Hello.", None, ["casey@lincoln.example.org"])
    message = OutboxMessage.objects.get()
    assert claim(message.pk)  # a worker claimed it, then died
    assert services.next_delivery_at() == OutboxMessage.objects.get().lease_expires_at
    run_hourly_jobs()
    assert smtp_server.messages == []  # its lease still runs
    with time_machine.travel(timezone.now() + LEASE + timedelta(seconds=1)):
        run_hourly_jobs()
    [received] = smtp_server.messages
    assert received["Message-ID"] == message.message_id
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT
