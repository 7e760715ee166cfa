"""Closing a meeting, and its minutes: the same for the email and the print view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from actions import services as actions_services
from actions.models import ActionItem, Barrier
from checkins import hooks
from checkins.agenda import switch_section
from checkins.models import Meeting
from checkins.services import history
from checkins.services.email_preview import EmailPreview, preview_for
from checkins.services.meetings import (
    TransitionError,
    attendance,
    carried_over,
    local_start,
    meeting_barriers,
    new_items,
    participants,
)
from people.models import StaffMember


def close_meeting(meeting: Meeting, *, by: StaffMember | None) -> Meeting:
    """In progress → closed, stopping the section clock, then email the minutes once.

    Closing a closed meeting changes nothing and sends nothing; a scheduled or
    cancelled meeting cannot be closed (start it first).
    """
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if current.status == Meeting.Status.CLOSED:
            meeting.refresh_from_db()
            return meeting
        if current.status != Meeting.Status.IN_PROGRESS:
            raise TransitionError(f"This meeting is {current.get_status_display().lower()}; start it before closing.")
        now = timezone.now()
        current.section_seconds = switch_section(current.section_seconds, None, now)
        current.status, current.closed_at = Meeting.Status.CLOSED, now
        current.save(update_fields=["status", "closed_at", "section_seconds"])
        history.record("Closed the meeting.", by=by, meeting=meeting)
    meeting.refresh_from_db()
    send_minutes(meeting)
    return meeting


@dataclass
class Minutes:
    """What the minutes say: the same for the email and the print view."""

    meeting: Meeting
    start: dt.datetime
    present: list[str]  # names
    absent: list[str]
    not_recorded: list[str]
    reviewed: list[ActionItem]  # from this series' earlier meetings
    others: list[ActionItem]  # the participants' other open items
    barriers: list[Barrier]
    new_items: list[ActionItem]
    url: str


def minutes_of(meeting: Meeting) -> Minutes:
    """Attendance, the actions reviewed, the barriers raised and the new action items of ``meeting``."""
    people = participants(meeting.series)
    marked = attendance(meeting)
    today = actions_services.local_today(meeting.series.district)
    (reviewed, others), added = carried_over(meeting), list(new_items(meeting))
    for item in (*reviewed, *others, *added):
        item.overdue = item.is_overdue(today)  # type: ignore[attr-defined]
    return Minutes(
        meeting=meeting,
        start=local_start(meeting),
        present=[p.name for p in people if marked.get(p.pk) is True],
        absent=[p.name for p in people if marked.get(p.pk) is False],
        not_recorded=[p.name for p in people if p.pk not in marked],
        reviewed=reviewed,
        others=others,
        barriers=list(meeting_barriers(meeting)),
        new_items=added,
        url=settings.SITE_URL + reverse("checkins:meeting_minutes", kwargs={"pk": meeting.pk}),
    )


@transaction.atomic
def send_minutes(meeting: Meeting) -> int:
    """Email the minutes of a closed meeting to each participant with an email, once.

    The first call claims the meeting (``minutes_sent_at``) with a conditional
    update, so two closes at once still send one set. Returns the number of
    emails queued (0 when they were already sent).
    """
    claimed = Meeting.objects.filter(pk=meeting.pk, status=Meeting.Status.CLOSED, minutes_sent_at__isnull=True).update(
        minutes_sent_at=timezone.now()
    )
    if not claimed:
        return 0
    minutes = minutes_of(meeting)
    sent = 0
    for person in participants(meeting.series):
        if not person.email:
            continue
        subject, body = minutes_email(minutes, person)
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[person.email])
        sent += 1
    meeting.refresh_from_db(fields=["minutes_sent_at"])
    return sent


def minutes_email(minutes: Minutes, person: StaffMember) -> tuple[str, str]:
    """The subject and text of the minutes emailed to ``person``."""
    meeting = minutes.meeting
    subject = f"Minutes: {meeting.series.title}, {minutes.start:%B} {minutes.start.day}, {minutes.start.year}"
    panels = hooks.MEETING_REVIEW.panels(meeting, person)
    context = {"minutes": minutes, "person": person, "panels": panels}
    return subject, render_to_string("checkins/email/minutes.txt", context)


def preview_minutes(meeting: Meeting, *, viewer: StaffMember) -> EmailPreview:
    """The minutes email as closing ``meeting`` now would send it."""
    minutes = minutes_of(meeting)
    return preview_for(participants(meeting.series), viewer, lambda person: minutes_email(minutes, person))
