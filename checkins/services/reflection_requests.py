"""Reflection requests: a set number of days before each meeting, participants are asked to prepare.

An hourly job (:func:`send_reflection_requests`, registered with
``core.scheduler.hourly`` in ``CheckinsConfig.ready``) looks at every active series whose invitations went
out. Each meeting starting within ``series.reflection_days_before`` days (0
turns the request off) gets its Meeting row (``get_or_create_meeting``) and is
claimed with a conditional UPDATE of ``reflection_request_sent_at``, so a
meeting's request goes out once, however often or late the job runs, and two
workers never both send it. A meeting already past, cancelled or started is
skipped.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from checkins.models import Meeting, Participant, Series
from checkins.services.invitations import local_text, series_url
from checkins.services.series import Occurrence, get_or_create_meeting, occurrences


def reflection_url(meeting: Meeting) -> str:
    """The reflection form for this meeting (a participant's own, shareable with the check-in)."""
    return f"{settings.SITE_URL}{reverse('reflections:reflection_new')}?meeting={meeting.pk}"


def request_body(series: Series, occurrence: Occurrence, name: str, meeting: Meeting) -> str:
    when = local_text(occurrence.starts_at, series.district)
    place = f", {occurrence.location}" if occurrence.location else ""
    return (
        f"Hi {name},\n\n"
        f"The check-in “{series.title}” is on {when}{place}.\n\n"
        "Please take a few minutes to prepare for the check-in: what support do you need to better serve "
        "students, and are there any barriers preventing you from supporting students? The short "
        "reflection below helps you say so, and how your time is spent against how it should be. It is "
        "private to you unless you choose to share it with the check-in.\n\n"
        f"Your reflection for this check-in: {reflection_url(meeting)}\n"
        f"The check-in: {series_url(series)}\n\n{series.organizer.name}\n"
    )


def _due_series(now: dt.datetime):
    longest = Series.objects.aggregate(days=Max("reflection_days_before"))["days"] or 0
    horizon = now + dt.timedelta(days=longest)
    window = Meeting.objects.filter(Q(starts_at__range=(now, horizon)) | Q(recurrence_id__range=(now, horizon)))
    return (
        Series.objects.filter(
            status=Series.Status.ACTIVE, invitations_sent_at__isnull=False, reflection_days_before__gt=0
        )
        .select_related("district", "organizer")
        .prefetch_related(
            Prefetch("meetings", queryset=window, to_attr="window_meetings"),
            Prefetch("participants", queryset=Participant.objects.select_related("staff"), to_attr="people"),
        )
    )


def send_for_occurrence(series: Series, occurrence: Occurrence, now: dt.datetime) -> int:
    """Claim the occurrence's meeting and queue its requests; 0 if another run already sent them."""
    with transaction.atomic():
        meeting = occurrence.meeting or get_or_create_meeting(series, occurrence.recurrence_id)
        claimed = Meeting.objects.filter(
            pk=meeting.pk, reflection_request_sent_at__isnull=True, status=Meeting.Status.SCHEDULED
        ).update(reflection_request_sent_at=now)
        if not claimed:
            return 0
        subject = f"Prepare for the check-in on {local_text(occurrence.starts_at, series.district)}"
        messages = [
            EmailMessage(
                subject=subject,
                body=request_body(series, occurrence, p.staff.name, meeting),
                to=[p.staff.email],
                reply_to=[series.organizer.email] if series.organizer.email else [],
            )
            for p in series.people  # type: ignore[attr-defined]
            if p.staff.email and p.response != Participant.Response.NO
        ]
        return get_connection().send_messages(messages) or 0 if messages else 0


def send_reflection_requests(now: dt.datetime | None = None) -> int:
    """Ask participants to prepare for each meeting ``reflection_days_before`` days ahead. Returns emails queued."""
    now = now or timezone.now()
    sent = 0
    for series in _due_series(now):
        until = now + dt.timedelta(days=series.reflection_days_before)
        for occurrence in occurrences(series, now, until, meetings=series.window_meetings):  # type: ignore[attr-defined]
            if occurrence.status != Meeting.Status.SCHEDULED:
                continue
            if occurrence.meeting is not None and occurrence.meeting.reflection_request_sent_at is not None:
                continue
            sent += send_for_occurrence(series, occurrence, now)
    return sent
