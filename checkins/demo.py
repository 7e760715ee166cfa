"""Demo check-ins for each demo district (registered in ``people.demo.DEMO_BUILDERS`` by ``checkins.apps``).

:func:`build_demo_checkins` builds the series first, then runs the builders
of the app's other parts (:data:`AFTER_SERIES`: polls, past meetings…), each
in its own section below, with the series it may build on.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from checkins import recurrence
from checkins.models import Participant, Series
from checkins.services.series import create_series, stored_local
from people.demo import COUNSELOR, DIRECTOR, PRINCIPAL, PSYCHOLOGIST, SOCIAL_WORKER
from people.models import Assignment, District, Leadership, StaffMember


@dataclass
class DemoSeries:
    """The series the personas take part in (None in a district without those personas)."""

    school: Series | None = None  # monthly, at the principal persona's school, started a year ago
    district: Series | None = None  # quarterly, organized by the director, started nine months ago


AfterSeries = Callable[[District, random.Random, DemoSeries], None]
AFTER_SERIES: list[AfterSeries] = []
"""Builders of the app's other parts, run after the series, in order (see the sections below)."""


def build_demo_checkins(district: District, rng: random.Random) -> None:
    made = build_demo_series(district, rng)
    for builder in AFTER_SERIES:
        builder(district, rng, made)


# --- series ---

TIMES = (dt.time(7, 30), dt.time(14, 0), dt.time(15, 30), dt.time(15, 45))
SCHOOL_MONTHS = "1,2,3,4,5,6,9,10,11,12"  # the demo district sets no school year: the summer is skipped


def nth_weekday(year: int, month: int, ordinal: int, weekday: int) -> dt.date:
    """The ``ordinal``-th ``weekday`` (0 = Monday) of a month; ordinals 1 to 4."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (ordinal - 1))


def months_ago(today: dt.date, months: int) -> tuple[int, int]:
    """The month ``months`` before ``today``'s; June instead of July or August (series skip the summer)."""
    year, month = divmod(today.month - 1 - months, 12)
    return today.year + year, 6 if month + 1 in (7, 8) else month + 1


def build_demo_series(district: District, rng: random.Random) -> DemoSeries:
    """The personas' two series (Lakeview), then one series per other school with a leader."""
    today = timezone.localtime(timezone.now(), district.zone).date()
    made = DemoSeries()
    people = {s.email: s for s in StaffMember.objects.filter(district=district, email__in=_PERSONAS)}
    principal = people.get(PRINCIPAL)
    home = Leadership.objects.filter(staff=principal).select_related("school").first() if principal else None
    mental_health = [people[e] for e in (COUNSELOR, PSYCHOLOGIST, SOCIAL_WORKER) if e in people]
    if principal and home and mental_health:
        year, month = months_ago(today, 12)
        made.school = _past_series(
            district,
            title=f"{home.school.name} mental health check-in",
            organizer=principal,
            participants=[principal, *mental_health],
            start_local=dt.datetime.combine(nth_weekday(year, month, 2, 1), dt.time(15, 30)),
            school=home.school,
            location="Counseling office, room 104",
            answers=["yes", "yes", "maybe", ""],
        )
    director = people.get(DIRECTOR)
    if director and mental_health:
        year, month = months_ago(today, 9)
        made.district = _past_series(
            district,
            title="District mental health staff check-in",
            organizer=director,
            participants=[director, *mental_health],
            start_local=dt.datetime.combine(nth_weekday(year, month, 2, 3), dt.time(10, 0)),
            quarterly=True,
            video_link="https://meet.example.org/lakeview-student-services",
            answers=["yes", "maybe", "yes", "no"],
        )
    _school_series(district, rng, today, skip={home.school_id} if home else set())
    return made


_PERSONAS = (DIRECTOR, PRINCIPAL, COUNSELOR, PSYCHOLOGIST, SOCIAL_WORKER)


