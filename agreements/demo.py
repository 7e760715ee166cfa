"""Demo agreements (``people.demo.LAST_DEMO_BUILDERS``: after the reflections and the check-ins' meetings).

At the principal's school, for this school year: the counselor's agreement signed by both, with a time goal
measured from their reflections and a program goal whose progress was recorded at the school check-in's
past meetings; the psychologist's signed by them and awaiting the principal; the social worker's signed,
then changed (a second version awaiting both signatures: "re-opened"); the other mental health staff's as
drafts. At the other schools with a leader, agreements in every state with a goal each, on track or
behind, for the district's figures.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from agreements import goals, services
from agreements.models import Agreement, Goal
from agreements.rules import year_of
from checkins.models import Meeting
from people.demo import COUNSELOR, PRINCIPAL, PSYCHOLOGIST, SOCIAL_WORKER
from people.models import Assignment, District, Leadership, StaffMember, TaskCategory

OTHER_SCHOOLS = 12  # schools besides the principal's that get agreements (bounded: the demo also runs at 1,800)

PROGRAM_GOALS = (
    ("Raise attendance of the check-and-connect group", "Average daily attendance of the group (%)", 82, 90),
    ("Every grade 5 student has a transition meeting", "Students met (%)", 10, 100),
    ("Fewer repeat office referrals among Tier 2 students", "Repeat referrals a month", 24, 12),
    ("Run the small-group program for anxious students", "Students served", 0, 24),
)


def build_demo_agreements(district: District, rng: random.Random) -> None:
    people = {
        s.email: s
        for s in StaffMember.objects.filter(
            district=district, email__in=(PRINCIPAL, COUNSELOR, PSYCHOLOGIST, SOCIAL_WORKER)
        )
    }
    principal = people.get(PRINCIPAL)
    home = Leadership.objects.filter(staff=principal).select_related("school").first() if principal else None
    if principal is None or home is None:
        return
    today = timezone.localtime(timezone.now(), district.zone).date()
    year = year_of(today)
    start, end = goals.school_year_span(_stub(district, year))
    baseline_on = min(start + dt.timedelta(days=21), today)
    due_on = min(dt.date(year + 1, 3, 1), end)
    direct = list(TaskCategory.objects.filter(district=district, service_kind="direct").active())
    school = home.school

    counselor = people.get(COUNSELOR)
    if counselor is not None and _works_at(counselor, school):
        agreement = _agreement(counselor, school, year, principal, caseload=430)
        _time_goal(agreement, principal, direct, baseline_on, due_on)
        program = _program_goal(agreement, principal, PROGRAM_GOALS[0], baseline_on, due_on)
        _sign(agreement, counselor, principal)
        meetings = Meeting.objects.filter(series__school=school, status=Meeting.Status.CLOSED).order_by("starts_at")
        for n, meeting in enumerate(meetings[:3]):
            day = timezone.localtime(meeting.starts_at, district.zone).date()
            goals.record_progress(
                program,
                by=principal,
                on=day,
                value=Decimal(83 + 2 * n),
                note="Mentors meet the group weekly.",
                meeting=meeting,
            )
    psychologist = people.get(PSYCHOLOGIST)
    if psychologist is not None and _works_at(psychologist, school):
        agreement = _agreement(psychologist, school, year, principal, caseload=1100)
        _program_goal(agreement, psychologist, PROGRAM_GOALS[2], baseline_on, due_on)
        services.send_for_review(agreement, by=psychologist)
        services.sign(agreement, by=psychologist, seen=None)  # awaiting the principal
    worker = people.get(SOCIAL_WORKER)
    if worker is not None and _works_at(worker, school):
        agreement = _agreement(worker, school, year, principal, caseload=1200)
        _program_goal(agreement, worker, PROGRAM_GOALS[3], baseline_on, due_on)
        _sign(agreement, worker, principal)
        shares = dict(agreement.shares.values_list("category_id", "percent"))
        services.save_agreement(
            agreement,
            by=principal,
            seen=None,
            fields={"caseload": 1350, "availability": "Mondays and Thursdays"},
            shares=shares,
        )  # re-opened: version 2 awaits both signatures
        services.add_comment(agreement, by=worker, text="Thursdays work; the caseload grew with the new wing.")
    taken = {p.pk for p in people.values()}
    for staff in _mental_health_at(school).exclude(pk__in=taken)[:3]:
        _agreement(staff, school, year, principal)  # drafts

    others = Leadership.objects.filter(district=district).exclude(school=school).select_related("school", "staff")
    for n, leadership in enumerate(others.order_by("school__name")[:OTHER_SCHOOLS]):
        for staff in _mental_health_at(leadership.school).exclude(pk=leadership.staff_id)[:2]:
            if Agreement.objects.filter(staff=staff, year=year).exists():
                continue
            agreement = _agreement(staff, leadership.school, year, leadership.staff, caseload=rng.randint(300, 500))
            template = PROGRAM_GOALS[rng.randrange(len(PROGRAM_GOALS))]
            goal = _program_goal(agreement, staff, template, baseline_on, due_on)
            state = (n + rng.randrange(2)) % 4
            if state >= 1:
                services.send_for_review(agreement, by=staff)
                services.sign(agreement, by=staff, seen=None)
            if state >= 2:
                services.sign(agreement, by=leadership.staff, seen=None)
            if state >= 2 and today > baseline_on:
                low, high = template[2], template[3]
                pace = rng.choice((Decimal("0.2"), Decimal("0.8")))  # behind, or on track
                value = Decimal(low) + (Decimal(high) - Decimal(low)) * pace
                goals.record_progress(
                    goal, by=staff, on=today - dt.timedelta(days=7), value=value.quantize(Decimal("0.1"))
                )


def _stub(district: District, year: int) -> Agreement:
    return Agreement(district=district, year=year)


def _works_at(staff: StaffMember, school) -> bool:
    return Assignment.objects.filter(staff=staff, school=school).exists()


def _mental_health_at(school):
    return StaffMember.objects.filter(assignments__school=school, role__is_mental_health=True).order_by("name")


def _agreement(staff: StaffMember, school, year: int, leader: StaffMember, *, caseload: int | None = None) -> Agreement:
    agreement = services.start_agreement(staff=staff, school=school, year=year, by=staff)
    shares = dict(agreement.shares.values_list("category_id", "percent"))
    services.save_agreement(
        agreement,
        by=staff,
        seen=None,
        fields={
            "leader": leader,
            "caseload": caseload,
            "responsibilities": "Tier 2 and 3 support; crisis response; the school's mental health team.",
            "duties_removed": "Lunch supervision and testing coordination move to the assistant principal.",
            "availability": "Monday to Friday, 7:45 to 3:45",
        },
        shares=shares,
    )
    return agreement


def _time_goal(agreement: Agreement, by: StaffMember, direct, baseline_on: dt.date, due_on: dt.date) -> Goal:
    return goals.save_goal(
        agreement,
        None,
        by=by,
        seen=None,
        data={
            "kind": Goal.Kind.TIME,
            "statement": "Direct services from 51% to 70% of the week",
            "indicator": "Share of working time on direct services (%)",
            "baseline": Decimal(51),
            "baseline_on": baseline_on,
            "target": Decimal(70),
            "due_on": due_on,
            "owner": agreement.staff,
        },
        categories=direct,
    )


def _program_goal(agreement: Agreement, by: StaffMember, template, baseline_on: dt.date, due_on: dt.date) -> Goal:
    statement, indicator, baseline, target = template
    return goals.save_goal(
        agreement,
        None,
        by=by,
        seen=None,
        data={
            "kind": Goal.Kind.PROGRAM,
            "statement": statement,
            "indicator": indicator,
            "baseline": Decimal(baseline),
            "baseline_on": baseline_on,
            "target": Decimal(target),
            "due_on": due_on,
            "owner": agreement.staff,
        },
    )


def _sign(agreement: Agreement, staff: StaffMember, leader: StaffMember) -> None:
    services.send_for_review(agreement, by=staff)
    services.sign(agreement, by=staff, seen=None)
    services.sign(agreement, by=leader, seen=None)
