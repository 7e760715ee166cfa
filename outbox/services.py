"""Delivering the outbox: claim a message with a lease, send it, record the outcome until it is stored.

What this guarantees (docs/deploy.md says it for operators):

- **Never lost**: a message stays pending until the SMTP server accepts it. A failed attempt is
  retried on :data:`RETRY_DELAYS` (about 32 hours from the first attempt) before the message is
  marked failed; failed messages are listed for district admins and operators, who can send them
  again (:func:`resend`).
- **At most once, short of one window**: a message is claimed with a conditional UPDATE and a
  lease (:data:`LEASE`), so two workers never send it at the same time and a worker that died
  leaves it to be picked up once the lease expires. Once the server accepts it, the "sent" mark is
  retried until the database stores it. Every attempt carries the same Message-ID. A duplicate
  remains possible only if the worker process dies between the server's acceptance and the stored
  mark (milliseconds per message); the copy then has the same Message-ID.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from outbox.models import OutboxMessage

logger = logging.getLogger(__name__)

# The wait after each failed attempt: ten retries over about 32 hours, then the message is failed.
RETRY_DELAYS = tuple(
    timedelta(minutes=minutes) for minutes in (1, 5, 15, 30, 60, 2 * 60, 4 * 60, 8 * 60, 8 * 60, 8 * 60)
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# How long a claim lasts: far longer than one SMTP exchange (EMAIL_TIMEOUT); a message still
# "sending" after it belongs to a worker that died, and is claimed again.
LEASE = timedelta(seconds=getattr(settings, "OUTBOX_LEASE_SECONDS", 600))
# Recording an outcome that the database refuses (locked, restarting) is retried, waiting this long
# at first and doubling up to STORE_WAIT_MAX.
STORE_WAIT_FIRST = 0.5
STORE_WAIT_MAX = 30.0


def retry_delay(attempts: int) -> timedelta | None:
    """How long to wait after the ``attempts``-th failed attempt; ``None`` once the schedule is used up.

    >>> retry_delay(1), retry_delay(5)
    (datetime.timedelta(seconds=60), datetime.timedelta(seconds=3600))
    >>> retry_delay(MAX_ATTEMPTS) is None
    True
    >>> sum(RETRY_DELAYS, timedelta()) >= timedelta(hours=24)
    True
    """
    return RETRY_DELAYS[attempts - 1] if 1 <= attempts <= len(RETRY_DELAYS) else None


def schedule_delivery() -> None:
    """Ask the worker to deliver pending mail once the caller's transaction commits.

    Waiting for the commit matters when the task backend runs tasks at once
    (the immediate backend): delivering inside the transaction would send an
    email whose cause may still be rolled back. If enqueuing fails after the
    commit, the message stays pending and the next delivery (the worker's
    start, the hourly tick, or ``manage.py send_outbox``) picks it up.
    """
    from outbox.tasks import queue_delivery

    transaction.on_commit(queue_delivery, robust=True)


def _claimable(now: datetime) -> Q:
    """Pending messages that are due, and messages whose claim's lease expired (their worker died)."""
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    return (Q(status=OutboxMessage.Status.PENDING) & due) | Q(
        status=OutboxMessage.Status.SENDING, lease_expires_at__lt=now
    )


def claim(message_id: int) -> bool:
    """Claim one message for sending with a conditional UPDATE, for :data:`LEASE`.

    Two workers may race for the same message; exactly one UPDATE matches.
    """
    now = timezone.now()
    return bool(
        OutboxMessage.objects.filter(_claimable(now), pk=message_id).update(
            status=OutboxMessage.Status.SENDING,
            claimed_at=now,
            lease_expires_at=now + LEASE,
            attempts=F("attempts") + 1,
        )
    )


def as_email(message: OutboxMessage) -> EmailMultiAlternatives:
    """Rebuild the Django email stored in ``message`` (alternatives, attachments and its Message-ID)."""
    headers = dict(message.headers)
    if message.message_id:
        headers["Message-ID"] = message.message_id
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email,
        to=message.to,
        cc=message.cc,
        bcc=message.bcc,
        reply_to=message.reply_to,
        headers=headers,
    )
    for content, mimetype in message.alternatives:
        email.attach_alternative(content, mimetype)
    for filename, content, mimetype in message.attachments:
        email.attach(filename, base64.b64decode(content), mimetype)
    return email