def _past_series(
    district: District, *, start_local: dt.datetime, answers: list[str], quarterly: bool = False, **fields
) -> Series:
    rule = recurrence.monthly_rule(start_local.date(), interval=3 if quarterly else 1)
    series = create_series(district, start_local=start_local, rrule=rule, by=None, allow_past=True, **fields)
    # The invitations went out two weeks before the first meeting (no email is sent for the demo).
    first_utc = start_local.replace(tzinfo=district.zone)
    Series.objects.filter(pk=series.pk).update(invitations_sent_at=first_utc - dt.timedelta(days=14))
    for participant, answer in zip(series.participants.order_by("pk"), answers, strict=False):
        participant.response = answer
        participant.save(update_fields=["response"])
    series.refresh_from_db()
    return series


def _school_series(district: District, rng: random.Random, today: dt.date, skip: set[int]) -> int:
    """One series per school with a leader: the leader and the school's mental health staff (bulk, for scale)."""
    led = Leadership.objects.filter(district=district).exclude(school_id__in=skip).order_by("school_id", "-pk")
    leaders = dict(led.values_list("school_id", "staff_id"))
    staff_of: dict[int, list[int]] = defaultdict(list)
    for school_id, staff_id in Assignment.objects.filter(
        district=district, school_id__in=leaders, staff__role__is_mental_health=True
    ).values_list("school_id", "staff_id"):
        staff_of[school_id].append(staff_id)
    names = dict(district.schools.filter(pk__in=leaders).values_list("pk", "name"))
    rows: list[Series] = []
    for school_id in sorted(leaders):
        year, month = months_ago(today, rng.randint(-1, 6))
        start = dt.datetime.combine(nth_weekday(year, month, rng.randint(1, 4), rng.randint(0, 3)), rng.choice(TIMES))
        rows.append(
            Series(
                district=district,
                school_id=school_id,
                title=f"{names[school_id]} check-in",
                organizer_id=leaders[school_id],
                start_local=stored_local(start),
                rrule=recurrence.monthly_rule(start.date(), interval=rng.choice((1, 1, 3))),
                location="Main office conference room",
                school_months=SCHOOL_MONTHS,
                uid=f"series-{uuid.UUID(int=rng.getrandbits(128), version=4)}@topoflicense",
            )
        )
    created = Series.objects.bulk_create(rows, batch_size=500)
    Participant.objects.bulk_create(
        (
            Participant(district=district, series_id=series.pk, staff_id=staff_id)
            for series in created
            for staff_id in _people_of(series, leaders, staff_of)
        ),
        batch_size=2000,
    )
    return len(created)


def _people_of(series: Series, leaders: dict[int, int], staff_of: dict[int, list[int]]) -> list[int]:
    school_id = series.school_id or 0
    return list(dict.fromkeys([leaders[school_id], *staff_of[school_id]]))


# --- polls ---

POLL_INVITEES = 30
POLL_TIMES = 10
POLL_ANSWERS = {"yes": 5, "maybe": 2, "no": 3}  # how often each answer is drawn


