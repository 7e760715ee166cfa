"""What an email to many people will be, shown before it is sent ("Send updates", closing a meeting)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from people.models import StaffMember


@dataclass
class EmailPreview:
    """Who an email to many people goes to, and the text the first of them reads."""

    recipients: list[StaffMember]  # those with an email address
    without_email: list[StaffMember]  # people it cannot reach
    subject: str
    body: str


def preview_for(
    people: Sequence[StaffMember], viewer: StaffMember, email: Callable[[StaffMember], tuple[str, str]]
) -> EmailPreview:
    """The preview of ``email`` (a person → subject and text) sent to ``people``: the viewer's copy if they get one."""
    recipients = [person for person in people if person.email]
    reader = next((p for p in recipients if p.pk == viewer.pk), recipients[0] if recipients else viewer)
    subject, body = email(reader)
    return EmailPreview(recipients, [person for person in people if not person.email], subject, body)
