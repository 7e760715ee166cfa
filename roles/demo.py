"""Demo role definition for each demo district (``people.demo.DEMO_BUILDERS``).

A filled capability matrix: the seed's example for its columns, then plausible answers for the
roles it has no column for (school psychologist, school nurse, family engagement specialist), one
task the district added itself, a school that keeps crisis intervention away from its teachers,
and the glossary with its trainings linked to the tasks and roles they prepare for.
"""

from __future__ import annotations

import random

from people.models import District, School, Task
from people.services import save_catalogue_item
from roles.matrix import EXAMPLE_TASKS
from roles.models import Capability, Training
from roles.services.glossary import fill_glossary, save_training
from roles.services.matrix import load_seed_example, save_cells

Y, N, T = Capability.YES, Capability.NO, Capability.TRAINING

# Role seed key → the tasks (seed keys) answered Yes / With training; every other example task is No.
OTHER_COLUMNS: dict[str, tuple[set[str], set[str]]] = {
    "school-psychologist": (set(EXAMPLE_TASKS), set()),
    "school-nurse": (
        {"screening", "drop-in-support", "connect-resources", "special-populations", "physical-goods"},
        {"tier-1", "crisis-intervention", "family-engagement", "formal-training", "community-partnerships"},
    ),
    "family-engagement": (
        {"connect-resources", "family-engagement", "physical-goods", "community-partnerships"},
        {"tier-1", "drop-in-support", "special-populations", "program-management"},
    ),
}
OWN_TASK = "Check-and-connect mentoring for chronically absent students"
OWN_TASK_COLUMN = {
    "lcsw": Y,
    "other-counselor": Y,
    "school-counselor": Y,
    "school-psychologist": Y,
    "school-nurse": T,
    "family-engagement": Y,
    "administrator": T,
    "para-professional": T,
    "teacher": T,
}
# Training seed key → (task seed keys, role seed keys; none = any role).
TRAINING_LINKS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ymhfa-teachers": (("tier-1", "drop-in-support", "crisis-intervention", "connect-resources"), ("teacher",)),
    "ymhfa-general-staff": (
        ("drop-in-support", "crisis-intervention", "connect-resources", "family-engagement"),
        ("administrator", "para-professional", "family-engagement"),
    ),
    "nctsn-core-teachers": (("tier-1", "special-populations", "coaching"), ("teacher",)),
    "asist-general-staff": (("crisis-intervention",), ()),
    "qpr": (("crisis-intervention", "drop-in-support"), ()),
    "nurses-trauma": (("tier-1", "crisis-intervention"), ("school-nurse",)),
    "edge-coaching": (("coaching", "program-management"), ("administrator", "para-professional")),
}


def build_demo_matrix(district: District, rng: random.Random) -> None:
    """Fill ``district``'s matrix and glossary (deterministic; ``rng`` is not needed)."""
    fill_glossary(district)
    load_seed_example(district, by=None)
    tasks = {task.seed_key: task for task in Task.objects.filter(district=district).exclude(seed_key="")}
    roles = {role.seed_key: role for role in district.roles.exclude(seed_key="")}
    values = {}
    for role_key, (yes, training) in OTHER_COLUMNS.items():
        for task_key in EXAMPLE_TASKS:
            value = Y if task_key in yes else T if task_key in training else N
            values[(tasks[task_key].pk, roles[role_key].pk)] = value
    own = save_catalogue_item(
        Task(district=district, category=district.task_categories.get(seed_key="family-care"), name=OWN_TASK)
    )
    for role_key, value in OWN_TASK_COLUMN.items():
        values[(own.pk, roles[role_key].pk)] = value
    save_cells(district, values, by=None)
    school = School.objects.filter(district=district).order_by("pk").first()
    if school is not None:
        save_cells(district, {(tasks["crisis-intervention"].pk, roles["teacher"].pk): N}, school=school, by=None)
    trainings = {t.seed_key: t for t in Training.objects.filter(district=district)}
    for training_key, (task_keys, role_keys) in TRAINING_LINKS.items():
        save_training(
            trainings[training_key],
            tasks=[tasks[key] for key in task_keys] + ([own] if training_key == "ymhfa-general-staff" else []),
            roles=[roles[key] for key in role_keys],
        )


