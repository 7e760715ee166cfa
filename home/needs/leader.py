"""What needs a school leader (and a district admin, for what they asked or organize): reflections
shared with them, their reflection requests, their schools' overdue items, meetings to close and the
upcoming check-ins at their schools. Each function runs a fixed number of queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from actions.models import ActionItem
from actions.services import local_today
from checkins.models import Meeting, Series
from checkins.services.series import occurrences
from home.needs import LIMIT, Entry, Group
from home.needs.mine import MAX_SERIES, day_text, when_text
from people.access import led_school_ids
from people.models import StaffMember
from reflections.access import shared_with
from reflections.models import ReflectionRequest

UPCOMING = dt.timedelta(days=60)
TO_CLOSE = dt.timedelta(days=30)


def shared_with_me(member: StaffMember) -> Group:
    """Submitted reflections others shared with the person, the newest first (2 queries)."""
    shared = shared_with(member)
    rows = list(shared.select_related("author", "school")[:LIMIT])
    return Group(
        key="shared",
        title="Reflections shared with me",
        count=shared.count(),
        entries=[
            Entry(
                text=f"{r.author.name}{f' ({r.school.name})' if r.school else ''}",
                url=reverse("reflections:detail", kwargs={"pk": r.pk}),
                detail=("Unread — " if getattr(r, "unread", False) else "")
                + f"shared reflection of {day_text(r.date)}",
                urgent=getattr(r, "unread", False),  # annotated by shared_with
            )
            for r in rows
        ],
        see_all=reverse("reflections:shared_with_me"),
        empty="Nobody has shared a reflection with you yet. Ask your staff to reflect before a check-in.",
        empty_link=(reverse("reflections:request_new"), "Ask a group to reflect"),
    )


def my_requests(member: StaffMember) -> Group:
    """The person's reflection requests still running (due within the last 14 days or later), with responses."""
    today = local_today(member.district)
    mine = ReflectionRequest.objects.filter(
        district_id=member.district_id, requested_by=member, due_on__gte=today - dt.timedelta(days=14)
    )
    rows = list(
        mine.annotate(
            asked=Count("recipients"), answered=Count("recipients", filter=Q(recipients__reflection__isnull=False))
        ).order_by("due_on", "pk")[:LIMIT]
    )
    return Group(
        key="requests",
        title="My reflection requests",
        count=mine.count(),
        entries=[
            Entry(
                text=f"Due {r.due_on:%b} {r.due_on.day}",
                url=reverse("reflections:request_detail", kwargs={"pk": r.pk}),
                detail=f"{r.answered} of {r.asked} responded",
                urgent=r.due_on < today and r.answered < r.asked,
            )
            for r in rows
        ],
        see_all=reverse("reflections:request_list"),
        empty="You have no reflection request running.",
        empty_link=(reverse("reflections:request_new"), "Ask a group to reflect"),
    )


def schools_overdue(member: StaffMember) -> Group:
    """The overdue action items of the schools the person leads, the longest overdue first (2 queries)."""
    today = local_today(member.district)
    schools = led_school_ids(member)
    overdue = ActionItem.objects.filter(district_id=member.district_id, school_id__in=schools).overdue(today)
    rows = list(overdue.select_related("school", "owner").order_by("due_on", "pk")[:LIMIT])
    return Group(
        key="school_items",
        title="Overdue items of my schools",
        count=overdue.count(),
        entries=[
            Entry(
                text=item.description,
                url=reverse("actions:item_detail", kwargs={"pk": item.pk}),
                detail=f"{item.responsible or 'Nobody'}, due {item.due_on:%b} {item.due_on.day}"
                + (f" — {item.school.name}" if item.school else ""),
                urgent=True,
            )
            for item in rows
        ],
        see_all=reverse("actions:item_list") + "?overdue=on",
        empty="Nothing is overdue at your schools.",
    )


def _runs(member: StaffMember) -> Q:
    """Series the person runs: organized by them or at a school they lead."""
    return Q(organizer=member) | Q(school_id__in=led_school_ids(member))


def meetings_to_close(member: StaffMember, now: dt.datetime | None = None) -> Group:
    """Meetings of the last 30 days the person runs that are in progress or past and not closed (2 queries)."""
    now = now or timezone.now()
    series = Series.objects.filter(Q(district_id=member.district_id) & _runs(member))
    open_meetings = Meeting.objects.filter(series__in=series, starts_at__gte=now - TO_CLOSE).filter(
        Q(status=Meeting.Status.IN_PROGRESS) | Q(status=Meeting.Status.SCHEDULED, ends_at__lt=now)
    )
    rows = list(open_meetings.select_related("series").order_by("starts_at", "pk")[:LIMIT])
    return Group(
        key="to_close",
        title="Meetings to close",
        count=open_meetings.count(),
        entries=[
            Entry(
                text=m.series.title,
                url=reverse("checkins:meeting_detail", kwargs={"pk": m.pk}),
                detail=f"{when_text(m.starts_at, member.district.zone)} — {m.get_status_display().lower()}",
                urgent=True,
            )
            for m in rows
        ],
        see_all=reverse("checkins:series_list"),
        empty="Every meeting you ran is closed and its minutes sent.",
    )


def upcoming_at_my_schools(member: StaffMember, now: dt.datetime | None = None) -> Group:
    """The check-ins at the person's schools (or organized by them) in the next 60 days, soonest first."""
    now = now or timezone.now()
    future = Meeting.objects.filter(Q(starts_at__gte=now) | Q(recurrence_id__gte=now))
    series_list = list(
        Series.objects.filter(Q(district_id=member.district_id, status=Series.Status.ACTIVE) & _runs(member))
        .select_related("school")
        .prefetch_related(Prefetch("meetings", queryset=future, to_attr="future_meetings"))
        .order_by("pk")[:MAX_SERIES]
    )
    coming = []
    for series in series_list:
        series.district = member.district
        found = [
            o for o in occurrences(series, now, now + UPCOMING, meetings=series.future_meetings) if not o.is_cancelled
        ]
        if found:
            coming.append((found[0], series))
    coming.sort(key=lambda pair: pair[0].starts_at)
    return Group(
        key="upcoming",
        title="Upcoming check-ins at my schools",
        count=len(coming),
        entries=[
            Entry(
                text=series.title,
                url=reverse("checkins:series_detail", kwargs={"pk": series.pk}),
                detail=when_text(occurrence.starts_at, member.district.zone)
                + (f" — {series.school.name}" if series.school else ""),
            )
            for occurrence, series in coming[:LIMIT]
        ],
        see_all=reverse("checkins:series_list"),
        empty="No check-in at your schools in the next 60 days.",
        empty_link=(reverse("checkins:poll_new"), "Find a time for a check-in"),
    )


def for_leader(member: StaffMember) -> list[Group]:
    """A school leader's groups beyond their own work, in the page's order."""
    return [
        shared_with_me(member),
        my_requests(member),
        schools_overdue(member),
        meetings_to_close(member),
        upcoming_at_my_schools(member),
    ]