def build_demo_poll(district: District, rng: random.Random, made: DemoSeries) -> None:
    """An open "find a time" poll: 30 invitees, 10 times over the coming weeks, two-thirds of them answered.

    The principal persona organizes it for their school (elsewhere: the district's first school leader);
    the invitees are that school's staff, then the district's mental health staff. Built through the
    poll services, without emailing anyone.
    """
    from checkins.services.polls import create_poll, record_answers

    leaders = Leadership.objects.filter(district=district).select_related("staff", "school")
    leadership = leaders.filter(staff__email=PRINCIPAL).first() or leaders.order_by("pk").first()
    if leadership is None:
        return
    organizer, school = leadership.staff, leadership.school
    staff = StaffMember.objects.filter(district=district).exclude(pk=organizer.pk).exclude(email="")
    invitees = list(staff.filter(assignments__school=school).distinct().order_by("pk")[:POLL_INVITEES])
    others = staff.mental_health().exclude(pk__in=[p.pk for p in invitees]).order_by("pk")
    invitees += list(others[: POLL_INVITEES - len(invitees)])
    if not invitees:
        return
    today = timezone.now().astimezone(district.zone).date()
    starts = [
        dt.datetime.combine(today + dt.timedelta(days=d), dt.time(rng.choice((8, 14, 15)), 30), tzinfo=district.zone)
        for d in sorted(rng.sample(range(14, 42), POLL_TIMES))
    ]
    poll = create_poll(
        district,
        title=f"Find a time: {school.name} mental health check-in",
        organizer=organizer,
        invitees=invitees,
        starts=starts,
        deadline=dt.datetime.combine(today + dt.timedelta(days=10), dt.time(17), tzinfo=district.zone),
        school=school,
        notify=False,
    )
    options = list(poll.options.all())
    answers, weights = list(POLL_ANSWERS), list(POLL_ANSWERS.values())
    for invitee in list(poll.invitees.order_by("pk"))[: len(invitees) * 2 // 3]:
        record_answers(invitee, {option.pk: rng.choices(answers, weights=weights)[0] for option in options})


AFTER_SERIES.append(build_demo_poll)

# --- meetings ---

# The two latest past meetings of each persona series, run and closed: attendance, the barriers raised,
# the action items set (the earlier meeting's mostly done, the latest's still open, so the next
# meeting has items to review). Written as the meeting services write them; no minutes are emailed.

DEMO_BARRIERS = (
    ("space", "No private room to meet students on Tuesdays and Thursdays; sessions move to the hallway."),
    ("duties", "Lunch and bus duty take about five hours a week from each counselor."),
    ("paperwork", "Attendance letters and 504 scheduling are typed by hand into two systems."),
    ("role_clarity", "Teachers send discipline referrals to the counselors instead of the assistant principal."),
    ("training", "New staff have not had the suicide risk screening training yet."),
)
DEMO_PLANS = (
    "Reserve the library annex for small-group sessions twice a week",
    "Move bus duty to the new paraprofessional rotation",
    "Ask the front office to send the attendance letters",
    "Send teachers a one-page guide to who handles which referral",
    "Schedule the screening training before the next check-in",
)


def build_demo_meetings(district: District, rng: random.Random, made: DemoSeries) -> None:
    for series in (made.school, made.district):
        if series is not None:
            _closed_meetings(district, rng, series)


def _closed_meetings(district: District, rng: random.Random, series: Series) -> None:
    from actions.models import Status
    from actions.services import change_status
    from checkins.agenda import agenda_for
    from checkins.models import Meeting
    from checkins.services import meetings as run
    from checkins.services.series import get_or_create_meeting, occurrences

    now = timezone.now()
    past = [o for o in occurrences(series, now - dt.timedelta(days=400), now) if o.status == "scheduled"][-2:]
    people = run.participants(series)
    runner = series.organizer
    sections = agenda_for(series)
    for number, occurrence in enumerate(past):
        meeting = get_or_create_meeting(series, occurrence.recurrence_id)
        Meeting.objects.filter(pk=meeting.pk).update(
            status=Meeting.Status.IN_PROGRESS, started_at=meeting.starts_at + dt.timedelta(minutes=2)
        )
        meeting.refresh_from_db()
        present = {p.pk for p in people if p == runner or rng.random() < 0.85}
        run.record_attendance(meeting, present=present, by=runner)
        for kind, text in rng.sample(DEMO_BARRIERS, 2):
            raiser = rng.choice([p for p in people if p.pk in present])
            day = run.local_start(meeting).date()
            barrier = run.record_barrier(meeting, kind=kind, description=text, raised_by=raiser, by=runner, on=day)
            plan = DEMO_PLANS[[b[1] for b in DEMO_BARRIERS].index(text)]
            owner = rng.choice(people)
            item = run.add_plan_item(
                meeting,
                description=plan,
                by=runner,
                owner=owner,
                due_on=day + dt.timedelta(days=rng.choice((14, 21, 28))),
                barrier=barrier,
                notify=False,
                on=day,
            )
            if number == 0:  # the earlier meeting's items have moved along since
                change_status(item, to=rng.choice((Status.COMPLETED, Status.COMPLETED, Status.IN_PROGRESS)), by=owner)
        minutes = [section.minutes for section in sections]
        Meeting.objects.filter(pk=meeting.pk).update(
            status=Meeting.Status.CLOSED,
            closed_at=meeting.starts_at + dt.timedelta(minutes=sum(minutes) + 3),
            minutes_sent_at=meeting.starts_at + dt.timedelta(minutes=sum(minutes) + 3),
            section_seconds={
                str(s.pk): m * 60 + rng.randint(-180, 240) for s, m in zip(sections, minutes, strict=True)
            },
        )


AFTER_SERIES.append(build_demo_meetings)