def store(write: Callable[[], object], what: str) -> None:
    """Run the database write ``write`` until it is stored, waiting longer after each refusal.

    Used for the outcome of a delivery: a message the SMTP server accepted must be marked sent,
    or a later attempt would send it twice. Inside a transaction (where a failed statement spoils
    the transaction) it is tried once.
    """
    wait = STORE_WAIT_FIRST
    while True:
        try:
            write()
            return
        except DatabaseError as exc:
            if connection.in_atomic_block:
                raise
            logger.warning("Could not record %s (%s); trying again in %.1f s", what, exc, wait)
            connection.close_if_unusable_or_obsolete()
            time.sleep(wait)
            wait = min(wait * 2, STORE_WAIT_MAX)


def deliver_pending(limit: int = 500) -> int:
    """Send due messages through ``settings.OUTBOX_DELIVERY_BACKEND``. Returns how many were sent.

    Each message is claimed first, so two workers running at once never send the same one. The
    batch goes through one SMTP connection. A failure is recorded on the message (``attempts``,
    ``last_error``) and the message waits :func:`retry_delay` before the next attempt, until the
    schedule is used up and it is marked failed.
    """
    candidates = list(OutboxMessage.objects.filter(_claimable(timezone.now())).values_list("pk", flat=True)[:limit])
    if not candidates:
        return 0
    sent = 0
    mail = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
    # One connection for the batch (a digest morning is thousands of messages). If the server is
    # down, opening fails here and again at each send below, where the failure is recorded.
    with contextlib.suppress(Exception):
        mail.open()
    try:
        for pk in candidates:
            if not claim(pk):
                continue
            message = OutboxMessage.objects.get(pk=pk)
            try:
                mail.send_messages([as_email(message)])
            except Exception as exc:  # noqa: BLE001 — any delivery failure is recorded and retried
                logger.warning("Outbox message %s not delivered (attempt %s): %s", pk, message.attempts, exc)
                mail.close()  # a broken connection is opened afresh by the next send
                store(partial(_record_failure, pk, message.attempts, exc), f"the failure of message {pk}")
                continue
            store(partial(_mark_sent, pk), f"message {pk} as sent")
            sent += 1
    finally:
        mail.close()
    return sent


def _mark_sent(pk: int) -> None:
    OutboxMessage.objects.filter(pk=pk).update(
        status=OutboxMessage.Status.SENT, sent_at=timezone.now(), last_error="", lease_expires_at=None
    )


def _record_failure(pk: int, attempts: int, error: BaseException) -> None:
    delay = retry_delay(attempts)
    text = (str(error) or type(error).__name__)[:2000]
    if delay is None:
        status, next_attempt = OutboxMessage.Status.FAILED, None
    else:
        status, next_attempt = OutboxMessage.Status.PENDING, timezone.now() + delay
    OutboxMessage.objects.filter(pk=pk).update(
        status=status, last_error=text, next_attempt_at=next_attempt, lease_expires_at=None
    )


def next_delivery_at() -> datetime | None:
    """When the next message becomes due: a retry's time or an expired lease (``None``: nothing waits)."""
    found = OutboxMessage.objects.filter(
        status__in=[OutboxMessage.Status.PENDING, OutboxMessage.Status.SENDING]
    ).aggregate(
        retry=Min("next_attempt_at", filter=Q(status=OutboxMessage.Status.PENDING)),
        lease=Min("lease_expires_at", filter=Q(status=OutboxMessage.Status.SENDING)),
        due_now=Min("pk", filter=Q(status=OutboxMessage.Status.PENDING, next_attempt_at__isnull=True)),
    )
    if found["due_now"] is not None:
        return timezone.now()
    times = [moment for moment in (found["retry"], found["lease"]) if moment is not None]
    return min(times) if times else None


@transaction.atomic
def resend(messages: Iterable[OutboxMessage]) -> int:
    """Put failed messages back in the queue with a fresh retry schedule (same Message-ID). Returns how many."""
    count = OutboxMessage.objects.filter(pk__in=[m.pk for m in messages], status=OutboxMessage.Status.FAILED).update(
        status=OutboxMessage.Status.PENDING, attempts=0, next_attempt_at=None, lease_expires_at=None
    )
    if count:
        schedule_delivery()
    return count
