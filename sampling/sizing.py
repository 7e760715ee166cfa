"""Before drawing: who takes part, their working hours, the school days, and how many moments each role needs.

:func:`plan_study` reads the district's records (a fixed number of queries) and
says everything the study page shows before anything is drawn, including every
problem that would stop the draw. The arithmetic is ``sampling.stats``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from people.models import Assignment, Role, StaffMember
from people.school_calendar import SchoolCalendar, calendar_of
from sampling import stats
from sampling.draw import Stratum, Worker, working_minutes
from sampling.models import PersonHours, RoleHours, Study
from sampling.school_days import school_days

SHOWN_NAMES = 5


def minutes_of(time: dt.time) -> int:
    """Minutes after midnight: 7:30 is 450."""
    return time.hour * 60 + time.minute


def clock(minutes: int) -> str:
    """``clock(450)`` is "7:30"."""
    return f"{minutes // 60}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Person:
    staff_id: int
    name: str
    role_id: int
    school_id: int | None
    starts: int | None
    ends: int | None


@dataclass
class RolePlan:
    """A role's participants, working minutes and the moments it needs (``needed``) and gets (``drawn``)."""

    role_id: int
    name: str
    people: int = 0
    minutes: int = 0
    share: Fraction = stats.WORST_CASE
    needed: int = 0
    drawn: int = 0

    @property
    def per_person(self) -> float:
        """Moments each person answers on average."""
        return self.drawn / self.people if self.people else 0.0


@dataclass
class Plan:
    days: list[dt.date]
    roles: list[RolePlan]
    people: list[Person]
    problems: list[str] = field(default_factory=list)
    calendar: SchoolCalendar = field(default_factory=SchoolCalendar)  # the district's, read for the plan

    @property
    def needed(self) -> int:
        return sum(r.needed for r in self.roles)

    @property
    def drawn(self) -> int:
        return sum(r.drawn for r in self.roles)

    @property
    def minutes(self) -> int:
        return sum(r.minutes for r in self.roles)

    def strata(self) -> list[Stratum]:
        """What the draw takes: each role's people (by staff id) with their hours, and its moments."""
        workers: dict[int, list[Worker]] = defaultdict(list)
        for person in sorted(self.people, key=lambda p: p.staff_id):
            if person.starts is not None and person.ends is not None:
                workers[person.role_id].append(Worker(person.staff_id, person.starts, person.ends))
        return [Stratum(r.role_id, workers[r.role_id], r.drawn) for r in self.roles if r.drawn]


def participants(study: Study) -> list[Person]:
    """The staff of the study's roles at its schools (every school when none is chosen), each with a main
    school (their largest FTE among those schools) and working hours (their own, else their role's)."""
    role_ids = list(study.roles.values_list("pk", flat=True))
    school_ids = set(study.schools.values_list("pk", flat=True))
    role_hours = {
        role_id: (minutes_of(s), minutes_of(e))
        for role_id, s, e in RoleHours.objects.filter(role_id__in=role_ids).values_list("role_id", "starts", "ends")
    }
    staff = StaffMember.objects.filter(district_id=study.district_id, role_id__in=role_ids)
    own_hours = {
        staff_id: (minutes_of(s), minutes_of(e))
        for staff_id, s, e in PersonHours.objects.filter(staff__in=staff).values_list("staff_id", "starts", "ends")
    }
    main_school: dict[int, int] = {}
    assignments = Assignment.objects.filter(staff__in=staff).values_list("staff_id", "school_id", "fte")
    for staff_id, school_id, _fte in assignments.order_by("staff_id", "-fte", "school_id"):
        if school_ids and school_id not in school_ids:
            continue
        main_school.setdefault(staff_id, school_id)
    people = []
    for staff_id, name, role_id in staff.order_by("pk").values_list("pk", "name", "role_id"):
        if school_ids and staff_id not in main_school:
            continue
        starts, ends = own_hours.get(staff_id) or role_hours.get(role_id) or (None, None)
        people.append(Person(staff_id, name, role_id, main_school.get(staff_id), starts, ends))
    return people


def plan_study(study: Study, *, last_shares: dict[int, list[float]] | None = None) -> Plan:
    """Everything about the draw before it happens, and each problem that would stop it.

    ``last_shares`` are a previous study's shares per role (task type shares, 0..1) to size with
    (``stats.planning_share``); without them each role is sized for the worst case, 50%.
    """
    calendar = calendar_of(study.district_id)
    days = school_days(study.first_day, study.last_day, calendar.is_school_day)
    people = participants(study)
    role_names = dict(Role.objects.filter(pk__in=study.roles.all()).values_list("pk", "name"))
    plan = Plan(days, [], people, calendar=calendar)
    if not days:
        plan.problems.append(
            f"The period from {study.first_day:%B %-d, %Y} to {study.last_day:%B %-d, %Y} has no school days "
            f"({days_off(calendar, study.first_day, study.last_day)}): see the district's school calendar."
        )
    without_hours = [p.name for p in people if p.starts is None]
    if without_hours:
        names = ", ".join(sorted(without_hours)[:SHOWN_NAMES])
        more = len(without_hours) - SHOWN_NAMES
        plan.problems.append(
            f"{len(without_hours)} {'person has' if len(without_hours) == 1 else 'people have'} no working hours: "
            f"{names}{f' and {more} more' if more > 0 else ''}. Set their role's hours or their own."
        )
    if not people:
        plan.problems.append("Nobody works in the chosen roles at the chosen schools.")
    margin = Fraction(study.margin, 100)
    by_role: dict[int, list[Person]] = defaultdict(list)
    for person in people:
        by_role[person.role_id].append(person)
    for role_id, name in sorted(role_names.items(), key=lambda item: item[1]):
        members = by_role.get(role_id, [])
        workers = [Worker(p.staff_id, p.starts, p.ends) for p in members if p.starts is not None and p.ends is not None]
        role = RolePlan(role_id, name, people=len(members), minutes=working_minutes(workers, len(days)))
        role.share = stats.planning_share((last_shares or {}).get(role_id, []))
        if members:
            role.needed = stats.moments_needed(margin, study.confidence, role.share)
            role.drawn = stats.with_oversampling(role.needed, study.oversampling)
            if days and not without_hours and role.drawn > role.minutes:
                plan.problems.append(
                    f"{name}: ±{study.margin} points needs {role.drawn:,} moments, but its {role.people} "
                    f"{'person has' if role.people == 1 else 'people have'} only {role.minutes:,} working minutes "
                    "in the period. Ask for less precision or choose a longer period."
                )
        plan.roles.append(role)
    return plan


def days_off(calendar: SchoolCalendar, first: dt.date, last: dt.date) -> str:
    """Why the days from ``first`` to ``last`` are not school days, each reason once, in order.

    >>> from people.school_calendar import Span
    >>> winter = Span(dt.date(2026, 12, 21), dt.date(2027, 1, 1), "Winter break")
    >>> days_off(SchoolCalendar(closures=(winter,)), dt.date(2026, 12, 19), dt.date(2026, 12, 23))
    'a weekend, Winter break'
    """
    reasons: dict[str, None] = {}
    day = first
    while day <= last and len(reasons) < SHOWN_NAMES:
        if reason := calendar.why_not(day):
            reasons.setdefault(reason)
        day += dt.timedelta(days=1)
    return ", ".join(reasons)
