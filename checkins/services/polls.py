"""Availability polls ("find a time"): every write and state change of a poll.

The organizer proposes times; each invitee answers through a personal link
(an unguessable token, no login) while the poll is open: status open and the
deadline not passed. One reminder may be sent by hand to those who have not
answered, and one goes out by itself about 48 hours before the deadline (the
hourly job below). Picking a time closes the poll and creates the series.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from checkins.models import Poll, PollAnswer, PollInvitee, PollOption, Series
from checkins.services import history
from core import stale
from people.access import LINKS_ENDED, led_school_ids
from people.models import Access, District, School, StaffMember
from people.school_calendar import calendar_of

DEFAULT_MESSAGE = (
    "I'd like to find a recurring time that works for the entire team. "
    "Please complete the following survey to indicate your availability."
)
AUTO_REMINDER_BEFORE = dt.timedelta(hours=48)
MAX_OPTIONS = 20


class PollClosed(Exception):
    """The poll no longer takes answers (closed, or its deadline has passed)."""


# --- Access -----------------------------------------------------------------


def visible_polls(member: StaffMember) -> QuerySet[Poll]:
    """Polls a member may follow: an admin all of the district's; a leader theirs and their schools'."""
    polls = Poll.objects.filter(district_id=member.district_id)
    if member.has_access(Access.ADMIN):
        return polls
    if member.has_access(Access.LEADER):
        return polls.filter(Q(organizer=member) | Q(school_id__in=led_school_ids(member)))
    return polls.none()


def poll_for(member: StaffMember, pk: int | str) -> Poll:
    """The poll ``pk`` of the member's district if they may follow it; 404 for another district, else 403."""
    try:
        poll = Poll.objects.select_related("school", "organizer", "chosen_option", "series").get(
            district_id=member.district_id, pk=pk
        )
    except (Poll.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Not found.") from exc
    if not visible_polls(member).filter(pk=poll.pk).exists():
        raise PermissionDenied("Only the organizer, the school's leaders and district admins follow this poll.")
    return poll


def invitee_for_token(token: str) -> PollInvitee:
    """The invitee of a personal link; an altered or unknown token is a 404."""
    try:
        return PollInvitee.objects.select_related("poll__district", "staff__user").get(token=token)
    except PollInvitee.DoesNotExist as exc:
        raise Http404("This link is not valid.") from exc


# --- State ------------------------------------------------------------------


def is_open(poll: Poll, now: dt.datetime | None = None) -> bool:
    """A poll takes answers while its status is open and its deadline has not passed."""
    return poll.status == Poll.Status.OPEN and (now or timezone.now()) < poll.deadline


def vote_url(invitee: PollInvitee) -> str:
    """The invitee's personal link, absolute, for emails."""
    return settings.SITE_URL + reverse("checkins:poll_vote", kwargs={"token": invitee.token})


def local(moment: dt.datetime, district: District) -> dt.datetime:
    return moment.astimezone(district.zone)


def check_times(starts: Sequence[dt.datetime], now: dt.datetime) -> None:
    """At least one time, none in the past, no two the same; raises ValidationError naming the problem."""
    if not starts:
        raise ValidationError("Propose at least one time.", code="no_times")
    if len(starts) > MAX_OPTIONS:
        raise ValidationError(f"Propose at most {MAX_OPTIONS} times.", code="too_many")
    if any(start <= now for start in starts):
        raise ValidationError("Proposed times must be in the future.", code="past")
    if len(set(starts)) != len(starts):
        raise ValidationError("The same time is proposed twice.", code="duplicate")


def times_in_breaks(district: District, starts: Sequence[dt.datetime]) -> dict[dt.datetime, str]:
    """Proposed times on a day without school (a closure, the summer break) → the break, to warn about."""
    calendar = calendar_of(district)
    found = {start: calendar.break_on(local(start, district).date()) for start in starts}
    return {start: reason for start, reason in sorted(found.items()) if reason}


def check_invitees(district: District, invitees: Sequence[StaffMember]) -> None:
    """Invitees are staff of the district, each with an email address for their personal link."""
    if not invitees:
        raise ValidationError("Invite at least one person.", code="no_invitees")
    if any(person.district_id != district.pk for person in invitees):
        raise ValidationError("Invitees must be staff of this district.", code="other_district")
    without = sorted(person.name for person in invitees if not person.email.strip())
    if without:
        raise ValidationError(
            "These people have no email address, so they cannot get their link: %(names)s. "
            "Add their address on their staff page, or leave them out.",
            code="no_email",
            params={"names": ", ".join(without)},
        )


@transaction.atomic
def create_poll(
    district: District,
    *,
    title: str,
    organizer: StaffMember,
    invitees: Sequence[StaffMember],
    starts: Sequence[dt.datetime],
    deadline: dt.datetime,
    duration_minutes: int = 60,
    message: str = DEFAULT_MESSAGE,
    school: School | None = None,
    notify: bool = True,
) -> Poll:
    """Create a poll with its proposed times and invitees and email each invitee their personal link.

    ``starts`` and ``deadline`` are aware datetimes. Bad input (no times, a time
    in the past or twice, a deadline passed, an invitee without an email
    address) raises ValidationError before anything is written, and the emails
    go through the outbox in the same transaction, so it is all or nothing.
    """
    now = timezone.now()
    check_times(starts, now)
    check_invitees(district, invitees)
    if deadline <= now:
        raise ValidationError("The deadline must be in the future.", code="deadline_past")
    if deadline > min(starts):
        raise ValidationError("Answers must be due before the first proposed time.", code="deadline_late")
    if school is not None and school.district_id != district.pk:
        raise ValidationError("The school must be of this district.", code="other_district")
    poll = Poll(
        district=district,
        school=school,
        title=title.strip(),
        organizer=organizer,
        message=message.strip(),
        duration_minutes=duration_minutes,
        deadline=deadline,
    )
    poll.full_clean()
    poll.save()
    PollOption.objects.bulk_create(PollOption(district=district, poll=poll, starts_at=s) for s in sorted(starts))
    people = PollInvitee.objects.bulk_create(
        PollInvitee(district=district, poll=poll, staff=person) for person in _unique(invitees)
    )
    if notify:
        email_invitees(poll, people, template="invitation")
    return poll


def _unique(people: Iterable[StaffMember]) -> list[StaffMember]:
    return list({person.pk: person for person in people}.values())


def email_invitees(poll: Poll, invitees: Sequence[PollInvitee], *, template: str) -> int:
    """Queue one email per invitee with their personal link (``invitation`` or ``reminder``)."""
    district = poll.district
    options = list(poll.options.all())
    messages = []
    for invitee in invitees:
        context = {
            "poll": poll,
            "invitee": invitee,
            "district": district,
            "url": vote_url(invitee),
            "deadline": local(poll.deadline, district),
            "times": [local(option.starts_at, district) for option in options],
        }
        subject = (
            f"When can you meet? {poll.title}"
            if template == "invitation"
            else f"Reminder: when can you meet? {poll.title}"
        )
        body = render_to_string(f"checkins/polls/email/{template}.txt", context)
        messages.append((subject, body, None, [invitee.staff.email]))
    return send_mass_mail(messages) if messages else 0


def record_answers(invitee: PollInvitee, answers: Mapping[int, str], *, now: dt.datetime | None = None) -> PollInvitee:
    """Replace the invitee's answers with ``answers`` (option id → yes / maybe / no) and note when.

    Every proposed time needs an answer. Raises PollClosed after the deadline
    or once the poll is closed, ValidationError on a missing or unknown answer.
    """
    now = now or timezone.now()
    poll = invitee.poll
    if not is_open(poll, now):
        raise PollClosed
    option_ids = set(poll.options.values_list("pk", flat=True))
    if set(answers) != option_ids:
        raise ValidationError("Answer every proposed time.", code="incomplete")
    if any(answer not in PollAnswer.Answer.values for answer in answers.values()):
        raise ValidationError("Answer yes, if need be, or no.", code="invalid")
    with transaction.atomic():
        PollAnswer.objects.filter(invitee=invitee).delete()
        PollAnswer.objects.bulk_create(
            PollAnswer(district_id=poll.district_id, invitee=invitee, option_id=pk, answer=answer)
            for pk, answer in answers.items()
        )
        invitee.answered_at = now
        invitee.save(update_fields=["answered_at"])
    return invitee


def answers_of(invitee: PollInvitee) -> dict[int, str]:
    """The invitee's current answers, option id → answer."""
    return dict(invitee.answers.values_list("option_id", "answer"))


def not_answered(poll: Poll) -> QuerySet[PollInvitee]:
    """Invitees yet to answer whose link still works (nobody is reminded with a link that has ended)."""
    return (
        poll.invitees.filter(answered_at__isnull=True)
        .exclude(staff__in=StaffMember.objects.filter(LINKS_ENDED))
        .select_related("staff")
        .order_by("staff__name")
    )


def send_reminder(poll: Poll, *, by: StaffMember, now: dt.datetime | None = None) -> int:
    """Send the one manual reminder to the invitees who have not answered; returns how many were emailed.

    Claimed with a conditional UPDATE of ``reminder_sent_at``, so a double
    click sends one reminder. Raises ValidationError when it was already sent
    or the poll is closed.
    """
    now = now or timezone.now()
    if not is_open(poll, now):
        raise ValidationError("This poll is closed; there is nobody left to remind.", code="closed")
    with transaction.atomic():
        claimed = Poll.objects.filter(pk=poll.pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now)
        if not claimed:
            raise ValidationError("The reminder was already sent.", code="already_sent")
        poll.reminder_sent_at = now
        sent = email_invitees(poll, list(not_answered(poll)), template="reminder")
        history.record(f"Sent the reminder to {sent} invitee(s) who had not answered.", by=by, poll=poll)
        return sent


def send_automatic_reminders(now: dt.datetime | None = None) -> int:
    """The hourly job: remind non-responders of open polls whose deadline is within 48 hours, once per poll.

    A poll due at 17:00 on Friday gets its reminder at the first tick from
    17:00 on Wednesday on. Returns how many polls were reminded.
    """
    now = now or timezone.now()
    due = Poll.objects.filter(
        status=Poll.Status.OPEN,
        auto_reminder_sent_at__isnull=True,
        deadline__gt=now,
        deadline__lte=now + AUTO_REMINDER_BEFORE,
    ).select_related("district", "organizer")
    reminded = 0
    for poll in due:
        with transaction.atomic():
            if Poll.objects.filter(pk=poll.pk, auto_reminder_sent_at__isnull=True).update(auto_reminder_sent_at=now):
                email_invitees(poll, list(not_answered(poll)), template="reminder")
                reminded += 1
    return reminded


def close_expired_polls(now: dt.datetime | None = None) -> int:
    """The hourly job: close the open polls whose deadline has passed; returns how many."""
    return Poll.objects.filter(status=Poll.Status.OPEN, deadline__lte=now or timezone.now()).update(
        status=Poll.Status.CLOSED
    )


@transaction.atomic
def update_poll(
    poll: Poll,
    *,
    by: StaffMember,
    title: str,
    message: str,
    duration_minutes: int,
    deadline: dt.datetime,
    seen: stale.Seen | None = None,
) -> Poll:
    """Change an open poll's title, message, length or deadline (e.g. give people more time).

    ``seen``: what the editor's page showed; an edit of a poll someone changed since is refused
    with ``core.stale.StaleEdit`` (what changed). A closed poll, a deadline passed or after the first
    proposed time are refused with a ValidationError keyed by field.
    """
    current = Poll.objects.select_for_update().get(pk=poll.pk)
    stale.check(seen, current)
    if current.status != Poll.Status.OPEN:
        raise ValidationError("This poll is closed; it can no longer be changed.")
    if deadline <= timezone.now():
        raise ValidationError({"deadline_date": "The deadline must be in the future."})
    first = current.options.order_by("starts_at").values_list("starts_at", flat=True).first()
    if first is not None and deadline > first:
        raise ValidationError({"deadline_date": "Answers must be due before the first proposed time."})
    before = stale.Seen.of(current, ["title", "message", "duration_minutes", "deadline"])
    current.title, current.message = title.strip(), message.strip()
    current.duration_minutes, current.deadline = duration_minutes, deadline
    current.full_clean()
    current.save(update_fields=["title", "message", "duration_minutes", "deadline"])
    changed = before.changes_to(stale.Seen.of(current, ["title", "message", "duration_minutes", "deadline"]))
    if changed:
        history.record(
            "Changed " + "; ".join(f"{c.label}: {c.old} → {c.new}" for c in changed) + ".", by=by, poll=current
        )
    return current


def close_poll(poll: Poll, *, by: StaffMember) -> Poll:
    """Close the poll without picking a time: the links stop taking answers."""
    with transaction.atomic():
        Poll.objects.filter(pk=poll.pk).update(status=Poll.Status.CLOSED)
        history.record("Closed the poll without picking a time.", by=by, poll=poll)
    poll.status = Poll.Status.CLOSED
    return poll


def pick_time(
    poll: Poll,
    option: PollOption,
    *,
    by: StaffMember,
    rrule: str,
    title: str = "",
    location: str = "",
    video_link: str = "",
) -> Series:
    """Settle the poll on ``option``: create the series with the invitees, send the invitations, close the poll.

    All in one transaction, claimed with a conditional UPDATE so a time is
    picked once. Works after the deadline too (that is when organizers pick).
    Raises ValidationError from ``create_series`` (a time now past, a rule that
    yields no dates) or when a time was already picked; nothing is written then.
    """
    from checkins.services.series import create_series, send_invitations

    if option.poll_id != poll.pk:
        raise ValidationError("This time is not one of the poll's.", code="other_poll")
    district = poll.district
    participants = [invitee.staff for invitee in poll.invitees.select_related("staff").order_by("staff__name")]
    with transaction.atomic():
        claimed = Poll.objects.filter(pk=poll.pk, chosen_option__isnull=True, series__isnull=True).update(
            chosen_option=option, status=Poll.Status.CLOSED
        )
        if not claimed:
            raise ValidationError("A time was already picked for this poll.", code="already_picked")
        series = create_series(
            district,
            title=title.strip() or poll.title,
            organizer=poll.organizer,
            participants=participants,
            start_local=local(option.starts_at, district).replace(tzinfo=None),
            rrule=rrule,
            duration_minutes=poll.duration_minutes,
            location=location,
            video_link=video_link,
            school=poll.school,
            by=by,
        )
        send_invitations(series, by=by)
        Poll.objects.filter(pk=poll.pk).update(series=series)
        when = local(option.starts_at, district)
        history.record(
            f"Picked {when:%A, %B %-d, %Y at %-I:%M %p} and created the series “{series.title}”.", by=by, poll=poll
        )
    poll.chosen_option, poll.series, poll.status = option, series, Poll.Status.CLOSED
    return series
