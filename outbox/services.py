"""Delivering the outbox: claim a message, send it, record the outcome."""

from __future__ import annotations

import base64
import contextlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from outbox.models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A message claimed longer ago than this was claimed by a worker that died.
STALE_CLAIM = timedelta(minutes=10)


def schedule_delivery() -> None:
    """Ask the worker to deliver pending mail once the caller's transaction commits.

    Waiting for the commit matters when the task backend runs tasks at once
    (the immediate backend): delivering inside the transaction would send an
    email whose cause may still be rolled back. If enqueuing fails after the
    commit, the message stays pending and the next delivery (or
    ``manage.py send_outbox``) picks it up.
    """
    from outbox.tasks import deliver_outbox

    transaction.on_commit(deliver_outbox.enqueue, robust=True)


def _claimable() -> Q:
    """Pending messages, and messages claimed by a worker that died (claimed before ``STALE_CLAIM``)."""
    return Q(status=OutboxMessage.Status.PENDING) | Q(
        status=OutboxMessage.Status.SENDING, claimed_at__lt=timezone.now() - STALE_CLAIM
    )


def claim(message_id: int) -> bool:
    """Claim one message for sending with a conditional UPDATE.

    Two workers may race for the same message; exactly one UPDATE matches.
    """
    return bool(
        OutboxMessage.objects.filter(_claimable(), pk=message_id).update(
            status=OutboxMessage.Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    )


def as_email(message: OutboxMessage) -> EmailMultiAlternatives:
    """Rebuild the Django email stored in ``message`` (alternatives and attachments included)."""
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email,
        to=message.to,
        cc=message.cc,
        bcc=message.bcc,
        reply_to=message.reply_to,
        headers=message.headers,
    )
    for content, mimetype in message.alternatives:
        email.attach_alternative(content, mimetype)
    for filename, content, mimetype in message.attachments:
        email.attach(filename, base64.b64decode(content), mimetype)
    return email


def deliver_pending(limit: int = 500) -> int:
    """Send pending messages through ``settings.OUTBOX_DELIVERY_BACKEND``. Returns how many were sent.

    Each message is claimed first, so two workers running at once never send
    the same one. The batch goes through one SMTP connection. A failure is recorded on the message (``attempts``,
    ``last_error``) and the message goes back to pending, until
    ``MAX_ATTEMPTS`` failures mark it failed.
    """
    candidates = list(OutboxMessage.objects.filter(_claimable()).values_list("pk", flat=True)[:limit])
    sent = 0
    connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
    # One connection for the batch (a digest morning is thousands of messages). If the server is
    # down, opening fails here and again at each send below, where the failure is recorded.
    with contextlib.suppress(Exception):
        connection.open()
    try:
        for pk in candidates:
            if not claim(pk):
                continue
            message = OutboxMessage.objects.get(pk=pk)
            try:
                connection.send_messages([as_email(message)])
            except Exception as exc:  # noqa: BLE001 — any delivery failure is recorded and retried
                logger.warning("Outbox message %s not delivered: %s", pk, exc)
                connection.close()  # a broken connection is opened afresh by the next send
                status = (
                    OutboxMessage.Status.FAILED if message.attempts >= MAX_ATTEMPTS else OutboxMessage.Status.PENDING
                )
                error = str(exc) or type(exc).__name__
                OutboxMessage.objects.filter(pk=pk).update(status=status, last_error=error[:2000])
                continue
            OutboxMessage.objects.filter(pk=pk).update(
                status=OutboxMessage.Status.SENT, sent_at=timezone.now(), last_error=""
            )
            sent += 1
    finally:
        connection.close()
    return sent