# --- constrained roles and shift plans (below) ---

import datetime as dt  # noqa: E402 — the shift plans' part of the demo
from decimal import Decimal  # noqa: E402

from django.db.models import Sum  # noqa: E402

from actions.models import Status as ItemStatus  # noqa: E402
from actions.services import change_status, local_today  # noqa: E402
from people.demo import demo_builder  # noqa: E402
from people.models import Access, Assignment, Leadership, StaffMember  # noqa: E402
from roles.models import Audience, RoleLimit, ShiftPlan  # noqa: E402
from roles.services.plans import NeededTraining, Receiving, plan_items, save_plan  # noqa: E402
from roles.services.priorities import (  # noqa: E402
    confirm_constrained_roles,
    set_priority_tasks,
    suggested_priority_tasks,
)

DEMO_SCHEDULING_TRAINING = "Master schedule and student information system training"
#: More priority hours a week each constrained role needs, per FTE of it in the district: about the gap between
#: the ideal and the current time on scheduled support in the demo's reflections (``reflections.demo``), i.e.
#: students waiting for Tier 2/3 groups. Per FTE, so the need grows with the district as the planner spreads it.
PRIORITY_NEED_PER_FTE = {"school-counselor": Decimal(6), "school-psychologist": Decimal(4)}


def demo_priority_need(district: District, role_key: str) -> Decimal:
    """``PRIORITY_NEED_PER_FTE`` of the role × its FTE in the district, to the tenth of an hour."""
    total = Assignment.objects.filter(district=district, staff__role__seed_key=role_key).aggregate(fte=Sum("fte"))
    return (PRIORITY_NEED_PER_FTE[role_key] * (total["fte"] or 0)).quantize(Decimal("0.1"))


def _next_school_year_start(today: dt.date) -> dt.date:
    start = dt.date(today.year, 8, 17)
    return start if start > today else dt.date(today.year + 1, 8, 17)


