"""Asking at the moment: the email with a personal link, one reminder, and when they go out.

The worker has an hourly tick (``core.scheduler``). At each tick
:func:`schedule_prompts` queues one ``sampling.tasks.send_prompts`` task for each
minute of the coming hour that has moments, to run at that minute, and sends
whatever is already due (a tick that ran late, a worker that was down). Each
prompt and each reminder is claimed with a conditional UPDATE
(``prompted_at`` / ``reminded_at``), so a task that runs twice, or a tick and a
task at once, never email twice. Backends that cannot defer (tests) send only
what is due.

The link is the moment's id signed with the site's key
(:func:`moment_link`): it opens the answer page without a login, and an
altered or cut link is refused. Nothing before the moment's minute tells
anyone which minutes were drawn.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from sampling.models import Moment

SALT = "sampling.moment"
AHEAD = dt.timedelta(hours=1, minutes=5)
"""How far ahead a tick queues the minute tasks (a little over an hour, so no minute falls between two ticks)."""
BATCH = 500


def moment_token(moment: Moment) -> str:
    """The signed id in a moment's link: ``"<id>:<signature>"``."""
    return signing.Signer(salt=SALT).sign(str(moment.pk))


def moment_from_token(token: str) -> int | None:
    """The moment id a link carries, or ``None`` when the link was altered or cut."""
    try:
        return int(signing.Signer(salt=SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def moment_link(moment: Moment) -> str:
    return settings.SITE_URL + reverse("sampling:answer", kwargs={"token": moment_token(moment)})


def _email(moment: Moment, *, reminder: bool) -> EmailMessage:
    local = timezone.localtime(moment.at, moment.district.zone)
    context = {
        "moment": moment,
        "local": local,
        "deadline": timezone.localtime(moment.expires_at - dt.timedelta(seconds=1), moment.district.zone),
        "link": moment_link(moment),
        "reminder": reminder,
    }
    subject = f"What were you doing at {local:%-I:%M %p} on {local:%A, %B %-d}?"
    return EmailMessage(
        subject=("Reminder: " if reminder else "") + subject,
        body=render_to_string("sampling/email/moment.txt", context),
        to=[moment.staff.email],
    )


def _claim_and_send(queryset, field: str, now: dt.datetime, *, reminder: bool) -> int:
    sent = 0
    while True:
        ids = list(queryset.values_list("pk", flat=True)[:BATCH])
        if not ids:
            return sent
        with transaction.atomic():
            claimed = list(
                Moment.objects.select_for_update(skip_locked=True)
                .filter(pk__in=ids, **{f"{field}__isnull": True})
                .values_list("pk", flat=True)
            )
            Moment.objects.filter(pk__in=claimed, **{f"{field}__isnull": True}).update(**{field: now})
            moments = Moment.objects.filter(pk__in=claimed).select_related("staff", "district", "study")
            get_connection().send_messages([_email(m, reminder=reminder) for m in moments])
        sent += len(claimed)
        if len(ids) < BATCH:
            return sent


def send_due_prompts(now: dt.datetime | None = None) -> int:
    """Email each moment whose minute has come and that was not asked yet (and has not expired)."""
    now = now or timezone.now()
    due = Moment.objects.filter(prompted_at__isnull=True, at__lte=now, expires_at__gt=now).order_by("at", "pk")
    return _claim_and_send(due, "prompted_at", now, reminder=False)


def send_due_reminders(now: dt.datetime | None = None) -> int:
    """Remind once, at the same time the next school day, whoever has not answered a moment still open."""
    now = now or timezone.now()
    due = Moment.objects.filter(
        reminded_at__isnull=True,
        prompted_at__isnull=False,
        answered_at__isnull=True,
        remind_at__lte=now,
        expires_at__gt=now,
    ).order_by("remind_at", "pk")
    return _claim_and_send(due, "reminded_at", now, reminder=True)


def coming_minutes(now: dt.datetime, ahead: dt.timedelta = AHEAD) -> list[dt.datetime]:
    """The distinct minutes after ``now`` (within ``ahead``) that have moments not asked yet."""
    minutes = (
        Moment.objects.filter(prompted_at__isnull=True, at__gt=now, at__lte=now + ahead)
        .order_by("at")
        .values_list("at", flat=True)
        .distinct()
    )
    return list(minutes)


def schedule_prompts(now: dt.datetime | None = None) -> str:
    """The hourly job: queue the coming hour's minutes, send what is due now, send due reminders."""
    from sampling.tasks import send_prompts

    now = now or timezone.now()
    queued = 0
    if send_prompts.get_backend().supports_defer:
        for minute in coming_minutes(now):
            send_prompts.using(run_after=minute).enqueue()
            queued += 1
    prompted = send_due_prompts(now)
    reminded = send_due_reminders(now)
    return f"{queued} minutes queued, {prompted} prompts and {reminded} reminders sent"
