"""Delivering the outbox: claim a message, send it, record the outcome."""

from __future__ import annotations

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F, Q
from django.utils import timezone

from outbox.models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A message claimed longer ago than this was claimed by a worker that died.
STALE_CLAIM = timedelta(minutes=10)


def schedule_delivery() -> None:
    """Ask the worker to deliver pending mail (in the caller's transaction)."""
    from outbox.tasks import deliver_outbox

    deliver_outbox.enqueue()


def claim(message_id: int) -> bool:
    """Claim one message for sending with a conditional UPDATE.

    Two workers may race for the same message; exactly one UPDATE matches.
    """
    now = timezone.now()
    return bool(
        OutboxMessage.objects.filter(pk=message_id)
        .filter(
            Q(status=OutboxMessage.Status.PENDING)
            | Q(status=OutboxMessage.Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
        )
        .update(status=OutboxMessage.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )


def as_email(message: OutboxMessage) -> EmailMultiAlternatives:
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
    """Send pending messages through the delivery backend. Returns how many were sent."""
    now = timezone.now()
    candidates = list(
        OutboxMessage.objects.filter(
            Q(status=OutboxMessage.Status.PENDING)
            | Q(status=OutboxMessage.Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
        ).values_list("pk", flat=True)[:limit]
    )
    sent = 0
    connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
    for pk in candidates:
        if not claim(pk):
            continue
        message = OutboxMessage.objects.get(pk=pk)
        try:
            connection.send_messages([as_email(message)])
        except Exception as exc:  # noqa: BLE001 — any delivery failure is recorded and retried
            logger.warning("Outbox message %s not delivered: %s", pk, exc)
            status = OutboxMessage.Status.FAILED if message.attempts >= MAX_ATTEMPTS else OutboxMessage.Status.PENDING
            OutboxMessage.objects.filter(pk=pk).update(status=status, last_error=str(exc)[:2000])
            continue
        OutboxMessage.objects.filter(pk=pk).update(
            status=OutboxMessage.Status.SENT, sent_at=timezone.now(), last_error=""
        )
        sent += 1
    return sent
