"""Invitation, update and cancellation emails for check-in series, each with its calendar file.

The default invitation is the seed's sample email ("Sample email inviting
dedicated mental health support staff to the regular check-in"), verbatim,
except that its survey sentence ("Please complete the following survey…") is
replaced by the series' time, place and links. A district may edit it
(``CheckinSettings.invitation_text``) and so may a series
(``Series.invitation_text``). Placeholders filled per person: see
:data:`PLACEHOLDERS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from checkins import calendar, recurrence, schedule
from checkins.models import CheckinSettings, Participant, Series
from checkins.services.attendance_links import answer_links_text
from people.models import District, StaffMember

DEFAULT_INVITATION = """Hi [staff name],

The district has challenged our school to prioritize supporting mental health staff so we can better support students.

We know your time is precious, and often limited, which is why we want to enable you to focus on activities that will best serve our students. As part of this effort, we are planning to schedule [cadence] check-ins with our mental health support staff.

The goal of these check-ins will be to:

Discuss new or ongoing barriers preventing staff members from fully utilizing their education and training to best serve our students.

Set clear plans for addressing each barrier, including who will be responsible and when the barrier will be addressed.

[time and place]

[links]

I look forward to working with all of you on this and to hearing how we can help free up your time so you can focus on the most impactful tasks.

[Signature]
"""  # noqa: E501 — the seed's paragraphs, one per line, so they reflow in any mail program

PLACEHOLDERS = {
    "[staff name]": "the person's name",
    "[school]": "the series' school (or the district)",
    "[cadence]": "how often, e.g. monthly or quarterly",
    "[time and place]": "the first meeting, the rule, the duration, the place and the video link",
    "[links]": "each person's own links to answer yes, maybe or no (no login needed), and the series page",
    "[Signature]": "the organizer's name",
}

ICS_REQUEST = "text/calendar; method=REQUEST"
ICS_CANCEL = "text/calendar; method=CANCEL"


def local_text(moment: dt.datetime, district: District) -> str:
    """A UTC moment as the district's wall-clock time in words: "Tuesday, February 9, 2027 at 3:30 PM"."""
    local = moment.astimezone(district.zone)
    hour = local.strftime("%I").lstrip("0")
    return f"{local:%A, %B} {local.day}, {local.year} at {hour}:{local:%M %p}"


def slot_text(moment: dt.datetime, place: str, district: District) -> str:
    """When and where, as the update email and the edit page say it: "Tuesday, … at 3:30 PM, Room 12"."""
    return f"{local_text(moment, district)}, {place}" if place else local_text(moment, district)


def changes_text(changes: Sequence[schedule.Change], district: District, limit: int = 12) -> str:
    """One line per meeting whose date, time or place changed, old → new (the first ``limit``)."""
    lines = []
    for change in changes[:limit]:
        before = slot_text(change.before.starts_at, change.before.place, district) if change.before else ""
        after = slot_text(change.after.starts_at, change.after.place, district) if change.after else ""
        if change.before and change.after:
            lines.append(f"- {before} → {after}")
        elif change.before:
            lines.append(f"- {before} → no meeting any more")
        else:
            lines.append(f"- New meeting: {after}")
    if len(changes) > limit:
        lines.append(f"- and {len(changes) - limit} later meetings in the same way")
    return "\n".join(lines)


def district_default(district: District) -> str:
    """The district's invitation text: its edited version, or the seed's sample email."""
    row = CheckinSettings.objects.filter(district=district).only("invitation_text").first()
    return row.invitation_text if row and row.invitation_text.strip() else DEFAULT_INVITATION


def save_district_default(district: District, text: str) -> CheckinSettings:
    """Store the district's invitation text; empty (or the seed's text) means the seed's sample email."""
    value = "" if text.strip() == DEFAULT_INVITATION.strip() else text
    row, _ = CheckinSettings.objects.update_or_create(district=district, defaults={"invitation_text": value})
    return row


def schedule_text(series: Series) -> str:
    """When and where: first meeting, cadence, duration, place and video link."""
    from checkins.services.series import first_local

    start = first_local(series).replace(tzinfo=series.district.zone)
    day = recurrence.describe_day(series.rrule)
    lines = [
        f"We will meet {recurrence.describe(series.rrule)}{' ' + day if day else ''} for "
        f"{series.duration_minutes} minutes, starting {local_text(start, series.district)} "
        f"({series.district.time_zone.replace('_', ' ')} time)."
    ]
    if series.location:
        lines.append(f"Place: {series.location}")
    if series.video_link:
        lines.append(f"Video link: {series.video_link}")
    return "\n".join(lines)