def build_demo_shift_plans(district: District, rng: random.Random) -> None:
    """School counselors and psychologists confirmed as constrained (their priority hours needed by
    ``PRIORITY_NEED_PER_FTE``), their suggested priority tasks, a limit
    from the teachers' contract, and two shift plans in progress with their action items.

    Runs after ``build_demo_matrix`` (the suggestion and the plans' rules read the filled matrix). Everything
    goes through the services: a plan the matrix refused would fail the demo loudly.
    """
    roles = {role.seed_key: role for role in district.roles.exclude(seed_key="")}
    tasks = {task.seed_key: task for task in Task.objects.filter(district=district).exclude(seed_key="")}
    admin = StaffMember.objects.filter(district=district, access=Access.ADMIN).order_by("pk").first()
    leadership = Leadership.objects.filter(district=district).select_related("staff", "school").order_by("pk").first()
    school = leadership.school if leadership else School.objects.filter(district=district).order_by("pk").first()
    principal = leadership.staff if leadership else admin
    mental_health_lead = (
        StaffMember.objects.filter(district=district, role=roles["school-counselor"], assignments__school=school)
        .order_by("pk")
        .first()
        or admin
    )

    constrained = [(roles[key], True, demo_priority_need(district, key)) for key in PRIORITY_NEED_PER_FTE]
    confirm_constrained_roles(district, constrained, by=admin)
    for role, _, _ in constrained:
        set_priority_tasks(role, suggested_priority_tasks(district, role))

    teachers = roles["teacher"]
    teachers.notes = "Teachers' contract: at most 1 hour a week of non-teaching duties; changes go through the union."
    teachers.save(update_fields=["notes"])
    RoleLimit.objects.get_or_create(
        district=district,
        role=teachers,
        category=district.task_categories.get(seed_key="non-counseling"),
        defaults={"max_hours_per_week": Decimal("1.0"), "source": "the teachers' contract"},
    )

    start = _next_school_year_start(local_today(district))
    family = ShiftPlan(
        district=district,
        school=school,
        task=tasks["family-engagement"],
        from_role=roles["school-counselor"],
        shift_when="Start of next school year",
        shift_on=start,
        communication="Employees informed in summer PD.",
        parent_communication=(
            "Letter home in the back-to-school packet; the para-professionals introduced at the fall open house."
        ),
        staffing=ShiftPlan.Staffing.HIRING,
        hiring_responsible=principal,
        training_needed=True,
        training_responsible=mental_health_lead,
        other_steps="A shared family-contact log, so counselors see what was followed up.",
        workload_note="The two new para-professionals take no lunch or bus duty.",
        status=ShiftPlan.Status.IN_PROGRESS,
        owner=principal,
    )
    ymhfa = Training.objects.get(district=district, seed_key="ymhfa-general-staff")
    save_plan(
        family,
        [Receiving(roles["para-professional"], Decimal(10))],
        trainings=[NeededTraining(ymhfa, 2)],
        by=admin,
        notify=False,
    )

    scheduling, _ = Training.objects.get_or_create(
        district=district,
        audience=Audience.GENERAL_STAFF,
        name=DEMO_SCHEDULING_TRAINING,
        defaults={"format": "In person", "length": "3 hours", "hours": Decimal(3)},
    )
    save_training(scheduling, tasks=[tasks["non-counseling-duties"]], roles=[roles["administrator"]])
    duties = ShiftPlan(
        district=district,
        task=tasks["non-counseling-duties"],
        from_role=roles["school-counselor"],
        shift_when="End of the first semester",
        shift_on=max(start - dt.timedelta(days=60), local_today(district)),
        communication="Principals' meeting in June; a note to every counselor and assistant principal.",
        staffing=ShiftPlan.Staffing.EXISTING,
        training_needed=True,
        training_responsible=admin,
        other_steps="Give assistant principals edit rights in the student information system.",
        workload_note="Assistant principals hand testing coordination to the district assessment office.",
        status=ShiftPlan.Status.IN_PROGRESS,
        owner=admin,
    )
    save_plan(
        duties,
        [Receiving(roles["administrator"], Decimal(4))],
        trainings=[NeededTraining(scheduling, max(1, district.schools.count()))],
        by=admin,
        notify=False,
    )
    for plan in (family, duties):
        started = plan_items(plan).filter(description__startswith=("Train " if plan is duties else "Hire ")).first()
        if started is not None:
            change_status(started, to=ItemStatus.IN_PROGRESS, by=admin)


# Registered here so that it runs after the matrix (registering ``build_demo_matrix`` again is harmless).
demo_builder(build_demo_matrix)
demo_builder(build_demo_shift_plans)


# --- Shift planner ------------------------------------------------------------------------------


def solve_demo_planner_run(district: District, rng: random.Random) -> None:
    """One finished district-wide planner run for Lakeview, with a hiring cost so hires can be proposed."""
    from decimal import Decimal

    from roles.models import PlannerRun
    from roles.planning.runs import create_run, execute_run, save_settings, take_snapshot

    if district.slug != "lakeview" or PlannerRun.objects.filter(district=district).exists():
        return
    save_settings(district, capacities={}, hire_cost_per_fte=Decimal(60000), budget=None, time_limit=30)
    director = district.staff.filter(access="admin").order_by("pk").first()
    run = create_run(district, None, by=director, inputs=take_snapshot(district))
    execute_run(run.pk)


# Last: the run needs the reflections' current time, which the reflections app builds after this app.
demo_builder(solve_demo_planner_run, last=True)
