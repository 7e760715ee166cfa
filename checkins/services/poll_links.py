"""The organizer's view of a poll's personal links: who has which link, and sending one again."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from checkins.models import Poll, PollInvitee
from checkins.services import history
from checkins.services.polls import email_invitees, is_open, vote_url
from people.access import personal_links_end
from people.models import StaffMember


@dataclass(frozen=True)
class InviteeLink:
    """One invitee as the poll page lists them: their answer status and personal link."""

    invitee: PollInvitee
    url: str
    ended: bool  # their access ended, so the link says so instead of taking answers

    @property
    def status(self) -> str:
        if self.ended:
            return "Link ended with their access"
        if self.invitee.answered_at is None:
            return "Not answered yet"
        return "Answered"


def invitee_links(invitees: list[PollInvitee]) -> list[InviteeLink]:
    """The personal link of each invitee (``staff`` with ``role`` and ``user`` already loaded)."""
    return [InviteeLink(invitee, vote_url(invitee), personal_links_end(invitee.staff)) for invitee in invitees]


def resend_link(poll: Poll, invitee: PollInvitee, *, by: StaffMember) -> None:
    """Email ``invitee`` their personal link again (the poll's invitation), and note it in the poll's history.

    Refused (ValidationError) when the poll no longer takes answers or the person's link has ended.
    """
    if not is_open(poll):
        raise ValidationError("This poll is closed; its links no longer take answers.", code="closed")
    if personal_links_end(invitee.staff):
        raise ValidationError(f"{invitee.staff.name}'s access has ended, so their link no longer works.")
    with transaction.atomic():
        email_invitees(poll, [invitee], template="invitation")
        history.record(f"Sent {invitee.staff.name} their link again.", by=by, poll=poll)
