from __future__ import annotations

import base64
from collections.abc import Callable, Iterable, Sequence
from email.mime.base import MIMEBase
from email.utils import make_msgid, parseaddr

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from outbox.models import OutboxMessage


def _attachment(item) -> list[str]:
    if isinstance(item, MIMEBase):
        payload = item.get_payload(decode=True)
        if not isinstance(payload, bytes):
            payload = b""
        return [item.get_filename() or "attachment", base64.b64encode(payload).decode(), item.get_content_type()]
    filename, content, mimetype = item
    raw = content.encode() if isinstance(content, str) else content
    return [filename or "attachment", base64.b64encode(raw).decode(), mimetype or "application/octet-stream"]


def message_id_for(message: EmailMessage) -> str:
    """The message's own Message-ID if it has one, else a new one in the sender's domain.

    Stored with the message, so every delivery attempt carries the same one and a receiving server
    (or person) can tell a repeated delivery from a new message.
    """
    for name, value in message.extra_headers.items():
        if name.lower() == "message-id":
            return str(value)
    domain = parseaddr(str(message.from_email or ""))[1].rpartition("@")[2] or "localhost"
    return make_msgid(domain=domain)


RECIPIENT_FILTERS: list[Callable[[Iterable[str]], set[str]]] = []
"""Functions naming the addresses (lower-cased) that must get no email, e.g. people who left a district.

An app above ``outbox`` registers one in its ``AppConfig.ready`` (``people`` does: deactivated staff).
The backend drops those addresses from every message; a message left without recipients is not kept.
"""


def _without_blocked(messages: Sequence[EmailMessage]) -> Sequence[EmailMessage]:
    if not RECIPIENT_FILTERS:
        return messages
    addresses = {parseaddr(str(address))[1] for message in messages for address in message.recipients()}
    blocked: set[str] = set()
    for blocked_by in RECIPIENT_FILTERS:
        blocked |= blocked_by(addresses)
    if not blocked:
        return messages
    for message in messages:
        for name in ("to", "cc", "bcc"):
            kept = [a for a in getattr(message, name) if parseaddr(str(a))[1].strip().lower() not in blocked]
            setattr(message, name, kept)
    return messages


def _headers_without_message_id(message: EmailMessage) -> dict[str, str]:
    return {name: value for name, value in message.extra_headers.items() if name.lower() != "message-id"}


class OutboxBackend(BaseEmailBackend):
    """Django email backend that stores messages in the outbox for the worker."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        from outbox.services import schedule_delivery

        email_messages = _without_blocked(email_messages)
        rows = [
            OutboxMessage(
                from_email=message.from_email,
                to=list(message.to),
                cc=list(message.cc),
                bcc=list(message.bcc),
                reply_to=list(message.reply_to),
                subject=str(message.subject),
                body=str(message.body),
                alternatives=[[content, mimetype] for content, mimetype in getattr(message, "alternatives", [])],
                attachments=[_attachment(item) for item in message.attachments],
                headers=_headers_without_message_id(message),
                message_id=message_id_for(message),
            )
            for message in email_messages
            if message.recipients()
        ]
        if not rows:
            return 0
        with transaction.atomic():
            OutboxMessage.objects.bulk_create(rows)
            schedule_delivery()
        return len(rows)
