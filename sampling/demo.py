"""Demo studies: last term's finished study (about 88% answered) and this term's running one.

The finished study ran from the 65th to the 16th school day before today, the running one runs from
the 15th school day before today to the 30th after it (by the district's school calendar, so neither
falls in the summer break). Working hours are set for the mental health roles (7:30–15:30; school
nurses 8:00–15:00). The moments are drawn by ``sampling.services.draw`` (as if before each period); the answers are demo
data written in bulk: each role answers after the demo's reflection profiles
(``reflections.demo``) with a little more non-counseling time than people remember, some late,
a few "not working". Moments already past are marked as asked so that the worker does not email
them when the demo starts; the counselor persona keeps a moment open to answer.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from core.bulk import update_rows
from people.models import Access, District, Role, StaffMember
from people.school_calendar import SchoolCalendar, calendar_of
from reflections.demo import PROFILE, PROFILES
from sampling import services
from sampling.models import Moment, NotWorking, RoleHours, Study, WithWhom

HOURS = {"school-nurse": (dt.time(8), dt.time(15))}
DEFAULT_HOURS = (dt.time(7, 30), dt.time(15, 30))
FINISHED_RATE = 0.88
RUNNING_RATE = 0.86
ANSWER_FIELDS = (
    "prompted_at",
    "reminded_at",
    "answered_at",
    "late",
    "working",
    "not_working",
    "task_type",
    "with_whom",
)


def _profile(role: Role) -> dict[str, int]:
    """Percent of working time per task type seed key: the reflections' current column, 4 points more
    non-counseling duties (taken from the largest other type) — sampled time shows what recall smooths."""
    current = {key: values[1] for key, values in PROFILES.get(role.seed_key, (PROFILE, ""))[0].items()}
    largest = max((k for k in current if k != "non-counseling"), key=lambda k: current[k])
    shift = min(4, current[largest])
    current[largest] -= shift
    current["non-counseling"] = current.get("non-counseling", 0) + shift
    return current


def _answer(moments: list[Moment], rng: random.Random, rate: float, profiles: dict, now: dt.datetime) -> None:
    for moment in moments:
        moment.prompted_at = moment.at
        if moment.at + dt.timedelta(minutes=30) > now or rng.random() >= rate:
            if moment.remind_at <= now:
                moment.reminded_at = moment.remind_at
            continue
        late = rng.random() < 0.1
        moment.answered_at = (moment.remind_at if late else moment.at) + dt.timedelta(minutes=rng.randrange(2, 90))
        if moment.answered_at >= moment.expires_at or moment.answered_at > now:
            moment.answered_at = None
            continue
        moment.late = late
        if late:
            moment.reminded_at = moment.remind_at
        if rng.random() < 0.04:
            moment.working = False
            moment.not_working = rng.choice(NotWorking.values)
            continue
        keys, weights = profiles[moment.role_id]
        moment.working = True
        moment.task_type_id = rng.choices(keys, weights=weights)[0]
        moment.with_whom = rng.choice(WithWhom.values)


def build_studies(district: District, rng: random.Random, now: dt.datetime | None = None) -> None:
    """The district's two demo studies (see the module docstring)."""
    from django.utils import timezone

    now = now or timezone.now()
    admin = StaffMember.objects.filter(district=district, access=Access.ADMIN).order_by("pk").first()
    roles = list(Role.objects.active().filter(district=district, is_mental_health=True))
    if admin is None or not roles:
        return
    for role in roles:
        starts, ends = HOURS.get(role.seed_key, DEFAULT_HOURS)
        RoleHours.objects.update_or_create(district=district, role=role, defaults={"starts": starts, "ends": ends})
    categories = dict(district.task_categories.values_list("seed_key", "pk"))
    profiles = {}
    for role in roles:
        shares = [(categories[key], share) for key, share in _profile(role).items() if key in categories and share]
        profiles[role.pk] = ([c for c, _ in shares], [s for _, s in shares])
    today = timezone.localtime(now, district.zone).date()
    calendar = calendar_of(district)
    periods = [  # counted in school days, so that neither study falls in the summer break
        (
            "Last term's time sampling",
            _school_day(calendar, today, -65),
            _school_day(calendar, today, -16),
            FINISHED_RATE,
        ),
        (
            "This term's time sampling",
            _school_day(calendar, today, -15),
            _school_day(calendar, today, 30),
            RUNNING_RATE,
        ),
    ]
    for name, first, last, rate in periods:
        study = services.create_study(
            Study(name=name, first_day=first, last_day=last, margin=5, use_in_planner=False),
            roles=roles,
            schools=[],
            by=admin,
        )
        before = dt.datetime.combine(first - dt.timedelta(days=1), dt.time(12), tzinfo=district.zone)
        services.draw(study, by=admin, seed=rng.randrange(1, 2**62), now=before)
        moments = list(Moment.objects.filter(study=study, at__lte=now))
        _answer(moments, rng, rate, profiles, now)
        store_answers(moments)
        services.publish_results(study, now)  # the finished one's figures; the running one has none yet


def _school_day(calendar: SchoolCalendar, day: dt.date, count: int) -> dt.date:
    """The ``count``-th school day after ``day`` (before it when negative); plain days past two years."""
    step = dt.timedelta(days=1 if count > 0 else -1)
    left = abs(count)
    for _ in range(730):
        if not left:
            return day
        day += step
        left -= calendar.is_school_day(day)
    return day + step * left


def store_answers(moments: list[Moment]) -> None:
    """Store the made-up answers (demo and benchmark data) given to ``moments`` in memory, with one
    prepared UPDATE (``core.bulk``): ``bulk_update`` builds a ``CASE`` per field and row, about 5 ms a
    row here — most of a minute for the demo's 5,000 moments, minutes for the benchmark's 50,000."""
    with transaction.atomic():
        update_rows(Moment, moments, ANSWER_FIELDS).execute()
