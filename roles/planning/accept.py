"""Accepted planner moves become draft shift plans (``roles.services.plans.save_plan``).

Moves of the same task away from the same role at the same school become one plan with every
receiving role and its hours (rounded to 0.1 h). A move whose training is in the glossary names it,
for the number of people the run said; a plan that breaks today's rules (e.g. the receiving role is
now marked "No", or its training is not in the glossary) is refused with the rule's message, and the
other plans are still created. Every plan gets the "when" and the owner chosen on the run's page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from people.models import Role, School, StaffMember, Task
from roles.models import PlannerRun, ShiftPlan, Training
from roles.planning import report
from roles.planning.runs import school_plans
from roles.services.plans import NeededTraining, PlanRefused, Receiving, save_plan


@dataclass
class Accepted:
    plans: list[ShiftPlan] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


#: What accepting reads of each chosen school's plan (moves are keyed "<plan position>:<move index>").
ACCEPT_FIELDS = ("moves", "sentences", "trainings")


def accept_moves(
    run: PlannerRun,
    keys: list[str],
    *,
    by: StaffMember,
    owner: StaffMember,
    shift_when: str,
    shift_on: dt.date | None = None,
) -> Accepted:
    """Create a draft shift plan per (school, task, from role) of the chosen moves; say which were refused.

    Each plan is owned by ``owner`` and shifts ``shift_when`` (and on ``shift_on`` if given), so its
    action items have someone to follow them and a date. Reads only the chosen moves' schools of the run."""
    ids = run.inputs.get("ids", {})
    schools_chosen = {int(key.split(":", 1)[0]) for key in keys if re.fullmatch(r"\d{1,9}:\d{1,9}", key)}
    stored = run.schools.filter(plan_position__in=schools_chosen).only("run", "name", "plan_position", *ACCEPT_FIELDS)
    plans = school_plans(stored, ACCEPT_FIELDS)
    chosen = [row for row in report.moves(plans) if row.key in set(keys) and row.acceptable]
    needs = {(t["school"], t["role"], t["task"]): t for t in report.trainings(plans)}
    groups: dict[tuple[str, str, str], list[report.MoveRow]] = defaultdict(list)
    for row in chosen:
        groups[(row.school, row.task, row.from_role or "")].append(row)
    roles = Role.objects.filter(district=run.district, pk__in=ids.get("roles", {}).values()).in_bulk()
    tasks = Task.objects.filter(district=run.district, pk__in=ids.get("tasks", {}).values()).in_bulk()
    schools = School.objects.filter(district=run.district, pk__in=ids.get("schools", {}).values()).in_bulk()
    glossary = Training.objects.filter(district=run.district, pk__in=ids.get("trainings", {}).values()).in_bulk()
    outcome = Accepted()
    for (school_name, task_name, from_name), rows in groups.items():
        task = tasks.get(ids["tasks"].get(task_name))
        from_role = roles.get(ids["roles"].get(from_name))
        if task is None or from_role is None:
            outcome.refused.append(f"{task_name} at {school_name}: the task or role no longer exists.")
            continue
        receiving, needed = [], []
        for row in rows:
            role = roles.get(ids["roles"].get(row.to_role))
            hours = Decimal(str(round(row.hours, 1)))
            if role is None or hours <= 0:
                continue
            receiving.append(Receiving(role, hours))
            training = glossary.get(ids.get("trainings", {}).get(row.training or ""))
            if training is not None:
                need = needs.get((school_name, row.to_role, task_name), {})
                needed.append(NeededTraining(training, max(1, int(need.get("people", 1)))))
        plan = ShiftPlan(
            district=run.district,
            school=schools.get(ids["schools"].get(school_name)),
            task=task,
            from_role=from_role,
            status=ShiftPlan.Status.DRAFT,
            owner=owner,
            shift_when=shift_when,
            shift_on=shift_on,
            training_needed=any(row.training for row in rows),
            other_steps=f"Proposed by shift planner run {run.pk}.",
        )
        try:
            outcome.plans.append(save_plan(plan, receiving, trainings=needed, by=by, notify=False))
        except PlanRefused as refused:
            outcome.refused.append(f"{task_name} at {school_name}: {refused}")
    return outcome
