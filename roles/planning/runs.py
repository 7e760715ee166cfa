"""The ``PlannerRun`` lifecycle: snapshot the inputs, queue the worker, solve, store the result.

A run is created *queued* with a JSON snapshot of its input (``snapshot``); the worker's task
(``roles.tasks.solve_planner_run``) marks it *running*, rebuilds the input from the snapshot (so a run
always solves what it stored, whatever changed since), solves, and stores ``PlanResult.to_dict()``
(*done*) or the error (*failed*). The snapshot also keeps the ids of roles, tasks, schools and
trainings, so accepted moves can become shift plans later, and the number of distinct people of each
role (``people``), so the run page can give hours freed per person for the whole run.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Count

from people.models import Assignment, District, School, StaffMember
from planner import plan
from planner.model import Capability, PlannerInput, SchoolInput, Training, Weights
from roles.models import PlannerRun, PlannerSettings
from roles.planning.adapter import Adapted, build_input

logger = logging.getLogger(__name__)


def _pairs(mapping: dict) -> dict:
    return {f"{a}|{b}": value for (a, b), value in mapping.items()}


def _unpair(mapping: dict) -> dict:
    return {tuple(key.split("|", 1)): value for key, value in mapping.items()}


def snapshot(adapted: Adapted) -> dict:
    """JSON-ready copy of the planner input, with sources and ids."""
    inp = adapted.inp
    return {
        "schools": [
            {
                "name": s.name,
                "fte": s.fte,
                "current": _pairs(s.current),
                "need": s.need,
                "capability": _pairs({k: str(v) for k, v in s.capability.items()}),
                "priority_need": s.priority_need,
                "headcount": s.headcount,
            }
            for s in inp.schools
        ],
        "task_category": inp.task_category,
        "constrained": {role: sorted(tasks) for role, tasks in inp.constrained.items()},
        "capability": _pairs({k: str(v) for k, v in inp.capability.items()}),
        "hours_per_fte": inp.hours_per_fte,
        "receiving_capacity": inp.receiving_capacity,
        "limits": _pairs(inp.limits),
        "trainings": _pairs({k: asdict(v) for k, v in inp.trainings.items()}),
        "hire_cost": inp.hire_cost,
        "budget": inp.budget,
        "time_limit": inp.time_limit,
        "sources": adapted.sources,
        "capacity_sources": adapted.capacity_sources,
        "ids": {
            "roles": adapted.role_ids,
            "tasks": adapted.task_ids,
            "schools": adapted.school_ids,
            "trainings": adapted.training_ids,
        },
    }


def people_by_role(district: District, school: School | None, role_ids: dict[str, int]) -> dict[str, int]:
    """Distinct people of each role in the run (someone shared by two schools counts once). One query."""
    assignments = Assignment.objects.filter(district=district, staff__role_id__in=role_ids.values())
    if school is not None:
        assignments = assignments.filter(school=school)
    counts = dict(
        assignments.values("staff__role_id")
        .annotate(n=Count("staff_id", distinct=True))
        .values_list("staff__role_id", "n")
    )
    return {role: counts[pk] for role, pk in role_ids.items() if counts.get(pk)}


def take_snapshot(district: District, school: School | None = None) -> dict:
    """Today's planner input for the district (or ``school``), as a run stores it."""
    adapted = build_input(district, school)
    return {**snapshot(adapted), "people": people_by_role(district, school, adapted.role_ids)}


def input_from(data: dict) -> PlannerInput:
    """The ``PlannerInput`` a snapshot describes."""
    schools = [
        SchoolInput(
            name=s["name"],
            fte=s["fte"],
            current=_unpair(s["current"]),
            need=s.get("need", {}),
            capability={k: Capability(v) for k, v in _unpair(s["capability"]).items()},
            priority_need=s.get("priority_need", {}),
            headcount=s.get("headcount", {}),
        )
        for s in data["schools"]
    ]
    return PlannerInput(
        schools=schools,
        task_category=data["task_category"],
        constrained={role: frozenset(tasks) for role, tasks in data["constrained"].items()},
        capability={k: Capability(v) for k, v in _unpair(data["capability"]).items()},
        hours_per_fte=data["hours_per_fte"],
        receiving_capacity=data["receiving_capacity"],
        limits=_unpair(data["limits"]),
        trainings={k: Training(**v) for k, v in _unpair(data["trainings"]).items()},
        hire_cost=data["hire_cost"],
        budget=data["budget"],
        weights=Weights(),
        time_limit=data["time_limit"],
    )


def save_settings(
    district: District,
    *,
    capacities: dict[str, float],
    hire_cost_per_fte: Decimal | None,
    budget: Decimal | None,
    time_limit: int,
) -> PlannerSettings:
    """Save the district's planner settings (capacities by role id; empty ones use the defaults)."""
    settings, _created = PlannerSettings.objects.update_or_create(
        district=district,
        defaults={
            "receiving_capacity": capacities,
            "hire_cost_per_fte": hire_cost_per_fte,
            "budget": budget,
            "time_limit": time_limit,
        },
    )
    return settings


def start_run(district: District, school: School | None, *, by: StaffMember | None) -> PlannerRun:
    """Snapshot today's inputs into a queued run, and queue the worker once the run is committed."""
    from roles.tasks import solve_planner_run

    run = PlannerRun.objects.create(
        district=district,
        school=school,
        created_by=by,
        inputs=take_snapshot(district, school),
        progress="Waiting for the worker.",
    )
    transaction.on_commit(lambda: solve_planner_run.enqueue(run.pk))
    return run


def execute_run(run_id: int) -> str:
    """Solve a queued run (the worker's task). Returns the run's final status; never raises on bad inputs."""
    run = PlannerRun.objects.filter(pk=run_id, status=PlannerRun.Status.QUEUED).first()
    if run is None:
        return "skipped"
    schools = len(run.inputs.get("schools", []))
    run.status, run.progress = PlannerRun.Status.RUNNING, f"Solving for {schools} school{'s' * (schools != 1)}…"
    run.save(update_fields=["status", "progress"])
    started = time.perf_counter()
    try:
        result = plan(input_from(run.inputs))
    except Exception:  # a bug in the planner must not leave the run "running" for ever
        logger.exception("Planner run %s failed", run.pk)
        run.status, run.progress = PlannerRun.Status.FAILED, "The planner stopped with an error; it has been logged."
    else:
        run.result = result.to_dict()
        run.status, run.progress = PlannerRun.Status.DONE, result.label
    run.seconds = round(time.perf_counter() - started, 3)
    run.save(update_fields=["status", "progress", "result", "seconds"])
    return run.status
