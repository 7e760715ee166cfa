"""Clashes: a participant in two check-ins at the same time, found before a series or a meeting is saved.

Staff shared between schools are common, so a new or changed series, or a moved meeting, is
compared with the other active series of its participants over the next year
(``checkins.schedule.overlaps``). Nothing is refused: the pages warn, naming the person and the
other check-in, and save once the person confirms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone

from checkins import recurrence, schedule
from checkins.models import Meeting, Participant, Series
from checkins.services import school_breaks
from checkins.services.invitations import local_text
from checkins.services.series import occurrences, stored_local
from people.models import District, StaffMember

AHEAD = dt.timedelta(days=366)


@dataclass(frozen=True)
class Clash:
    """``person`` would be in ``other`` at the time of one of the meetings checked."""

    person: StaffMember
    other: Series
    starts_at: dt.datetime

    def __str__(self) -> str:
        when = local_text(self.starts_at, self.other.district)
        return f"{self.person.name} is also in “{self.other.title}” at the time of the meeting of {when}."


def clashes(
    district_id: int,
    meetings: Sequence[tuple[dt.datetime, dt.datetime]],
    people: Sequence[StaffMember],
    *,
    besides: Series | None = None,
) -> list[Clash]:
    """The clashes of ``meetings`` (start, end, UTC) for ``people`` with their other active series.

    ``besides`` is the series being changed (not compared with itself). Two queries plus one per
    other series' participants, whatever the number of meetings.
    """
    if not meetings or not people:
        return []
    start, end = min(s for s, _ in meetings), max(e for _, e in meetings)
    ids = [person.pk for person in people]
    window = Meeting.objects.filter(Q(starts_at__range=(start - AHEAD, end)) | Q(recurrence_id__range=(start, end)))
    others = (
        Series.objects.filter(district_id=district_id, status=Series.Status.ACTIVE)
        .filter(Q(pk__in=Participant.objects.filter(staff_id__in=ids).values("series_id")) | Q(organizer_id__in=ids))
        .exclude(pk__in=[besides.pk] if besides and besides.pk else [])
        .select_related("district")
        .prefetch_related(
            Prefetch("meetings", queryset=window, to_attr="window"),
            Prefetch("participants", queryset=Participant.objects.only("series_id", "staff_id"), to_attr="people"),
        )
        .order_by("title", "pk")
    )
    by_id = {person.pk: person for person in people}
    found: list[Clash] = []
    for other in others:
        shared = [by_id[p.staff_id] for p in other.people if p.staff_id in by_id]  # type: ignore[attr-defined]
        if other.organizer_id in by_id and by_id[other.organizer_id] not in shared:
            shared.append(by_id[other.organizer_id])
        theirs = [
            (o.starts_at, o.ends_at)
            for o in occurrences(other, start, end, meetings=other.window)
            if not o.is_cancelled
        ]  # type: ignore[attr-defined]
        for meeting_start, _ in schedule.overlaps(meetings, theirs):
            found += [Clash(person, other, meeting_start) for person in sorted(shared, key=lambda p: p.name)]
    return sorted(found, key=lambda clash: (clash.starts_at, clash.person.name))


def clashes_of_series(
    series: Series, people: Sequence[StaffMember], *, rows: Sequence[Meeting] = (), besides: Series | None = None
) -> list[Clash]:
    """The clashes of a series' meetings over the next year (``series`` may be an unsaved copy; ``rows``: its rows)."""
    now = timezone.now()
    found = occurrences(series, now, now + AHEAD, meetings=rows)
    return clashes(
        series.district_id, [(o.starts_at, o.ends_at) for o in found if not o.is_cancelled], people, besides=besides
    )


def clashes_of_new_series(
    district: District,
    *,
    participants: Sequence[StaffMember],
    start_local: dt.datetime,
    rrule: str,
    until: dt.date | None = None,
    duration_minutes: int = 60,
    skip_breaks: bool = True,
    **_: object,
) -> list[Clash]:
    """The clashes a series about to be created would make (none when its rule is not usable yet)."""
    try:
        rule = recurrence.validate_rule(rrule, start_local)
    except recurrence.RuleError:
        return []  # create_series says what is wrong with it
    draft = Series(
        district=district,
        start_local=stored_local(start_local),
        rrule=rule,
        until=until,
        duration_minutes=duration_minutes,
        school_months=school_breaks.school_months(school_breaks.calendar_of(district), skip_breaks),
    )
    return clashes_of_series(draft, participants)


def clashes_of_move(series: Series, starts_at: dt.datetime) -> list[Clash]:
    """The clashes of one meeting of ``series`` moved to ``starts_at`` (UTC), for its participants."""
    people = [p.staff for p in series.participants.select_related("staff")]
    meeting = (starts_at, starts_at + dt.timedelta(minutes=series.duration_minutes))
    return clashes(series.district_id, [meeting], people, besides=series)
