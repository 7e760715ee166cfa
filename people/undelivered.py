"""Which undelivered (failed) emails a district admin may see: those whose every recipient is on
their staff list. Operators see them all. Only the envelope is shown (recipients, subject, when,
the last error), never the text: a failed password reset carries a login link.
"""

from __future__ import annotations

from outbox.models import OutboxMessage
from people.models import District, StaffMember

# Failed messages are rare; a list longer than this is for the operator admin's search.
LIST_LIMIT = 500


def recipients(message: OutboxMessage) -> set[str]:
    return {address.strip().lower() for address in [*message.to, *message.cc, *message.bcc] if address}


def failed_messages(district: District | None) -> list[OutboxMessage]:
    """The newest failed messages of ``district`` (every recipient one of its staff), or all of them."""
    failed = list(
        OutboxMessage.objects.failed()
        .order_by("-created_at", "-pk")
        .only("pk", "to", "cc", "bcc", "subject", "created_at", "attempts", "last_error")[:LIST_LIMIT]
    )
    if district is None:
        return failed
    addresses = set().union(*(recipients(message) for message in failed)) if failed else set()
    staff = set(StaffMember.objects.filter(district=district, email__in=addresses).values_list("email", flat=True))
    staff = {email.lower() for email in staff}
    return [message for message in failed if recipients(message) and recipients(message) <= staff]


def chosen(visible: list[OutboxMessage], ids: list[str]) -> list[OutboxMessage]:
    """The visible messages whose ids were ticked (anything else is ignored)."""
    wanted = {int(pk) for pk in ids if pk.isdigit() and len(pk) < 19}
    return [message for message in visible if message.pk in wanted]
