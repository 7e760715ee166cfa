"""Demo reflections: several rounds for every mental health staff member of a demo district.

The story the dashboards tell: counselors, social workers and psychologists
would spend about 5% of their week on non-counseling duties (lunch and bus
duty, testing coordination, covering classes), and are asked to spend 25–35%
on them; the share shrinks a little from round to round as action items land.
School nurses and family engagement specialists have profiles of their own
that fit what the demo's matrix lets them do (``roles.demo``): a nurse's week is
mostly physical health care ("Other"), with screening, drop-in visits and
connecting families to resources; a family engagement specialist's is family
outreach, resources and community partnerships. Both report a little lunch
duty and front-office cover (non-counseling duties, marked No for them), which
the planner then moves to someone who may do it. Three rounds of the previous school
year and three of the current one (10 weeks ago, 5 weeks ago, and this week),
about 85% of staff answering each, with barrier kinds, some shared with their
school leader or the district admins. Schools with few staff show the privacy
minimum at work; larger schools, roles and the district pass it.

Written with ``bulk_create`` for speed; every time table adds up to 100% in
both columns, as the form requires.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from decimal import Decimal

from django.utils import timezone

from people.models import Assignment, District, StaffMember
from reflections.figures import school_year_bounds, school_year_of
from reflections.models import Reflection, TimeAllocation

PARTICIPATION = 0.85
# Ideal and current percentages per task type (seed keys), each column adding up to 100.
PROFILE = {
    "assessment": (15, 10),
    "scheduled-support": (30, 14),
    "non-scheduled-support": (15, 10),
    "family-care": (12, 8),
    "staff-support": (10, 7),
    "counseling-admin": (8, 14),
    "non-counseling": (5, 32),
    "other": (5, 5),
}
PSYCHOLOGIST = {  # evaluations crowd out the rest
    "assessment": (30, 34),
    "scheduled-support": (15, 6),
    "non-scheduled-support": (15, 6),
    "family-care": (10, 4),
    "staff-support": (10, 4),
    "counseling-admin": (10, 14),
    "non-counseling": (5, 28),
    "other": (5, 4),
}
NURSE = {  # physical health care ("Other") first; screening, drop-in visits and resources for mental health
    "assessment": (8, 5),
    "scheduled-support": (4, 1),
    "non-scheduled-support": (15, 12),
    "family-care": (10, 8),
    "staff-support": (3, 1),
    "counseling-admin": (3, 3),
    "non-counseling": (2, 8),
    "other": (55, 62),
}
FAMILY_ENGAGEMENT = {  # outreach, resources and partnerships; no assessment, therapy or staff training
    "assessment": (0, 0),
    "scheduled-support": (5, 3),
    "non-scheduled-support": (5, 6),
    "family-care": (60, 44),
    "staff-support": (0, 0),
    "counseling-admin": (20, 22),
    "non-counseling": (2, 10),
    "other": (8, 15),
}
#: Role seed key -> (its profile, the task type its non-counseling time goes back to round by round).
PROFILES: dict[str, tuple[dict[str, tuple[int, int]], str]] = {
    "school-psychologist": (PSYCHOLOGIST, "scheduled-support"),
    "school-nurse": (NURSE, "non-scheduled-support"),
    "family-engagement": (FAMILY_ENGAGEMENT, "family-care"),
}
BARRIER_KINDS = (
    "duties",
    "duties",
    "duties",
    "paperwork",
    "paperwork",
    "space",
    "staffing",
    "role_clarity",
    "training",
)
SUPPORT = (
    "Someone else to cover lunch duty so I can run lunch groups.",
    "A private room to meet students.",
    "Clear guidance on what is and is not part of my role.",
    "Fewer data entry tasks, or a clerk to help with them.",
    "Time protected for small groups each week.",
    "",
)
BARRIERS = (
    "I am scheduled for testing coordination for weeks each term.",
    "I cover classes when there are no substitutes.",
    "Bus and hallway duty take my mornings.",
    "Paperwork for 504 plans takes most of Friday.",
    "I share an office, so students cannot talk privately.",
    "",
)


def demo_rounds(today: dt.date) -> list[dt.date]:
    """September, December and March of last school year, then 10 weeks ago, 5 weeks ago and 3 days ago."""
    start, _end = school_year_bounds(school_year_of(today) - 1)
    last_year = [dt.date(start.year, 9, 16), dt.date(start.year, 12, 9), dt.date(start.year + 1, 3, 10)]
    return last_year + [today - dt.timedelta(weeks=10), today - dt.timedelta(weeks=5), today - dt.timedelta(days=3)]


def profile_of(role_key: str) -> tuple[dict[str, tuple[int, int]], str]:
    """The role's profile (counselors' by default) and where its non-counseling time goes as rounds pass."""
    return PROFILES.get(role_key, (PROFILE, "scheduled-support"))


def jittered(
    pairs: dict[str, tuple[int, int]], rng: random.Random, drift: int, towards: str = "scheduled-support"
) -> dict[str, list[int]]:
    """Move a few points between the task types of the profile in each column, keeping both totals at 100 and
    no value below 0; a task type at 0 in both columns (one the role does not do) stays at 0.

    ``drift`` points of current non-counseling time move to ``towards`` (the rounds' progress).
    """
    values = {key: [ideal, current] for key, (ideal, current) in pairs.items()}
    shift = min(drift, values["non-counseling"][1])
    values["non-counseling"][1] -= shift
    values[towards][1] += shift
    keys = [key for key, (ideal, current) in pairs.items() if ideal or current]
    for column in (0, 1):
        for _ in range(rng.randint(2, 5)):
            giver, taker = rng.sample(keys, 2)
            points = min(rng.randint(1, 4 if column == 0 else 6), values[giver][column])
            values[giver][column] -= points
            values[taker][column] += points
    return values


def make_reflections(
    district: District, rounds: Sequence[dt.date], rng: random.Random, *, participation: float = PARTICIPATION
) -> int:
    """Submitted reflections for the district's mental health staff on each of ``rounds``; returns how many."""
    categories = {c.seed_key: c for c in district.task_categories.filter(retired=False) if c.seed_key in PROFILE}
    if len(categories) != len(PROFILE):
        return 0  # an edited catalogue: the demo's profile no longer fits
    main_school: dict[int, int] = {}
    for staff_id, school_id in (
        Assignment.objects.filter(district=district, staff__role__is_mental_health=True)
        .order_by("staff_id", "-fte", "school_id")
        .values_list("staff_id", "school_id")
    ):
        main_school.setdefault(staff_id, school_id)
    people = list(
        StaffMember.objects.mental_health()
        .filter(district=district)
        .values_list("pk", "role_id", "role__seed_key", "can_log_in")
        .order_by("pk")
    )
    made = 0
    for number, day in enumerate(sorted(rounds)):
        reflections, tables = [], []
        submitted_at = timezone.make_aware(dt.datetime.combine(day, dt.time(15, 30)), district.zone)
        for staff_id, role_id, role_key, can_log_in in people:
            if not can_log_in and rng.random() > participation:
                continue
            profile, towards = profile_of(role_key)
            kinds = sorted(set(rng.sample(BARRIER_KINDS, rng.randint(0, 2))))
            reflections.append(
                Reflection(
                    district=district,
                    author_id=staff_id,
                    role_id=role_id,
                    school_id=main_school.get(staff_id),
                    date=day,
                    support_needed=rng.choice(SUPPORT),
                    barriers=rng.choice(BARRIERS) if kinds else "",
                    barrier_kinds=kinds,
                    status=Reflection.Status.SUBMITTED,
                    submitted_at=submitted_at,
                    share_with_leader=rng.random() < 0.4,
                    share_with_admins=rng.random() < 0.3,
                )
            )
            tables.append(jittered(profile, rng, drift=number + rng.randint(0, 1), towards=towards))
        created = Reflection.objects.bulk_create(reflections, batch_size=2000)
        TimeAllocation.objects.bulk_create(
            (
                TimeAllocation(
                    district=district,
                    reflection_id=reflection.pk,
                    category=categories[key],
                    position=categories[key].position,
                    ideal_percent=Decimal(ideal),
                    current_percent=Decimal(current),
                )
                for reflection, table in zip(created, tables, strict=True)
                for key, (ideal, current) in table.items()
            ),
            batch_size=4000,
        )
        made += len(created)
    return made


def build_demo_reflections(district: District, rng: random.Random) -> None:
    """The demo builder (``people.demo.DEMO_BUILDERS``): six rounds of reflections, then the group figures
    of the quarters that are over."""
    from actions.services import local_today
    from reflections.publication import publish_figures

    make_reflections(district, demo_rounds(local_today(district)), rng)
    publish_figures(district, years=2)
