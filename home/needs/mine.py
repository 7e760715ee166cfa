"""What needs a person themself: check-ins, polls, reflections asked of them, their action items.

Every persona's home starts with these groups (a school leader and a district admin have their own
work too). Each function runs a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from actions.models import ActionItem, Origin
from actions.services import local_today
from checkins.models import Meeting, Participant, PollInvitee, Series
from checkins.services.polls import vote_url
from checkins.services.series import occurrences
from home.needs import LIMIT, Entry, Group
from people.models import StaffMember
from reflections.models import RequestRecipient

HORIZON = dt.timedelta(days=60)
"""How far ahead "my next check-ins" looks."""

SOON_DAYS = 7
"""Action items due within this many days count as due soon."""

MAX_SERIES = 50
"""A person takes part in a handful of series; at most this many are read to find the next meetings."""


def when_text(moment: dt.datetime, zone) -> str:
    local = moment.astimezone(zone)
    return f"{local:%a, %b} {local.day}, {local:%I:%M %p}".replace(" 0", " ")


def day_text(day: dt.date) -> str:
    """A date as the home page says it: "Dec 5"."""
    return f"{day:%b} {day.day}"


def _asker(person: StaffMember | None) -> str:
    return person.name if person else "your district"


def next_checkins(member: StaffMember, now: dt.datetime | None = None) -> Group:
    """The person's next check-ins within 60 days, soonest first, each with their attendance answer (3 queries)."""
    now = now or timezone.now()
    future = Meeting.objects.filter(Q(starts_at__gte=now) | Q(recurrence_id__gte=now))
    taking_part = list(
        Participant.objects.filter(staff=member, series__status=Series.Status.ACTIVE)
        .select_related("series")
        .prefetch_related(Prefetch("series__meetings", queryset=future, to_attr="future_meetings"))
        .order_by("series_id")[:MAX_SERIES]
    )
    coming = []
    for participant in taking_part:
        series = participant.series
        series.district = member.district
        loaded = series.future_meetings  # type: ignore[attr-defined]  # the prefetch above
        found = [o for o in occurrences(series, now, now + HORIZON, meetings=loaded) if not o.is_cancelled]
        if found:
            coming.append((found[0], participant))
    coming.sort(key=lambda pair: pair[0].starts_at)
    entries = [
        Entry(
            text=participant.series.title,
            url=reverse("checkins:series_detail", kwargs={"pk": participant.series_id}),
            detail=when_text(occurrence.starts_at, member.district.zone)
            + (f", {occurrence.location}" if occurrence.location else ""),
            urgent=not participant.response,
            extra={"participant": participant},
        )
        for occurrence, participant in coming[:LIMIT]
    ]
    return Group(
        key="checkins",
        title="My next check-ins",
        count=len(coming),
        entries=entries,
        see_all=reverse("checkins:series_list") + "?scope=mine",
        empty="No check-in in the next 60 days. When you are invited to one, it appears here.",
    )


def polls_waiting(member: StaffMember, now: dt.datetime | None = None) -> Group:
    """Open polls the person has not answered yet, the nearest deadline first (2 queries)."""
    now = now or timezone.now()
    waiting = PollInvitee.objects.filter(
        staff=member, answered_at__isnull=True, poll__status="open", poll__deadline__gt=now
    )
    rows = list(waiting.select_related("poll").order_by("poll__deadline", "pk")[:LIMIT])
    return Group(
        key="polls",
        title="Polls waiting for my answer",
        count=waiting.count(),
        entries=[
            Entry(
                text=invitee.poll.title,
                url=vote_url(invitee),
                detail="Answer by " + when_text(invitee.poll.deadline, member.district.zone),
                urgent=invitee.poll.deadline - now < dt.timedelta(days=2),
            )
            for invitee in rows
        ],
        empty="No poll is waiting for you.",
    )


def reflections_asked(member: StaffMember) -> Group:
    """Reflections asked of the person and not submitted yet, the earliest due date first (2 queries)."""
    today = local_today(member.district)
    asked = RequestRecipient.objects.filter(staff=member, reflection__isnull=True, request__district=member.district)
    rows = list(asked.select_related("request__requested_by").order_by("request__due_on", "pk")[:LIMIT])
    return Group(
        key="reflections",
        title="Reflections asked of me",
        count=asked.count(),
        entries=[
            Entry(
                text=f"Reflection asked by {_asker(r.request.requested_by)}",
                url=reverse("reflections:reflection_new") + f"?request={r.request_id}",
                detail=f"{'Was due' if r.request.due_on < today else 'Due'} {day_text(r.request.due_on)}",
                urgent=r.request.due_on <= today + dt.timedelta(days=2),
            )
            for r in rows
        ],
        see_all=reverse("reflections:my_reflections"),
        empty="Nobody is waiting for a reflection from you. You can write one any time.",
        empty_link=(reverse("reflections:reflection_new"), "Write a reflection"),
    )


def _items_group(member: StaffMember, *, shift_plan_steps: bool) -> Group:
    """The person's open items (or shift-plan steps) overdue or due within 7 days, earliest first (2 queries)."""
    today = local_today(member.district)
    mine = ActionItem.objects.filter(owner=member, district_id=member.district_id).open()
    due = mine.filter(due_on__lte=today + dt.timedelta(days=SOON_DAYS))
    due = due.filter(origin=Origin.SHIFT_PLAN) if shift_plan_steps else due.exclude(origin=Origin.SHIFT_PLAN)
    rows = list(due.order_by("due_on", "pk")[:LIMIT])
    if shift_plan_steps:
        title, empty = "Shift-plan steps assigned to me", "No shift-plan step of yours is due this week."
    else:
        title, empty = "My action items overdue or due this week", "Nothing of yours is overdue or due this week."
    return Group(
        key="steps" if shift_plan_steps else "items",
        title=title,
        count=due.count(),
        entries=[
            Entry(
                text=item.description,
                url=reverse("actions:item_detail", kwargs={"pk": item.pk}),
                detail=f"{'Overdue since' if item.due_on < today else 'Due'} {item.due_on:%b} {item.due_on.day}",
                urgent=item.due_on < today,
            )
            for item in rows
        ],
        see_all=reverse("actions:my_items"),
        empty=empty,
    )


def my_items(member: StaffMember) -> Group:
    """The person's action items overdue or due within 7 days (shift-plan steps apart)."""
    return _items_group(member, shift_plan_steps=False)


def my_shift_plan_steps(member: StaffMember) -> Group:
    """The steps of shift plans the person owns, overdue or due within 7 days."""
    return _items_group(member, shift_plan_steps=True)


def for_everyone(member: StaffMember) -> list[Group]:
    """The groups every person's home starts with, in the page's order."""
    return [
        next_checkins(member),
        polls_waiting(member),
        reflections_asked(member),
        my_items(member),
        my_shift_plan_steps(member),
    ]