def series_url(series: Series) -> str:
    return settings.SITE_URL + reverse("checkins:series_detail", kwargs={"pk": series.pk})


def links_text(series: Series, participant: Participant | None = None) -> str:
    """The calendar file and how to answer: the participant's personal answer links, else the series page."""
    if participant is None:
        return (
            "The attached calendar file adds every meeting to your calendar. "
            f"Please let us know whether you will attend: {series_url(series)}"
        )
    return (
        "The attached calendar file adds every meeting to your calendar.\n\n"
        f"{answer_links_text(participant)}\n\nThe series page: {series_url(series)}"
    )


def invitation_body(series: Series, person: StaffMember, participant: Participant | None = None) -> str:
    """The invitation for ``person``: the series' text, else the district's, with placeholders filled.

    With ``participant`` (every emailed invitation), ``[links]`` holds their personal answer links.
    """
    text = series.invitation_text.strip() and series.invitation_text or district_default(series.district)
    values = {
        "[staff name]": person.name,
        "[school]": series.school.name if series.school else series.district.name,
        "[cadence]": recurrence.describe(series.rrule),
        "[time and place]": schedule_text(series),
        "[links]": links_text(series, participant),
        "[Signature]": series.organizer.name,
    }
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


def _email(subject: str, body: str, to: str, ics: bytes, mimetype: str, reply_to: str) -> EmailMessage:
    message = EmailMessage(subject=subject, body=body, to=[to], reply_to=[reply_to] if reply_to else [])
    message.attach("invite.ics", ics.decode(), mimetype)
    return message


def update_body(series: Series, participant: Participant, changes: Sequence[schedule.Change]) -> str:
    """The update email: what changed, meeting by meeting, the series as it is now, the answer links."""
    changed = changes_text(changes, series.district)
    what = f"These meetings change:\n{changed}\n\n" if changed else ""
    return (
        f"Hi {participant.staff.name},\n\nThe check-in series “{series.title}” has changed.\n\n{what}"
        f"{schedule_text(series)}\n\nThe attached calendar file updates the meetings already in "
        f"your calendar.\n{series_url(series)}\n\n{answer_links_text(participant)}\n\n{series.organizer.name}\n"
    )


def send_requests(
    series: Series,
    participants: Iterable[Participant],
    *,
    update: bool,
    changes: Sequence[schedule.Change] = (),
) -> int:
    """Queue the invitation (or, with ``update``, the update saying what ``changes``) with METHOD:REQUEST."""
    ics = calendar.request_calendar(series)
    messages = []
    for participant in participants:
        person = participant.staff
        if not person.email:  # checked when they were added; their address may have been removed since
            continue
        subject, body = request_email(series, participant, update=update, changes=changes)
        messages.append(_email(subject, body, person.email, ics, ICS_REQUEST, series.organizer.email))
    return _send(messages)


def request_email(
    series: Series, participant: Participant, *, update: bool, changes: Sequence[schedule.Change] = ()
) -> tuple[str, str]:
    """The subject and text of the invitation (or the update) ``participant`` receives."""
    if update:
        return f"Updated: {series.title}", update_body(series, participant, changes)
    return f"Invitation: {series.title}", invitation_body(series, participant.staff, participant)


def send_cancellations(
    series: Series, people: Iterable[StaffMember], *, recurrence_id: dt.datetime | None = None
) -> int:
    """Queue METHOD:CANCEL for one occurrence (``recurrence_id``) or the whole series to ``people``."""
    people = list(people)
    ics = calendar.cancel_calendar(series, recurrence_id=recurrence_id, attendees=people)
    if recurrence_id is None:
        subject, what = f"Cancelled: {series.title}", f"The check-in series “{series.title}” is cancelled."
    else:
        when = local_text(recurrence_id, series.district)
        subject, what = f"Cancelled: {series.title} on {when}", f"The check-in on {when} is cancelled."
    messages = [
        _email(
            subject,
            f"Hi {person.name},\n\n{what}\nThe attached calendar file removes it from your calendar.\n\n"
            f"{series.organizer.name}\n",
            person.email,
            ics,
            ICS_CANCEL,
            series.organizer.email,
        )
        for person in people
        if person.email
    ]
    return _send(messages)


def _send(messages: list[EmailMessage]) -> int:
    if not messages:
        return 0
    from django.core.mail import get_connection

    return get_connection().send_messages(messages) or 0
